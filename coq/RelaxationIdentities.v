(** Identities of the equilibrium relaxation and its training signals: the scalar closed form and
    the k-independence of the fixed point (E4), the nudged Jacobian (E5), the adjoint recursion
    error (E6), step versus force residual (E7), the Hutchinson sign average (E8), fixed points and
    the step size (E10), and what bounds eps_crit (E11). *)
From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From Phi Require Import Sums Iterate ModuleFacts EulerStability.
Open Scope R_scope.

(** * E4: the scalar relaxation F_k(z) = -k (z - z_star) *)

(** One explicit step of the scalar relaxation. *)
Definition scalar_step (eps k zs z : R) : R := z + eps * (- k * (z - zs)).

(** E4: closed form z_T - z_star = (1 - eps k)^T (z_0 - z_star). *)
Theorem scalar_closed_form : forall eps k zs T z0,
  iter (scalar_step eps k zs) T z0 - zs = (1 - eps * k) ^ T * (z0 - zs).
Proof. intros eps k zs. apply iter_affine. intro z. unfold scalar_step. ring. Qed.

(** E4: for k <> 0 the only zero of F_k is z_star, whatever k is. *)
Theorem scalar_fixed_point_independent_of_k : forall k zs z, k <> 0 ->
  (- k * (z - zs) = 0 <-> z = zs).
Proof.
  intros k zs z Hk. split; intro H.
  - apply Rmult_integral in H. destruct H as [H|H]; [lra|lra].
  - subst. ring.
Qed.

(* Non-vacuity of scalar_fixed_point_independent_of_k (claim E4): its premises hold together, e.g. at k = 1, z_star = 0, z = 0. *)
Lemma scalar_fixed_point_independent_of_k_premises_satisfiable :
  exists k zs z : R, k <> 0.
Proof. exists 1, 0, 0. lra. Qed.

(** E4: the equilibrium loss L(z_star) does not depend on k, so d L(z_star)/dk = 0. *)
Theorem scalar_equilibrium_loss_derivative_zero : forall (L : R -> R) zs k,
  is_derive (fun _ : R => L zs) k 0.
Proof. intros L zs k. exact (@is_derive_const R_AbsRing R_NormedModule (L zs) k). Qed.

(** E4: d L(z_T)/dk = L'(z_T) * (-eps T (1 - eps k)^(T-1) (z_0 - z_star)). *)
Theorem scalar_finite_loss_derivative : forall (L : R -> R) (dL eps zs z0 k : R) (T : nat),
  is_derive L (iter (scalar_step eps k zs) T z0) dL ->
  is_derive (fun k' => L (iter (scalar_step eps k' zs) T z0)) k
            (dL * (- eps * INR T * (1 - eps * k) ^ (pred T) * (z0 - zs))).
Proof.
  intros L dL eps zs z0 k T HL.
  assert (Hform : forall k', iter (scalar_step eps k' zs) T z0 = zs + (1 - eps * k') ^ T * (z0 - zs)).
  { intro k'. rewrite <- (scalar_closed_form eps k' zs T z0). ring. }
  apply (is_derive_ext (fun k' => L (zs + (1 - eps * k') ^ T * (z0 - zs)))).
  { intro k'. rewrite Hform. reflexivity. }
  rewrite Hform in HL.
  assert (Hg : is_derive (fun k' => zs + (1 - eps * k') ^ T * (z0 - zs)) k
                         (- eps * INR T * (1 - eps * k) ^ (pred T) * (z0 - zs))).
  { auto_derive; [exact I|]. replace (1 + - (eps * k)) with (1 - eps * k) by ring.
    generalize ((1 - eps * k) ^ Init.Nat.pred T); intro p. ring. }
  pose proof (is_derive_comp L _ k dL _ HL Hg) as Hc.
  unfold scal in Hc; simpl in Hc; unfold mult in Hc; simpl in Hc.
  rewrite Rmult_comm in Hc. exact Hc.
Qed.

(* Non-vacuity of scalar_finite_loss_derivative (claim E4): its premises hold together, e.g. at the loss L(z) = z with dL = 1, the seed eps = 1/10, z_star = 0, z0 = 1, k = 1, T = 1. *)
Lemma scalar_finite_loss_derivative_premises_satisfiable :
  exists (L : R -> R) (dL eps zs z0 k : R) (T : nat),
    is_derive L (iter (scalar_step eps k zs) T z0) dL.
Proof. exists (fun z => z), 1, (1 / 10), 0, 1, 1, 1%nat. apply (is_derive_id (K := R_AbsRing)). Qed.

(** E4: for eps > 0, d L(z_T)/dk <> 0 exactly when L'(z_T) <> 0, T >= 1, z_0 <> z_star, and
    (T = 1 or eps k <> 1). *)
Theorem scalar_finite_loss_derivative_nonzero_iff : forall (dL eps zs z0 k : R) (T : nat),
  0 < eps ->
  (dL * (- eps * INR T * (1 - eps * k) ^ (pred T) * (z0 - zs)) <> 0 <->
   dL <> 0 /\ (1 <= T)%nat /\ z0 <> zs /\ (T = 1%nat \/ eps * k <> 1)).
