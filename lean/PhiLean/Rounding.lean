/-
round(φ³) = 4 through integer squares.

φ³ = 1 + 2·φ = 2 + √5, and 2 + √5 lies in [3.5, 4.5) because 2.25 ≤ 5 < 6.25. Without real
numbers, comparisons with a square root are stated through squares of integers:
  c ≤ √m  iff  c ≤ 0 or c·c ≤ m,        √m < c  iff  0 < c and m < c·c      (for m ≥ 0).
For x = a + b·φ with b ≥ 0 we have 2x = 2a + b + √(5·b·b), so x rounds to n (half up),
n - 1/2 ≤ x < n + 1/2, iff 2n - 1 - 2a - b ≤ √(5·b·b) < 2n + 1 - 2a - b.
Lean 4 core only.
-/
import PhiLean.Golden

namespace PhiLean

/-- `LeSqrt c m`: c ≤ √m, for integers c and m ≥ 0. -/
def LeSqrt (c m : Int) : Prop := c ≤ 0 ∨ c * c ≤ m

/-- `SqrtLt m c`: √m < c, for integers m ≥ 0 and c. -/
def SqrtLt (m c : Int) : Prop := 0 < c ∧ m < c * c

instance (c m : Int) : Decidable (LeSqrt c m) :=
  inferInstanceAs (Decidable (c ≤ 0 ∨ c * c ≤ m))

instance (m c : Int) : Decidable (SqrtLt m c) :=
  inferInstanceAs (Decidable (0 < c ∧ m < c * c))

/-- `RoundsTo x n`: for x = a + b·φ with b ≥ 0, n - 1/2 ≤ x < n + 1/2. -/
def RoundsTo (x : Golden) (n : Int) : Prop :=
  LeSqrt (2 * n - 1 - 2 * x.a - x.b) (5 * (x.b * x.b)) ∧
    SqrtLt (5 * (x.b * x.b)) (2 * n + 1 - 2 * x.a - x.b)

instance (x : Golden) (n : Int) : Decidable (RoundsTo x n) :=
  inferInstanceAs (Decidable (LeSqrt (2 * n - 1 - 2 * x.a - x.b) (5 * (x.b * x.b)) ∧
    SqrtLt (5 * (x.b * x.b)) (2 * n + 1 - 2 * x.a - x.b)))

/-- Helper: d ≤ √m < c forces d < c. -/
theorem lt_of_leSqrt_of_sqrtLt {c d m : Int} (h₁ : LeSqrt d m) (h₂ : SqrtLt m c) : d < c := by
  have h₁' : d ≤ 0 ∨ d * d ≤ m := h₁
  have h₂' : 0 < c ∧ m < c * c := h₂
  have hc : 0 < c := h₂'.1
  have hm : m < c * c := h₂'.2
  by_cases hdc : d < c
  · exact hdc
  · have h3 : 0 ≤ (d - c) * (d + c) := Int.mul_nonneg (by omega) (by omega)
    have h4 : (d - c) * (d + c) = d * (d + c) - c * (d + c) := Int.sub_mul d c (d + c)
    have h5 : d * (d + c) = d * d + d * c := Int.mul_add d d c
    have h6 : c * (d + c) = c * d + c * c := Int.mul_add c d c
    have h7 : c * d = d * c := Int.mul_comm c d
    omega

/-- Helper: rounding is unique, x rounds to at most one integer. -/
theorem RoundsTo.unique {x : Golden} {n n' : Int} (h : RoundsTo x n) (h' : RoundsTo x n') :
    n = n' := by
  have h1 : 2 * n - 1 - 2 * x.a - x.b < 2 * n' + 1 - 2 * x.a - x.b :=
    lt_of_leSqrt_of_sqrtLt (And.left h) (And.right h')
  have h2 : 2 * n' - 1 - 2 * x.a - x.b < 2 * n + 1 - 2 * x.a - x.b :=
    lt_of_leSqrt_of_sqrtLt (And.left h') (And.right h)
  omega

/-- Helper: 3 ≤ √20 < 5, that is 2.25 ≤ 5 < 6.25 (1.5 ≤ √5 < 2.5). -/
theorem sqrt_20_bounds : LeSqrt 3 20 ∧ SqrtLt 20 5 := by
  first | decide | (unfold LeSqrt SqrtLt; decide)

/-- S3: φ³ = 2 + √5 lies in [3.5, 4.5). Coq twin: PhiBasics.phi_cube_round_bounds. -/
theorem phi_cube_rounds_to_4 : RoundsTo (Golden.pow phi 3) 4 := by
  first | decide | (unfold RoundsTo LeSqrt SqrtLt; decide)

/-- S3: round(φ³) = 4, and 4 is the only integer φ³ rounds to.
Coq twin: PhiBasics.phi_cube_round_eq_4. -/
theorem phi_cube_round_eq_4 (n : Int) : RoundsTo (Golden.pow phi 3) n ↔ n = 4 := by
  constructor
  · intro h
    exact RoundsTo.unique h phi_cube_rounds_to_4
  · intro h
    subst h
    exact phi_cube_rounds_to_4

end PhiLean
