(** The termwise Gibbs inequality: the tangent gaps of x ln x and of -ln are non-negative and
    vanish only at the point of tangency; p ln p with 0 ln 0 = 0, and its sign on [0, 1]. *)
From Coq Require Import Reals Lra.
From Phi Require Import LnFacts.
Open Scope R_scope.

(** x ln x, extended by 0 at x <= 0 (the convention 0 ln 0 = 0). *)
Definition plogp (x : R) : R := if Rle_dec x 0 then 0 else x * ln x.

(** On (0, oo), plogp x is x ln x. *)
Lemma plogp_pos : forall x, 0 < x -> plogp x = x * ln x.
Proof. intros x Hx. unfold plogp. destruct (Rle_dec x 0); [lra | reflexivity]. Qed.

(** p ln p <= 0 on [0, 1]. *)
Lemma plogp_nonpos : forall x, 0 <= x <= 1 -> plogp x <= 0.
Proof.
  intros x Hx. unfold plogp. destruct (Rle_dec x 0); [lra|]. apply xlnx_nonpos. lra.
Qed.

(** On [0, 1], p ln p = 0 exactly at p = 0 and p = 1. *)
Lemma plogp_eq_0_iff : forall x, 0 <= x <= 1 -> (plogp x = 0 <-> x = 0 \/ x = 1).
Proof.
  intros x Hx. unfold plogp. split.
  - destruct (Rle_dec x 0); [lra|]. intros H.
    destruct (Req_dec x 1) as [|H1]; [right; assumption|].
    pose proof (ln_neg x ltac:(lra)). nra.
  - intros [H|H]; rewrite H; destruct (Rle_dec _ 0); try lra. rewrite ln_1. ring.
Qed.

(** The tangent gap of -ln at a0: -ln a - (-ln a0 + 1 - a/a0). *)
Definition gap_neg_ln (a0 a : R) : R := - ln a - (- ln a0 + 1 - a / a0).

(** The tangent gap of x ln x in the Gibbs form: x ln x - (x ln q - q + x). *)
Definition gap_xlnx (q x : R) : R := x * ln x - (x * ln q - q + x).

(** The -ln tangent gap is non-negative. *)
Lemma gap_neg_ln_nonneg : forall a0 a, 0 < a0 -> 0 < a -> 0 <= gap_neg_ln a0 a.
Proof.
  intros a0 a H0 H. unfold gap_neg_ln.
  assert (Hq : 0 < a / a0) by (apply Rdiv_lt_0_compat; lra).
  pose proof (ln_le_sub_one _ Hq) as Hl. rewrite ln_div_pos in Hl by lra. lra.
Qed.

(** A ratio of two different numbers is not 1. *)
Lemma div_ne_1 : forall a b, 0 < b -> a <> b -> a / b <> 1.
Proof.
  intros a b Hb E E1. apply E. apply (Rmult_eq_reg_r (/ b)); [| apply Rinv_neq_0_compat; lra].
  unfold Rdiv in E1. rewrite E1. field. lra.
Qed.

(** The -ln tangent gap vanishes only at a = a0. *)
Lemma gap_neg_ln_zero : forall a0 a, 0 < a0 -> 0 < a -> gap_neg_ln a0 a = 0 -> a = a0.
Proof.
  intros a0 a H0 H Hg. destruct (Req_dec a a0) as [E | E]; [exact E | exfalso].
  assert (Hq : 0 < a / a0) by (apply Rdiv_lt_0_compat; lra).
  assert (Hne : a / a0 <> 1) by (apply div_ne_1; lra).
  pose proof (ln_lt_sub_one _ Hq Hne) as Hl. rewrite ln_div_pos in Hl by lra.
  unfold gap_neg_ln in Hg. lra.
Qed.

(** The x ln x (Gibbs) gap is non-negative. *)
Lemma gap_xlnx_nonneg : forall q x, 0 < q -> 0 < x -> 0 <= gap_xlnx q x.
Proof.
  intros q x Hq Hx. unfold gap_xlnx.
  assert (Hr : 0 < q / x) by (apply Rdiv_lt_0_compat; lra).
  pose proof (ln_le_sub_one _ Hr) as Hl. rewrite ln_div_pos in Hl by lra.
  apply Rmult_le_compat_l with (r := x) in Hl; [| lra].
  replace (x * (q / x - 1)) with (q - x) in Hl by (field; lra). nra.
Qed.

(** The x ln x (Gibbs) gap vanishes only at x = q. *)
Lemma gap_xlnx_zero : forall q x, 0 < q -> 0 < x -> gap_xlnx q x = 0 -> x = q.
Proof.
  intros q x Hq Hx Hg. destruct (Req_dec x q) as [E | E]; [exact E | exfalso].
  assert (Hr : 0 < q / x) by (apply Rdiv_lt_0_compat; lra).
  assert (Hne : q / x <> 1) by (apply div_ne_1; lra).
  pose proof (ln_lt_sub_one _ Hr Hne) as Hl. rewrite ln_div_pos in Hl by lra.
  apply Rmult_lt_compat_l with (r := x) in Hl; [| lra].
  replace (x * (q / x - 1)) with (q - x) in Hl by (field; lra).
  unfold gap_xlnx in Hg. nra.
Qed.

(** The Gibbs gap at q = 1/n, for p ln p: p ln n + p ln p - (p - 1/n). *)
Lemma gap_xlnx_inv : forall n x, 0 < n -> 0 < x ->
  gap_xlnx (/ n) x = x * ln n + plogp x - (x - / n).
Proof.
  intros n x Hn Hx. unfold gap_xlnx. rewrite plogp_pos, ln_Rinv by assumption. ring.
Qed.

(** Gibbs, termwise: p ln n + p ln p >= p - 1/n for every p >= 0 and n > 0. *)
Lemma gibbs_term : forall n x, 0 < n -> 0 <= x -> x * ln n + plogp x >= x - / n.
Proof.
  intros n x Hn Hx. pose proof (Rinv_0_lt_compat n Hn).
  destruct (Req_dec x 0) as [-> | Hx0].
  - unfold plogp. destruct (Rle_dec 0 0); lra.
  - pose proof (gap_xlnx_nonneg (/ n) x ltac:(lra) ltac:(lra)) as G.
    rewrite gap_xlnx_inv in G by lra. lra.
Qed.

(** Gibbs, termwise equality case: equality forces p = 1/n. *)
Lemma gibbs_term_eq : forall n x, 0 < n -> 0 <= x -> x * ln n + plogp x = x - / n -> x = / n.
Proof.
  intros n x Hn Hx H. pose proof (Rinv_0_lt_compat n Hn) as Hi.
  destruct (Req_dec x 0) as [-> | Hx0].
  - unfold plogp in H. destruct (Rle_dec 0 0); lra.
  - apply gap_xlnx_zero; [lra | lra |]. rewrite gap_xlnx_inv by lra. lra.
Qed.
