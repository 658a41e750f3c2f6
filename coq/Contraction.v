(** Contraction of the damped relaxation Phi(z) = z + eps (x - (1+c) z + G(z)) in a normed module
    over R, for an L-Lipschitz learned part G (E3): the exact condition on (c, L, eps), the
    geometric error bound, uniqueness, and existence of the fixed point in a complete space. *)
From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From Phi Require Import Iterate ModuleFacts.
Open Scope R_scope.

(** * Module algebra of the relaxation step *)

Section Algebra.
Context {V : ModuleSpace R_Ring}.

(** The relaxation step, collected: z + eps (x - (1+c) z + g) = (1 - eps(1+c)) z + eps (x + g). *)
Lemma relax_collect_ms : forall (x z g : V) (c eps : R),
  plus z (scal eps (plus (minus x (scal (1 + c) z)) g)) =
  plus (scal (1 - eps * (1 + c)) z) (scal eps (plus x g)).
Proof.
  intros x z g c eps. unfold minus.
  rewrite !scal_distr_l, scal_opp_r, scal_assoc.
  change (1 - eps * (1 + c)) with (plus (@one R_Ring) (opp (mult eps (1 + c)))).
  rewrite scal_distr_r, scal_one, scal_opp_l.
  rewrite <- !plus_assoc. f_equal.
  rewrite !plus_assoc. f_equal. apply plus_comm.
Qed.

(** The difference of two collected steps. *)
Lemma relax_minus_ms : forall (x z w gz gw : V) (k eps : R),
  minus (plus (scal k z) (scal eps (plus x gz))) (plus (scal k w) (scal eps (plus x gw))) =
  plus (scal k (minus z w)) (scal eps (minus gz gw)).
Proof.
  intros x z w gz gw k eps. rewrite minus_plus_plus, <- !scal_minus_distr_l, minus_plus_plus.
  rewrite minus_eq_zero, plus_zero_l. reflexivity.
Qed.

End Algebra.

(** * The relaxation map *)

Section Relaxation.
Context {V : NormedModule R_AbsRing}.

(** G is L-Lipschitz. *)
Definition lipschitz (L : R) (G : V -> V) : Prop :=
  forall z w, norm (minus (G z) (G w)) <= L * norm (minus z w).

(** The damped force F(z) = x - (1+c) z + G(z). *)
Definition force (x : V) (c : R) (G : V -> V) (z : V) : V :=
  plus (minus x (scal (1 + c) z)) (G z).

(** The explicit relaxation step Phi(z) = z + eps F(z). *)
Definition relax_step (x : V) (c eps : R) (G : V -> V) (z : V) : V :=
  plus z (scal eps (force x c G z)).

(** Phi collected: Phi(z) = (1 - eps(1+c)) z + eps (x + G z). *)
Lemma relax_step_collect : forall x c eps G z,
  relax_step x c eps G z = plus (scal (1 - eps * (1 + c)) z) (scal eps (plus x (G z))).
Proof.
  intros x c eps G z. unfold relax_step, force.
  exact (relax_collect_ms (V := NormedModule.ModuleSpace R_AbsRing V) x z (G z) c eps).
Qed.

(** The difference of two relaxation steps. *)
Lemma relax_step_minus : forall x c eps G z w,
  minus (relax_step x c eps G z) (relax_step x c eps G w) =
  @plus (NormedModule.AbelianGroup R_AbsRing V)
    (scal (1 - eps * (1 + c)) (minus z w)) (scal eps (minus (G z) (G w))).
Proof.
  intros x c eps G z w. rewrite !relax_step_collect.
  exact (relax_minus_ms (V := NormedModule.ModuleSpace R_AbsRing V) x z w (G z) (G w) _ eps).
Qed.

(** The contraction factor rho = |1 - eps(1+c)| + eps L. *)
Definition rho (c eps L : R) : R := Rabs (1 - eps * (1 + c)) + eps * L.

(** rho is non-negative for eps, L >= 0. *)
Lemma rho_nonneg : forall c eps L, 0 <= eps -> 0 <= L -> 0 <= rho c eps L.
Proof.
  intros c eps L He HL. unfold rho. pose proof (Rabs_pos (1 - eps * (1 + c))).
  pose proof (Rmult_le_pos _ _ He HL). lra.
Qed.

