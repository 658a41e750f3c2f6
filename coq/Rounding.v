(** Rounding half up through the integer part: Int_part (x + 1/2) is z exactly when
    z - 1/2 <= x < z + 1/2, and it is always within 1/2 of x. *)
From Coq Require Import Reals Lra ZArith.
Open Scope R_scope.

(** Int_part x = z whenever z <= x < z + 1. *)
Lemma Int_part_of_bounds : forall x z, IZR z <= x < IZR z + 1 -> Int_part x = z.
Proof.
  intros x z [Hlo Hhi]. unfold Int_part.
  rewrite <- (tech_up x (z + 1)); [ring| |]; rewrite plus_IZR; simpl; lra.
Qed.

(** Rounding half up gives an integer within 1/2 of x. *)
Lemma round_half_up_nearest : forall x, Rabs (x - IZR (Int_part (x + 1 / 2))) <= 1 / 2.
Proof.
  intros x. destruct (base_Int_part (x + 1 / 2)) as [Hlo Hhi]. apply Rabs_le. lra.
Qed.
