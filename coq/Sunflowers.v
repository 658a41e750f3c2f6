(** The remaining arithmetic of the GOLDEN SUNFLOWERS proposal: PHI_LR_SCALE (S4), the PhiNTA
    default rank round(d / phi) (S5), the JEPA telescoping identity and the range of its cosine
    loss (S7), and the PhiNTA parameter ratio 1664/4096 (S8). *)
From Coq Require Import Reals Lra Lia ZArith.
From Interval Require Import Tactic.
From Phi Require Import PhiBasics Constants Enclosures Sums.
Open Scope R_scope.

(** * S4: PHI_LR_SCALE = alpha_phi / 0.04 *)

(** S4: PHI_LR_SCALE = 25 (sqrt 5 - 2) / 2 exactly. *)
Theorem phi_lr_scale_eq : phi_lr_scale = 25 * (sqrt 5 - 2) / 2.
Proof.
  unfold phi_lr_scale, alpha_phi.
  replace (1 / phi ^ 3) with (/ phi ^ 3) by (unfold Rdiv; ring).
  rewrite inv_phi_cube_eq. field.
Qed.

(** S4: PHI_LR_SCALE lies in [2.95, 2.96), so it prints as the published 2.95... *)
Theorem phi_lr_scale_published_digits : 2.95 <= phi_lr_scale < 2.96.
Proof. pose proof phi_lr_scale_enclosure. lra. Qed.

(** * S2: the printed digits of alpha_phi *)

(* S2: alpha_phi lies in [0.1180335, 0.1180345), so it rounds to the published 0.118034. *)
Theorem alpha_phi_published_digits : 0.1180335 <= alpha_phi < 0.1180345.
Proof. pose proof alpha_phi_enclosure. lra. Qed.

(** * S5: the PhiNTA default rank round(d / phi) *)

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

(** The PhiNTA rank rule as round half up: round(d / phi) = Int_part(d / phi + 1/2). *)
Definition phinta_rank (d : Z) : Z := Int_part (IZR d / phi + 1 / 2).

