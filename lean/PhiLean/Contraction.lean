/-
The contraction factor of the damped relaxation, without real analysis.

The relaxation Φ(z) = z + ε·(x - (1 + c)·z + G(z)) with an L-Lipschitz G has contraction factor
ρ = |1 - ε·(1 + c)| + ε·L, and for ε > 0
  ρ < 1  iff  L < 1 + c  and  ε·(1 + c + L) < 2.
Over the rationals write ε = p/q, 1 + c = K/r, L = M/r with q, r > 0 and D = q·r; multiplying
by D > 0 turns ρ < 1 into |D - p·K| + p·M < D, L < 1 + c into M < K, and ε·(1 + c + L) < 2
into p·(K + M) < 2·D. The integer statement below is that equivalence.
Lean 4 core only.
-/
import PhiLean.EulerStability

namespace PhiLean

/-- |z| on the integers. -/
def iabs (z : Int) : Int := if 0 ≤ z then z else -z

/-- Helper, the scaled form: for p > 0, |D - p·K| + p·M < D iff M < K and p·(K + M) < 2·D. -/
theorem rho_lt_one_iff_scaled (D p K M : Int) (hp : 0 < p) :
    iabs (D - p * K) + p * M < D ↔ M < K ∧ p * (K + M) < 2 * D := by
  have hs : p * (M - K) < 0 ↔ M - K < 0 := mul_neg_iff_of_pos hp
  have h1 : p * (M - K) = p * M - p * K := Int.mul_sub p M K
  have h2 : p * (K + M) = p * K + p * M := Int.mul_add p K M
  by_cases hz : 0 ≤ D - p * K
  · have ha : iabs (D - p * K) = D - p * K := by
      first | exact if_pos hz | (unfold iabs; exact if_pos hz) | simp [iabs, hz]
    omega
  · have ha : iabs (D - p * K) = -(D - p * K) := by
      first | exact if_neg hz | (unfold iabs; exact if_neg hz) | simp [iabs, hz]
    omega

/-- E3: with ε = p/q, 1 + c = K/r, L = M/r (p, q, r > 0), ρ = |1 - ε·(1 + c)| + ε·L < 1
(times q·r) iff L < 1 + c and ε·(1 + c + L) < 2 (times q·r). Coq twin: Contraction.rho_lt_1_iff. -/
theorem rho_lt_one_iff_rat (p q r K M : Int) (hp : 0 < p) :
    iabs (q * r - p * K) + p * M < q * r ↔ M < K ∧ p * (K + M) < 2 * (q * r) :=
  rho_lt_one_iff_scaled (q * r) p K M hp

end PhiLean
