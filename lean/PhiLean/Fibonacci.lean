/-
Fibonacci and Lucas numbers, and the powers of φ and ψ = 1 - φ in ℤ[φ].
Lean 4 core only.
-/
import PhiLean.Golden

namespace PhiLean

/-- Fibonacci numbers: F 0 = 0, F 1 = 1, F (n+2) = F n + F (n+1). -/
def fib : Nat → Nat
  | 0 => 0
  | 1 => 1
  | n + 2 => fib n + fib (n + 1)

/-- Lucas numbers: L 0 = 2, L 1 = 1, L (n+2) = L n + L (n+1). -/
def lucas : Nat → Nat
  | 0 => 2
  | 1 => 1
  | n + 2 => lucas n + lucas (n + 1)

/-- ψ = 1 - φ = (1 - √5)/2, the conjugate root of x² = x + 1. -/
def psi : Golden := Golden.mk 1 (-1)

/-- S6: the seeds F 17 .. F 21 are 1597, 2584, 4181, 6765, 10946.
Coq twin: Fibonacci.fib_17_to_21. -/
theorem fib_17_to_21 :
    fib 17 = 1597 ∧ fib 18 = 2584 ∧ fib 19 = 4181 ∧ fib 20 = 6765 ∧ fib 21 = 10946 := by
  first | decide | exact ⟨rfl, rfl, rfl, rfl, rfl⟩

/-- Helper: multiplying a + b·φ by ψ gives (a - b) - a·φ. -/
theorem mul_psi (a b : Int) : Golden.mul (Golden.mk a b) psi = Golden.mk (a - b) (-a) := by
  apply Golden.ext_ab
  · show a * 1 + b * (-1) = a - b
    omega
  · show a * (-1) + b * 1 + b * (-1) = -a
    omega

/-- S6: φ^(n+1) = F(n+1)·φ + F(n), that is φ^n = F(n)·φ + F(n-1) for n ≥ 1.
Coq twin: Fibonacci.phi_pow_fib. -/
theorem phi_pow_fib (n : Nat) :
    Golden.pow phi (n + 1) = Golden.mk (fib n : Int) (fib (n + 1) : Int) := by
  induction n with
  | zero => first | decide | rfl
  | succ k ih =>
    have step : Golden.pow phi (k + 1 + 1) = Golden.mul (Golden.pow phi (k + 1)) phi := rfl
    rw [step, ih, mul_phi]
    have hf : fib (k + 1 + 1) = fib k + fib (k + 1) := rfl
    apply Golden.ext_ab
    · rfl
    · show (fib k : Int) + (fib (k + 1) : Int) = (fib (k + 1 + 1) : Int)
      omega

/-- Helper: ψ^(n+1) = F(n+2) - F(n+1)·φ. -/
theorem psi_pow_fib (n : Nat) :
    Golden.pow psi (n + 1) = Golden.mk (fib (n + 2) : Int) (-(fib (n + 1) : Int)) := by
  induction n with
  | zero => first | decide | rfl
  | succ k ih =>
    have step : Golden.pow psi (k + 1 + 1) = Golden.mul (Golden.pow psi (k + 1)) psi := rfl
    rw [step, ih, mul_psi]
    have hf : fib (k + 1 + 2) = fib (k + 1) + fib (k + 2) := rfl
    have hg : fib (k + 1 + 1) = fib (k + 2) := rfl
    apply Golden.ext_ab
    · show (fib (k + 2) : Int) - (-(fib (k + 1) : Int)) = (fib (k + 1 + 2) : Int)
      omega
    · show -(fib (k + 2) : Int) = -(fib (k + 1 + 1) : Int)
      omega

/-- Helper: L(n+1) = F(n) + F(n+2), together with the next index, by induction. -/
theorem lucas_succ_pair (n : Nat) :
    lucas (n + 1) = fib n + fib (n + 2) ∧ lucas (n + 2) = fib (n + 1) + fib (n + 3) := by
  induction n with
  | zero => first | decide | rfl
  | succ k ih =>
    show lucas (k + 2) = fib (k + 1) + fib (k + 3) ∧ lucas (k + 3) = fib (k + 2) + fib (k + 4)
    have l3 : lucas (k + 3) = lucas (k + 1) + lucas (k + 2) := rfl
    have f2 : fib (k + 2) = fib k + fib (k + 1) := rfl
    have f4 : fib (k + 4) = fib (k + 2) + fib (k + 3) := rfl
    omega

/-- S6: L(n+1) = F(n) + F(n+2). Coq twin: Fibonacci.lucas_fib. -/
theorem lucas_eq_fib_add_fib (n : Nat) : lucas (n + 1) = fib n + fib (n + 2) :=
  (lucas_succ_pair n).1

/-- S6: the Lucas identity φ^n + ψ^n = L(n), with ψ = 1 - φ = -1/φ.
Coq twin: Fibonacci.lucas_identity. -/
theorem phi_pow_add_psi_pow_eq_lucas (n : Nat) :
    Golden.add (Golden.pow phi n) (Golden.pow psi n) = Golden.ofInt (lucas n : Int) := by
  cases n with
  | zero => first | decide | rfl
  | succ k =>
    rw [phi_pow_fib k, psi_pow_fib k]
    have hl : lucas (k + 1) = fib k + fib (k + 2) := lucas_eq_fib_add_fib k
    apply Golden.ext_ab
    · show (fib k : Int) + (fib (k + 2) : Int) = (lucas (k + 1) : Int)
      omega
    · show (fib (k + 1) : Int) + (-(fib (k + 1) : Int)) = 0
      omega

end PhiLean