(** S5: d / phi is never a half-integer for d <> 0 (it is irrational), so every rounding rule
    (half up, half to even as Python's round, half away from zero) gives the same rank. *)
Theorem phinta_rank_no_tie : forall d p : Z, d <> 0%Z -> IZR d / phi <> IZR p + 1 / 2.
Proof.
  intros d p Hd H.
  assert (HdR : IZR d <> 0) by (apply not_0_IZR; assumption).
  assert (Hphi : IZR d / phi = IZR d * (sqrt 5 - 1) / 2).
  { unfold Rdiv at 1. rewrite inv_phi_eq_phi_sub_one. unfold phi. field. }
  apply (sqrt5_irrational (2 * p + 1 + d) d Hd).
  rewrite !plus_IZR, mult_IZR. simpl (IZR 2).
  apply (Rmult_eq_reg_r (IZR d)); [|assumption].
  unfold Rdiv. rewrite Rmult_assoc, Rinv_l by assumption. lra.
Qed.

(* Non-vacuity of phinta_rank_no_tie (claim S5): its premises hold together, e.g. at the published d = 64, p = 40. *)
Lemma phinta_rank_no_tie_premises_satisfiable :
  exists d p : Z, d <> 0%Z.
Proof. exists 64%Z, 40%Z. discriminate. Qed.

(** S5 for every d: the rank is an integer nearest to d / phi (within 1/2). *)
Theorem phinta_rank_nearest : forall d : Z, Rabs (IZR d / phi - IZR (phinta_rank d)) <= 1 / 2.
Proof. intros d. apply round_half_up_nearest. Qed.

(** S5: round(64 / phi) = 40. *)
Theorem phinta_rank_64 : phinta_rank 64 = 40%Z.
Proof.
  apply Int_part_of_bounds. split; unfold phi; interval with (i_prec 70).
Qed.

(** S5: round(128 / phi) = 79. *)
Theorem phinta_rank_128 : phinta_rank 128 = 79%Z.
Proof.
  apply Int_part_of_bounds. split; unfold phi; interval with (i_prec 70).
Qed.

(** S5: round(256 / phi) = 158. *)
Theorem phinta_rank_256 : phinta_rank 256 = 158%Z.
Proof.
  apply Int_part_of_bounds. split; unfold phi; interval with (i_prec 70).
Qed.

(** S5: round(512 / phi) = 316. *)
Theorem phinta_rank_512 : phinta_rank 512 = 316%Z.
Proof.
  apply Int_part_of_bounds. split; unfold phi; interval with (i_prec 70).
Qed.

(** S5: round(768 / phi) = 475. *)
Theorem phinta_rank_768 : phinta_rank 768 = 475%Z.
Proof.
  apply Int_part_of_bounds. split; unfold phi; interval with (i_prec 70).
Qed.

(** S5: round(1024 / phi) = 633. *)
Theorem phinta_rank_1024 : phinta_rank 1024 = 633%Z.
Proof.
  apply Int_part_of_bounds. split; unfold phi; interval with (i_prec 70).
Qed.

(** * S7: the JEPA telescoping identity and the cosine loss *)

(** Vectors are functions from coordinates to reals; h t is the hidden state at position t. *)
Definition vsub (u v : nat -> R) : nat -> R := fun i => u i - v i.

(** Coordinatewise sum of two vectors. *)
Definition vadd (u v : nat -> R) : nat -> R := fun i => u i + v i.

(** The JEPA context (h[a-1] - h[0]) + (h[T-1] - h[b]). *)
Definition jepa_context (h : nat -> nat -> R) (T a b : nat) : nat -> R :=
  vadd (vsub (h (a - 1)%nat) (h 0%nat)) (vsub (h (T - 1)%nat) (h b)).

(** The JEPA patch h[b] - h[a-1]. *)
Definition jepa_patch (h : nat -> nat -> R) (a b : nat) : nat -> R := vsub (h b) (h (a - 1)%nat).

(** S7: context + patch = h[T-1] - h[0] in every coordinate, for all T, a, b. *)
Theorem jepa_context_add_patch : forall h T a b i,
  jepa_context h T a b i + jepa_patch h a b i = h (T - 1)%nat i - h 0%nat i.
Proof. intros. unfold jepa_context, jepa_patch, vadd, vsub. ring. Qed.

(** The dot product of two vectors of dimension m. *)
Definition dot (m : nat) (u v : nat -> R) : R := sumR m (fun i => u i * v i).

(** The Euclidean norm of a vector of dimension m. *)
Definition norm (m : nat) (u : nat -> R) : R := sqrt (dot m u u).

(** The cosine similarity of two vectors of dimension m. *)
Definition cos_sim (m : nat) (u v : nat -> R) : R := dot m u v / (norm m u * norm m v).

(** The JEPA loss 1 - cos_sim(context, patch). *)
Definition jepa_loss (m : nat) (u v : nat -> R) : R := 1 - cos_sim m u v.

(** A vector is non-zero when one of its m coordinates is. *)
Definition nonzero (m : nat) (u : nat -> R) : Prop := exists i, (i < m)%nat /\ u i <> 0.

(** The squared norm is non-negative. *)
Lemma dot_self_nonneg : forall m u, 0 <= dot m u u.
Proof. intros m u. apply sumR_nonneg. intros i _. nra. Qed.

(** The squared norm of a non-zero vector is positive. *)
Lemma dot_self_pos : forall m u, nonzero m u -> 0 < dot m u u.
Proof.
  intros m u [j [Hj Hu]]. unfold dot. assert (0 < u j * u j) by (destruct (Rlt_or_le (u j) 0); nra).
  pose proof (sumR_ge_term m (fun i => u i * u i) j (fun i _ => ltac:(nra)) Hj). lra.
Qed.

(** Expansion of |t u - v|^2 = t^2 |u|^2 - 2 t u.v + |v|^2. *)
Lemma dot_expand : forall m u v t,
  sumR m (fun i => (t * u i - v i) ^ 2) = t ^ 2 * dot m u u - 2 * t * dot m u v + dot m v v.
Proof.
  intros m u v t. unfold dot.
  rewrite <- !sumR_scal_l.
  rewrite (sumR_ext m _ (fun i => (t ^ 2 * (u i * u i) + - (2 * t * (u i * v i))) + v i * v i))
    by (intros; ring).
  rewrite !sumR_plus.
  rewrite (sumR_ext m (fun i => - (2 * t * (u i * v i))) (fun i => -1 * (2 * t * (u i * v i))))
    by (intros; ring).
  rewrite (sumR_scal_l m (-1)). ring.
Qed.

(** S7: Cauchy-Schwarz, (u.v)^2 <= |u|^2 |v|^2 for a non-zero u. *)
Theorem cauchy_schwarz_sq : forall m u v, nonzero m u -> dot m u v ^ 2 <= dot m u u * dot m v v.
Proof.
  intros m u v Hu. pose proof (dot_self_pos m u Hu) as HA.
  set (A := dot m u u) in *. set (B := dot m u v). set (C := dot m v v).
  assert (H0 : 0 <= sumR m (fun i => (B / A * u i - v i) ^ 2))
    by (apply sumR_nonneg; intros; apply pow2_ge_0).
  rewrite dot_expand in H0. fold A B C in H0.
  assert (Hq : (B / A) ^ 2 * A - 2 * (B / A) * B + C = C - B ^ 2 / A) by (field; lra).
  rewrite Hq in H0.
  assert (B ^ 2 / A <= C) by lra.
  apply (Rmult_le_reg_r (/ A)); [apply Rinv_0_lt_compat; assumption|].
  replace (A * C * / A) with C by (field; lra). exact H.
Qed.

(* Non-vacuity of cauchy_schwarz_sq (claim S7): its premises hold together, e.g. at m = 1, u = v = (1). *)
Lemma cauchy_schwarz_sq_premises_satisfiable :
  exists (m : nat) (u v : nat -> R), nonzero m u.
Proof. exists 1%nat, (fun _ => 1), (fun _ => 1). (exists O; split; [lia | lra]). Qed.

(** S7: the cosine similarity of two non-zero vectors lies in [-1, 1]. *)
Theorem cos_sim_range : forall m u v, nonzero m u -> nonzero m v -> -1 <= cos_sim m u v <= 1.
Proof.
  intros m u v Hu Hv. unfold cos_sim, norm.
  pose proof (dot_self_pos m u Hu) as HA. pose proof (dot_self_pos m v Hv) as HC.
  pose proof (cauchy_schwarz_sq m u v Hu) as HCS.
  pose proof (sqrt_lt_R0 _ HA) as HsA. pose proof (sqrt_lt_R0 _ HC) as HsC.
  pose proof (sqrt_sqrt _ (Rlt_le _ _ HA)) as EA. pose proof (sqrt_sqrt _ (Rlt_le _ _ HC)) as EC.
  set (sA := sqrt (dot m u u)) in *. set (sC := sqrt (dot m v v)) in *.
  set (B := dot m u v) in *.
  assert (HD : 0 < sA * sC) by nra.
  assert (HB2 : B * B <= (sA * sC) * (sA * sC)).
  { replace ((sA * sC) * (sA * sC)) with ((sA * sA) * (sC * sC)) by ring.
    rewrite EA, EC. simpl in HCS. lra. }
  assert (HBle : - (sA * sC) <= B <= sA * sC) by (split; nra).
  split.
  - apply (Rmult_le_reg_r (sA * sC)); [assumption|].
    unfold Rdiv. rewrite Rmult_assoc, Rinv_l by lra. lra.
  - apply (Rmult_le_reg_r (sA * sC)); [assumption|].
    unfold Rdiv. rewrite Rmult_assoc, Rinv_l by lra. lra.
Qed.

(* Non-vacuity of cos_sim_range (claim S7): its premises hold together, e.g. at m = 1, u = v = (1). *)
Lemma cos_sim_range_premises_satisfiable :
  exists (m : nat) (u v : nat -> R), nonzero m u /\ nonzero m v.
Proof. exists 1%nat, (fun _ => 1), (fun _ => 1). split; (exists O; split; [lia | lra]). Qed.

(** S7: the JEPA loss 1 - cos_sim of two non-zero vectors lies in [0, 2]. *)
Theorem jepa_loss_range : forall m u v, nonzero m u -> nonzero m v -> 0 <= jepa_loss m u v <= 2.
Proof. intros m u v Hu Hv. unfold jepa_loss. pose proof (cos_sim_range m u v Hu Hv). lra. Qed.

(** S7: the lower end 0 is attained (v = u). *)
Theorem jepa_loss_same_eq_0 : forall m u, nonzero m u -> jepa_loss m u u = 0.
Proof.
  intros m u Hu. unfold jepa_loss, cos_sim, norm. pose proof (dot_self_pos m u Hu) as HA.
  rewrite sqrt_sqrt by lra. field. lra.
Qed.

(* Non-vacuity of jepa_loss_same_eq_0 (claim S7): its premises hold together, e.g. at m = 1, u = (1). *)
Lemma jepa_loss_same_eq_0_premises_satisfiable :
  exists (m : nat) (u : nat -> R), nonzero m u.
Proof. exists 1%nat, (fun _ => 1). (exists O; split; [lia | lra]). Qed.

(* Non-vacuity of jepa_loss_range (claim S7): its premises hold together, e.g. at m = 1, u = v = (1). *)
Lemma jepa_loss_range_premises_satisfiable :
  exists (m : nat) (u v : nat -> R), nonzero m u /\ nonzero m v.
Proof. exists 1%nat, (fun _ => 1), (fun _ => 1). split; (exists O; split; [lia | lra]). Qed.

(** S7: the upper end 2 is attained (v = -u). *)
Theorem jepa_loss_opposite_eq_2 : forall m u, nonzero m u ->
  jepa_loss m u (fun i => - u i) = 2.
Proof.
  intros m u Hu. unfold jepa_loss, cos_sim, norm. pose proof (dot_self_pos m u Hu) as HA.
  assert (E1 : dot m u (fun i => - u i) = - dot m u u).
  { unfold dot. rewrite (sumR_ext m _ (fun i => -1 * (u i * u i))) by (intros; ring).
    rewrite sumR_scal_l. ring. }
  assert (E2 : dot m (fun i => - u i) (fun i => - u i) = dot m u u)
    by (unfold dot; apply sumR_ext; intros; ring).
  rewrite E1, E2, sqrt_sqrt by lra. field. lra.
Qed.

(* Non-vacuity of jepa_loss_opposite_eq_2 (claim S7): its premises hold together, e.g. at m = 1, u = (1). *)
Lemma jepa_loss_opposite_eq_2_premises_satisfiable :
  exists (m : nat) (u : nat -> R), nonzero m u.
Proof. exists 1%nat, (fun _ => 1). (exists O; split; [lia | lra]). Qed.

(** S7: the context is the zero vector when the patch spans the whole sequence (a = 1, b = T-1),
    where the cosine is undefined: the bound needs non-zero context and patch. *)
Theorem jepa_context_zero_full_patch : forall h T i, jepa_context h T 1 (T - 1) i = 0.
Proof. intros. unfold jepa_context, vadd, vsub. simpl. ring. Qed.

(** * S8: the PhiNTA parameter counts *)

(** S8: 1664 / 4096 = 13 / 32 (= 0.40625) exactly. *)
Theorem phinta_ratio_eq : 1664 / 4096 = 13 / 32.
Proof. field. Qed.

(** S8: 1664 / 4096 lies in [0.4055, 0.4065), so it prints as the published 0.406. *)
Theorem phinta_ratio_published_digits : 0.4055 <= 1664 / 4096 < 0.4065.
Proof. rewrite phinta_ratio_eq. lra. Qed.

(** S8: frozen = 4096 is a 64 x 64 basis, and a rank-r LoRA pair on width 64 (2 * 64 * r
    trainable parameters) has 1664 parameters exactly at r = 13. *)
Theorem phinta_counts_rank_13 :
  (4096 = 64 * 64)%Z /\ forall r : Z, (2 * 64 * r = 1664)%Z <-> r = 13%Z.
Proof. split; [reflexivity|]. intros r. lia. Qed.

(** S8: the default rank round(64 / phi) = 40 would give 2 * 64 * 40 = 5120 trainable
    parameters, not 1664. *)
Theorem phinta_counts_not_default_rank :
  phinta_rank 64 = 40%Z /\ (2 * 64 * 40 = 5120)%Z /\ (5120 <> 1664)%Z.
Proof. split; [exact phinta_rank_64|]. split; [reflexivity|]. lia. Qed.
