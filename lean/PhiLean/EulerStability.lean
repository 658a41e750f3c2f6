/-
Explicit and backward Euler for one eigenvalue μ = a + i·b of the Jacobian, without real analysis.

Explicit Euler multiplies the mode by 1 + ε·μ, and |1 + ε·μ|² = (1 + ε·a)² + (ε·b)². Expanding,
  (1 + ε·a)² + (ε·b)² - 1 = ε·(ε·(a² + b²) + 2·a),
so for ε > 0 the step is stable, |1 + ε·μ| < 1, iff ε·(a² + b²) < -2·a, that is
ε < ε_crit = -2a/(a² + b²) (which needs a < 0). Backward Euler multiplies by 1/(1 - h·μ), and
  (1 - h·a)² + (h·b)² - 1 = h·(h·(a² + b²) - 2·a),
so for h > 0 it contracts, |1 - h·μ| > 1, iff 2·a < h·(a² + b²), in particular whenever a < 0.
The statements hold over the integers, and over the rationals written with a common
denominator: ε = p/q, a = x/r, b = y/r with q, r > 0 (see `euler_multiplier_lt_one_iff_rat`).
Lean 4 core only: the algebra is done by instantiating ring lemmas of `Int` and letting
`omega` combine them linearly, treating products of variables as atoms.
-/
namespace PhiLean

/-- Helper: (s + t)·(s + t) = s·s + 2·(s·t) + t·t. -/
theorem sq_add (s t : Int) : (s + t) * (s + t) = s * s + 2 * (s * t) + t * t := by
  have h1 : (s + t) * (s + t) = s * (s + t) + t * (s + t) := Int.add_mul s t (s + t)
  have h2 : s * (s + t) = s * s + s * t := Int.mul_add s s t
  have h3 : t * (s + t) = t * s + t * t := Int.mul_add t s t
  have h4 : t * s = s * t := Int.mul_comm t s
  omega

/-- Helper: (p·x)·(p·x) = p·(p·(x·x)). -/
theorem mul_self_mul_self (p x : Int) : (p * x) * (p * x) = p * (p * (x * x)) := by
  have h1 : (p * x) * (p * x) = p * (x * (p * x)) := Int.mul_assoc p x (p * x)
  have h2 : x * (p * x) = p * (x * x) := Int.mul_left_comm x p x
  have h3 : p * (x * (p * x)) = p * (p * (x * x)) := congrArg (fun (t : Int) => p * t) h2
  omega

/-- Helper: b·b ≥ 0. -/
theorem int_mul_self_nonneg (b : Int) : 0 ≤ b * b := by
  by_cases hb : 0 ≤ b
  · exact Int.mul_nonneg hb hb
  · have h1 : 0 ≤ (-b) * (-b) := Int.mul_nonneg (by omega) (by omega)
    have h2 : (-b) * (-b) = b * b := Int.neg_mul_neg b b
    omega

/-- Helper: for p > 0, p·q < 0 iff q < 0. -/
theorem mul_neg_iff_of_pos {p q : Int} (hp : 0 < p) : p * q < 0 ↔ q < 0 := by
  have hn : p * (-q) = -(p * q) := Int.mul_neg p q
  constructor
  · intro h
    by_cases hq : q < 0
    · exact hq
    · have h0 : 0 ≤ p * q := Int.mul_nonneg (by omega) (by omega)
      omega
  · intro h
    have h0 : 0 < p * (-q) := Int.mul_pos hp (by omega)
    omega

/-- Helper: for p > 0, 0 < p·q iff 0 < q. -/
theorem mul_pos_iff_of_pos {p q : Int} (hp : 0 < p) : 0 < p * q ↔ 0 < q := by
  have hn : p * (-q) = -(p * q) := Int.mul_neg p q
  constructor
  · intro h
    by_cases hq : 0 < q
    · exact hq
    · have h0 : 0 ≤ p * (-q) := Int.mul_nonneg (by omega) (by omega)
      omega
  · intro h
    exact Int.mul_pos hp h

/-- Helper, the expansion: (D + p·x)² + (p·y)² - D² = p·(p·(x² + y²) + 2·x·D). -/
theorem euler_identity (D p x y : Int) :
    (D + p * x) * (D + p * x) + (p * y) * (p * y) - D * D =
      p * (p * (x * x + y * y) + (x * D + x * D)) := by
  have e1 : (D + p * x) * (D + p * x) = D * D + 2 * (D * (p * x)) + (p * x) * (p * x) :=
    sq_add D (p * x)
  have e2 : (p * x) * (p * x) = p * (p * (x * x)) := mul_self_mul_self p x
  have e3 : (p * y) * (p * y) = p * (p * (y * y)) := mul_self_mul_self p y
  have e4 : D * (p * x) = p * x * D := Int.mul_comm D (p * x)
  have e5 : p * x * D = p * (x * D) := Int.mul_assoc p x D
  have e6 : p * (p * (x * x + y * y) + (x * D + x * D)) =
      p * (p * (x * x + y * y)) + p * (x * D + x * D) :=
    Int.mul_add p (p * (x * x + y * y)) (x * D + x * D)
  have e7 : p * (x * D + x * D) = p * (x * D) + p * (x * D) := Int.mul_add p (x * D) (x * D)
  have e8 : p * (x * x + y * y) = p * (x * x) + p * (y * y) := Int.mul_add p (x * x) (y * y)
  have e9 : p * (p * (x * x + y * y)) = p * (p * (x * x) + p * (y * y)) :=
    congrArg (fun (t : Int) => p * t) e8
  have e10 : p * (p * (x * x) + p * (y * y)) = p * (p * (x * x)) + p * (p * (y * y)) :=
    Int.mul_add p (p * (x * x)) (p * (y * y))
  omega

