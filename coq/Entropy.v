(** Shannon entropy of a probability vector on n points and the VDI = H / ln n of an
    attention row (claim V1), and the closed form behind the published VDI "equilibrium"
    0.611992 (claim V2): the mean over the 6 query rows of uniform causal attention, each
    normalised by ln 6. *)
From Coq Require Import Reals Lra Lia.
From Interval Require Import Tactic.
From Phi Require Import Sums Gibbs Shannon.
Open Scope R_scope.

(** * Entropy *)

(** p is a probability vector on the n points 0..n-1. *)
Definition is_prob (n : nat) (p : nat -> R) : Prop :=
  (forall i, (i < n)%nat -> 0 <= p i) /\ sumR n p = 1.

(** The uniform vector on n points. *)
Definition uniform (n : nat) : nat -> R := fun _ => / INR n.

(** The one-hot vector at j. *)
Definition one_hot (j : nat) : nat -> R := fun i => if Nat.eq_dec i j then 1 else 0.

(** The VDI of a row: H(p) / H_max with H_max = ln n. *)
Definition vdi (n : nat) (p : nat -> R) : R := entropy n p / ln (INR n).

(** The entries of a probability vector are at most 1. *)
Lemma prob_le_1 : forall n p i, is_prob n p -> (i < n)%nat -> p i <= 1.
Proof. intros n p i [Hp Hs] Hi. rewrite <- Hs. apply sumR_ge_term; assumption. Qed.

(** The uniform vector is a probability vector. *)
Lemma uniform_is_prob : forall n, (0 < n)%nat -> is_prob n (uniform n).
Proof.
  intros n Hn. assert (HnR : 0 < INR n) by (apply lt_0_INR; lia). unfold is_prob, uniform. split.
  - intros. left. apply Rinv_0_lt_compat. assumption.
  - rewrite sumR_const. field. lra.
Qed.

(** V1: the entropy of a probability vector is non-negative. *)
Theorem entropy_nonneg : forall n p, is_prob n p -> 0 <= entropy n p.
Proof.
  intros n p Hp. unfold entropy.
  assert (sumR n (fun i => plogp (p i)) <= 0); [|lra].
  rewrite <- (Rmult_0_r (INR n)), <- sumR_const.
  apply sumR_le. intros i Hi. apply plogp_nonpos.
  split; [apply Hp; assumption|apply (prob_le_1 n p i Hp Hi)].
Qed.

(* Non-vacuity of entropy_nonneg (claim V1): its premises hold together, e.g. at the uniform distribution on n = 6 tokens. *)
Lemma entropy_nonneg_premises_satisfiable :
  exists (n : nat) (p : nat -> R), is_prob n p.
Proof. exists 6%nat, (uniform 6). (apply uniform_is_prob; lia). Qed.

(** V1: the entropy vanishes exactly at the one-hot vectors. *)
Theorem entropy_eq_0_iff_one_hot : forall n p, is_prob n p ->
  (entropy n p = 0 <-> exists j, (j < n)%nat /\ forall i, (i < n)%nat -> p i = one_hot j i).
