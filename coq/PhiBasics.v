(** The golden ratio phi = (1 + sqrt 5)/2 and its algebraic identities. *)
From Coq Require Import Reals Lra Lia.
Open Scope R_scope.

(** The golden ratio, as a real number. *)
Definition phi : R := (1 + sqrt 5) / 2.

Lemma sqrt5_sq : sqrt 5 * sqrt 5 = 5.
Proof. apply sqrt_sqrt; lra. Qed.

Lemma sqrt5_gt_2 : 2 < sqrt 5.
Proof.
  rewrite <- (sqrt_square 2) by lra.
  apply sqrt_lt_1_alt; lra.
Qed.

Lemma sqrt5_lt_9_4 : sqrt 5 < 9 / 4.
Proof.
  rewrite <- (sqrt_square (9/4)) by lra.
  apply sqrt_lt_1_alt; lra.
Qed.

(** phi is positive (in fact phi > 3/2). *)
Lemma phi_gt_3_2 : 3 / 2 < phi.
Proof. unfold phi; pose proof sqrt5_gt_2; lra. Qed.

Lemma phi_pos : 0 < phi.
Proof. pose proof phi_gt_3_2; lra. Qed.

Lemma phi_neq_0 : phi <> 0.
Proof. pose proof phi_pos; lra. Qed.

(** W1: phi^2 = phi + 1. *)
Theorem phi_sq_eq_phi_add_one : phi ^ 2 = phi + 1.
Proof. unfold phi; pose proof sqrt5_sq; nra. Qed.

(** W4: 1/phi = phi - 1 (so lambda* = 1/phi = 0.618...). *)
Theorem inv_phi_eq_phi_sub_one : / phi = phi - 1.
Proof.
  pose proof phi_sq_eq_phi_add_one; pose proof phi_neq_0.
  field_simplify_eq; [nra | assumption].
Qed.

(** S1: phi^2 + phi^-2 = 3. *)
Theorem phi_sq_add_inv_phi_sq_eq_3 : phi ^ 2 + / phi ^ 2 = 3.
Proof.
  rewrite <- pow_inv, inv_phi_eq_phi_sub_one. pose proof phi_sq_eq_phi_add_one. nra.
Qed.

(** phi^3 = 2 + sqrt 5. *)
Theorem phi_cube_eq : phi ^ 3 = 2 + sqrt 5.
Proof.
  replace (phi ^ 3) with (phi * phi ^ 2) by ring.
  rewrite phi_sq_eq_phi_add_one. unfold phi. pose proof sqrt5_sq. nra.
Qed.

(** phi^-3 = sqrt 5 - 2. *)
Theorem inv_phi_cube_eq : / phi ^ 3 = sqrt 5 - 2.
Proof.
  rewrite phi_cube_eq. pose proof sqrt5_sq; pose proof sqrt5_gt_2.
  field_simplify_eq; nra.
Qed.

(** S3: 3.5 <= phi^3 < 4.5, so phi^3 rounds to 4. *)
Theorem phi_cube_round_bounds : 7 / 2 <= phi ^ 3 < 9 / 2.
Proof. rewrite phi_cube_eq; pose proof sqrt5_gt_2; pose proof sqrt5_lt_9_4; lra. Qed.

(** S3: round(phi^3) = 4, stated as floor(phi^3 + 1/2) = 4. *)
Theorem phi_cube_round_eq_4 : Int_part (phi ^ 3 + 1 / 2) = 4%Z.
Proof.
  pose proof phi_cube_round_bounds as [Hlo Hhi].
  unfold Int_part. rewrite <- (tech_up (phi ^ 3 + 1 / 2) 5); [reflexivity | |];
  simpl; lra.
Qed.

(** sqrt 5 is irrational: it is not p/q for integers p and q <> 0. *)
Theorem sqrt5_irrational : forall p q : Z, q <> 0%Z -> sqrt 5 <> IZR p / IZR q.
Proof.
  intros p q Hq H.
  assert (Hq0 : IZR q <> 0) by (apply not_0_IZR; assumption).
  assert (Hp : IZR p = sqrt 5 * IZR q) by (rewrite H; field; assumption).
  assert (Hsq : IZR p * IZR p = 5 * (IZR q * IZR q)).
  { rewrite Hp. pose proof sqrt5_sq. nra. }
  rewrite <- !mult_IZR in Hsq. apply eq_IZR in Hsq.
  (* 5 is not a ratio of squares: descent on the 5-adic valuation. *)
  assert (Hz : forall n : nat, forall a b : Z, (Z.abs b <= Z.of_nat n)%Z -> b <> 0%Z ->
            (a * a <> 5 * (b * b))%Z).
  { induction n as [|n IH]; intros a b Hb Hb0 Hab.
    - lia.
    - assert (Ha5 : (a mod 5 = 0)%Z).
      { assert (Hm : ((a * a) mod 5 = 0)%Z)
          by (rewrite Hab, Z.mul_comm; apply Z.mod_mul; lia).
        rewrite Z.mul_mod in Hm by lia.
        assert (Hr : (0 <= a mod 5 < 5)%Z) by (apply Z.mod_pos_bound; lia).
        destruct (a mod 5)%Z as [|r|r]; [reflexivity| |lia].
        assert (Hc : r = 1%positive \/ r = 2%positive \/ r = 3%positive \/ r = 4%positive) by lia.
        destruct Hc as [-> | [-> | [-> | ->]]]; discriminate Hm. }
      apply Z.mod_divide in Ha5 as [a' Ha']; [|lia]. subst a.
      assert (Hb' : (b * b = 5 * (a' * a'))%Z) by lia.
      assert (Ha0 : a' <> 0%Z) by (intro Ha0; subst a'; nia).
      assert (Hlt : (Z.abs a' <= Z.of_nat n)%Z).
      { assert (Z.abs a' * Z.abs a' * 5 = Z.abs b * Z.abs b)%Z by nia.
        assert (0 < Z.abs a')%Z by lia. nia. }
      exact (IH b a' Hlt Ha0 Hb'). }
  apply (Hz (Z.to_nat (Z.abs q)) p q); [lia | assumption | assumption].
Qed.
