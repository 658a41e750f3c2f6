(** Inequalities of the natural logarithm: the tangent bounds ln y <= y - 1 and
    1 - 1/x <= ln x (strict away from 1), its sign on (0, 1), and ln of a quotient. *)
From Coq Require Import Reals Lra.
Open Scope R_scope.

(** ln y <= y - 1 on (0, oo). *)
Lemma ln_le_sub_one : forall y, 0 < y -> ln y <= y - 1.
Proof.
  intros y Hy. pose proof (exp_ineq1_le (ln y)) as H. rewrite exp_ln in H by exact Hy. lra.
Qed.

(** ln y < y - 1 on (0, oo) away from y = 1. *)
Lemma ln_lt_sub_one : forall y, 0 < y -> y <> 1 -> ln y < y - 1.
Proof.
  intros y Hy H1. assert (Hn : ln y <> 0).
  { intro H0. apply H1. rewrite <- (exp_ln y Hy), H0. apply exp_0. }
  pose proof (exp_ineq1 (ln y) Hn) as H. rewrite exp_ln in H by exact Hy. lra.
Qed.

(** ln x >= 1 - 1/x for x > 0 (ln y <= y - 1 at y = 1/x). *)
Lemma ln_ge_1_sub_inv : forall x, 0 < x -> 1 - / x <= ln x.
Proof.
  intros x Hx. pose proof (ln_le_sub_one (/ x) (Rinv_0_lt_compat x Hx)) as H.
  rewrite ln_Rinv in H by exact Hx. lra.
Qed.

(** ln x > 1 - 1/x for x > 0, x <> 1. *)
Lemma ln_gt_1_sub_inv : forall x, 0 < x -> x <> 1 -> 1 - / x < ln x.
Proof.
  intros x Hx H1. assert (Hi : / x <> 1) by (intro E; apply H1; rewrite <- (Rinv_inv x), E; apply Rinv_1).
  pose proof (ln_lt_sub_one (/ x) (Rinv_0_lt_compat x Hx) Hi) as H.
  rewrite ln_Rinv in H by exact Hx. lra.
Qed.

(** ln is negative on (0, 1). *)
Lemma ln_neg : forall x, 0 < x < 1 -> ln x < 0.
Proof. intros x Hx. rewrite <- ln_1. apply ln_increasing; lra. Qed.

(** ln is non-positive on (0, 1]. *)
Lemma ln_nonpos : forall x, 0 < x <= 1 -> ln x <= 0.
Proof.
  intros x Hx. destruct (Req_dec x 1) as [-> | E]; [rewrite ln_1; lra |].
  left. apply ln_neg. lra.
Qed.

(** ln (x / y) = ln x - ln y for positive x and y. *)
Lemma ln_div_pos : forall x y, 0 < x -> 0 < y -> ln (x / y) = ln x - ln y.
Proof.
  intros x y Hx Hy. unfold Rdiv. rewrite ln_mult, ln_Rinv; try lra.
  apply Rinv_0_lt_compat; exact Hy.
Qed.

(** x ln x <= 0 on (0, 1]. *)
Lemma xlnx_nonpos : forall x, 0 < x <= 1 -> x * ln x <= 0.
Proof. intros x Hx. pose proof (ln_nonpos x Hx). nra. Qed.
