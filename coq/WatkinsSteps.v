(** Discrete steps on the reduced one-dimensional problem along (l, (1-l)/2, (1-l)/2): the local
    multipliers at lambda* of plain gradient descent and of Fisher natural-gradient descent with
    step h, their values at the watkins-nn step tau = 1/m(phi), and what they imply: plain gradient
    descent with step tau is locally unstable, the natural-gradient step is locally stable with
    multiplier 0.5259... (not the factor exp(-1) that a rate m(phi) would give), and tau is the
    locally optimal step of neither.  With the published sign F+ the golden point is not a fixed
    point of either step, so no orbit converges to it. *)
From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From Interval Require Import Tactic.
From Phi Require Import PhiBasics Constants Enclosures LnFacts WatkinsFreeEnergy WatkinsModulus.
Open Scope R_scope.

(** * One-dimensional iteration facts *)

(** The n-th iterate of a map. *)
Fixpoint iterate (f : R -> R) (n : nat) (x : R) : R :=
  match n with O => x | Datatypes.S k => f (iterate f k x) end.

(** Powers of a number in [0,1] stay in [0,1]. *)
Lemma pow_between_0_1 : forall r n, 0 <= r <= 1 -> 0 <= r ^ n <= 1.
Proof.
  intros r n Hr. induction n as [|n IH]; simpl; [lra |]. split; [nra | nra].
Qed.

(** Near a fixed point with multiplier q, |q| < rho gives |f x - c| <= rho |x - c|. *)
Lemma local_upper_bound_of_derivative : forall f c q rho,
  derivable_pt_lim f c q -> f c = c -> Rabs q < rho ->
  exists delta, 0 < delta /\
    forall x, Rabs (x - c) < delta -> Rabs (f x - c) <= rho * Rabs (x - c).
Proof.
  intros f c q rho Hd Hf Hq.
  destruct (Hd (rho - Rabs q) ltac:(lra)) as [d Hdel].
  exists d. split; [apply cond_pos |].
  intros x Hx. destruct (Req_dec x c) as [-> | Hne].
  - rewrite Hf. replace (c - c) with 0 by ring. rewrite Rabs_R0. lra.
  - specialize (Hdel (x - c) ltac:(lra) Hx).
    replace (c + (x - c)) with x in Hdel by ring. rewrite Hf in Hdel.
    assert (Hh : 0 < Rabs (x - c)) by (apply Rabs_pos_lt; lra).
    replace (f x - c) with (((f x - c) / (x - c) - q) * (x - c) + q * (x - c))
      by (field; lra).
    eapply Rle_trans; [apply Rabs_triang |].
    rewrite !Rabs_mult. nra.
Qed.

(** Near a fixed point with multiplier q, rho < |q| gives rho |x - c| <= |f x - c|. *)
Lemma local_lower_bound_of_derivative : forall f c q rho,
  derivable_pt_lim f c q -> f c = c -> rho < Rabs q ->
  exists delta, 0 < delta /\
    forall x, Rabs (x - c) < delta -> rho * Rabs (x - c) <= Rabs (f x - c).
Proof.
  intros f c q rho Hd Hf Hq.
  destruct (Hd (Rabs q - rho) ltac:(lra)) as [d Hdel].
  exists d. split; [apply cond_pos |].
  intros x Hx. destruct (Req_dec x c) as [-> | Hne].
  - replace (c - c) with 0 by ring. rewrite Rabs_R0, Rmult_0_r. apply Rabs_pos.
  - specialize (Hdel (x - c) ltac:(lra) Hx).
    replace (c + (x - c)) with x in Hdel by ring. rewrite Hf in Hdel.
    assert (Hh : 0 < Rabs (x - c)) by (apply Rabs_pos_lt; lra).
    replace (f x - c) with (q * (x - c) - - (((f x - c) / (x - c) - q) * (x - c)))
      by (field; lra).
    eapply Rle_trans; [| apply Rabs_triang_inv].
    rewrite Rabs_Ropp, !Rabs_mult. nra.
Qed.

(** Inside a ball where f contracts by rho <= 1 towards c, the orbit obeys
    |f^n x0 - c| <= rho^n |x0 - c|. *)
Lemma iterate_contraction : forall f c rho delta x0,
  0 <= rho <= 1 ->
  (forall x, Rabs (x - c) < delta -> Rabs (f x - c) <= rho * Rabs (x - c)) ->
  Rabs (x0 - c) < delta ->
  forall n, Rabs (iterate f n x0 - c) <= rho ^ n * Rabs (x0 - c).
Proof.
  intros f c rho delta x0 Hr Hf H0 n.
  induction n as [|n IH]; simpl; [lra |].
  pose proof (pow_between_0_1 rho n Hr) as Hp.
  pose proof (Rabs_pos (x0 - c)).
  assert (Hin : Rabs (iterate f n x0 - c) < delta) by nra.
  specialize (Hf _ Hin). nra.
Qed.

(** An orbit that stays in a ball where f expands by rho >= 0 obeys
    rho^n |x0 - c| <= |f^n x0 - c|. *)