/-- Helper, the scaled form: for p > 0,
(D + p·x)² + (p·y)² < D² iff p·(x² + y²) < -2·x·D. -/
theorem euler_scaled (D p x y : Int) (hp : 0 < p) :
    (D + p * x) * (D + p * x) + (p * y) * (p * y) < D * D ↔
      p * (x * x + y * y) < -2 * x * D := by
  have hid := euler_identity D p x y
  have e11 : -2 * x * D = -2 * (x * D) := Int.mul_assoc (-2) x D
  have hs : p * (p * (x * x + y * y) + (x * D + x * D)) < 0 ↔
      p * (x * x + y * y) + (x * D + x * D) < 0 := mul_neg_iff_of_pos hp
  omega

/-- E1: for ε > 0 and an eigenvalue a + i·b, the Euler multiplier satisfies
(1 + ε·a)² + (ε·b)² < 1 iff ε·(a² + b²) < -2·a (over the integers).
Coq twin: EulerStability.euler_multiplier_lt_1_iff. -/
theorem euler_multiplier_lt_one_iff (e a b : Int) (he : 0 < e) :
    (1 + e * a) * (1 + e * a) + (e * b) * (e * b) < 1 ↔ e * (a * a + b * b) < -2 * a := by
  have h := euler_scaled 1 e a b he
  have h1 : -2 * a * 1 = -2 * a := Int.mul_one (-2 * a)
  omega

/-- E1: the same over the rationals: with ε = p/q, a = x/r, b = y/r and p, q, r > 0,
|1 + ε·(a + i·b)|² < 1 (times (q·r)²) iff ε·(a² + b²) < -2·a (times q·r²).
Coq twin: EulerStability.euler_multiplier_lt_1_iff. -/
theorem euler_multiplier_lt_one_iff_rat (p q r x y : Int) (hp : 0 < p) :
    (q * r + p * x) * (q * r + p * x) + (p * y) * (p * y) < (q * r) * (q * r) ↔
      p * (x * x + y * y) < -2 * x * (q * r) :=
  euler_scaled (q * r) p x y hp

/-- E1: for ε > 0 and a ≥ 0 no explicit step is stable: (1 + ε·a)² + (ε·b)² ≥ 1.
Coq twin: EulerStability.euler_unstable_if_re_nonneg. -/
theorem euler_unstable_if_re_nonneg (e a b : Int) (he : 0 < e) (ha : 0 ≤ a) :
    1 ≤ (1 + e * a) * (1 + e * a) + (e * b) * (e * b) := by
  have hid := euler_identity 1 e a b
  have haa : 0 ≤ a * a := int_mul_self_nonneg a
  have hbb : 0 ≤ b * b := int_mul_self_nonneg b
  have hq : 0 ≤ e * (a * a + b * b) := Int.mul_nonneg (by omega) (by omega)
  have hp : 0 ≤ e * (e * (a * a + b * b) + (a * 1 + a * 1)) :=
    Int.mul_nonneg (by omega) (by omega)
  omega

/-- E2: for h > 0 the backward step contracts, |1/(1 - h·μ)| < 1, that is
(1 - h·a)² + (h·b)² > 1, iff 2·a < h·(a² + b²).
Coq twin: EulerStability.backward_euler_contracts_iff. -/
theorem backward_euler_contracts_iff (h a b : Int) (hh : 0 < h) :
    1 < (1 - h * a) * (1 - h * a) + (h * b) * (h * b) ↔ 2 * a < h * (a * a + b * b) := by
  have hx : 1 - h * a = 1 + h * (-a) := by
    have hn : h * (-a) = -(h * a) := Int.mul_neg h a
    omega
  rw [hx]
  have hid := euler_identity 1 h (-a) b
  have hsq : (-a) * (-a) = a * a := Int.neg_mul_neg a a
  rw [hsq] at hid
  have hs : 0 < h * (h * (a * a + b * b) + ((-a) * 1 + (-a) * 1)) ↔
      0 < h * (a * a + b * b) + ((-a) * 1 + (-a) * 1) := mul_pos_iff_of_pos hh
  omega

/-- E2: for h > 0 and a < 0 the backward step contracts: (1 - h·a)² + (h·b)² > 1.
Coq twin: EulerStability.backward_euler_stable_re_neg. -/
theorem backward_euler_stable_re_neg (h a b : Int) (hh : 0 < h) (ha : a < 0) :
    1 < (1 - h * a) * (1 - h * a) + (h * b) * (h * b) := by
  have haa : 0 ≤ a * a := int_mul_self_nonneg a
  have hbb : 0 ≤ b * b := int_mul_self_nonneg b
  have hq : 0 ≤ h * (a * a + b * b) := Int.mul_nonneg (by omega) (by omega)
  exact (backward_euler_contracts_iff h a b hh).2 (by omega)

end PhiLean