Proof.
  intros dL eps zs z0 k T He. split.
  - intro H. repeat split.
    + intro H0. apply H. rewrite H0. ring.
    + destruct T; [|lia]. exfalso. apply H. simpl. ring.
    + intro H0. apply H. rewrite H0. ring.
    + destruct (Nat.eq_dec T 1) as [->|HT]; [left; reflexivity|right].
      intro H1. apply H. replace (1 - eps * k) with 0 by lra.
      destruct T as [|T]; [simpl; ring|]. destruct T as [|T]; [lia|]. simpl. ring.
  - intros [HdL [HT [Hz Hk]]].
    assert (HINR : INR T <> 0) by (apply not_0_INR; lia).
    assert (Hpow : (1 - eps * k) ^ (pred T) <> 0).
    { destruct Hk as [->|Hk]; [simpl; lra|]. apply pow_nonzero. lra. }
    repeat apply Rmult_integral_contrapositive_currified; try lra; auto.
Qed.

(* Non-vacuity of scalar_finite_loss_derivative_nonzero_iff (claim E4): its premises hold together, e.g. at dL = 1, the seed eps = 1/10, z_star = 0, z0 = 1, k = 1, T = 1. *)
Lemma scalar_finite_loss_derivative_nonzero_iff_premises_satisfiable :
  exists (dL eps zs z0 k : R) (T : nat), 0 < eps.
Proof. exists 1, (1 / 10), 0, 1, 1, 1%nat. lra. Qed.

(** * E5: the nudged Jacobian *)

(** E5: with A = (J - J^T)/2, every entry of J - 2A equals the entry of J^T, for any square matrix J. *)
Theorem nudged_jacobian_eq_transpose : forall (J : nat -> nat -> R) (i j : nat),
  J i j - 2 * ((J i j - J j i) / 2) = J j i.
Proof. intros J i j. field. Qed.

(** E5: the nudged linear dynamics act as J^T: (J - 2A) v = J^T v for every vector v. *)
Theorem nudged_jacobian_action : forall (J : nat -> nat -> R) (v : nat -> R) (n i : nat),
  sum_n (fun j => (J i j - 2 * ((J i j - J j i) / 2)) * v j) n = sum_n (fun j => J j i * v j) n.
Proof.
  intros J v n i. apply sum_n_Rext. intro j. rewrite nudged_jacobian_eq_transpose. reflexivity.
Qed.

(** * E6: the adjoint recursion and its error *)

Section Adjoint.
Context {V : ModuleSpace R_Ring}.
Variable M : V -> V.
Hypothesis M_plus : forall u v, M (plus u v) = plus (M u) (M v).
Hypothesis M_scal : forall (k : R) u, M (scal k u) = scal k (M u).

(** A linear map preserves differences. *)
Lemma M_minus : forall u v, M (minus u v) = minus (M u) (M v).
Proof.
  intros u v. unfold minus. rewrite M_plus. f_equal.
  rewrite <- scal_opp_one, M_scal, scal_opp_one. reflexivity.
Qed.

(** The adjoint recursion a_{t+1} = M a_t + eps l. *)
Definition adjoint_step (eps : R) (l : V) (a : V) : V := plus (M a) (scal eps l).

(** E6: if a_star = M a_star + eps l, then a_T - a_star = M^T (a_0 - a_star) (the T-th power of M). *)
Theorem adjoint_error_matrix_power : forall eps l astar,
  adjoint_step eps l astar = astar ->
  forall T a0, minus (iter (adjoint_step eps l) T a0) astar = iter M T (minus a0 astar).
Proof.
  intros eps l astar Hfix T. induction T as [|T IH]; intro a0; [reflexivity|].
  change (iter (adjoint_step eps l) (S T) a0) with (adjoint_step eps l (iter (adjoint_step eps l) T a0)).
  change (iter M (S T) (minus a0 astar)) with (M (iter M T (minus a0 astar))).
  rewrite <- IH. set (aT := iter (adjoint_step eps l) T a0).
  transitivity (minus (adjoint_step eps l aT) (adjoint_step eps l astar));
    [rewrite Hfix; reflexivity|].
  unfold adjoint_step. rewrite minus_plus_plus, minus_eq_zero, plus_zero_r, M_minus. reflexivity.
Qed.

(** One linearised nudged step with signed nudge s: d <- M d - eps s l. *)
Definition nudged_step (eps s : R) (l : V) (d : V) : V := minus (M d) (scal (eps * s) l).

(** The two-phase contrast update is the adjoint update. *)
Lemma contrast_step : forall eps beta l dm dp, beta <> 0 ->
  scal (/ (2 * beta)) (minus (nudged_step eps (- beta) l dm) (nudged_step eps beta l dp)) =
  adjoint_step eps l (scal (/ (2 * beta)) (minus dm dp)).