(** E3: Phi is rho-Lipschitz when G is L-Lipschitz and eps >= 0. *)
Theorem relax_step_lipschitz : forall x c eps L G, 0 <= eps -> lipschitz L G ->
  forall z w, norm (minus (relax_step x c eps G z) (relax_step x c eps G w)) <=
              rho c eps L * norm (minus z w).
Proof.
  intros x c eps L G He HG z w. rewrite relax_step_minus.
  eapply Rle_trans; [apply norm_triangle|].
  pose proof (norm_scal_R (1 - eps * (1 + c)) (minus z w)).
  pose proof (norm_scal_R eps (minus (G z) (G w))).
  pose proof (HG z w). rewrite Rabs_pos_eq in H0 by exact He.
  unfold rho. pose proof (Rmult_le_compat_l eps _ _ He H1). nra.
Qed.

(** Fixed points of Phi are exactly the zeros of F (eps <> 0), whatever eps is. *)
Theorem relax_fixed_iff_force_zero : forall x c eps G z, eps <> 0 ->
  (relax_step x c eps G z = z <-> force x c G z = zero).
Proof.
  intros x c eps G z He. unfold relax_step.
  exact (plus_scal_eq_self_iff (V := NormedModule.ModuleSpace R_AbsRing V) z _ eps He).
Qed.

(** E3: the error after T steps shrinks geometrically: ||z_T - z*|| <= rho^T ||z_0 - z*||. *)
Theorem relax_error_geometric : forall x c eps L G zs, 0 <= eps -> 0 <= L -> lipschitz L G ->
  relax_step x c eps G zs = zs ->
  forall T z0, norm (minus (iter (relax_step x c eps G) T z0) zs) <=
               rho c eps L ^ T * norm (minus z0 zs).
Proof.
  intros x c eps L G zs He HL HG Hfix T. induction T as [|T IH]; intro z0.
  - simpl. lra.
  - simpl iter. rewrite <- Hfix at 1.
    eapply Rle_trans; [apply (relax_step_lipschitz x c eps L G He HG)|].
    pose proof (rho_nonneg c eps L He HL). simpl pow.
    rewrite Rmult_assoc. apply Rmult_le_compat_l; [exact H|]. apply IH.
Qed.

(** E3: if rho < 1 the fixed point is unique. *)
Theorem relax_fixed_point_unique : forall x c eps L G p q, 0 <= eps -> lipschitz L G ->
  rho c eps L < 1 -> relax_step x c eps G p = p -> relax_step x c eps G q = q -> p = q.
Proof.
  intros x c eps L G p q He HG Hr Hp Hq.
  pose proof (relax_step_lipschitz x c eps L G He HG p q) as H. rewrite Hp, Hq in H.
  pose proof (norm_ge_0 (minus p q)). apply norm_minus_0_eq.
  assert ((1 - rho c eps L) * norm (minus p q) <= 0) by lra.
  destruct (Req_dec (norm (minus p q)) 0) as [Hz|Hz]; [exact Hz|].
  exfalso. assert (0 < (1 - rho c eps L) * norm (minus p q)) by (apply Rmult_lt_0_compat; lra).
  lra.
Qed.

End Relaxation.

(* Non-vacuity of relax_step_lipschitz (claim E3): its premises hold together, e.g. at the seed c = 1, eps = 1/10 on V = R with x = 0 and the L = 0 part G = 0. *)
Lemma relax_step_lipschitz_premises_satisfiable :
  exists (V : NormedModule R_AbsRing) (x : V) (c eps L : R) (G : V -> V),
    0 <= eps /\ lipschitz L G.
Proof. exists R_NormedModule, zero, 1, (1 / 10), 0, (fun _ => zero). split; [lra |].
  (unfold lipschitz; intros z w; rewrite Rmult_0_l, minus_eq_zero; apply Req_le; apply norm_zero). Qed.

(* Non-vacuity of relax_fixed_iff_force_zero (claim E3): its premises hold together, e.g. at the seed c = 1, eps = 1/10 on V = R with x = 0 and the L = 0 part G = 0, z = 0. *)
Lemma relax_fixed_iff_force_zero_premises_satisfiable :
  exists (V : NormedModule R_AbsRing) (x : V) (c eps : R) (G : V -> V) (z : V), eps <> 0.
Proof. exists R_NormedModule, zero, 1, (1 / 10), (fun _ => zero), zero. lra. Qed.