Proof.
  intros n p Hp. pose proof Hp as [Hnn Hs].
  assert (Hr : forall i, (i < n)%nat -> 0 <= p i <= 1)
    by (intros i Hi; split; [apply Hnn; assumption|apply (prob_le_1 n p i Hp Hi)]).
  split.
  - intros H0. unfold entropy in H0.
    assert (Hz : forall i, (i < n)%nat -> - plogp (p i) = 0).
    { apply sumR_nonneg_eq_0.
      - intros j Hj. pose proof (plogp_nonpos (p j) (Hr j Hj)). lra.
      - rewrite sumR_opp. exact H0. }
    assert (H01 : forall i, (i < n)%nat -> p i = 0 \/ p i = 1)
      by (intros i Hi; apply plogp_eq_0_iff; [apply Hr; assumption|]; pose proof (Hz i Hi); lra).
    (* some entry is 1, otherwise the sum would be 0 *)
    assert (Hex : exists j, (j < n)%nat /\ p j = 1).
    { clear Hz H0 Hp. revert p Hnn Hs Hr H01. induction n as [|n IH]; intros p Hnn Hs Hr H01.
      - simpl in Hs. lra.
      - destruct (H01 n ltac:(lia)) as [Hn|Hn].
        + simpl in Hs. rewrite Hn in Hs.
          destruct (IH p (fun i Hi => Hnn i ltac:(lia)) ltac:(lra)
                      (fun i Hi => Hr i ltac:(lia)) (fun i Hi => H01 i ltac:(lia)))
            as [j [Hj Hpj]].
          exists j. split; [lia|assumption].
        + exists n. split; [lia|assumption]. }
    destruct Hex as [j [Hj Hpj]]. exists j. split; [assumption|].
    intros i Hi. unfold one_hot. destruct (Nat.eq_dec i j) as [->|Hne]; [assumption|].
    (* the other entries sum to 0 *)
    destruct (H01 i Hi) as [|Hpi]; [assumption|].
    exfalso.
    pose proof (sumR_ge_two_terms n p i j Hnn Hi Hj Hne).
    lra.
  - intros [j [Hj Hpj]]. unfold entropy.
    rewrite (sumR_ext n _ (fun _ => 0)); [rewrite sumR_const; ring|].
    intros i Hi. rewrite Hpj by assumption. unfold one_hot, plogp.
    destruct (Nat.eq_dec i j); destruct (Rle_dec _ 0); try lra. rewrite ln_1. ring.
Qed.

(* Non-vacuity of entropy_eq_0_iff_one_hot (claim V1): its premises hold together, e.g. at the uniform distribution on n = 6 tokens. *)
Lemma entropy_eq_0_iff_one_hot_premises_satisfiable :
  exists (n : nat) (p : nat -> R), is_prob n p.
Proof. exists 6%nat, (uniform 6). (apply uniform_is_prob; lia). Qed.

(** ln n - H(p) as a sum of the Gibbs terms. *)
Lemma ln_sub_entropy : forall n p, is_prob n p ->
  ln (INR n) - entropy n p = sumR n (fun i => p i * ln (INR n) + plogp (p i)).
Proof.
  intros n p [_ Hs]. unfold entropy. rewrite sumR_plus, sumR_scal_r, Hs. ring.
Qed.

(** The Gibbs slack sum_i (p_i ln n + p_i ln p_i - (p_i - 1/n)) equals ln n - H(p). *)
Lemma gibbs_slack_sum : forall n p, is_prob n p -> (0 < n)%nat ->
  sumR n (fun i => p i * ln (INR n) + plogp (p i) - (p i - / INR n)) = ln (INR n) - entropy n p.
Proof.
  intros n p Hp Hn. pose proof Hp as [_ Hs]. assert (HnR : 0 < INR n) by (apply lt_0_INR; lia).
  rewrite ln_sub_entropy by assumption.
  rewrite (sumR_ext n _ (fun i => (p i * ln (INR n) + plogp (p i)) + (-1 * p i + / INR n)))
    by (intros; ring).
  rewrite (sumR_plus n (fun i => p i * ln (INR n) + plogp (p i)) (fun i => -1 * p i + / INR n)).
  rewrite (sumR_plus n (fun i => -1 * p i) (fun _ => / INR n)).
  rewrite sumR_scal_l, sumR_const, Hs. field. lra.
Qed.

(** V1: the entropy of a probability vector on n points is at most ln n. *)
Theorem entropy_le_ln_n : forall n p, is_prob n p -> (0 < n)%nat -> entropy n p <= ln (INR n).
Proof.
  intros n p Hp Hn. pose proof Hp as [Hnn _]. assert (HnR : 0 < INR n) by (apply lt_0_INR; lia).
  rewrite <- (Rminus_0_r (entropy n p)).
  assert (0 <= ln (INR n) - entropy n p); [|lra].
  rewrite <- gibbs_slack_sum by assumption.
  apply sumR_nonneg. intros i Hi. pose proof (gibbs_term (INR n) (p i) ltac:(lra) (Hnn i Hi)). lra.
