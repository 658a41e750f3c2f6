(** alpha_phi = phi^-3/2, the Golden Sunflowers learning-rate constant. *)
From Coq Require Import Reals Lra.
From Phi Require Import PhiBasics Constants.
Open Scope R_scope.

(** S2: alpha_phi = (sqrt 5 - 2)/2. *)
Theorem alpha_phi_eq : alpha_phi = (sqrt 5 - 2) / 2.
Proof. unfold alpha_phi. rewrite <- inv_phi_cube_eq. field. apply phi_neq_0. Qed.

(** S2: alpha_phi * phi^3 = 1/2. *)
Theorem alpha_phi_mul_phi_cube : alpha_phi * phi ^ 3 = 1 / 2.
Proof.
  unfold alpha_phi. pose proof phi_neq_0.
  field. assumption.
Qed.