(* Non-vacuity of relax_error_geometric (claim E3): its premises hold together, e.g. at the seed c = 1, eps = 1/10 on V = R with x = 0 and the L = 0 part G = 0 and its fixed point zs = 0. *)
Lemma relax_error_geometric_premises_satisfiable :
  exists (V : NormedModule R_AbsRing) (x : V) (c eps L : R) (G : V -> V) (zs : V),
    0 <= eps /\ 0 <= L /\ lipschitz L G /\ relax_step x c eps G zs = zs.
Proof. exists R_NormedModule, zero, 1, (1 / 10), 0, (fun _ => zero), zero.
  split; [lra |]. split; [lra |]. split; [(unfold lipschitz; intros z w; rewrite Rmult_0_l, minus_eq_zero; apply Req_le; apply norm_zero) |].
  (unfold relax_step, force; cbn; ring). Qed.

(* Non-vacuity of relax_fixed_point_unique (claim E3): its premises hold together, e.g. at the seed c = 1, eps = 1/10 on V = R with x = 0 and the L = 0 part G = 0 and p = q = 0. *)
Lemma relax_fixed_point_unique_premises_satisfiable :
  exists (V : NormedModule R_AbsRing) (x : V) (c eps L : R) (G : V -> V) (p q : V),
    0 <= eps /\ lipschitz L G /\ rho c eps L < 1 /\
    relax_step x c eps G p = p /\ relax_step x c eps G q = q.
Proof. exists R_NormedModule, zero, 1, (1 / 10), 0, (fun _ => zero), zero, zero.
  assert (Hf : @relax_step R_NormedModule zero 1 (1 / 10) (fun _ => zero) zero = zero) by ((unfold relax_step, force; cbn; ring)).
  split; [lra |]. split; [(unfold lipschitz; intros z w; rewrite Rmult_0_l, minus_eq_zero; apply Req_le; apply norm_zero) |]. split; [(unfold rho; rewrite Rabs_pos_eq by lra; lra) |]. split; exact Hf. Qed.

(** * The exact condition on (c, L, eps) *)

(** E3: for eps > 0 and L >= 0, rho = |1 - eps(1+c)| + eps L < 1 iff the learned gain fits inside
    the damping margin, L < 1 + c, and the step is short enough, eps (1 + c + L) < 2. *)
Theorem rho_lt_1_iff : forall c eps L, 0 < eps -> 0 <= L ->
  (rho c eps L < 1 <-> L < 1 + c /\ eps * (1 + c + L) < 2).
Proof.
  intros c eps L He HL. unfold rho, Rabs. destruct (Rcase_abs (1 - eps * (1 + c))) as [Hn|Hp].
  - split.
    + intro H. split; [|lra].
      assert (eps * L < eps * (1 + c)) by lra.
      apply (Rmult_lt_reg_l eps); [exact He|exact H0].
    + intros [H1 H2]. lra.
  - split.
    + intro H. assert (Hl : eps * L < eps * (1 + c)) by lra.
      assert (L < 1 + c) by (apply (Rmult_lt_reg_l eps); [exact He|exact Hl]).
      split; [exact H0|lra].
    + intros [H1 H2]. assert (eps * L < eps * (1 + c)) by (apply Rmult_lt_compat_l; lra). lra.
Qed.

(* Non-vacuity of rho_lt_1_iff (claim E3): its premises hold together, e.g. at the seed c = 1, eps = 1/10 with L = 1. *)
Lemma rho_lt_1_iff_premises_satisfiable :
  exists c eps L : R, 0 < eps /\ 0 <= L.
Proof. exists 1, (1 / 10), 1. lra. Qed.