Qed.

(* Non-vacuity of entropy_le_ln_n (claim V1): its premises hold together, e.g. at the uniform distribution on n = 6 tokens. *)
Lemma entropy_le_ln_n_premises_satisfiable :
  exists (n : nat) (p : nat -> R), is_prob n p /\ (0 < n)%nat.
Proof. exists 6%nat, (uniform 6). split; [(apply uniform_is_prob; lia) | lia]. Qed.

(** V1: the entropy of the uniform vector on n points is ln n. *)
Theorem entropy_uniform : forall n, (0 < n)%nat -> entropy n (uniform n) = ln (INR n).
Proof.
  intros n Hn. assert (HnR : 0 < INR n) by (apply lt_0_INR; lia). unfold entropy, uniform, plogp.
  destruct (Rle_dec (/ INR n) 0) as [H0|H0].
  - pose proof (Rinv_0_lt_compat (INR n) ltac:(lra)). lra.
  - rewrite sumR_const, ln_Rinv by assumption. field. lra.
Qed.

(* Non-vacuity of entropy_uniform (claim V1): its premises hold together, e.g. at n = 6. *)
Lemma entropy_uniform_premises_satisfiable :
  exists n : nat, (0 < n)%nat.
Proof. exists 6%nat. lia. Qed.

(** V1: the entropy equals ln n exactly at the uniform vector. *)
Theorem entropy_eq_ln_n_iff_uniform : forall n p, is_prob n p -> (0 < n)%nat ->
  (entropy n p = ln (INR n) <-> forall i, (i < n)%nat -> p i = uniform n i).
Proof.
  intros n p Hp Hn. pose proof Hp as [Hnn _]. assert (HnR : 0 < INR n) by (apply lt_0_INR; lia).
  split.
  - intros H i Hi. unfold uniform.
    assert (Hz : sumR n (fun i => p i * ln (INR n) + plogp (p i) - (p i - / INR n)) = 0)
      by (rewrite gibbs_slack_sum by assumption; lra).
    apply gibbs_term_eq; [lra|apply Hnn; assumption|].
    assert (p i * ln (INR n) + plogp (p i) - (p i - / INR n) = 0); [|lra].
    apply (sumR_nonneg_eq_0 n (fun i => p i * ln (INR n) + plogp (p i) - (p i - / INR n)));
      [|assumption|assumption].
    intros j Hj. pose proof (gibbs_term (INR n) (p j) ltac:(lra) (Hnn j Hj)). lra.
  - intros Hu. rewrite <- (entropy_uniform n Hn). unfold entropy. f_equal.
    apply sumR_ext. intros i Hi. rewrite Hu by assumption. reflexivity.
Qed.

(* Non-vacuity of entropy_eq_ln_n_iff_uniform (claim V1): its premises hold together, e.g. at the uniform distribution on n = 6 tokens. *)
Lemma entropy_eq_ln_n_iff_uniform_premises_satisfiable :
  exists (n : nat) (p : nat -> R), is_prob n p /\ (0 < n)%nat.
Proof. exists 6%nat, (uniform 6). split; [(apply uniform_is_prob; lia) | lia]. Qed.

(** ln n > 0 for n >= 2. *)
Lemma ln_INR_pos : forall n, (2 <= n)%nat -> 0 < ln (INR n).
Proof.
  intros n Hn. rewrite <- ln_1. apply ln_increasing; [lra|].
  replace 1 with (INR 1) by reflexivity. apply lt_INR. lia.
Qed.

(** V1: the VDI = H / ln n of a probability vector on n >= 2 points lies in [0, 1]. *)
Theorem vdi_range : forall n p, is_prob n p -> (2 <= n)%nat -> 0 <= vdi n p <= 1.
Proof.
  intros n p Hp Hn. unfold vdi. pose proof (ln_INR_pos n Hn) as Hln.
  pose proof (entropy_nonneg n p Hp). pose proof (entropy_le_ln_n n p Hp ltac:(lia)).
  split.
  - apply Rle_mult_inv_pos; assumption.
  - apply (Rmult_le_reg_r (ln (INR n))); [assumption|].
    unfold Rdiv. rewrite Rmult_assoc, Rinv_l; lra.
