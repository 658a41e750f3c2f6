/-
The golden ring ℤ[φ]: numbers a + b·φ with integer coefficients, where φ² = φ + 1.

Read φ as the real number (1 + √5)/2: the element ⟨a, b⟩ stands for a + b·(1 + √5)/2.
Multiplication follows from φ² = φ + 1:
  (a + b·φ)(c + d·φ) = (a·c + b·d) + (a·d + b·c + b·d)·φ.
Identities between concrete elements are equalities of integer pairs, closed by `decide`.
Lean 4 core only.
-/
namespace PhiLean

/-- The element a + b·φ of ℤ[φ]. -/
structure Golden where
  a : Int
  b : Int
  deriving DecidableEq, Repr

namespace Golden

/-- The integer n, as n + 0·φ. -/
def ofInt (n : Int) : Golden := Golden.mk n 0

/-- 1 = 1 + 0·φ. -/
def one : Golden := Golden.mk 1 0

/-- Sum, coefficient by coefficient. -/
def add (x y : Golden) : Golden := Golden.mk (x.a + y.a) (x.b + y.b)

/-- Difference, coefficient by coefficient. -/
def sub (x y : Golden) : Golden := Golden.mk (x.a - y.a) (x.b - y.b)

/-- Integer multiple c·x. -/
def smul (c : Int) (x : Golden) : Golden := Golden.mk (c * x.a) (c * x.b)

/-- Product, using φ² = φ + 1. -/
def mul (x y : Golden) : Golden :=
  Golden.mk (x.a * y.a + x.b * y.b) (x.a * y.b + x.b * y.a + x.b * y.b)

/-- Natural power: x^0 = 1, x^(n+1) = x^n · x. -/
def pow (x : Golden) : Nat → Golden
  | 0 => one
  | n + 1 => mul (pow x n) x

/-- Helper: two elements with equal coefficients are equal. -/
theorem ext_ab {x y : Golden} (ha : x.a = y.a) (hb : x.b = y.b) : x = y := by
  cases x with
  | mk xa xb =>
    cases y with
    | mk ya yb =>
      have h1 : xa = ya := ha
      have h2 : xb = yb := hb
      subst h1
      subst h2
      rfl

end Golden

/-- φ = 0 + 1·φ. -/
def phi : Golden := Golden.mk 0 1

/-- φ⁻¹ = -1 + 1·φ (that it is the inverse of φ is `phi_mul_phiInv` below). -/
def phiInv : Golden := Golden.mk (-1) 1

/-- Helper: multiplying a + b·φ by φ gives b + (a + b)·φ. -/
theorem mul_phi (a b : Int) : Golden.mul (Golden.mk a b) phi = Golden.mk b (a + b) := by
  apply Golden.ext_ab
  · show a * 0 + b * 1 = b
    omega
  · show a * 1 + b * 0 + b * 1 = a + b
    omega

/-- W1: φ² = φ + 1. Coq twin: PhiBasics.phi_sq_eq_phi_add_one. -/
theorem phi_sq_eq_phi_add_one : Golden.pow phi 2 = Golden.add phi Golden.one := by
  first | decide | rfl

/-- W4: φ · φ⁻¹ = 1 for φ⁻¹ = -1 + φ. Coq twin: PhiBasics.inv_phi_eq_phi_sub_one. -/
theorem phi_mul_phiInv : Golden.mul phi phiInv = Golden.one := by
  first | decide | rfl

/-- W4: φ · (φ - 1) = 1. Coq twin: PhiBasics.inv_phi_eq_phi_sub_one. -/
theorem phi_mul_phi_sub_one : Golden.mul phi (Golden.sub phi Golden.one) = Golden.one := by
  first | decide | rfl

/-- W4: φ⁻¹ = φ - 1, and it is the only y with φ · y = 1.
Coq twin: PhiBasics.inv_phi_eq_phi_sub_one. -/
theorem inv_phi_eq_phi_sub_one (y : Golden) (h : Golden.mul phi y = Golden.one) :
    y = Golden.sub phi Golden.one := by
  have ha : 0 * y.a + 1 * y.b = 1 := by
    first
    | exact congrArg Golden.a h
    | (have h' := congrArg Golden.a h; simp only [Golden.mul, phi, Golden.one] at h'; omega)
  have hb : 0 * y.b + 1 * y.a + 1 * y.b = 0 := by
    first
    | exact congrArg Golden.b h
    | (have h' := congrArg Golden.b h; simp only [Golden.mul, phi, Golden.one] at h'; omega)
  apply Golden.ext_ab
  · show y.a = 0 - 1
    omega
  · show y.b = 1 - 0
    omega

/-- Helper: φ⁻² = 2 - φ. -/
theorem phiInv_sq_eq : Golden.pow phiInv 2 = Golden.mk 2 (-1) := by
  first | decide | rfl

/-- S1: φ² + φ⁻² = 3. Coq twin: PhiBasics.phi_sq_add_inv_phi_sq_eq_3. -/
theorem phi_sq_add_inv_phi_sq_eq_3 :
    Golden.add (Golden.pow phi 2) (Golden.pow phiInv 2) = Golden.ofInt 3 := by
  first | decide | rfl

/-- S3: φ³ = 1 + 2·φ, that is 2 + √5. Coq twin: PhiBasics.phi_cube_eq. -/
theorem phi_cube_eq : Golden.pow phi 3 = Golden.mk 1 2 := by
  first | decide | rfl

/-- S2: φ⁻³ = 2·φ - 3, that is √5 - 2. Coq twin: PhiBasics.inv_phi_cube_eq. -/
theorem inv_phi_cube_eq :
    Golden.pow phiInv 3 = Golden.sub (Golden.smul 2 phi) (Golden.ofInt 3) := by
  first | decide | rfl

/-- Numbers x/2 with x in ℤ[φ], stored as x; enough to hold α_φ = φ⁻³/2. -/
structure Half where
  twice : Golden
  deriving DecidableEq, Repr

/-- The product (x/2) · y = (x · y)/2. -/
def Half.mulGolden (h : Half) (y : Golden) : Half := Half.mk (Golden.mul h.twice y)

/-- 1/2. -/
def Half.oneHalf : Half := Half.mk Golden.one

/-- α_φ = φ⁻³/2 (twice α_φ is φ⁻³). -/
def alphaPhi : Half := Half.mk (Golden.pow phiInv 3)

/-- S2: α_φ = (√5 - 2)/2, that is twice α_φ is -3 + 2·φ. Coq twin: AlphaPhi.alpha_phi_eq. -/
theorem alpha_phi_eq : alphaPhi.twice = Golden.mk (-3) 2 := by
  first | decide | rfl

/-- S2: α_φ · φ³ = 1/2. Coq twin: AlphaPhi.alpha_phi_mul_phi_cube. -/
theorem alpha_phi_mul_phi_cube :
    Half.mulGolden alphaPhi (Golden.pow phi 3) = Half.oneHalf := by
  first | decide | rfl

/-- S2: 2 · α_φ · φ³ = 1. Coq twin: AlphaPhi.alpha_phi_mul_phi_cube. -/
theorem two_alpha_phi_mul_phi_cube :
    Golden.mul alphaPhi.twice (Golden.pow phi 3) = Golden.one := by
  first | decide | rfl

end PhiLean