Lemma iterate_lower_bound : forall f c rho delta x0, 0 <= rho ->
  (forall x, Rabs (x - c) < delta -> rho * Rabs (x - c) <= Rabs (f x - c)) ->
  (forall n, Rabs (iterate f n x0 - c) < delta) ->
  forall n, rho ^ n * Rabs (x0 - c) <= Rabs (iterate f n x0 - c).
Proof.
  intros f c rho delta x0 Hr Hf Hin n.
  induction n as [|n IH]; simpl; [lra |].
  specialize (Hf _ (Hin n)). pose proof (pow_le rho n Hr). nra.
Qed.

(** Near an expanding fixed point (rho > 1), an orbit converges to c only if it lands on c. *)
Lemma expanding_orbit_converges_only_if_it_lands : forall f c rho delta x0,
  1 < rho -> 0 < delta ->
  (forall x, Rabs (x - c) < delta -> rho * Rabs (x - c) <= Rabs (f x - c)) ->
  Un_cv (fun n => iterate f n x0) c ->
  exists N, iterate f N x0 = c.
Proof.
  intros f c rho delta x0 Hr Hd Hf Hcv.
  destruct (Hcv delta Hd) as [N HN]. exists N.
  destruct (Req_dec (iterate f N x0) c) as [E | E]; [exact E | exfalso].
  set (e := Rabs (iterate f N x0 - c)).
  assert (He : 0 < e) by (apply Rabs_pos_lt; lra).
  assert (Hin : forall k, Rabs (iterate f (k + N) x0 - c) < delta).
  { intro k. apply (HN (k + N)%nat). lia. }
  assert (Hk : forall k, rho ^ k * e <= Rabs (iterate f (k + N) x0 - c)).
  { induction k as [|k IH]; simpl; [unfold e; lra |].
    specialize (Hf _ (Hin k)). pose proof (pow_le rho k ltac:(lra)). nra. }
  destruct (Pow_x_infinity rho ltac:(rewrite Rabs_right; lra) (delta / e)) as [K HK].
  specialize (HK K (le_n K)). rewrite Rabs_right in HK by (apply Rle_ge, pow_le; lra).
  specialize (Hk K). specialize (Hin K).
  assert (rho ^ K * e >= delta).
  { apply Rle_ge. apply (Rmult_le_reg_r (/ e)); [apply Rinv_0_lt_compat; lra |].
    replace (rho ^ K * e * / e) with (rho ^ K) by (field; lra). unfold Rdiv in HK. lra. }
  lra.
Qed.

(** The limit of a convergent orbit of a map continuous there is a fixed point. *)
Lemma orbit_limit_is_fixed : forall f c x0, continuity_pt f c ->
  Un_cv (fun n => iterate f n x0) c -> f c = c.
Proof.
  intros f c x0 Hc Hcv.
  pose proof (continuity_seq f _ c Hc Hcv) as H1.
  assert (H2 : Un_cv (fun n => iterate f (Datatypes.S n) x0) c).
  { intros eps He. destruct (Hcv eps He) as [N HN]. exists N. intros n Hn. apply HN. lia. }
  exact (UL_sequence _ _ _ H1 H2).
Qed.

(** * The reduced problem for F- (the sign with the golden point as minimiser) *)