Proof.
  intros eps beta l dm dp Hb. unfold nudged_step, adjoint_step.
  assert (Hmm : forall a b c d : V, minus (minus a b) (minus c d) = plus (minus a c) (minus d b)).
  { intros a b c d. unfold minus. rewrite opp_plus, opp_opp, <- !plus_assoc. f_equal.
    rewrite plus_comm, <- plus_assoc; try reflexivity. }
  rewrite Hmm, <- scal_minus_distr_r, scal_distr_l, scal_assoc, M_scal, M_minus.
  rewrite scal_minus_distr_l. f_equal. f_equal.
  unfold mult, minus, plus, opp; simpl. field. exact Hb.
Qed.

(** E6: the contrast (d^- - d^+)/(2 beta) of two linearised nudged phases started at the free
    equilibrium (d = 0) follows the adjoint recursion from a_0 = 0, whatever the radius beta. *)
Theorem contrast_independent_of_radius : forall eps beta l T, beta <> 0 ->
  scal (/ (2 * beta)) (minus (iter (nudged_step eps (- beta) l) T zero)
                             (iter (nudged_step eps beta l) T zero)) =
  iter (adjoint_step eps l) T zero.
Proof.
  intros eps beta l T Hb. induction T as [|T IH].
  - simpl. rewrite minus_eq_zero. apply scal_zero_r.
  - simpl iter. rewrite contrast_step by exact Hb. rewrite IH. reflexivity.
Qed.

End Adjoint.

(* Non-vacuity of adjoint_error_matrix_power (claim E6): its premises hold together, e.g. at V = R, M = identity, eps = 1/10, l = 0 and its fixed point a_star = 0. *)
Lemma adjoint_error_matrix_power_premises_satisfiable :
  exists (V : ModuleSpace R_Ring) (M : V -> V) (eps : R) (l astar : V),
    (forall u v, M (plus u v) = plus (M u) (M v)) /\
    (forall (k : R) u, M (scal k u) = scal k (M u)) /\
    adjoint_step M eps l astar = astar.
Proof. exists R_ModuleSpace, (fun u => u), (1 / 10), zero, zero. split; [intros u v; reflexivity |]. split; [intros k u; reflexivity |].
  unfold adjoint_step. cbn. ring. Qed.

(* Non-vacuity of contrast_step (claim E6): its premises hold together, e.g. at V = R, M = identity, eps = 1/10, beta = 1/10, l = 1, dm = dp = 0. *)
Lemma contrast_step_premises_satisfiable :
  exists (V : ModuleSpace R_Ring) (M : V -> V) (eps beta : R) (l dm dp : V),
    (forall u v, M (plus u v) = plus (M u) (M v)) /\
    (forall (k : R) u, M (scal k u) = scal k (M u)) /\ beta <> 0.
Proof. exists R_ModuleSpace, (fun u => u), (1 / 10), (1 / 10), (1 : R), zero, zero. split; [intros u v; reflexivity |]. split; [intros k u; reflexivity |]. lra. Qed.

(* Non-vacuity of contrast_independent_of_radius (claim E6): its premises hold together, e.g. at V = R, M = identity, eps = 1/10, beta = 1/10, l = 1, T = 6. *)
Lemma contrast_independent_of_radius_premises_satisfiable :
  exists (V : ModuleSpace R_Ring) (M : V -> V) (eps beta : R) (l : V) (T : nat),
    (forall u v, M (plus u v) = plus (M u) (M v)) /\
    (forall (k : R) u, M (scal k u) = scal k (M u)) /\ beta <> 0.
Proof. exists R_ModuleSpace, (fun u => u), (1 / 10), (1 / 10), (1 : R), 6%nat. split; [intros u v; reflexivity |]. split; [intros k u; reflexivity |]. lra. Qed.

(** * E7: step residual and force residual *)

Section Residual.
Context {V : NormedModule R_AbsRing}.

(** Module form of the step: (z + eps F) - z = eps F. *)
Lemma step_difference_ms : forall {W : ModuleSpace R_Ring} (z f : W) (eps : R),
  minus (plus z (scal eps f)) z = scal eps f.
Proof.
  intros W z f eps. unfold minus. rewrite plus_comm, plus_assoc, plus_opp_l, plus_zero_l.
  reflexivity.
Qed.

(** For eps > 0 the norm of eps u is exactly eps ||u||. *)
Lemma norm_scal_pos : forall (eps : R) (u : V), 0 < eps -> norm (scal eps u) = eps * norm u.
Proof.
  intros eps u He. apply Rle_antisym.
  - pose proof (norm_scal_R eps u). rewrite Rabs_pos_eq in H by lra. exact H.
  - assert (Hu : u = scal (/ eps) (scal eps u)).
    { rewrite scal_assoc. unfold mult; simpl. rewrite Rinv_l by lra. symmetry. exact (scal_one u). }
    pose proof (norm_scal_R (/ eps) (scal eps u)) as H. rewrite <- Hu in H.
    rewrite Rabs_pos_eq in H by (apply Rlt_le, Rinv_0_lt_compat, He).
    apply (Rmult_le_compat_l eps) in H; [|lra]. rewrite <- Rmult_assoc, Rinv_r, Rmult_1_l in H by lra.
    exact H.
Qed.