(** At the seed's eps = 0.1 and c = 1 the condition is exactly L < 2. *)
Corollary rho_lt_1_seed : forall L, 0 <= L -> (rho 1 (1/10) L < 1 <-> L < 2).
Proof.
  intros L HL. rewrite (rho_lt_1_iff 1 (1/10) L ltac:(lra) HL). split; intro H; [lra|]. lra.
Qed.

(* Non-vacuity of rho_lt_1_seed (claim E3): its premises hold together, e.g. at L = 1. *)
Lemma rho_lt_1_seed_premises_satisfiable :
  exists L : R, 0 <= L.
Proof. exists 1. lra. Qed.

(** The worst L-Lipschitz part on R: G(z) = s L z with s the sign of 1 - eps(1+c). *)
Definition worst_part (c eps L : R) (z : R) : R :=
  (if Rle_dec 0 (1 - eps * (1 + c)) then 1 else -1) * L * z.

(** The relaxation step on R, written out. *)
Definition relax_step_R (x c eps : R) (G : R -> R) (z : R) : R := z + eps * (x - (1 + c) * z + G z).

(** E3, sharpness: on R the worst L-Lipschitz part makes Phi expand distances by exactly rho. *)
Theorem relax_step_worst_case : forall x c eps L z w, 0 <= eps -> 0 <= L ->
  Rabs (relax_step_R x c eps (worst_part c eps L) z - relax_step_R x c eps (worst_part c eps L) w) =
  rho c eps L * Rabs (z - w) /\
  (forall z' w', Rabs (worst_part c eps L z' - worst_part c eps L w') = L * Rabs (z' - w')).
Proof.
  intros x c eps L z w He HL. unfold relax_step_R, worst_part, rho.
  destruct (Rle_dec 0 (1 - eps * (1 + c))) as [Hp|Hn].
  - split.
    + replace (z + eps * (x - (1 + c) * z + 1 * L * z) - (w + eps * (x - (1 + c) * w + 1 * L * w)))
        with ((1 - eps * (1 + c) + eps * L) * (z - w)) by ring.
      rewrite Rabs_mult, (Rabs_pos_eq (1 - eps * (1 + c))) by exact Hp.
      rewrite Rabs_pos_eq by (pose proof (Rmult_le_pos _ _ He HL); lra). reflexivity.
    + intros z' w'. replace (1 * L * z' - 1 * L * w') with (L * (z' - w')) by ring.
      rewrite Rabs_mult, Rabs_pos_eq by exact HL. reflexivity.
  - split.
    + replace (z + eps * (x - (1 + c) * z + -1 * L * z) - (w + eps * (x - (1 + c) * w + -1 * L * w)))
        with (- ((- (1 - eps * (1 + c)) + eps * L) * (z - w))) by ring.
      rewrite Rabs_Ropp, Rabs_mult, (Rabs_left (1 - eps * (1 + c))) by lra.
      rewrite (Rabs_pos_eq (- (1 - eps * (1 + c)) + eps * L))
        by (pose proof (Rmult_le_pos _ _ He HL); lra). reflexivity.
    + intros z' w'. replace (-1 * L * z' - -1 * L * w') with (- (L * (z' - w'))) by ring.
      rewrite Rabs_Ropp, Rabs_mult, Rabs_pos_eq by exact HL. reflexivity.
Qed.

(* Non-vacuity of relax_step_worst_case (claim E3): its premises hold together, e.g. at the seed c = 1, eps = 1/10 with x = 0, L = 1, z = 1, w = 0. *)
Lemma relax_step_worst_case_premises_satisfiable :
  exists x c eps L z w : R, 0 <= eps /\ 0 <= L.
Proof. exists 0, 1, (1 / 10), 1, 1, 0. lra. Qed.

(** E3, exact condition: for eps > 0 and L >= 0, the relaxation on R is a contraction for every
    L-Lipschitz G iff L < 1 + c and eps (1 + c + L) < 2. *)
Theorem relax_contracts_for_all_iff : forall x c eps L, 0 < eps -> 0 <= L ->
  ((forall G : R -> R, (forall z w, Rabs (G z - G w) <= L * Rabs (z - w)) ->
    exists q, q < 1 /\ forall z w,
      Rabs (relax_step_R x c eps G z - relax_step_R x c eps G w) <= q * Rabs (z - w)) <->
   L < 1 + c /\ eps * (1 + c + L) < 2).
Proof.
  intros x c eps L He HL. rewrite <- (rho_lt_1_iff c eps L He HL). split.
  - intro H. destruct (H (worst_part c eps L)) as [q [Hq Hc]].
    + intros z w. rewrite (proj2 (relax_step_worst_case x c eps L 0 0 (Rlt_le _ _ He) HL)). lra.
    + pose proof (Hc 1 0) as H1.
      rewrite (proj1 (relax_step_worst_case x c eps L 1 0 (Rlt_le _ _ He) HL)) in H1.
      replace (1 - 0) with 1 in H1 by ring. rewrite Rabs_R1 in H1. lra.
  - intros Hr G HG. exists (rho c eps L). split; [exact Hr|]. intros z w.
    unfold relax_step_R.
    replace (z + eps * (x - (1 + c) * z + G z) - (w + eps * (x - (1 + c) * w + G w)))
      with ((1 - eps * (1 + c)) * (z - w) + eps * (G z - G w)) by ring.
    eapply Rle_trans; [apply Rabs_triang|]. rewrite !Rabs_mult, (Rabs_pos_eq eps) by lra.
    pose proof (HG z w). pose proof (Rabs_pos (z - w)). unfold rho.
    pose proof (Rmult_le_compat_l eps _ _ (Rlt_le _ _ He) H). nra.
Qed.

(* Non-vacuity of relax_contracts_for_all_iff (claim E3): its premises hold together, e.g. at the seed c = 1, eps = 1/10 with x = 0, L = 1. *)
Lemma relax_contracts_for_all_iff_premises_satisfiable :
  exists x c eps L : R, 0 < eps /\ 0 <= L.
Proof. exists 0, 1, (1 / 10), 1. lra. Qed.

(** E3: with only the gain condition L < 1 + c the step can fail to contract: at c = 1, G = 0,
    eps = 1 the map z |-> x - z is an isometry (every distance is kept). *)
Theorem gain_margin_alone_not_enough : forall x z w,
  Rabs (relax_step_R x 1 1 (fun _ => 0) z - relax_step_R x 1 1 (fun _ => 0) w) = Rabs (z - w).
Proof.
  intros x z w. unfold relax_step_R.
  replace (z + 1 * (x - (1 + 1) * z + 0) - (w + 1 * (x - (1 + 1) * w + 0))) with (- (z - w)) by ring.
  apply Rabs_Ropp.
Qed.

(** * Existence of the fixed point in a complete space (Banach) *)

Section Banach.
Context {V : CompleteNormedModule R_AbsRing}.
Variable P : V -> V.
Variable q : R.
Hypothesis q_range : 0 <= q < 1.
Hypothesis P_contr : forall z w, norm (minus (P z) (P w)) <= q * norm (minus z w).

(** Successive iterates get geometrically closer. *)
Lemma iter_step_bound : forall z0 n,
  norm (minus (iter P (S n) z0) (iter P n z0)) <= q ^ n * norm (minus (P z0) z0).
Proof.
  intros z0 n. induction n as [|n IH].
  - simpl. lra.
  - change (iter P (S (S n)) z0) with (P (iter P (S n) z0)).
    change (iter P (S n) z0) with (P (iter P n z0)) at 2.
    eapply Rle_trans; [apply P_contr|]. simpl pow. rewrite Rmult_assoc.
    apply Rmult_le_compat_l; [lra|exact IH].
Qed.

(** The iterates form a Cauchy sequence: (1 - q) ||z_{n+k} - z_n|| <= q^n (1 - q^k) d0. *)
Lemma iter_cauchy_bound : forall z0 n k,
  (1 - q) * norm (minus (iter P (n + k) z0) (iter P n z0)) <=
  q ^ n * norm (minus (P z0) z0) * (1 - q ^ k).
Proof.
  intros z0 n k. induction k as [|k IH].
  - rewrite Nat.add_0_r.
    assert (H0 : norm (minus (iter P n z0) (iter P n z0)) = 0)
      by (rewrite minus_eq_zero; exact (@norm_zero R_AbsRing V)).
    rewrite H0. simpl. lra.
  - rewrite Nat.add_succ_r, (minus_trans (iter P (n + k) z0)).
    pose proof (norm_triangle (minus (iter P (S (n + k)) z0) (iter P (n + k) z0))
                              (minus (iter P (n + k) z0) (iter P n z0))).
    pose proof (iter_step_bound z0 (n + k)). rewrite pow_add in H0.
    assert (0 <= 1 - q) by lra.
    apply Rmult_le_compat_l with (r := 1 - q) in H; [|lra].
    apply Rmult_le_compat_l with (r := 1 - q) in H0; [|lra].
    simpl pow. eapply Rle_trans; [exact H|]. rewrite Rmult_plus_distr_l. nra.
Qed.

(** The iterates from z0 converge: for every eps > 0 they stay eps-close to some iterate. *)
Lemma iter_is_cauchy : forall z0, cauchy (filtermap (fun n => iter P n z0) eventually).
Proof.
  intros z0 eps. set (d0 := norm (minus (P z0) z0)).
  assert (Hd0 : 0 <= d0) by apply norm_ge_0.
  assert (Hy : 0 < (1 - q) * eps / (d0 + 1)).
  { apply Rdiv_lt_0_compat; [apply Rmult_lt_0_compat; [lra|apply cond_pos]|lra]. }
  destruct (pow_lt_1_zero q ltac:(rewrite Rabs_pos_eq; lra) _ Hy) as [N HN].
  exists (iter P N z0). exists N. intros m Hm.
  replace m with (N + (m - N))%nat by lia.
  apply (@norm_compat1 R_AbsRing (CompleteNormedModule.NormedModule R_AbsRing V)).
  pose proof (iter_cauchy_bound z0 N (m - N)) as Hb.
  pose proof (HN N (le_n N)) as HqN. rewrite Rabs_pos_eq in HqN by (apply pow_le; lra).
  assert (0 <= q ^ (m - N)) by (apply pow_le; lra).
  assert (0 <= q ^ N) by (apply pow_le; lra).
  assert (Hlt : q ^ N * d0 < (1 - q) * eps).
  { apply Rle_lt_trans with ((1 - q) * eps / (d0 + 1) * d0).
    - apply Rmult_le_compat_r; lra.
    - apply (Rmult_lt_reg_r (d0 + 1)); [lra|]. unfold Rdiv.
      replace ((1 - q) * eps * / (d0 + 1) * d0 * (d0 + 1)) with ((1 - q) * eps * d0) by (field; lra).
      pose proof (cond_pos eps). assert (0 < (1 - q) * eps) by (apply Rmult_lt_0_compat; lra).
      rewrite Rmult_plus_distr_l, Rmult_1_r. lra. }
  assert (Hb2 : (1 - q) * norm (minus (iter P (N + (m - N)) z0) (iter P N z0)) < (1 - q) * eps).
  { fold d0 in Hb. assert (HA : 0 <= q ^ N * d0) by (apply Rmult_le_pos; lra).
    pose proof (Rmult_le_pos (q ^ N * d0) (q ^ (m - N)) HA H).
    assert (q ^ N * d0 * (1 - q ^ (m - N)) = q ^ N * d0 - q ^ N * d0 * q ^ (m - N)) by ring.
    lra. }
  apply (Rmult_lt_reg_l (1 - q)); [lra|exact Hb2].
Qed.

(** E3 (existence): a contraction of a complete normed module has a fixed point: the limit of
    the iterates from any start. *)
Theorem banach_fixed_point : forall z0 : V,
  P (lim (filtermap (fun n => iter P n z0) eventually)) =
  lim (filtermap (fun n => iter P n z0) eventually).
Proof.
  intro z0. set (l := lim (filtermap (fun n => iter P n z0) eventually)).
  assert (Hlim : forall delta, 0 < delta -> exists N, forall n, (N <= n)%nat ->
                 norm (minus (iter P n z0) l) < delta).
  { intros delta Hdelta. pose proof (@norm_factor_gt_0 R_AbsRing V) as Hf.
    assert (Hpos : 0 < delta / @norm_factor R_AbsRing V) by (apply Rdiv_lt_0_compat; lra).
    destruct (complete_cauchy (filtermap (fun n => iter P n z0) eventually) _ (iter_is_cauchy z0)
                (mkposreal _ Hpos)) as [N HN].
    exists N. intros n Hn. pose proof (norm_compat2 _ _ _ (HN n Hn)) as H. simpl in H.
    replace (norm_factor * (delta / norm_factor)) with delta in H by (field; lra). exact H. }
  assert (Hsmall : forall delta, 0 < delta -> norm (minus (P l) l) < 2 * delta).
  { intros delta Hdelta. destruct (Hlim delta Hdelta) as [N HN].
    rewrite (minus_trans (iter P (S N) z0)).
    eapply Rle_lt_trans;
      [apply (@norm_triangle R_AbsRing (CompleteNormedModule.NormedModule R_AbsRing V))|].
    pose proof (HN N (le_n N)). pose proof (HN (S N) (le_S _ _ (le_n N))).
    change (iter P (S N) z0) with (P (iter P N z0)) at 1.
    pose proof (P_contr l (iter P N z0)).
    assert (Hs : norm (minus l (iter P N z0)) = norm (minus (iter P N z0) l))
      by exact (norm_minus_sym _ _).
    rewrite Hs in H1.
    pose proof (norm_ge_0 (minus (iter P N z0) l)).
    assert (q * norm (minus (iter P N z0) l) <= delta).
    { apply Rle_trans with (1 * norm (minus (iter P N z0) l)); [|lra].
      apply Rmult_le_compat_r; lra. }
    lra. }
  apply norm_minus_0_eq. pose proof (norm_ge_0 (minus (P l) l)).
  destruct (Req_dec (norm (minus (P l) l)) 0) as [Hz|Hz]; [exact Hz|].
  exfalso. pose proof (Hsmall (norm (minus (P l) l) / 4) ltac:(lra)). lra.
Qed.

End Banach.

(* Non-vacuity of banach_fixed_point (claim E3): its premises hold together, e.g. at V = R, the constant map P = 0 and q = 0, with a point z0 = 0 of V to start from. *)
Lemma banach_fixed_point_premises_satisfiable :
  exists (V : CompleteNormedModule R_AbsRing) (P : V -> V) (q : R) (z0 : V),
    0 <= q < 1 /\ (forall z w, norm (minus (P z) (P w)) <= q * norm (minus z w)).
Proof. exists R_CompleteNormedModule, (fun _ => zero), 0, zero. split; [lra |].
  intros z w. rewrite minus_eq_zero. cbn. rewrite Rabs_R0. lra. Qed.

(** E3 (existence): in a complete normed module, if G is L-Lipschitz with L < 1 + c and
    eps (1 + c + L) < 2, the relaxation has exactly one fixed point, i.e. one zero of F. *)
Theorem relax_fixed_point_exists_unique : forall {V : CompleteNormedModule R_AbsRing}
  (x : V) (c eps L : R) (G : V -> V), 0 < eps -> 0 <= L -> lipschitz L G ->
  L < 1 + c -> eps * (1 + c + L) < 2 ->
  exists zs, relax_step x c eps G zs = zs /\ force x c G zs = zero /\
             forall z, relax_step x c eps G z = z -> z = zs.
Proof.
  intros V x c eps L G He HL HG Hc Hs.
  assert (Hr : rho c eps L < 1) by (apply rho_lt_1_iff; auto).
  pose proof (rho_nonneg c eps L (Rlt_le _ _ He) HL) as Hr0.
  set (zs := lim (filtermap (fun n => iter (relax_step x c eps G) n x) eventually)).
  assert (Hfix : relax_step x c eps G zs = zs).
  { apply (banach_fixed_point (relax_step x c eps G) (rho c eps L) (conj Hr0 Hr)).
    intros z w. apply (relax_step_lipschitz x c eps L G (Rlt_le _ _ He) HG). }
  exists zs. split; [exact Hfix|]. split.
  - apply (relax_fixed_iff_force_zero x c eps G zs); [lra|exact Hfix].
  - intros z Hz. apply (relax_fixed_point_unique x c eps L G z zs (Rlt_le _ _ He) HG Hr Hz Hfix).
Qed.

(* Non-vacuity of relax_fixed_point_exists_unique (claim E3): its premises hold together, e.g. at the seed c = 1, eps = 1/10 on V = R with x = 0 and the L = 0 part G = 0. *)
Lemma relax_fixed_point_exists_unique_premises_satisfiable :
  exists (V : CompleteNormedModule R_AbsRing) (x : V) (c eps L : R) (G : V -> V),
    0 < eps /\ 0 <= L /\ lipschitz L G /\ L < 1 + c /\ eps * (1 + c + L) < 2.
Proof. exists R_CompleteNormedModule, zero, 1, (1 / 10), 0, (fun _ => zero).
  split; [lra |]. split; [lra |]. split; [(unfold lipschitz; intros z w; rewrite Rmult_0_l, minus_eq_zero; apply Req_le; apply norm_zero) |]. lra. Qed.

(** * Existence in R^n: products of complete spaces are complete *)

Section ProdComplete.
Context {U V : CompleteSpace}.

(** The limit of a filter on U * V, taken componentwise. *)
Definition prod_lim (F : ((U * V) -> Prop) -> Prop) : U * V :=
  (lim (filtermap fst F), lim (filtermap snd F)).

(** A Cauchy filter on U * V converges to its componentwise limit. *)
Lemma prod_complete_ax1 : forall F, ProperFilter F -> cauchy F ->
  forall eps : posreal, F (ball (prod_lim F) eps).
Proof.
  intros F FF HF eps.
  assert (H1 : filtermap fst F (ball (lim (filtermap fst F)) eps)).
  { apply complete_cauchy; [apply filtermap_proper_filter; exact FF|].
    intro e. destruct (HF e) as [x Hx]. exists (fst x). unfold filtermap.
    eapply filter_imp; [|exact Hx]. intros y Hy. exact (proj1 Hy). }
  assert (H2 : filtermap snd F (ball (lim (filtermap snd F)) eps)).
  { apply complete_cauchy; [apply filtermap_proper_filter; exact FF|].
    intro e. destruct (HF e) as [x Hx]. exists (snd x). unfold filtermap.
    eapply filter_imp; [|exact Hx]. intros y Hy. exact (proj2 Hy). }
  unfold filtermap in H1, H2. eapply filter_imp; [|exact (filter_and _ _ H1 H2)].
  intros y [Ha Hb]. exact (conj Ha Hb).
Qed.

(** Equivalent filters have close componentwise limits. *)
Lemma prod_complete_ax2 : forall F1 F2, filter_le F1 F2 -> filter_le F2 F1 ->
  close (prod_lim F1) (prod_lim F2).
Proof.
  intros F1 F2 H12 H21 eps.
  assert (Hc1 : close (lim (filtermap fst F1)) (lim (filtermap fst F2))).
  { apply close_lim; intros P HP; unfold filtermap in *; [apply H12|apply H21]; exact HP. }
  assert (Hc2 : close (lim (filtermap snd F1)) (lim (filtermap snd F2))).
  { apply close_lim; intros P HP; unfold filtermap in *; [apply H12|apply H21]; exact HP. }
  exact (conj (Hc1 eps) (Hc2 eps)).
Qed.

(** The completeness mixin of U * V. *)
Definition prod_CompleteSpace_mixin : CompleteSpace.mixin_of (prod_UniformSpace U V) :=
  CompleteSpace.Mixin (prod_UniformSpace U V) prod_lim prod_complete_ax1 prod_complete_ax2.

End ProdComplete.

(** The product of two complete normed modules over R is a complete normed module. *)
Definition prod_CompleteNormedModule (U V : CompleteNormedModule R_AbsRing) :
  CompleteNormedModule R_AbsRing :=
  CompleteNormedModule.Pack R_AbsRing (U * V)
    (CompleteNormedModule.Class R_AbsRing _ (NormedModule.class _ (prod_NormedModule R_AbsRing U V))
       (@prod_CompleteSpace_mixin U V))
    (U * V).

(** R^(n+1) = R x ... x R as a complete normed module over R. *)
Fixpoint Rn (n : nat) : CompleteNormedModule R_AbsRing :=
  match n with
  | O => R_CompleteNormedModule
  | S m => prod_CompleteNormedModule (Rn m) R_CompleteNormedModule
  end.

(** E3 (existence in R^n): in R^(n+1), for every n, an L-Lipschitz G with L < 1 + c and
    eps (1 + c + L) < 2 gives the relaxation exactly one fixed point, the unique zero of F. *)
Corollary relax_fixed_point_exists_unique_Rn : forall (n : nat) (x : Rn n) (c eps L : R)
  (G : Rn n -> Rn n), 0 < eps -> 0 <= L -> lipschitz L G ->
  L < 1 + c -> eps * (1 + c + L) < 2 ->
  exists zs, relax_step x c eps G zs = zs /\ force x c G zs = zero /\
             forall z, relax_step x c eps G z = z -> z = zs.
Proof. intros n. exact (@relax_fixed_point_exists_unique (Rn n)). Qed.

(* Non-vacuity of relax_fixed_point_exists_unique_Rn (claim E3): its premises hold together, e.g. at the seed c = 1, eps = 1/10 on R^3 with x = 0 and the L = 0 part G = 0. *)
Lemma relax_fixed_point_exists_unique_Rn_premises_satisfiable :
  exists (n : nat) (x : Rn n) (c eps L : R) (G : Rn n -> Rn n),
    0 < eps /\ 0 <= L /\ lipschitz L G /\ L < 1 + c /\ eps * (1 + c + L) < 2.
Proof. exists 2%nat, zero, 1, (1 / 10), 0, (fun _ => zero).
  split; [lra |]. split; [lra |]. split; [(unfold lipschitz; intros z w; rewrite Rmult_0_l, minus_eq_zero; apply Req_le; apply norm_zero) |]. lra. Qed.