(** The slope of F- along the symmetric line: f'(l) = T ln(2l/(1-l)) - 1/l. *)
Definition reduced_slope (T l : R) : R := T * ln (2 * l / (1 - l)) - 1 / l.

(** reduced_slope is the derivative of l -> F-(l, (1-l)/2, (1-l)/2). *)
Lemma reduced_slope_is_derivative : forall T l, 0 < l < 1 ->
  is_derive (fun a => Fminus T a ((1 - a) / 2) ((1 - a) / 2)) l (reduced_slope T l).
Proof. intros T l Hl. apply Fminus_line_derivative, Hl. Qed.

(** The curvature of the reduced problem: f''(l) = 1/l^2 + T (1/l + 1/(1-l)). *)
Definition reduced_curvature (T l : R) : R := 1 / l ^ 2 + T * (1 / l + 1 / (1 - l)).

(** reduced_curvature is the derivative of reduced_slope. *)
Lemma reduced_curvature_is_derivative : forall T l, 0 < l < 1 ->
  is_derive (reduced_slope T) l (reduced_curvature T l).
Proof.
  intros T l Hl. unfold reduced_slope, reduced_curvature.
  assert (0 < 2 * l / (1 - l)) by (apply Rdiv_lt_0_compat; lra).
  auto_derive; [repeat split; unfold Rdiv, Rminus in *; lra |].
  field. lra.
Qed.

(** W5: the curvature of the reduced F- is twice watkins-nn's g, so m(phi) is half its minimum. *)
Lemma reduced_curvature_eq_twice_g : forall T l, reduced_curvature T l = 2 * watkins_g T l.
Proof.
  intros T l. unfold reduced_curvature, watkins_g.
  set (X := 1 / l ^ 2 + T * (1 / l + 1 / (1 - l))). lra.
Qed.

(** W5/W8: on (0,1) the reduced F- has curvature at least 2 m(phi). *)
Theorem reduced_curvature_ge_twice_m_phi : forall l, 0 < l < 1 ->
  2 * m_phi <= reduced_curvature Tstar l.
Proof.
  intros l Hl. rewrite reduced_curvature_eq_twice_g.
  pose proof (proj1 m_phi_is_min_of_watkins_g l Hl). lra.
Qed.

(* Non-vacuity of reduced_curvature_ge_twice_m_phi (claims W5, W8): its premises hold together, e.g. at l = lambda*. *)
Lemma reduced_curvature_ge_twice_m_phi_premises_satisfiable :
  exists l : R, 0 < l < 1.
Proof. exists lambda_star. pose proof lambda_star_bounds. lra. Qed.

(** The Fisher information of the curve l -> (l, (1-l)/2, (1-l)/2),
    sum_i (dp_i/dl)^2 / p_i, is 1/(l (1-l)). *)
Definition fisher_line (l : R) : R := 1 ^ 2 / l + 2 * ((- (1 / 2)) ^ 2 / ((1 - l) / 2)).

(** Fisher information of the symmetric line in closed form. *)
Lemma fisher_line_eq : forall l, 0 < l < 1 -> fisher_line l = 1 / (l * (1 - l)).
Proof. intros l Hl. unfold fisher_line. field. lra. Qed.

(** Plain gradient descent on the reduced problem with step h. *)
Definition gd_step (T h l : R) : R := l - h * reduced_slope T l.

(** Fisher natural-gradient descent on the reduced problem with step h. *)
Definition ng_step (T h l : R) : R := l - h * (l * (1 - l)) * reduced_slope T l.

(** ng_step is the natural-gradient step: the gradient preconditioned by the inverse Fisher
    information. *)
Lemma ng_step_is_natural_gradient : forall T h l, 0 < l < 1 ->
  ng_step T h l = l - h * / fisher_line l * reduced_slope T l.
Proof.
  intros T h l Hl. unfold ng_step. rewrite fisher_line_eq by exact Hl. field. lra.
Qed.

(** lambda* is a critical point of the reduced F- at T*. *)
Lemma reduced_slope_zero_at_golden : reduced_slope Tstar lambda_star = 0.
Proof.
  unfold reduced_slope. rewrite golden_ratio_of_coordinates.
  unfold Tstar, lambda_star. pose proof phi_pos.
  assert (0 < ln (2 * phi)) by (unfold phi; interval). field. lra.
Qed.

(** lambda* is a fixed point of the gradient step, for every step h. *)
Lemma gd_step_fixes_golden : forall h, gd_step Tstar h lambda_star = lambda_star.
Proof. intro h. unfold gd_step. rewrite reduced_slope_zero_at_golden. ring. Qed.

(** lambda* is a fixed point of the natural-gradient step, for every step h. *)
Lemma ng_step_fixes_golden : forall h, ng_step Tstar h lambda_star = lambda_star.
Proof. intro h. unfold ng_step. rewrite reduced_slope_zero_at_golden. ring. Qed.

(** The curvature at the golden point: f''(lambda* ) = phi^2 + T* phi^3. *)
Lemma reduced_curvature_at_golden : reduced_curvature Tstar lambda_star = phi ^ 2 + Tstar * phi ^ 3.
Proof.
  unfold reduced_curvature. rewrite one_sub_lambda_star. unfold lambda_star.
  pose proof phi_sq_eq_phi_add_one as H2. pose proof phi_pos.
  assert (H3 : phi ^ 3 = phi ^ 2 + phi).
  { assert (E : phi ^ 3 = phi * phi ^ 2) by ring. rewrite H2 in E. lra. }
  field_simplify_eq; [rewrite H3; ring | lra].
Qed.

(** The local multiplier of gradient descent with step h at lambda*: 1 - h (phi^2 + T* phi^3). *)
Definition gd_multiplier (h : R) : R := 1 - h * (phi ^ 2 + Tstar * phi ^ 3).

(** The local multiplier of natural-gradient descent with step h at lambda*: 1 - h (1/phi + T* ). *)
Definition ng_multiplier (h : R) : R := 1 - h * (/ phi + Tstar).

(** W6/W8: the derivative of the gradient step at lambda* is gd_multiplier h. *)
Theorem gd_step_multiplier : forall h,
  is_derive (gd_step Tstar h) lambda_star (gd_multiplier h).
Proof.
  intro h. pose proof lambda_star_bounds as Hl.
  pose proof (reduced_curvature_is_derivative Tstar lambda_star ltac:(lra)) as Hd.
  unfold gd_step, gd_multiplier. rewrite <- reduced_curvature_at_golden.
  auto_derive; [eexists; exact Hd |].
  replace (Derive (fun x : R => reduced_slope Tstar x) lambda_star)
    with (reduced_curvature Tstar lambda_star)
    by (symmetry; apply is_derive_unique; exact Hd).
  ring.
Qed.

(** W6/W8: the derivative of the natural-gradient step at lambda* is ng_multiplier h. *)
Theorem ng_step_multiplier : forall h,
  is_derive (ng_step Tstar h) lambda_star (ng_multiplier h).
Proof.
  intro h. pose proof lambda_star_bounds as Hl.
  pose proof (reduced_curvature_is_derivative Tstar lambda_star ltac:(lra)) as Hd.
  assert (E : ng_multiplier h
              = 1 - h * ((1 - 2 * lambda_star) * reduced_slope Tstar lambda_star
                         + lambda_star * (1 - lambda_star) * reduced_curvature Tstar lambda_star)).
  { rewrite reduced_slope_zero_at_golden, reduced_curvature_at_golden, one_sub_lambda_star.
    unfold ng_multiplier, lambda_star. pose proof phi_pos. field. lra. }
  unfold ng_step. rewrite E.
  auto_derive; [eexists; exact Hd |].
  replace (Derive (fun x : R => reduced_slope Tstar x) lambda_star)
    with (reduced_curvature Tstar lambda_star)
    by (symmetry; apply is_derive_unique; exact Hd).
  ring.
Qed.

(** The two multipliers at the watkins-nn step tau = 1/m(phi), certified. *)
Lemma gd_multiplier_tau_enclosure :
  -1.00799629793594 <= gd_multiplier tau_global <= -1.00799629793593.
Proof.
  unfold gd_multiplier, tau_global, m_phi, lambda_m, Tstar, phi. interval with (i_prec 70).
Qed.

(** The natural-gradient multiplier at tau, certified. *)
Lemma ng_multiplier_tau_enclosure :
  0.525976375119197 <= ng_multiplier tau_global <= 0.525976375119198.
Proof.
  unfold ng_multiplier, tau_global, m_phi, lambda_m, Tstar, phi. interval with (i_prec 70).
Qed.

(** W6/W8: plain gradient descent with step tau has |multiplier| = 1.00799... > 1 at lambda*. *)
Theorem gd_step_tau_multiplier_exceeds_one : 1 < Rabs (gd_multiplier tau_global).
Proof.
  pose proof gd_multiplier_tau_enclosure. rewrite Rabs_left by lra. lra.
Qed.

(** W6/W8: plain gradient descent with step tau is locally unstable at lambda*: an orbit
    converges to lambda* only if it lands exactly on it. *)
Theorem gd_step_tau_unstable : forall x0,
  Un_cv (fun n => iterate (gd_step Tstar tau_global) n x0) lambda_star ->
  exists N, iterate (gd_step Tstar tau_global) N x0 = lambda_star.
Proof.
  intros x0 Hcv. pose proof (gd_step_multiplier tau_global) as Hd.
  apply is_derive_Reals in Hd.
  destruct (local_lower_bound_of_derivative _ _ _ (1001 / 1000) Hd (gd_step_fixes_golden _)
              ltac:(pose proof gd_step_tau_multiplier_exceeds_one;
                    pose proof gd_multiplier_tau_enclosure; rewrite Rabs_left in *; lra))
    as [delta [Hdel Hlow]].
  exact (expanding_orbit_converges_only_if_it_lands _ _ (1001 / 1000) delta x0
           ltac:(lra) Hdel Hlow Hcv).
Qed.

(* Non-vacuity of gd_step_tau_unstable (claims W6, W8): its premises hold together, e.g. at the fixed point x0 = lambda*. *)
Lemma gd_step_tau_unstable_premises_satisfiable :
  exists x0 : R, Un_cv (fun n => iterate (gd_step Tstar tau_global) n x0) lambda_star.
Proof. exists lambda_star.
  assert (Hf : forall n, iterate (gd_step Tstar tau_global) n lambda_star = lambda_star)
    by (induction n as [|n IH]; simpl; [reflexivity | rewrite IH; apply gd_step_fixes_golden]).
  intros eps He. exists 0%nat. intros n _. rewrite Hf. unfold R_dist.
  rewrite Rminus_eq_0, Rabs_R0. exact He. Qed.

(** W8: natural-gradient descent with step tau is locally stable at lambda*: near it the orbit
    contracts at least by the factor 53/100 per step (the multiplier is 0.52597...). *)
Theorem ng_step_tau_locally_stable : exists delta, 0 < delta /\ forall x0,
  Rabs (x0 - lambda_star) < delta -> forall n,
  Rabs (iterate (ng_step Tstar tau_global) n x0 - lambda_star)
    <= (53 / 100) ^ n * Rabs (x0 - lambda_star).
Proof.
  pose proof (ng_step_multiplier tau_global) as Hd. apply is_derive_Reals in Hd.
  pose proof ng_multiplier_tau_enclosure as Hq.
  destruct (local_upper_bound_of_derivative _ _ _ (53 / 100) Hd (ng_step_fixes_golden _)
              ltac:(rewrite Rabs_right; lra)) as [delta [Hdel Hup]].
  exists delta. split; [exact Hdel |].
  intros x0 H0. apply (iterate_contraction _ _ _ delta); [lra | exact Hup | exact H0].
Qed.

(** W8: near lambda* the natural-gradient orbit with step tau also shrinks by no more than 1/2 per
    step, so its distance to lambda* is between (1/2)^n and (53/100)^n times the initial one. *)
Theorem ng_step_tau_rate_bounds : exists delta, 0 < delta /\ forall x0,
  Rabs (x0 - lambda_star) < delta -> forall n,
  (1 / 2) ^ n * Rabs (x0 - lambda_star)
    <= Rabs (iterate (ng_step Tstar tau_global) n x0 - lambda_star)
    <= (53 / 100) ^ n * Rabs (x0 - lambda_star).
Proof.
  pose proof (ng_step_multiplier tau_global) as Hd. apply is_derive_Reals in Hd.
  pose proof ng_multiplier_tau_enclosure as Hq.
  destruct (local_upper_bound_of_derivative _ _ _ (53 / 100) Hd (ng_step_fixes_golden _)
              ltac:(rewrite Rabs_right; lra)) as [d1 [Hd1 Hup]].
  destruct (local_lower_bound_of_derivative _ _ _ (1 / 2) Hd (ng_step_fixes_golden _)
              ltac:(rewrite Rabs_right; lra)) as [d2 [Hd2 Hlow]].
  exists (Rmin d1 d2). split; [apply Rmin_case; lra |].
  intros x0 H0.
  assert (H1 : Rabs (x0 - lambda_star) < d1) by (eapply Rlt_le_trans; [exact H0 | apply Rmin_l]).
  assert (H2 : Rabs (x0 - lambda_star) < d2) by (eapply Rlt_le_trans; [exact H0 | apply Rmin_r]).
  pose proof (iterate_contraction _ _ (53 / 100) d1 x0 ltac:(lra) Hup H1) as Hc.
  assert (Hin : forall n, Rabs (iterate (ng_step Tstar tau_global) n x0 - lambda_star) < d2).
  { intro n. specialize (Hc n). pose proof (pow_between_0_1 (53 / 100) n ltac:(lra)).
    pose proof (Rabs_pos (x0 - lambda_star)). nra. }
  intro n. split; [apply (iterate_lower_bound _ _ _ d2); [lra | exact Hlow | exact Hin] |].
  exact (Hc n).
Qed.

(** W8: a rate m(phi) with step tau = 1/m(phi) would mean the per-step factor exp(-m tau) =
    exp(-1) = 0.3678...; the natural-gradient step contracts by more than 1/2 > exp(-1). *)
Theorem ng_step_tau_slower_than_rate_m_phi :
  exp (- (m_phi * tau_global)) < 1 / 2 /\ 1 / 2 < ng_multiplier tau_global.
Proof.
  split; [| pose proof ng_multiplier_tau_enclosure; lra].
  unfold tau_global. pose proof m_phi_enclosure.
  replace (m_phi * (1 / m_phi)) with 1 by (field; lra). interval.
Qed.

(** W8: the linearised rate of the continuous natural-gradient flow at lambda*,
    lambda*(1-lambda* ) f''(lambda* ), is 1/phi + T* = 1.9958..., less than half of m(phi). *)
Theorem ng_flow_rate_at_golden :
  lambda_star * (1 - lambda_star) * reduced_curvature Tstar lambda_star = / phi + Tstar /\
  1.99583582022329 <= / phi + Tstar <= 1.99583582022330 /\ 2 * (/ phi + Tstar) < m_phi.
Proof.
  split.
  - rewrite reduced_curvature_at_golden, one_sub_lambda_star. unfold lambda_star.
    pose proof phi_pos. field. lra.
  - split; [unfold Tstar, phi; split; interval with (i_prec 70) |].
    pose proof m_phi_enclosure. assert (/ phi + Tstar <= 2) by (unfold Tstar, phi; interval).
    lra.
Qed.

(** W6: gradient descent is locally stable at lambda* exactly for steps 0 < h < 2/f''(lambda* ). *)
Theorem gd_multiplier_stable_iff : forall h,
  Rabs (gd_multiplier h) < 1 <-> 0 < h < 2 / (phi ^ 2 + Tstar * phi ^ 3).
Proof.
  intro h. assert (Hc : 0 < phi ^ 2 + Tstar * phi ^ 3)
    by (pose proof Tstar_enclosure; pose proof phi_pos; unfold Tstar in *; unfold phi; interval).
  unfold gd_multiplier. split.
  - intro H. apply Rabs_def2 in H as [H1 H2]. split; [nra |].
    apply (Rmult_lt_reg_r (phi ^ 2 + Tstar * phi ^ 3)); [lra |].
    unfold Rdiv. rewrite Rmult_assoc, Rinv_l by lra. lra.
  - intros [H1 H2]. apply Rabs_def1; [nra |].
    apply (Rmult_lt_compat_r (phi ^ 2 + Tstar * phi ^ 3)) in H2; [| lra].
    unfold Rdiv in H2. rewrite Rmult_assoc, Rinv_l in H2 by lra. lra.
Qed.

(** W6: tau = 1/m(phi) lies above the stability limit 2/f''(lambda* ) = 0.23656... of gradient
    descent. *)
Theorem tau_above_gd_stability_limit : 2 / (phi ^ 2 + Tstar * phi ^ 3) < tau_global.
Proof. unfold tau_global, m_phi, lambda_m, Tstar, phi. interval with (i_prec 70). Qed.

(** W6 (correction): the locally optimal gradient step is 1/f''(lambda* ) = 0.11828... (multiplier
    0), not tau. *)
Theorem gd_locally_optimal_step :
  gd_multiplier (1 / (phi ^ 2 + Tstar * phi ^ 3)) = 0 /\
  0.118280258880902 <= 1 / (phi ^ 2 + Tstar * phi ^ 3) <= 0.118280258880903.
Proof.
  assert (Hc : 0 < phi ^ 2 + Tstar * phi ^ 3) by (unfold Tstar, phi; interval).
  split; [unfold gd_multiplier; field; lra | unfold Tstar, phi; split; interval with (i_prec 70)].
Qed.

(** W6 (correction): the locally optimal natural-gradient step is 1/(1/phi + T* ) = 0.50104...
    (multiplier 0); with tau the multiplier is 0.5259... > 0. *)
Theorem ng_locally_optimal_step :
  ng_multiplier (1 / (/ phi + Tstar)) = 0 /\
  0.501043217015776 <= 1 / (/ phi + Tstar) <= 0.501043217015777 /\
  0 < ng_multiplier tau_global.
Proof.
  assert (Hc : 0 < / phi + Tstar) by (unfold Tstar, phi; interval).
  split; [unfold ng_multiplier, Rdiv; rewrite Rmult_1_l, Rinv_l by lra; ring |].
  split; [unfold Tstar, phi; split; interval with (i_prec 70) | pose proof ng_multiplier_tau_enclosure; lra].
Qed.

(** * The published sign F+ *)

(** The slope of F+ along the symmetric line: -T ln(2l/(1-l)) - 1/l. *)
Definition reduced_slope_plus (T l : R) : R := - (T * ln (2 * l / (1 - l))) - 1 / l.

(** reduced_slope_plus is the derivative of l -> F+(l, (1-l)/2, (1-l)/2). *)
Lemma reduced_slope_plus_is_derivative : forall T l, 0 < l < 1 ->
  is_derive (fun a => Fplus T a ((1 - a) / 2) ((1 - a) / 2)) l (reduced_slope_plus T l).
Proof.
  intros T l Hl. unfold Fplus, entropy3, reduced_slope_plus.
  auto_derive; [repeat split; lra |].
  replace (2 * l / (1 - l)) with (l / ((1 - l) / 2)) by (field; lra).
  rewrite ln_div_pos by lra. unfold Rdiv, Rminus. field. lra.
Qed.

(** W8: at T* the F+ slope at lambda* is -2 phi, not 0. *)
Lemma reduced_slope_plus_at_golden : reduced_slope_plus Tstar lambda_star = - 2 * phi.
Proof.
  unfold reduced_slope_plus. rewrite golden_ratio_of_coordinates.
  unfold Tstar, lambda_star. pose proof phi_pos.
  assert (0 < ln (2 * phi)) by (unfold phi; interval). field. lra.
Qed.

(** Plain gradient descent on the reduced F+ with step h. *)
Definition gd_step_plus (T h l : R) : R := l - h * reduced_slope_plus T l.

(** Fisher natural-gradient descent on the reduced F+ with step h. *)
Definition ng_step_plus (T h l : R) : R := l - h * (l * (1 - l)) * reduced_slope_plus T l.

(** W8: for every step h > 0 neither F+ step fixes lambda*. *)
Theorem golden_not_fixed_by_Fplus_steps : forall h, 0 < h ->
  gd_step_plus Tstar h lambda_star <> lambda_star /\
  ng_step_plus Tstar h lambda_star <> lambda_star.
Proof.
  intros h Hh. pose proof lambda_star_bounds. pose proof phi_pos.
  unfold gd_step_plus, ng_step_plus. rewrite reduced_slope_plus_at_golden.
  split; intro E.
  - assert (h * phi = 0) by lra. nra.
  - assert (0 < lambda_star * (1 - lambda_star)) by nra.
    assert (h * (lambda_star * (1 - lambda_star)) * phi = 0) by lra.
    assert (0 < h * (lambda_star * (1 - lambda_star))) by nra. nra.
Qed.

(* Non-vacuity of golden_not_fixed_by_Fplus_steps (claim W8): its premises hold together, e.g. at h = tau. *)
Lemma golden_not_fixed_by_Fplus_steps_premises_satisfiable :
  exists h : R, 0 < h.
Proof. exists tau_global. pose proof tau_global_enclosure. lra. Qed.

(** Continuity at lambda* of an F+ step map, from the differentiability of its closed form. *)
Ltac step_plus_continuous step :=
  let h := fresh "h" in
  intro h; pose proof lambda_star_bounds;
  assert (Hd : ex_derive (step Tstar h) lambda_star)
    by (unfold step, reduced_slope_plus;
        assert (0 < 2 * lambda_star / (1 - lambda_star)) by (apply Rdiv_lt_0_compat; lra);
        auto_derive; repeat split; unfold Rdiv, Rminus in *; lra);
  destruct Hd as [l Hl]; apply is_derive_Reals in Hl;
  apply derivable_continuous_pt; exists l; exact Hl.

(** The F+ natural-gradient step is continuous at lambda*. *)
Lemma ng_step_plus_continuous : forall h, continuity_pt (ng_step_plus Tstar h) lambda_star.
Proof. step_plus_continuous ng_step_plus. Qed.

(** The F+ gradient step is continuous at lambda*. *)
Lemma gd_step_plus_continuous : forall h, continuity_pt (gd_step_plus Tstar h) lambda_star.
Proof. step_plus_continuous gd_step_plus. Qed.

(** W8 refutation: with the published sign F+ and any step h > 0, no orbit of the (natural or
    plain) gradient step on the reduced problem converges to lambda*. *)
Theorem no_Fplus_orbit_converges_to_golden : forall h x0, 0 < h ->
  ~ Un_cv (fun n => iterate (ng_step_plus Tstar h) n x0) lambda_star /\
  ~ Un_cv (fun n => iterate (gd_step_plus Tstar h) n x0) lambda_star.
Proof.
  intros h x0 Hh. destruct (golden_not_fixed_by_Fplus_steps h Hh) as [Hg Hn]. split.
  - intro Hcv. exact (Hn (orbit_limit_is_fixed _ _ _ (ng_step_plus_continuous h) Hcv)).
  - intro Hcv. exact (Hg (orbit_limit_is_fixed _ _ _ (gd_step_plus_continuous h) Hcv)).
Qed.

(* Non-vacuity of no_Fplus_orbit_converges_to_golden (claims W8, W9): its premises hold together, e.g. at h = tau, x0 = lambda*. *)
Lemma no_Fplus_orbit_converges_to_golden_premises_satisfiable :
  exists h x0 : R, 0 < h.
Proof. exists tau_global, lambda_star. pose proof tau_global_enclosure. lra. Qed.

(** * The full Fisher step on the 2-simplex and its symmetric line *)

(** The Fisher (Shahshahani) natural-gradient step on the 2-simplex for the gradient
    (g1, g2, g3): p_i <- p_i - h p_i (g_i - sum_j p_j g_j). *)
Definition fisher_step3 (h a b c g1 g2 g3 : R) : R * R * R :=
  (a - h * a * (g1 - (a * g1 + b * g2 + c * g3)),
   b - h * b * (g2 - (a * g1 + b * g2 + c * g3)),
   c - h * c * (g3 - (a * g1 + b * g2 + c * g3))).

(** W10 (for the exact step): the Fisher step keeps the coordinates summing to 1. *)
Theorem fisher_step3_conserves_sum : forall h a b c g1 g2 g3, a + b + c = 1 ->
  let '(a', b', c') := fisher_step3 h a b c g1 g2 g3 in a' + b' + c' = 1.
Proof.
  intros h a b c g1 g2 g3 Hs. unfold fisher_step3.
  replace c with (1 - a - b) by lra. ring.
Qed.

(* Non-vacuity of fisher_step3_conserves_sum (claim W10): its premises hold together, e.g. at h = tau at the golden point (a, b, c) = (lambda_star, kappa_star, kappa_star) with zero gradient. *)
Lemma fisher_step3_conserves_sum_premises_satisfiable :
  exists h a b c g1 g2 g3 : R, a + b + c = 1.
Proof. exists tau_global, lambda_star, kappa_star, kappa_star, 0, 0, 0. unfold kappa_star. field. Qed.

(** The partial derivatives of F+ = -ln a + T H(a, b, c). *)
Definition Fplus_partial1 (T a : R) : R := - (1 / a) - T * (ln a + 1).

(** The partial derivative of F+ in an entropy-only coordinate x. *)
Definition Fplus_partial_other (T x : R) : R := - (T * (ln x + 1)).

(** Fplus_partial1 is the partial derivative of F+ in lambda. *)
Lemma Fplus_partial1_is_derivative : forall T a b c, 0 < a ->
  is_derive (fun x => Fplus T x b c) a (Fplus_partial1 T a).
Proof.
  intros T a b c Ha. unfold Fplus, entropy3, Fplus_partial1.
  auto_derive; [lra |]. field. lra.
Qed.

(** Fplus_partial_other is the partial derivative of F+ in kappa. *)
Lemma Fplus_partial2_is_derivative : forall T a b c, 0 < b ->
  is_derive (fun x => Fplus T a x c) b (Fplus_partial_other T b).
Proof.
  intros T a b c Hb. unfold Fplus, entropy3, Fplus_partial_other.
  auto_derive; [lra |]. field. lra.
Qed.

(** The full Fisher step of F+ on the 2-simplex. *)
Definition ng_step3_plus (T h : R) (p : R * R * R) : R * R * R :=
  match p with
  | (a, b, c) => fisher_step3 h a b c (Fplus_partial1 T a) (Fplus_partial_other T b)
                   (Fplus_partial_other T c)
  end.

(** The symmetric line (l, (1-l)/2, (1-l)/2). *)
Definition on_line (l : R) : R * R * R := (l, (1 - l) / 2, (1 - l) / 2).

(** On the symmetric line the full Fisher step of F+ is the reduced step ng_step_plus. *)
Lemma ng_step3_plus_on_line : forall T h l, 0 < l < 1 ->
  ng_step3_plus T h (on_line l) = on_line (ng_step_plus T h l).
Proof.
  intros T h l Hl. unfold ng_step3_plus, on_line, fisher_step3, ng_step_plus, reduced_slope_plus,
    Fplus_partial1, Fplus_partial_other.
  replace (2 * l / (1 - l)) with (l / ((1 - l) / 2)) by (field; lra).
  rewrite (ln_div_pos l ((1 - l) / 2)) by lra.
  f_equal; [f_equal |]; field; lra.
Qed.

(* Non-vacuity of ng_step3_plus_on_line (claim W8): its premises hold together, e.g. at T = T*, h = tau, l = lambda*. *)
Lemma ng_step3_plus_on_line_premises_satisfiable :
  exists T h l : R, 0 < l < 1.
Proof. exists Tstar, tau_global, lambda_star. pose proof lambda_star_bounds. lra. Qed.

(** Iterates of a map on triples. *)
Fixpoint iterate3 (f : R * R * R -> R * R * R) (n : nat) (p : R * R * R) : R * R * R :=
  match n with O => p | Datatypes.S k => f (iterate3 f k p) end.

(** The full F+ Fisher step maps the symmetric line into itself (for every start, inside the
    simplex or not): it keeps b = c and the sum a + b + c = 1. *)
Lemma ng_orbit3_plus_on_line : forall T h l0 n,
  iterate3 (ng_step3_plus T h) n (on_line l0)
  = on_line (fst (fst (iterate3 (ng_step3_plus T h) n (on_line l0)))).
Proof.
  intros T h l0 n. induction n as [|n IH]; [reflexivity |].
  simpl. rewrite IH. unfold ng_step3_plus, on_line, fisher_step3. simpl.
  f_equal; [f_equal |]; field.
Qed.

(** Where the lambda coordinate of a full F+ Fisher orbit from the line lies in (0, 1), the next
    one is the reduced step of it. *)
Lemma ng_orbit3_plus_next : forall T h l0 n,
  let a := fun n => fst (fst (iterate3 (ng_step3_plus T h) n (on_line l0))) in
  0 < a n < 1 -> a (Datatypes.S n) = ng_step_plus T h (a n).
Proof.
  intros T h l0 n a Hn. unfold a. simpl.
  rewrite ng_orbit3_plus_on_line, ng_step3_plus_on_line by exact Hn. reflexivity.
Qed.

(** W8 refutation on the full simplex: for every step h > 0 and every start on the symmetric
    line, the lambda coordinate of the F+ Fisher orbit does not converge to lambda*. *)
Theorem no_full_Fplus_orbit_from_line_converges : forall h l0, 0 < h ->
  ~ Un_cv (fun n => fst (fst (iterate3 (ng_step3_plus Tstar h) n (on_line l0)))) lambda_star.
Proof.
  intros h l0 Hh Hcv. pose proof lambda_star_bounds as Hb.
  set (a := fun n => fst (fst (iterate3 (ng_step3_plus Tstar h) n (on_line l0)))) in Hcv.
  destruct (Hcv ((1 - lambda_star) / 2)) as [N HN]; [lra |].
  assert (Hin : forall n, (n >= N)%nat -> 0 < a n < 1).
  { intros n Hn. specialize (HN n Hn). unfold R_dist in HN. apply Rabs_def2 in HN. lra. }
  assert (Htail : forall n, a (n + N)%nat = iterate (ng_step_plus Tstar h) n (a N)).
  { intro n. induction n as [|n IH]; [reflexivity |].
    change (a (Datatypes.S (n + N))) with (a (Datatypes.S (n + N))).
    simpl. rewrite <- IH. apply ng_orbit3_plus_next, Hin. lia. }
  apply (proj1 (no_Fplus_orbit_converges_to_golden h (a N) Hh)).
  intros eps He. destruct (Hcv eps He) as [M HM]. exists M. intros n Hn.
  rewrite <- Htail. apply HM. lia.
Qed.

(* Non-vacuity of no_full_Fplus_orbit_from_line_converges (claim W8): its premises hold together, e.g. at h = tau, l0 = lambda*. *)
Lemma no_full_Fplus_orbit_from_line_converges_premises_satisfiable :
  exists h l0 : R, 0 < h.
Proof. exists tau_global, lambda_star. pose proof tau_global_enclosure. lra. Qed.

(** W6 refutation: tau is the locally optimal step of neither descent: some step gives a strictly
    smaller |multiplier| at lambda* for plain gradient descent, and some for the natural gradient. *)
Theorem tau_not_locally_optimal :
  (exists h, Rabs (gd_multiplier h) < Rabs (gd_multiplier tau_global)) /\
  (exists h, Rabs (ng_multiplier h) < Rabs (ng_multiplier tau_global)).
Proof.
  destruct gd_locally_optimal_step as [Hg _]. destruct ng_locally_optimal_step as [Hn [_ Hpos]].
  split.
  - exists (1 / (phi ^ 2 + Tstar * phi ^ 3)). rewrite Hg, Rabs_R0.
    pose proof gd_step_tau_multiplier_exceeds_one. lra.
  - exists (1 / (/ phi + Tstar)). rewrite Hn, Rabs_R0. rewrite Rabs_right; lra.
Qed.