(** E7: ||z_{t+1} - z_t|| / ||z_t|| = eps ||F(z_t)|| / ||z_t|| for z_{t+1} = z_t + eps F(z_t), eps > 0. *)
Theorem step_residual_eq_eps_force_residual : forall (F : V -> V) (eps : R) (z : V), 0 < eps ->
  norm (minus (plus z (scal eps (F z))) z) / norm z = eps * (norm (F z) / norm z).
Proof.
  intros F eps z He.
  assert (Hd : minus (plus z (scal eps (F z))) z = scal eps (F z))
    by exact (step_difference_ms (W := NormedModule.ModuleSpace R_AbsRing V) z (F z) eps).
  rewrite Hd, norm_scal_pos by exact He. unfold Rdiv. ring.
Qed.

End Residual.

(* Non-vacuity of norm_scal_pos (claim E7): its premises hold together, e.g. at V = R, the seed eps = 1/10, u = 1. *)
Lemma norm_scal_pos_premises_satisfiable :
  exists (V : NormedModule R_AbsRing) (eps : R) (u : V), 0 < eps.
Proof. exists R_NormedModule, (1 / 10), (1 : R). lra. Qed.

(* Non-vacuity of step_residual_eq_eps_force_residual (claim E7): its premises hold together, e.g. at V = R, F = 0, the seed eps = 1/10, z = 1. *)
Lemma step_residual_eq_eps_force_residual_premises_satisfiable :
  exists (V : NormedModule R_AbsRing) (F : V -> V) (eps : R) (z : V), 0 < eps.
Proof. exists R_NormedModule, (fun _ => zero), (1 / 10), (1 : R). lra. Qed.

(** * E8: the Hutchinson estimate with uniform signs *)

(** Set coordinate m of v to s. *)
Definition upd (v : nat -> R) (m : nat) (s : R) : nat -> R :=
  fun i => if Nat.eqb i m then s else v i.

(** The average of f over the 2^n sign vectors v in {-1, +1}^n (coordinates >= n are 0): each
    coordinate is set to +1 and to -1 with weight 1/2. *)
Fixpoint avg_signs (n : nat) (f : (nat -> R) -> R) : R :=
  match n with
  | O => f (fun _ => 0)
  | S m => avg_signs m (fun v => (f (upd v m 1) + f (upd v m (-1))) / 2)
  end.

(** The sign average respects pointwise equality. *)
Lemma avg_ext : forall n f g, (forall v, f v = g v) -> avg_signs n f = avg_signs n g.
Proof.
  induction n as [|n IH]; intros f g H; simpl; [apply H|].
  apply IH. intro v. rewrite !H. reflexivity.
Qed.

(** The sign average is additive. *)
Lemma avg_plus : forall n f g,
  avg_signs n (fun v => f v + g v) = avg_signs n f + avg_signs n g.
Proof.
  induction n as [|n IH]; intros f g; simpl; [reflexivity|].
  rewrite <- IH. apply avg_ext. intro v. field.
Qed.

(** The sign average is homogeneous. *)
Lemma avg_scal : forall n c f, avg_signs n (fun v => c * f v) = c * avg_signs n f.
Proof.
  induction n as [|n IH]; intros c f; simpl; [reflexivity|].
  rewrite <- IH. apply avg_ext. intro v. field.
Qed.

(** The sign average of a constant is the constant. *)
Lemma avg_const : forall n c, avg_signs n (fun _ => c) = c.
Proof.
  induction n as [|n IH]; intro c; simpl; [reflexivity|].
  transitivity (avg_signs n (fun _ => c)); [|apply IH]. apply avg_ext. intro v. field.
Qed.

(** The sign average commutes with finite sums. *)
Lemma avg_sum : forall n m (f : nat -> (nat -> R) -> R),
  avg_signs n (fun v => sumR m (fun i => f i v)) = sumR m (fun i => avg_signs n (f i)).
Proof.
  intros n m f. induction m as [|m IH]; simpl.
  - apply avg_const.
  - rewrite avg_plus, IH. reflexivity.
Qed.

(** Updating a coordinate m >= n leaves sum_{j < n} a_j v_j unchanged. *)
Lemma sumR_upd_above : forall (a : nat -> R) n m v s, (n <= m)%nat ->
  sumR n (fun j => a j * upd v m s j) = sumR n (fun j => a j * v j).
Proof.
  intros a n m v s. induction n as [|n IH]; intro Hn; simpl; [reflexivity|].
  rewrite IH by lia. unfold upd. destruct (Nat.eqb n m) eqn:E; [apply Nat.eqb_eq in E; lia|].
  reflexivity.
Qed.

(** The row lemma: the sign average of (sum_{j<n} a_j v_j)^2 is sum_{j<n} a_j^2. *)
Lemma avg_row_square : forall (a : nat -> R) n,
  avg_signs n (fun v => (sumR n (fun j => a j * v j)) ^ 2) = sumR n (fun j => a j ^ 2).
Proof.
  intro a. induction n as [|n IH]; simpl.
  - ring.
  - rewrite (avg_ext n _ (fun v => (sumR n (fun j => a j * v j)) ^ 2 + a n ^ 2)).
    + rewrite avg_plus, avg_const, IH. simpl. reflexivity.
    + intro v. rewrite !sumR_upd_above by lia. unfold upd. rewrite Nat.eqb_refl. simpl. field.