Qed.

(* Non-vacuity of vdi_range (claim V1): its premises hold together, e.g. at the uniform distribution on n = 6 tokens. *)
Lemma vdi_range_premises_satisfiable :
  exists (n : nat) (p : nat -> R), is_prob n p /\ (2 <= n)%nat.
Proof. exists 6%nat, (uniform 6). split; [(apply uniform_is_prob; lia) | lia]. Qed.

(** V1: VDI = 1 exactly at the uniform vector (the "suppressor" head). *)
Theorem vdi_eq_1_iff_uniform : forall n p, is_prob n p -> (2 <= n)%nat ->
  (vdi n p = 1 <-> forall i, (i < n)%nat -> p i = uniform n i).
Proof.
  intros n p Hp Hn. pose proof (ln_INR_pos n Hn) as Hln. unfold vdi.
  rewrite <- entropy_eq_ln_n_iff_uniform by (assumption || lia). split.
  - intros H. apply (Rmult_eq_reg_r (/ ln (INR n))); [|apply Rinv_neq_0_compat; lra].
    rewrite Rinv_r by lra. exact H.
  - intros ->. field. lra.
Qed.

(* Non-vacuity of vdi_eq_1_iff_uniform (claim V1): its premises hold together, e.g. at the uniform distribution on n = 6 tokens. *)
Lemma vdi_eq_1_iff_uniform_premises_satisfiable :
  exists (n : nat) (p : nat -> R), is_prob n p /\ (2 <= n)%nat.
Proof. exists 6%nat, (uniform 6). split; [(apply uniform_is_prob; lia) | lia]. Qed.

(** V1: VDI = 0 exactly at the one-hot vectors (the "amplifier" head). *)
Theorem vdi_eq_0_iff_one_hot : forall n p, is_prob n p -> (2 <= n)%nat ->
  (vdi n p = 0 <-> exists j, (j < n)%nat /\ forall i, (i < n)%nat -> p i = one_hot j i).
Proof.
  intros n p Hp Hn. pose proof (ln_INR_pos n Hn) as Hln. unfold vdi.
  rewrite <- entropy_eq_0_iff_one_hot by assumption. split.
  - intros H. apply (Rmult_eq_reg_r (/ ln (INR n))); [|apply Rinv_neq_0_compat; lra].
    rewrite Rmult_0_l. exact H.
  - intros ->. unfold Rdiv. ring.
Qed.

(* Non-vacuity of vdi_eq_0_iff_one_hot (claim V1): its premises hold together, e.g. at the uniform distribution on n = 6 tokens. *)
Lemma vdi_eq_0_iff_one_hot_premises_satisfiable :
  exists (n : nat) (p : nat -> R), is_prob n p /\ (2 <= n)%nat.
Proof. exists 6%nat, (uniform 6). split; [(apply uniform_is_prob; lia) | lia]. Qed.

(** * The published VDI "equilibrium" 0.611992 (V2) *)

(** Under causal attention on a sequence of length L, query row i (0-based) attends to the
    i + 1 keys 0..i; uniform attention on that row has entropy ln (i + 1). *)
Lemma causal_uniform_row_entropy : forall i, entropy (S i) (uniform (S i)) = ln (INR (S i)).
Proof. intros i. apply entropy_uniform. lia. Qed.

(** V2: with the correct H_max = ln (i + 1) of a causal row, uniform attention has VDI 1. *)
Theorem causal_uniform_row_vdi_eq_1 : forall i, (1 <= i)%nat -> vdi (S i) (uniform (S i)) = 1.
Proof.
  intros i Hi. apply vdi_eq_1_iff_uniform; [apply uniform_is_prob; lia|lia|reflexivity].
Qed.

(* Non-vacuity of causal_uniform_row_vdi_eq_1 (claims V1, V2): its premises hold together, e.g. at the last row i = 5 of the published L = 6. *)
Lemma causal_uniform_row_vdi_eq_1_premises_satisfiable :
  exists i : nat, (1 <= i)%nat.
