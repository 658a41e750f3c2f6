/-
The nudged Jacobian: with A = (J - Jᵀ)/2, J - 2·A = Jᵀ, over integer n×n matrices.
A need not have integer entries, so A enters through 2·A = J - Jᵀ.
Lean 4 core only.
-/
namespace PhiLean

/-- n×n integer matrices, as functions of (row, column). -/
abbrev Mat (n : Nat) : Type := Fin n → Fin n → Int

/-- The transpose Mᵀ. -/
def Mat.transpose {n : Nat} (M : Mat n) : Mat n := fun i j => M j i

/-- The difference M - N. -/
def Mat.sub {n : Nat} (M N : Mat n) : Mat n := fun i j => M i j - N i j

/-- The multiple c·M. -/
def Mat.smul {n : Nat} (c : Int) (M : Mat n) : Mat n := fun i j => c * M i j

/-- E5: if 2·A = J - Jᵀ then J - 2·A = Jᵀ.
Coq twin: RelaxationIdentities.nudged_jacobian_eq_transpose. -/
theorem nudged_jacobian_eq_transpose {n : Nat} (J A : Mat n)
    (hA : Mat.smul 2 A = Mat.sub J (Mat.transpose J)) :
    Mat.sub J (Mat.smul 2 A) = Mat.transpose J := by
  funext i j
  have h : Mat.smul 2 A i j = Mat.sub J (Mat.transpose J) i j := by rw [hA]
  have h' : 2 * A i j = J i j - J j i := h
  show J i j - 2 * A i j = J j i
  omega

/-- E5: J - (J - Jᵀ) = Jᵀ, the same identity with 2·A written out.
Coq twin: RelaxationIdentities.nudged_jacobian_eq_transpose. -/
theorem sub_antisymm_part_eq_transpose {n : Nat} (J : Mat n) :
    Mat.sub J (Mat.sub J (Mat.transpose J)) = Mat.transpose J := by
  funext i j
  show J i j - (J i j - J j i) = J j i
  omega

end PhiLean