Qed.

(** ||J v||^2 for an m x n matrix J. *)
Definition sq_norm_Jv (m n : nat) (J : nat -> nat -> R) (v : nat -> R) : R :=
  sumR m (fun i => (sumR n (fun j => J i j * v j)) ^ 2).

(** The squared Frobenius norm sum_{i<m, j<n} J_ij^2. *)
Definition frobenius_sq (m n : nat) (J : nat -> nat -> R) : R :=
  sumR m (fun i => sumR n (fun j => J i j ^ 2)).

(** E8: for v uniform on {-1, +1}^n, the average of ||J v||^2 is the squared Frobenius norm of J
    (any m x n matrix, any n). *)
Theorem hutchinson_signs_unbiased : forall m n J,
  avg_signs n (sq_norm_Jv m n J) = frobenius_sq m n J.
Proof.
  intros m n J. unfold sq_norm_Jv, frobenius_sq.
  rewrite (avg_sum n m (fun i v => (sumR n (fun j => J i j * v j)) ^ 2)).
  apply sumR_ext. intros i _. apply avg_row_square.
Qed.

(** ||v||^2 = sum_{j<n} v_j^2. *)
Definition sq_norm (n : nat) (v : nat -> R) : R := sumR n (fun j => v j ^ 2).

(** Updating a coordinate m >= n leaves sum_{j<n} v_j^2 unchanged. *)
Lemma sq_norm_upd_above : forall n m v s, (n <= m)%nat -> sq_norm n (upd v m s) = sq_norm n v.
Proof.
  intros n m v s. unfold sq_norm. induction n as [|n IH]; intro Hn; cbn [sumR]; [reflexivity|].
  rewrite IH by lia. unfold upd. destruct (Nat.eqb n m) eqn:E; [apply Nat.eqb_eq in E; lia|].
  reflexivity.
Qed.

(** Setting coordinate n adds its square to sum_{j<n} v_j^2. *)
Lemma sq_norm_S_upd : forall n v s, sq_norm (S n) (upd v n s) = sq_norm n v + s ^ 2.
Proof.
  intros n v s. change (sq_norm (S n) (upd v n s)) with (sq_norm n (upd v n s) + (upd v n s n) ^ 2).
  rewrite sq_norm_upd_above by lia. unfold upd. rewrite Nat.eqb_refl. reflexivity.
Qed.

(** On every sign vector ||v||^2 = n, so a weight h(||v||^2) comes out of the average as h(n). *)
Lemma avg_weight_sq_norm : forall n g (h : R -> R),
  avg_signs n (fun v => g v * h (sq_norm n v)) = h (INR n) * avg_signs n g.
Proof.
  induction n as [|n IH]; intros g h; simpl.
  - unfold sq_norm; simpl. ring.
  - rewrite (avg_ext n _ (fun v => ((g (upd v n 1) + g (upd v n (-1))) / 2) *
                                   (fun x => h (x + 1)) (sq_norm n v))).
    + pose proof (IH (fun v => (g (upd v n 1) + g (upd v n (-1))) / 2) (fun x => h (x + 1))) as HI.
      cbv beta in HI. rewrite HI. f_equal. f_equal. destruct n; simpl; ring.
    + intro v. rewrite !sq_norm_S_upd.
      replace (sq_norm n v + 1 ^ 2) with (sq_norm n v + 1) by ring.
      replace (sq_norm n v + (-1) ^ 2) with (sq_norm n v + 1) by ring. field.
Qed.