Proof. exists 5%nat. lia. Qed.

(** The logarithms ln 1 + ... + ln L add up to ln L!. *)
Lemma sum_ln_eq_ln_fact : forall L, sumR L (fun i => ln (INR (S i))) = ln (INR (fact L)).
Proof.
  induction L as [|L IH].
  - simpl. rewrite ln_1. reflexivity.
  - change (sumR (S L) (fun i => ln (INR (S i))))
      with (sumR L (fun i => ln (INR (S i))) + ln (INR (S L))).
    rewrite IH. replace (fact (S L)) with (S L * fact L)%nat by reflexivity.
    rewrite mult_INR, ln_mult.
    + ring.
    + apply lt_0_INR. lia.
    + apply lt_0_INR. apply lt_O_fact.
Qed.

(** The VDI as the seed computes it for a causal attention map of length L: the mean over the
    L query rows of H(row) / ln L (one fixed H_max = ln L for every row). *)
Definition causal_vdi_fixed_hmax (L : nat) (row : nat -> nat -> R) : R :=
  sumR L (fun i => entropy (S i) (row i) / ln (INR L)) / INR L.

(** V2: uniform causal attention scores ln(L!) / (L ln L) under the fixed H_max = ln L. *)
Theorem causal_vdi_fixed_hmax_uniform : forall L, (2 <= L)%nat ->
  causal_vdi_fixed_hmax L (fun i => uniform (S i)) = ln (INR (fact L)) / (INR L * ln (INR L)).
Proof.
  intros L HL. unfold causal_vdi_fixed_hmax. pose proof (ln_INR_pos L HL).
  assert (HLR : 0 < INR L) by (apply lt_0_INR; lia).
  rewrite (sumR_ext L _ (fun i => ln (INR (S i)) * / ln (INR L)))
    by (intros; rewrite causal_uniform_row_entropy; reflexivity).
  rewrite sumR_scal_r, sum_ln_eq_ln_fact. field. lra.
Qed.

(* Non-vacuity of causal_vdi_fixed_hmax_uniform (claim V2): its premises hold together, e.g. at the published L = 6. *)
Lemma causal_vdi_fixed_hmax_uniform_premises_satisfiable :
  exists L : nat, (2 <= L)%nat.
Proof. exists 6%nat. lia. Qed.