(** E8: the dossier's normalised penalty ||J v||^2/||v||^2 averages to ||J||_F^2 / n, not ||J||_F^2. *)
Theorem normalised_penalty_average : forall m n J, (1 <= n)%nat ->
  avg_signs n (fun v => sq_norm_Jv m n J v / sq_norm n v) = frobenius_sq m n J / INR n.
Proof.
  intros m n J Hn. unfold Rdiv.
  rewrite (avg_weight_sq_norm n (sq_norm_Jv m n J) (fun x => / x)), hutchinson_signs_unbiased.
  ring.
Qed.

(* Non-vacuity of normalised_penalty_average (claim E8): its premises hold together, e.g. at m = n = 2 and the all-ones J. *)
Lemma normalised_penalty_average_premises_satisfiable :
  exists (m n : nat) (J : nat -> nat -> R), (1 <= n)%nat.
Proof. exists 2%nat, 2%nat, (fun _ _ => 1). lia. Qed.

(** The 2 x 2 identity matrix. *)
Definition id2 (i j : nat) : R := if Nat.eqb i j then 1 else 0.

(** E8 refutation witness: for J = I_2 the normalised penalty averages to 1 while ||J||_F^2 = 2. *)
Theorem normalised_penalty_not_frobenius :
  avg_signs 2 (fun v => sq_norm_Jv 2 2 id2 v / sq_norm 2 v) = 1 /\ frobenius_sq 2 2 id2 = 2.
Proof.
  split.
  - rewrite normalised_penalty_average by lia. unfold frobenius_sq, id2; simpl. field.
  - unfold frobenius_sq, id2; simpl. ring.
Qed.

(** * E10: fixed points do not depend on the step *)

(** E10: for steps eps1, eps2 <> 0, z is a fixed point of z + eps1 F(z) iff it is one of
    z + eps2 F(z): both say F(z) = 0. *)
Theorem euler_fixed_points_independent_of_step : forall {V : ModuleSpace R_Ring} (F : V -> V) eps1 eps2 z,
  eps1 <> 0 -> eps2 <> 0 ->
  (plus z (scal eps1 (F z)) = z <-> plus z (scal eps2 (F z)) = z).
Proof.
  intros V F eps1 eps2 z H1 H2.
  rewrite (plus_scal_eq_self_iff z (F z) eps1 H1), (plus_scal_eq_self_iff z (F z) eps2 H2). reflexivity.
Qed.

(* Non-vacuity of euler_fixed_points_independent_of_step (claim E10): its premises hold together, e.g. at V = R, F = 0, eps1 = 1/10, eps2 = 1/100, z = 0. *)
Lemma euler_fixed_points_independent_of_step_premises_satisfiable :
  exists (V : ModuleSpace R_Ring) (F : V -> V) (eps1 eps2 : R) (z : V), eps1 <> 0 /\ eps2 <> 0.
Proof. exists R_ModuleSpace, (fun _ => zero), (1 / 10), (1 / 100), zero. lra. Qed.

(** E10: if the relaxation converges and F is continuous at the limit, the limit is a zero of F,
    hence a fixed point of the relaxation at every step size. *)
Theorem relaxation_limit_is_zero : forall {V : NormedModule R_AbsRing} (F : V -> V) (eps : R)
  (u : nat -> V) (l : V), eps <> 0 ->
  (forall t, u (S t) = plus (u t) (scal eps (F (u t)))) ->
  filterlim u eventually (locally l) -> continuous F l -> F l = zero.
Proof.
  intros V F eps u l He Hrec Hu HF.
  assert (Hs : filterlim (fun t => u (S t)) eventually (locally l)).
  { apply (filterlim_comp nat nat V S u eventually eventually (locally l)); [|exact Hu].
    intros P [N HN]. exists N. intros n Hn. apply HN. lia. }
  assert (HFu : filterlim (fun t => F (u t)) eventually (locally (F l)))
    by exact (filterlim_comp _ _ _ u F eventually (locally l) (locally (F l)) Hu HF).
  assert (Hsc : filterlim (fun t => scal eps (F (u t))) eventually (locally (scal eps (F l))))
    by exact (filterlim_comp _ _ _ _ (fun w => scal eps w) _ _ _ HFu (filterlim_scal_r eps (F l))).
  assert (Hp : filterlim (fun t => plus (u t) (scal eps (F (u t)))) eventually
                 (locally (plus l (scal eps (F l))))).
  { exact (filterlim_comp_2 u (fun t => scal eps (F (u t))) plus Hu Hsc
             (filterlim_plus l (scal eps (F l)))). }
  assert (Hs' : filterlim (fun t => plus (u t) (scal eps (F (u t)))) eventually (locally l)).
  { eapply filterlim_ext; [|exact Hs]. intro t. simpl. apply Hrec. }
  pose proof (filterlim_locally_unique _ _ _ Hp Hs') as Heq.
  apply (scal_eq_zero (V := NormedModule.ModuleSpace R_AbsRing V) eps); [exact He|].
  exact (plus_eq_self (V := NormedModule.ModuleSpace R_AbsRing V) l _ Heq).
Qed.

(* Non-vacuity of relaxation_limit_is_zero (claim E10): its premises hold together, e.g. at V = R, F = 0, the seed eps = 1/10 and the constant orbit u = 0 with limit l = 0. *)
Lemma relaxation_limit_is_zero_premises_satisfiable :
  exists (V : NormedModule R_AbsRing) (F : V -> V) (eps : R) (u : nat -> V) (l : V),
    eps <> 0 /\ (forall t, u (S t) = plus (u t) (scal eps (F (u t)))) /\
    filterlim u eventually (locally l) /\ continuous F l.
Proof. exists R_NormedModule, (fun _ => zero), (1 / 10), (fun _ => zero), zero.
  split; [lra |]. split; [intro t; cbn; ring |].
  split; [apply filterlim_const | apply continuous_const]. Qed.

(** The step eps = 0.1 on the force F(z) = -30 z. *)
Definition step_01 (z : R) : R := z + 1/10 * (-30 * z).

(** The step eps = 0.01 on the same force. *)
Definition step_001 (z : R) : R := z + 1/100 * (-30 * z).

(** The eps = 0.1 relaxation doubles and flips: z_T = (-2)^T z_0. *)
Lemma step_01_iterate : forall T z0, iter step_01 T z0 = (-2) ^ T * z0.
Proof. apply iter_linear. intro z. unfold step_01. field. Qed.

(** The eps = 0.01 relaxation contracts: z_T = (7/10)^T z_0. *)
Lemma step_001_iterate : forall T z0, iter step_001 T z0 = (7/10) ^ T * z0.
Proof. apply iter_linear. intro z. unfold step_001. field. Qed.

(** E10 refutation: for F(z) = -30 z the relaxation diverges at eps = 0.1 (|z_T| exceeds every
    bound) and converges at eps = 0.01, yet z = 0 is a fixed point at both steps. *)
Theorem diverging_relaxation_has_fixed_point : forall z0, z0 <> 0 ->
  (forall B, exists T, B < Rabs (iter step_01 T z0)) /\
  is_lim_seq (fun T => iter step_001 T z0) 0 /\
  step_01 0 = 0 /\ step_001 0 = 0.
Proof.
  intros z0 Hz. repeat split.
  - intro B. assert (Hz' : 0 < Rabs z0) by (apply Rabs_pos_lt, Hz).
    destruct (Pow_x_infinity (-2) ltac:(unfold Rabs; destruct (Rcase_abs (-2)); lra) (B / Rabs z0 + 1))
      as [N HN].
    exists N. rewrite step_01_iterate, Rabs_mult. pose proof (HN N (le_n N)) as H.
    apply Rlt_le_trans with ((B / Rabs z0 + 1) * Rabs z0).
    + replace ((B / Rabs z0 + 1) * Rabs z0) with (B + Rabs z0) by (field; lra). lra.
    + apply Rmult_le_compat_r; lra.
  - apply (is_lim_seq_ext (fun T => z0 * (7/10) ^ T)).
    + intro T. rewrite step_001_iterate. ring.
    + replace (Finite 0) with (Rbar_mult z0 0) by (simpl; f_equal; ring).
      apply is_lim_seq_scal_l, is_lim_seq_geom. rewrite Rabs_pos_eq; lra.
  - unfold step_01. ring.
  - unfold step_001. ring.
Qed.

(* Non-vacuity of diverging_relaxation_has_fixed_point (claim E10): its premises hold together, e.g. at z0 = 1. *)
Lemma diverging_relaxation_has_fixed_point_premises_satisfiable :
  exists z0 : R, z0 <> 0.
Proof. exists 1. lra. Qed.

(** * E11: what keeps eps_crit away from zero *)

(** E11 refutation: eigenvalues with zero imaginary part still drive eps_crit to 0: for every
    e0 > 0 some real mu = a < 0 has eps_crit a 0 < e0. *)
Theorem eps_crit_unbounded_below_real : forall e0, 0 < e0 ->
  exists a, a < 0 /\ eps_crit a 0 < e0.
Proof.
  intros e0 He. exists (- (2 / e0 + 1)). split.
  - assert (0 < 2 / e0) by (apply Rdiv_lt_0_compat; lra). lra.
  - unfold eps_crit. assert (0 < 2 / e0) by (apply Rdiv_lt_0_compat; lra).
    replace (-2 * - (2 / e0 + 1) / ((- (2 / e0 + 1)) ^ 2 + 0 ^ 2)) with (2 / (2 / e0 + 1))
      by (field; split; lra).
    apply (Rmult_lt_reg_r (2 / e0 + 1)); [lra|]. unfold Rdiv at 1.
    rewrite Rmult_assoc, Rinv_l, Rmult_1_r by lra.
    replace (e0 * (2 / e0 + 1)) with (2 + e0) by (field; lra). lra.
Qed.

(* Non-vacuity of eps_crit_unbounded_below_real (claim E11): its premises hold together, e.g. at the seed e0 = 1/10. *)
Lemma eps_crit_unbounded_below_real_premises_satisfiable :
  exists e0 : R, 0 < e0.
Proof. exists (1 / 10). lra. Qed.

(** E11 refutation: with the imaginary part held at 1, eps_crit(-d + i) = 2d/(d^2 + 1) <= 2d
    tends to 0 as the real part -d tends to 0. *)
Theorem eps_crit_small_with_bounded_imag : forall d, 0 < d -> eps_crit (- d) 1 <= 2 * d.
Proof.
  intros d Hd. unfold eps_crit.
  replace (-2 * - d / ((- d) ^ 2 + 1 ^ 2)) with (2 * d / (d ^ 2 + 1)) by (field; nra).
  apply (Rmult_le_reg_r (d ^ 2 + 1)); [nra|]. unfold Rdiv.
  rewrite Rmult_assoc, Rinv_l, Rmult_1_r by nra. nra.
Qed.

(* Non-vacuity of eps_crit_small_with_bounded_imag (claim E11): its premises hold together, e.g. at d = 1. *)
Lemma eps_crit_small_with_bounded_imag_premises_satisfiable :
  exists d : R, 0 < d.
Proof. exists 1. lra. Qed.

(** E11 at the seed's step: the real eigenvalue mu = -30 has eps_crit = 1/15 < 0.1, so eps = 0.1 is
    unstable although Im mu = 0. *)
Theorem seed_step_unstable_real_eigenvalue :
  eps_crit (-30) 0 = 1/15 /\ 1 < (1 + 1/10 * (-30)) ^ 2 + (1/10 * 0) ^ 2.
Proof. unfold eps_crit. split; [field|]. lra. Qed.

(** E11 nearest true statement: if every eigenvalue of J = -(1+c) I + J_G lies in the disc
    |mu + (1+c)| <= L (e.g. ||J_G|| <= L) with L < 1 + c, then Re mu < 0 and
    eps_crit >= 2/(1 + c + L). *)
Theorem eps_crit_lower_bound_disk : forall a b c L, 0 <= L -> L < 1 + c ->
  (a + (1 + c)) ^ 2 + b ^ 2 <= L ^ 2 -> a < 0 /\ 2 / (1 + c + L) <= eps_crit a b.
Proof.
  intros a b c L HL Hc Hd.
  assert (Hup : a + (1 + c) <= L).
  { destruct (Rle_or_lt (a + (1 + c)) L) as [H|H]; [exact H|].
    exfalso. pose proof (pow2_ge_0 b). nra. }
  assert (Hlo : - L <= a + (1 + c)).
  { destruct (Rle_or_lt (- L) (a + (1 + c))) as [H|H]; [exact H|].
    exfalso. pose proof (pow2_ge_0 b). nra. }
  assert (Ha : a < 0) by lra. split; [exact Ha|].
  assert (Hs : 0 < a ^ 2 + b ^ 2) by (pose proof (pow2_ge_0 b); nra).
  assert (Hkey : a ^ 2 + b ^ 2 <= - a * (1 + c + L)).
  { assert ((L - (1 + c)) * (L + (1 + c)) <= a * (1 + c - L)) by nra. nra. }
  unfold eps_crit. apply (Rmult_le_reg_r ((1 + c + L) * (a ^ 2 + b ^ 2))).
  - apply Rmult_lt_0_compat; lra.
  - replace (2 / (1 + c + L) * ((1 + c + L) * (a ^ 2 + b ^ 2))) with (2 * (a ^ 2 + b ^ 2))
      by (field; lra).
    replace (-2 * a / (a ^ 2 + b ^ 2) * ((1 + c + L) * (a ^ 2 + b ^ 2))) with (-2 * a * (1 + c + L))
      by (field; lra).
    lra.
Qed.

(* Non-vacuity of eps_crit_lower_bound_disk (claim E11): its premises hold together, e.g. at the seed c = 1 with L = 1 and the disk centre a = -2, b = 0. *)
Lemma eps_crit_lower_bound_disk_premises_satisfiable :
  exists a b c L : R, 0 <= L /\ L < 1 + c /\ (a + (1 + c)) ^ 2 + b ^ 2 <= L ^ 2.
Proof. exists (-2), 0, 1, 1. split; [lra |]. split; [lra | nra]. Qed.

(** E11 at the seed's c = 1: a learned part of gain L < 2 keeps eps_crit >= 2/(2 + L) > 1/2,
    so the seed's eps = 0.1 is stable on every such eigenvalue. *)
Corollary seed_eps_stable_under_gain_bound : forall a b L, 0 <= L < 2 ->
  (a + 2) ^ 2 + b ^ 2 <= L ^ 2 -> (1 + 1/10 * a) ^ 2 + (1/10 * b) ^ 2 < 1.
Proof.
  intros a b L HL Hd.
  destruct (eps_crit_lower_bound_disk a b 1 L ltac:(lra) ltac:(lra) ltac:(replace (1 + 1) with 2 by ring; exact Hd))
    as [Ha He].
  apply (euler_stable_iff_lt_eps_crit (1/10) a b ltac:(lra) Ha).
  apply Rlt_le_trans with (2 / (1 + 1 + L)); [|exact He].
  apply (Rmult_lt_reg_r (1 + 1 + L)); [lra|]. unfold Rdiv at 2.
  rewrite Rmult_assoc, Rinv_l, Rmult_1_r by lra. lra.
Qed.

(* Non-vacuity of seed_eps_stable_under_gain_bound (claim E11): its premises hold together, e.g. at L = 1 and the disk centre a = -2, b = 0. *)
Lemma seed_eps_stable_under_gain_bound_premises_satisfiable :
  exists a b L : R, 0 <= L < 2 /\ (a + 2) ^ 2 + b ^ 2 <= L ^ 2.
Proof. exists (-2), 0, 1. split; [lra | nra]. Qed.

(** E11: LayerNorm does not bound the gain by itself: on the centred pair (u, -u) its first output
    u / sqrt(u^2 + e) has slope 1/sqrt e at zero spread, which grows without bound as the
    LayerNorm constant e > 0 shrinks (e = 1e-5 gives a slope above 316). *)
Theorem layernorm_gain_at_zero_spread : forall e, 0 < e ->
  is_derive (fun u => u / sqrt (u ^ 2 + e)) 0 (/ sqrt e).
Proof.
  intros e He. assert (Hs : 0 < sqrt e) by (apply sqrt_lt_R0, He).
  replace (0 * (0 * 1) + e) with e by ring. auto_derive.
  - replace (0 * (0 * 1) + e) with e by ring. repeat split; lra.
  - replace (0 * (0 * 1) + e) with e by ring. field. lra.
Qed.

(* Non-vacuity of layernorm_gain_at_zero_spread (claim E11): its premises hold together, e.g. at the LayerNorm default e = 1/100000. *)
Lemma layernorm_gain_at_zero_spread_premises_satisfiable :
  exists e : R, 0 < e.
Proof. exists (1 / 100000). lra. Qed.