(** V2: for the seed's sequences [a, a, b, b, =, result] (L = 6) that value is ln 720 / (6 ln 6). *)
Theorem causal_vdi_fixed_hmax_uniform_6 :
  causal_vdi_fixed_hmax 6 (fun i => uniform (S i)) = ln 720 / (6 * ln 6).
Proof.
  rewrite causal_vdi_fixed_hmax_uniform by lia.
  rewrite !INR_IZR_INZ. reflexivity.
Qed.

(** V2: ln 720 / (6 ln 6) = 0.6119916694..., which rounds to the published 0.611992. *)
Theorem vdi_closed_form_enclosure : 0.61199166 <= ln 720 / (6 * ln 6) <= 0.61199167.
Proof. interval with (i_prec 70). Qed.

(** V2: the closed form lies in [0.6119915, 0.6119925), the numbers printed as 0.611992. *)
Theorem vdi_closed_form_rounds_to_published : 0.6119915 <= ln 720 / (6 * ln 6) < 0.6119925.
Proof. pose proof vdi_closed_form_enclosure. lra. Qed.

(** V2: under the seed's fixed H_max = ln L, no causal attention map of length L scores more than
    ln(L!) / (L ln L): the published 0.611992 (L = 6) is the ceiling of that measure. *)
Theorem causal_vdi_fixed_hmax_le_max : forall L row, (2 <= L)%nat ->
  (forall i, (i < L)%nat -> is_prob (S i) (row i)) ->
  causal_vdi_fixed_hmax L row <= ln (INR (fact L)) / (INR L * ln (INR L)).
Proof.
  intros L row HL Hrow. unfold causal_vdi_fixed_hmax. pose proof (ln_INR_pos L HL) as Hln.
  assert (HLR : 0 < INR L) by (apply lt_0_INR; lia).
  rewrite <- sum_ln_eq_ln_fact.
  assert (E : sumR L (fun i => ln (INR (S i))) / (INR L * ln (INR L))
              = sumR L (fun i => ln (INR (S i)) / ln (INR L)) / INR L).
  { rewrite (sumR_ext L (fun i => ln (INR (S i)) / ln (INR L))
               (fun i => ln (INR (S i)) * / ln (INR L))) by reflexivity.
    rewrite sumR_scal_r. field. lra. }
  rewrite E. unfold Rdiv at 1. unfold Rdiv at 2.
  apply Rmult_le_compat_r; [left; apply Rinv_0_lt_compat; lra|].
  apply sumR_le. intros i Hi. unfold Rdiv. apply Rmult_le_compat_r.
  - left. apply Rinv_0_lt_compat. lra.
  - apply entropy_le_ln_n; [apply Hrow; assumption|lia].
Qed.

(* Non-vacuity of causal_vdi_fixed_hmax_le_max (claim V2): its premises hold together, e.g. at the published L = 6 with uniform causal rows. *)
Lemma causal_vdi_fixed_hmax_le_max_premises_satisfiable :
  exists (L : nat) (row : nat -> nat -> R),
    (2 <= L)%nat /\ (forall i, (i < L)%nat -> is_prob (S i) (row i)).
Proof. exists 6%nat, (fun i => uniform (S i)). split; [lia |]. intros i _. apply uniform_is_prob. lia. Qed.

(** V2: the ceiling ln(L!) / (L ln L) is reached exactly when every row is uniform over its
    allowed keys, so a map scoring 0.611992 at L = 6 is uniform causal attention. *)
Theorem causal_vdi_fixed_hmax_eq_max_iff : forall L row, (2 <= L)%nat ->
  (forall i, (i < L)%nat -> is_prob (S i) (row i)) ->
  (causal_vdi_fixed_hmax L row = ln (INR (fact L)) / (INR L * ln (INR L)) <->
   forall i k, (i < L)%nat -> (k < S i)%nat -> row i k = uniform (S i) k).
Proof.
  intros L row HL Hrow. pose proof (ln_INR_pos L HL) as Hln.
  assert (HLR : 0 < INR L) by (apply lt_0_INR; lia).
  split.
  - intros Heq i k Hi Hk.
    assert (Hslack : sumR L (fun j => ln (INR (S j)) - entropy (S j) (row j)) = 0).
    { rewrite (sumR_ext L _ (fun j => ln (INR (S j)) + -1 * entropy (S j) (row j))) by (intros; ring).
      rewrite sumR_plus, sumR_scal_l, sum_ln_eq_ln_fact.
      unfold causal_vdi_fixed_hmax in Heq.
      rewrite (sumR_ext L _ (fun j => entropy (S j) (row j) * / ln (INR L))) in Heq by reflexivity.
      rewrite sumR_scal_r in Heq.
      apply (Rmult_eq_compat_r (INR L * ln (INR L))) in Heq.
      replace (sumR L (fun j => entropy (S j) (row j)) * / ln (INR L) / INR L * (INR L * ln (INR L)))
        with (sumR L (fun j => entropy (S j) (row j))) in Heq by (field; lra).
      replace (ln (INR (fact L)) / (INR L * ln (INR L)) * (INR L * ln (INR L)))
        with (ln (INR (fact L))) in Heq by (field; lra).
      lra. }
    assert (Hi0 : ln (INR (S i)) - entropy (S i) (row i) = 0).
    { apply (sumR_nonneg_eq_0 L (fun j => ln (INR (S j)) - entropy (S j) (row j))); [|assumption|assumption].
      intros j Hj. pose proof (entropy_le_ln_n (S j) (row j) (Hrow j Hj) ltac:(lia)). lra. }
    apply (entropy_eq_ln_n_iff_uniform (S i) (row i) (Hrow i Hi) ltac:(lia)); [lra|assumption].
  - intros Hu. rewrite <- causal_vdi_fixed_hmax_uniform by assumption.
    unfold causal_vdi_fixed_hmax. f_equal. apply sumR_ext. intros i Hi. f_equal.
    unfold entropy. f_equal. apply sumR_ext. intros k Hk. rewrite Hu by assumption. reflexivity.
Qed.

(* Non-vacuity of causal_vdi_fixed_hmax_eq_max_iff (claim V2): its premises hold together, e.g. at the published L = 6 with uniform causal rows. *)
Lemma causal_vdi_fixed_hmax_eq_max_iff_premises_satisfiable :
  exists (L : nat) (row : nat -> nat -> R),
    (2 <= L)%nat /\ (forall i, (i < L)%nat -> is_prob (S i) (row i)).
Proof. exists 6%nat, (fun i => uniform (S i)). split; [lia |]. intros i _. apply uniform_is_prob. lia. Qed.

(** * V1 for a whole causal head: each row scored with its own H_max *)

(** The VDI of a causal head of length m + 1 with each row's own H_max = ln(i + 1): the mean
    over the rows i = 1..m of vdi (i + 1) (row i) (row 0 has one key and no VDI). *)
Definition causal_head_vdi (m : nat) (row : nat -> nat -> R) : R :=
  sumR m (fun i => vdi (S (S i)) (row (S i))) / INR m.

(* V1: a causal head's VDI, each row over its own keys, lies in [0, 1]. *)
Theorem causal_head_vdi_range : forall m row, (1 <= m)%nat ->
  (forall i, (i < m)%nat -> is_prob (S (S i)) (row (S i))) ->
  0 <= causal_head_vdi m row <= 1.
Proof.
  intros m row Hm Hrow. unfold causal_head_vdi.
  assert (HmR : 0 < INR m) by (apply lt_0_INR; lia).
  assert (H0 : 0 <= sumR m (fun i => vdi (S (S i)) (row (S i)))).
  { apply sumR_nonneg. intros i Hi. apply vdi_range; [apply Hrow; assumption | lia]. }
  assert (H1 : sumR m (fun i => vdi (S (S i)) (row (S i))) <= sumR m (fun _ => 1)).
  { apply sumR_le. intros i Hi. apply vdi_range; [apply Hrow; assumption | lia]. }
  rewrite sumR_const in H1. split.
  - apply Rle_mult_inv_pos; lra.
  - apply (Rmult_le_reg_r (INR m)); [assumption|].
    unfold Rdiv. rewrite Rmult_assoc, Rinv_l by lra. lra.
Qed.

(* Non-vacuity of causal_head_vdi_range (claim V1): its premises hold together, e.g. at m = 5 (the seed's length 6) with uniform causal rows. *)
Lemma causal_head_vdi_range_premises_satisfiable :
  exists (m : nat) (row : nat -> nat -> R),
    (1 <= m)%nat /\ (forall i, (i < m)%nat -> is_prob (S (S i)) (row (S i))).
Proof. exists 5%nat, (fun i => uniform (S i)). split; [lia |]. intros i _. apply uniform_is_prob. lia. Qed.

(* V1: a causal head's VDI is 1 exactly when every row is uniform over its allowed keys. *)
Theorem causal_head_vdi_eq_1_iff : forall m row, (1 <= m)%nat ->
  (forall i, (i < m)%nat -> is_prob (S (S i)) (row (S i))) ->
  (causal_head_vdi m row = 1 <->
   forall i k, (1 <= i <= m)%nat -> (k < S i)%nat -> row i k = uniform (S i) k).
Proof.
  intros m row Hm Hrow. unfold causal_head_vdi.
  assert (HmR : 0 < INR m) by (apply lt_0_INR; lia).
  split.
  - intros Heq i k Hi Hk.
    assert (Hs : sumR m (fun j => 1 - vdi (S (S j)) (row (S j))) = 0).
    { rewrite (sumR_ext m _ (fun j => 1 + -1 * vdi (S (S j)) (row (S j)))) by (intros; ring).
      rewrite sumR_plus, sumR_scal_l, sumR_const.
      apply (Rmult_eq_compat_r (INR m)) in Heq.
      replace (sumR m (fun j => vdi (S (S j)) (row (S j))) / INR m * INR m)
        with (sumR m (fun j => vdi (S (S j)) (row (S j)))) in Heq by (field; lra).
      lra. }
    destruct i as [|i]; [lia|].
    assert (Hv : 1 - vdi (S (S i)) (row (S i)) = 0).
    { apply (sumR_nonneg_eq_0 m (fun j => 1 - vdi (S (S j)) (row (S j)))); [|assumption|lia].
      intros j Hj. pose proof (vdi_range _ _ (Hrow j Hj) ltac:(lia)). lra. }
    apply (vdi_eq_1_iff_uniform (S (S i)) (row (S i)) (Hrow i ltac:(lia)) ltac:(lia)); [lra|assumption].
  - intros Hu.
    rewrite (sumR_ext m _ (fun _ => 1)).
    + rewrite sumR_const. field. lra.
    + intros i Hi. apply (vdi_eq_1_iff_uniform (S (S i)) (row (S i)) (Hrow i Hi) ltac:(lia)).
      intros k Hk. apply Hu; lia.
Qed.

(* Non-vacuity of causal_head_vdi_eq_1_iff (claim V1): its premises hold together, e.g. at m = 5 (the seed's length 6) with uniform causal rows. *)
Lemma causal_head_vdi_eq_1_iff_premises_satisfiable :
  exists (m : nat) (row : nat -> nat -> R),
    (1 <= m)%nat /\ (forall i, (i < m)%nat -> is_prob (S (S i)) (row (S i))).
Proof. exists 5%nat, (fun i => uniform (S i)). split; [lia |]. intros i _. apply uniform_is_prob. lia. Qed.

(* V1: a causal head's VDI is 0 exactly when every row is one-hot. *)
Theorem causal_head_vdi_eq_0_iff : forall m row, (1 <= m)%nat ->
  (forall i, (i < m)%nat -> is_prob (S (S i)) (row (S i))) ->
  (causal_head_vdi m row = 0 <->
   forall i, (1 <= i <= m)%nat ->
     exists j, (j < S i)%nat /\ forall k, (k < S i)%nat -> row i k = one_hot j k).
Proof.
  intros m row Hm Hrow. unfold causal_head_vdi.
  assert (HmR : 0 < INR m) by (apply lt_0_INR; lia).
  split.
  - intros Heq i Hi.
    assert (Hs : sumR m (fun j => vdi (S (S j)) (row (S j))) = 0).
    { unfold Rdiv in Heq. apply Rmult_integral in Heq. destruct Heq as [H|H]; [exact H|].
      exfalso. apply (Rinv_neq_0_compat (INR m)); lra. }
    destruct i as [|i]; [lia|].
    apply (vdi_eq_0_iff_one_hot (S (S i)) (row (S i)) (Hrow i ltac:(lia)) ltac:(lia)).
    apply (sumR_nonneg_eq_0 m (fun j => vdi (S (S j)) (row (S j)))); [|assumption|lia].
    intros j Hj. apply vdi_range; [apply Hrow; assumption | lia].
  - intros Ho. rewrite (sumR_ext m _ (fun _ => 0)).
    + rewrite sumR_const. unfold Rdiv. ring.
    + intros i Hi. apply (vdi_eq_0_iff_one_hot (S (S i)) (row (S i)) (Hrow i Hi) ltac:(lia)).
      apply Ho. lia.
Qed.

(* Non-vacuity of causal_head_vdi_eq_0_iff (claim V1): its premises hold together, e.g. at m = 5 (the seed's length 6) with uniform causal rows. *)
Lemma causal_head_vdi_eq_0_iff_premises_satisfiable :
  exists (m : nat) (row : nat -> nat -> R),
    (1 <= m)%nat /\ (forall i, (i < m)%nat -> is_prob (S (S i)) (row (S i))).
Proof. exists 5%nat, (fun i => uniform (S i)). split; [lia |]. intros i _. apply uniform_is_prob. lia. Qed.
