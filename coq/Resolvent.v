(** The phi-resolvent damping 1/(1 + phi k^2), the regularizer built on it, Parseval's
    identity for the DFT of a real finite sequence, and the frequencies the published sketch
    feeds the damping (torch.fft.fftfreq with d = 1.0): claims R1 and R2. *)
From Coq Require Import Reals Lra Lia.
From Interval Require Import Tactic.
From Phi Require Import PhiBasics Sums.
Open Scope R_scope.

(** * The DFT of a real sequence and Parseval's identity *)

(** The angle 2 pi k t / n of the DFT kernel. *)
Definition dft_angle (n k t : nat) : R := 2 * PI * INR k * INR t / INR n.

(** Real part of X_k = sum_t x_t exp(-2 pi i k t / n). *)
Definition dft_re (n : nat) (x : nat -> R) (k : nat) : R :=
  sumR n (fun t => x t * cos (dft_angle n k t)).

(** Imaginary part of X_k = sum_t x_t exp(-2 pi i k t / n). *)
Definition dft_im (n : nat) (x : nat -> R) (k : nat) : R :=
  - sumR n (fun t => x t * sin (dft_angle n k t)).

(** The spectral energy |X_k|^2. *)
Definition dft_energy (n : nat) (x : nat -> R) (k : nat) : R :=
  dft_re n x k ^ 2 + dft_im n x k ^ 2.

(** Telescoping: 2 sin(a/2) sum_{k<N} cos(k a) = sin((N - 1/2) a) + sin(a/2). *)
Lemma cos_sum_telescope : forall a N,
  2 * sin (a / 2) * sumR N (fun k => cos (INR k * a)) = sin ((INR N - 1 / 2) * a) + sin (a / 2).
Proof.
  intros a N. induction N as [|N IH]; simpl sumR.
  - replace ((INR 0 - 1 / 2) * a) with (- (a / 2)) by (rewrite INR_IZR_INZ; simpl; field).
    rewrite sin_neg. ring.
  - rewrite Rmult_plus_distr_l, IH.
    replace ((INR (S N) - 1 / 2) * a) with (INR N * a + a / 2) by (rewrite S_INR; field).
    replace ((INR N - 1 / 2) * a) with (INR N * a - a / 2) by field.
    rewrite sin_plus, sin_minus. ring.
Qed.

(** The n-th roots of unity other than 1 sum to zero: sum_{k<n} cos(2 pi k m / n) = 0
    for 0 < m < n. *)
Lemma cos_sum_roots_of_unity : forall n m, (0 < m < n)%nat ->
  sumR n (fun k => cos (INR k * (2 * PI * INR m / INR n))) = 0.
Proof.
  intros n m Hm.
  set (a := 2 * PI * INR m / INR n).
  assert (Hn : 0 < INR n) by (apply lt_0_INR; lia).
  assert (Hmn : INR m < INR n) by (apply lt_INR; lia).
  assert (Hm0 : 0 < INR m) by (apply lt_0_INR; lia).
  assert (Hs : 0 < sin (a / 2)).
  { apply sin_gt_0; unfold a.
    - pose proof PI_RGT_0. apply Rmult_lt_0_compat; [|lra].
      unfold Rdiv. apply Rmult_lt_0_compat; [nra|]. apply Rinv_0_lt_compat; lra.
    - pose proof PI_RGT_0.
      replace (2 * PI * INR m / INR n / 2) with (PI * (INR m / INR n)) by (field; lra).
      assert (INR m / INR n < 1) by (apply (Rmult_lt_reg_r (INR n)); [lra|];
                                     unfold Rdiv; rewrite Rmult_assoc, Rinv_l; lra).
      nra. }
  pose proof (cos_sum_telescope a n) as Ht.
  replace ((INR n - 1 / 2) * a) with (- (a / 2) + 2 * INR m * PI) in Ht
    by (unfold a; field; lra).
  rewrite sin_period, sin_neg in Ht.
  apply (Rmult_eq_reg_l (2 * sin (a / 2))); [lra|lra].
Qed.

(** The DFT kernel is orthogonal: sum_k cos(a_kt) cos(a_ks) + sin(a_kt) sin(a_ks) = n [t = s]. *)
Lemma dft_kernel_orthogonal : forall n t s, (t < n)%nat -> (s < n)%nat ->
  sumR n (fun k => cos (dft_angle n k t) * cos (dft_angle n k s)
                   + sin (dft_angle n k t) * sin (dft_angle n k s))
  = if Nat.eq_dec t s then INR n else 0.
Proof.
  intros n t s Ht Hs.
  assert (Hn : 0 < INR n) by (apply lt_0_INR; lia).
  rewrite (sumR_ext n _ (fun k => cos (dft_angle n k t - dft_angle n k s)))
    by (intros; rewrite cos_minus; reflexivity).
  destruct (Nat.eq_dec t s) as [->|Hne].
  - rewrite (sumR_ext n _ (fun _ => 1)) by (intros; rewrite Rminus_diag_eq, cos_0; reflexivity).
    rewrite sumR_const. ring.
  - destruct (Nat.lt_total t s) as [Hlt|[Heq|Hgt]]; [|contradiction|].
    + rewrite (sumR_ext n _ (fun k => cos (INR k * (2 * PI * INR (s - t) / INR n)))).
      * apply cos_sum_roots_of_unity. lia.
      * intros k _. rewrite <- cos_neg. f_equal. unfold dft_angle.
        rewrite minus_INR by lia. field. lra.
    + rewrite (sumR_ext n _ (fun k => cos (INR k * (2 * PI * INR (t - s) / INR n)))).
      * apply cos_sum_roots_of_unity. lia.
      * intros k _. f_equal. unfold dft_angle.
        rewrite minus_INR by lia. field. lra.
Qed.

(** |X_k|^2 as a double sum over time indices. *)
Lemma dft_energy_double_sum : forall n x k,
  dft_energy n x k = sumR n (fun t => sumR n (fun s =>
    x t * x s * (cos (dft_angle n k t) * cos (dft_angle n k s)
                 + sin (dft_angle n k t) * sin (dft_angle n k s)))).
Proof.
  intros n x k. unfold dft_energy, dft_re, dft_im.
  replace ((- sumR n (fun t => x t * sin (dft_angle n k t))) ^ 2)
    with (sumR n (fun t => x t * sin (dft_angle n k t))
          * sumR n (fun t => x t * sin (dft_angle n k t))) by ring.
  replace (sumR n (fun t => x t * cos (dft_angle n k t)) ^ 2)
    with (sumR n (fun t => x t * cos (dft_angle n k t))
          * sumR n (fun t => x t * cos (dft_angle n k t))) by ring.
  rewrite !sumR_mul_sumR, <- sumR_plus.
  apply sumR_ext. intros t _. rewrite <- sumR_plus.
  apply sumR_ext. intros s _. ring.
Qed.

(** Parseval for the DFT of a real sequence of length n: sum_k |X_k|^2 = n sum_t x_t^2. *)
Theorem parseval_dft : forall n x, (0 < n)%nat ->
  sumR n (fun k => dft_energy n x k) = INR n * sumR n (fun t => x t ^ 2).
Proof.
  intros n x Hn.
  rewrite (sumR_ext n _ (fun k => sumR n (fun t => sumR n (fun s =>
    x t * x s * (cos (dft_angle n k t) * cos (dft_angle n k s)
                 + sin (dft_angle n k t) * sin (dft_angle n k s))))))
    by (intros; apply dft_energy_double_sum).
  rewrite sumR_swap.
  rewrite (sumR_ext n _ (fun t => sumR n (fun s =>
    if Nat.eq_dec s t then INR n * x t ^ 2 else 0))).
  - rewrite <- sumR_scal_l. apply sumR_ext. intros t Ht.
    rewrite (sumR_delta n t (fun _ => INR n * x t ^ 2)) by assumption. reflexivity.
  - intros t Ht. rewrite sumR_swap. apply sumR_ext. intros s Hs.
    rewrite sumR_scal_l, dft_kernel_orthogonal by assumption.
    destruct (Nat.eq_dec t s), (Nat.eq_dec s t); subst; try lia; ring.
Qed.

(* Non-vacuity of parseval_dft (claim R2): its premises hold together, e.g. at n = 8 and the constant signal x = 1. *)
Lemma parseval_dft_premises_satisfiable :
  exists (n : nat) (x : nat -> R), (0 < n)%nat.
Proof. exists 8%nat, (fun _ => 1). lia. Qed.

(** Parseval with its constant: the mean spectral energy equals the total signal energy. *)
Theorem mean_spectral_energy_eq_signal_energy : forall n x, (0 < n)%nat ->
  sumR n (fun k => dft_energy n x k) / INR n = sumR n (fun t => x t ^ 2).
Proof.
  intros n x Hn. assert (0 < INR n) by (apply lt_0_INR; lia).
  rewrite parseval_dft by assumption. field. lra.
Qed.

(* Non-vacuity of mean_spectral_energy_eq_signal_energy (claim R2): its premises hold together, e.g. at n = 8 and the constant signal x = 1. *)
Lemma mean_spectral_energy_eq_signal_energy_premises_satisfiable :
  exists (n : nat) (x : nat -> R), (0 < n)%nat.
Proof. exists 8%nat, (fun _ => 1). lia. Qed.

(** * The phi-resolvent damping (R1) *)

(** A real whose square is zero is zero. *)
Lemma sq_eq_0 : forall x, x ^ 2 = 0 -> x = 0.
Proof.
  intros x H. destruct (Req_dec x 0) as [|Hx]; [assumption|].
  exfalso. exact (pow_nonzero x 2 Hx H).
Qed.

(** The damping factor 1/(1 + phi k^2) of frequency k. *)
Definition resolvent (k : R) : R := / (1 + phi * k ^ 2).

(** The denominator 1 + phi k^2 is at least 1. *)
Lemma resolvent_denominator_ge_1 : forall k, 1 <= 1 + phi * k ^ 2.
Proof. intros k. pose proof phi_pos. pose proof (pow2_ge_0 k). nra. Qed.

(** R1: the damping is positive. *)
Theorem resolvent_pos : forall k, 0 < resolvent k.
Proof.
  intros k. unfold resolvent. apply Rinv_0_lt_compat.
  pose proof (resolvent_denominator_ge_1 k). lra.
Qed.

(** R1: the damping is at most 1. *)
Theorem resolvent_le_1 : forall k, resolvent k <= 1.
Proof.
  intros k. unfold resolvent. pose proof (resolvent_denominator_ge_1 k).
  rewrite <- Rinv_1. apply Rinv_le_contravar; lra.
Qed.

(** R1: the damping equals 1 exactly at k = 0 (it keeps only the constant mode intact). *)
Theorem resolvent_eq_1_iff : forall k, resolvent k = 1 <-> k = 0.
Proof.
  intros k. unfold resolvent. pose proof phi_pos as Hphi. split.
  - intros H. pose proof (resolvent_denominator_ge_1 k).
    assert (Hd : 1 + phi * k ^ 2 = 1).
    { rewrite <- (Rinv_inv (1 + phi * k ^ 2)), H. apply Rinv_1. }
    assert (k ^ 2 = 0) by nra. apply sq_eq_0. assumption.
  - intros ->. replace (1 + phi * 0 ^ 2) with 1 by ring. apply Rinv_1.
Qed.

(** R1: the damping is even in k. *)
Lemma resolvent_even : forall k, resolvent (- k) = resolvent k.
Proof. intros k. unfold resolvent. f_equal. ring. Qed.

(** R1: the damping is strictly decreasing in abs(k). *)
Theorem resolvent_decreasing_abs : forall k1 k2,
  Rabs k1 < Rabs k2 -> resolvent k2 < resolvent k1.
Proof.
  intros k1 k2 H. unfold resolvent. pose proof phi_pos.
  assert (Hsq : k1 ^ 2 < k2 ^ 2).
  { rewrite <- (pow2_abs k1), <- (pow2_abs k2). pose proof (Rabs_pos k1). nra. }
  pose proof (resolvent_denominator_ge_1 k1).
  apply Rinv_lt_contravar; nra.
Qed.

(* Non-vacuity of resolvent_decreasing_abs (claim R1): its premises hold together, e.g. at k1 = 0, k2 = 1/2. *)
Lemma resolvent_decreasing_abs_premises_satisfiable :
  exists k1 k2 : R, Rabs k1 < Rabs k2.
Proof. exists 0, (1 / 2). rewrite Rabs_R0, Rabs_pos_eq by lra. lra. Qed.

(** R1: the damped part 1 - r(k) lies in [0, 1). *)
Theorem damped_part_range : forall k, 0 <= 1 - resolvent k < 1.
Proof. intros k. pose proof (resolvent_pos k). pose proof (resolvent_le_1 k). lra. Qed.

(** * The frequencies of the published sketch: torch.fft.fftfreq(n, d = 1.0) *)

(** Bin j of torch.fft.fftfreq(n, d=1.0): j/n for 2j < n, (j - n)/n otherwise. *)
Definition fftfreq (n j : nat) : R :=
  (if Nat.ltb (2 * j) n then INR j else INR j - INR n) / INR n.

(** Every fftfreq(n, d=1.0) frequency lies in [-1/2, 1/2]. *)
Theorem fftfreq_abs_le_half : forall n j, (j < n)%nat -> Rabs (fftfreq n j) <= 1 / 2.
Proof.
  intros n j Hj. unfold fftfreq.
  assert (Hn : 0 < INR n) by (apply lt_0_INR; lia).
  assert (Hj0 : 0 <= INR j) by apply pos_INR.
  assert (Hjn : INR j < INR n) by (apply lt_INR; lia).
  destruct (Nat.ltb (2 * j) n) eqn:E.
  - apply Nat.ltb_lt in E. assert (H2 : INR (2 * j) < INR n) by (apply lt_INR; lia).
    rewrite mult_INR in H2. simpl in H2.
    rewrite Rabs_pos_eq by (apply Rle_mult_inv_pos; lra).
    apply (Rmult_le_reg_r (INR n)); [lra|]. unfold Rdiv. rewrite Rmult_assoc, Rinv_l; lra.
  - apply Nat.ltb_ge in E. assert (H2 : INR n <= INR (2 * j)) by (apply le_INR; lia).
    rewrite mult_INR in H2. simpl in H2.
    rewrite Rabs_left.
    + apply (Rmult_le_reg_r (INR n)); [lra|].
      replace (- ((INR j - INR n) / INR n) * INR n) with (INR n - INR j) by (field; lra). lra.
    + assert (Hi : 0 < / INR n) by (apply Rinv_0_lt_compat; lra).
      unfold Rdiv. nra.
Qed.

(* Non-vacuity of fftfreq_abs_le_half (claim R1): its premises hold together, e.g. at n = 8 and its Nyquist index j = 4. *)
Lemma fftfreq_abs_le_half_premises_satisfiable :
  exists n j : nat, (j < n)%nat.
Proof. exists 8%nat, 4%nat. lia. Qed.

(** For even n = 2m the bin m of fftfreq is the Nyquist frequency -1/2. *)
Theorem fftfreq_nyquist : forall m, (0 < m)%nat -> fftfreq (2 * m) m = - 1 / 2.
Proof.
  intros m Hm. unfold fftfreq.
  assert (0 < INR m) by (apply lt_0_INR; lia).
  replace (Nat.ltb (2 * m) (2 * m)) with false by (symmetry; apply Nat.ltb_irrefl).
  rewrite mult_INR. simpl. field. lra.
Qed.

(* Non-vacuity of fftfreq_nyquist (claim R1): its premises hold together, e.g. at m = 4. *)
Lemma fftfreq_nyquist_premises_satisfiable :
  exists m : nat, (0 < m)%nat.
Proof. exists 4%nat. lia. Qed.

(** The square of an fftfreq(n, d=1.0) frequency is at most 1/4. *)
Lemma fftfreq_sq_le_quarter : forall n j, (j < n)%nat -> fftfreq n j ^ 2 <= 1 / 4.
Proof.
  intros n j Hj. rewrite <- pow2_abs. pose proof (fftfreq_abs_le_half n j Hj).
  pose proof (Rabs_pos (fftfreq n j)). nra.
Qed.

(** R1 for any number d of transformed axes: with |k|^2 the sum over the d axes of squared
    fftfreq(d=1.0) frequencies, the damping lies in [4/(4 + d phi), 1]. *)
Theorem resolvent_nd_fftfreq_range : forall d (n j : nat -> nat),
  (forall a, (a < d)%nat -> (j a < n a)%nat) ->
  4 / (4 + INR d * phi) <= / (1 + phi * sumR d (fun a => fftfreq (n a) (j a) ^ 2)) <= 1.
Proof.
  intros d n j Hj. pose proof phi_pos. pose proof (pos_INR d).
  set (s := sumR d (fun a => fftfreq (n a) (j a) ^ 2)).
  assert (Hs0 : 0 <= s) by (apply sumR_nonneg; intros; apply pow2_ge_0).
  assert (Hs1 : s <= INR d * (1 / 4)).
  { rewrite <- sumR_const. apply sumR_le. intros a Ha. apply fftfreq_sq_le_quarter, Hj, Ha. }
  assert (0 <= phi * s) by nra. assert (phi * s <= phi * (INR d * (1 / 4))) by nra.
  split.
  - replace (4 / (4 + INR d * phi)) with (/ (1 + phi * (INR d * (1 / 4)))) by (field; nra).
    apply Rinv_le_contravar; lra.
  - rewrite <- Rinv_1. apply Rinv_le_contravar; lra.
Qed.

(* Non-vacuity of resolvent_nd_fftfreq_range (claim R1): its premises hold together, e.g. at three 8-point axes at their Nyquist index 4. *)
Lemma resolvent_nd_fftfreq_range_premises_satisfiable :
  exists (d : nat) (n j : nat -> nat), forall a, (a < d)%nat -> (j a < n a)%nat.
Proof. exists 3%nat, (fun _ => 8%nat), (fun _ => 4%nat). intros. lia. Qed.

(** The smallest damping on the sketch's frequencies, 4/(4 + phi), is about 0.711993. *)
Lemma resolvent_half_eq : resolvent (1 / 2) = 4 / (4 + phi).
Proof. unfold resolvent. pose proof phi_pos. field. lra. Qed.

(** R1: on the frequencies the sketch feeds it, the damping lies in [4/(4+phi), 1] (the case
    d = 1 of resolvent_nd_fftfreq_range). *)
Theorem resolvent_fftfreq_range : forall n j, (j < n)%nat ->
  4 / (4 + phi) <= resolvent (fftfreq n j) <= 1.
Proof.
  intros n j Hj. pose proof (resolvent_nd_fftfreq_range 1 (fun _ => n) (fun _ => j)
                               (fun _ _ => Hj)) as Hd.
  simpl sumR in Hd. rewrite Rplus_0_l, Rmult_1_l in Hd. exact Hd.
Qed.

(* Non-vacuity of resolvent_fftfreq_range (claims R1, R3): its premises hold together, e.g. at n = 8 and its Nyquist index j = 4. *)
Lemma resolvent_fftfreq_range_premises_satisfiable :
  exists n j : nat, (j < n)%nat.
Proof. exists 8%nat, 4%nat. lia. Qed.

(** R1: the lower end 4/(4+phi) of the damping on the sketch's frequencies, enclosed. *)
Theorem resolvent_fftfreq_min_enclosure : 0.711992 <= 4 / (4 + phi) <= 0.711993.
Proof. unfold phi. interval with (i_prec 70). Qed.

(** R1: the lower end is attained at the Nyquist bin of every even length. *)
Theorem resolvent_fftfreq_min_attained : forall m, (0 < m)%nat ->
  resolvent (fftfreq (2 * m) m) = 4 / (4 + phi).
Proof.
  intros m Hm. rewrite fftfreq_nyquist by assumption.
  rewrite <- resolvent_half_eq. unfold resolvent. f_equal. f_equal. field.
Qed.

(* Non-vacuity of resolvent_fftfreq_min_attained (claim R1): its premises hold together, e.g. at m = 4. *)
Lemma resolvent_fftfreq_min_attained_premises_satisfiable :
  exists m : nat, (0 < m)%nat.
Proof. exists 4%nat. lia. Qed.

(** R1, two transformed axes: with |k|^2 = k1^2 + k2^2 over two fftfreq(d=1.0) grids (what the
    sketch's fft2 branch should use), the damping lies in [2/(2+phi), 1] (the case d = 2 of
    resolvent_nd_fftfreq_range). *)
Theorem resolvent_2d_fftfreq_range : forall n1 n2 j1 j2, (j1 < n1)%nat -> (j2 < n2)%nat ->
  2 / (2 + phi) <= / (1 + phi * (fftfreq n1 j1 ^ 2 + fftfreq n2 j2 ^ 2)) <= 1.
Proof.
  intros n1 n2 j1 j2 H1 H2. pose proof phi_pos.
  pose proof (resolvent_nd_fftfreq_range 2 (fun a => match a with O => n1 | _ => n2 end)
                (fun a => match a with O => j1 | _ => j2 end)
                ltac:(intros [|a] Ha; assumption)) as Hd.
  simpl sumR in Hd. rewrite Rplus_0_l in Hd.
  replace (2 / (2 + phi)) with (4 / (4 + INR 2 * phi)) by (simpl INR; field; lra). exact Hd.
Qed.

(* Non-vacuity of resolvent_2d_fftfreq_range (claim R1): its premises hold together, e.g. at an 8 x 8 grid at its Nyquist indices j1 = j2 = 4. *)
Lemma resolvent_2d_fftfreq_range_premises_satisfiable :
  exists n1 n2 j1 j2 : nat, (j1 < n1)%nat /\ (j2 < n2)%nat.
Proof. exists 8%nat, 8%nat, 4%nat, 4%nat. lia. Qed.

(** R1, two transformed axes: the lower end 2/(2+phi), enclosed. *)
Theorem resolvent_2d_fftfreq_min_enclosure : 0.552786 <= 2 / (2 + phi) <= 0.552787.
Proof. unfold phi. interval with (i_prec 70). Qed.

(** * The regularizer lambda_reg * mean |x_hat - r x_hat|^2 (R2) *)

(** The weight (1 - r(k))^2 the regularizer puts on the energy of frequency k. *)
Definition damped_weight (k : R) : R := (1 - resolvent k) ^ 2.

(** R2: the weight lies in [0, 1). *)
Theorem damped_weight_range : forall k, 0 <= damped_weight k < 1.
Proof.
  intros k. unfold damped_weight. pose proof (damped_part_range k). split; nra.
Qed.

(** R2: the weight vanishes exactly at k = 0. *)
Theorem damped_weight_eq_0_iff : forall k, damped_weight k = 0 <-> k = 0.
Proof.
  intros k. unfold damped_weight. split.
  - intros H. apply sq_eq_0 in H. apply resolvent_eq_1_iff. lra.
  - intros Hk. apply resolvent_eq_1_iff in Hk. rewrite Hk. ring.
Qed.

(** R2 refuted ("penalises only high-frequency energy"): every non-zero frequency, however low,
    carries a positive weight. *)
Theorem damped_weight_pos : forall k, k <> 0 -> 0 < damped_weight k.
Proof.
  intros k Hk. pose proof (damped_weight_range k) as [H _].
  destruct H as [H|H]; [assumption|].
  exfalso. apply Hk. apply damped_weight_eq_0_iff. rewrite <- H. reflexivity.
Qed.

(* Non-vacuity of damped_weight_pos (claim R2): its premises hold together, e.g. at k = 1/2. *)
Lemma damped_weight_pos_premises_satisfiable :
  exists k : R, k <> 0.
Proof. exists (1 / 2). lra. Qed.

(** R2 refuted, explicit witness: on the sketch's frequencies the lowest non-zero bin of every
    length n >= 2 (bin 1) is penalised. *)
Theorem damped_weight_lowest_fftfreq_pos : forall n, (2 <= n)%nat ->
  0 < damped_weight (fftfreq n 1).
Proof.
  intros n Hn. apply damped_weight_pos. unfold fftfreq.
  assert (H2 : 2 <= INR n) by (replace 2 with (INR 2) by (simpl; ring); apply le_INR; lia).
  destruct (Nat.ltb (2 * 1) n); simpl; unfold Rdiv; intros H;
    apply Rmult_integral in H as [H|H]; try lra;
    apply Rinv_neq_0_compat in H; lra.
Qed.

(* Non-vacuity of damped_weight_lowest_fftfreq_pos (claim R2): its premises hold together, e.g. at n = 8. *)
Lemma damped_weight_lowest_fftfreq_pos_premises_satisfiable :
  exists n : nat, (2 <= n)%nat.
Proof. exists 8%nat. lia. Qed.

(** R2 (correction): the weight is strictly increasing in abs(k). *)
Theorem damped_weight_increasing_abs : forall k1 k2,
  Rabs k1 < Rabs k2 -> damped_weight k1 < damped_weight k2.
Proof.
  intros k1 k2 H. unfold damped_weight.
  pose proof (resolvent_decreasing_abs k1 k2 H). pose proof (damped_part_range k1).
  nra.
Qed.

(* Non-vacuity of damped_weight_increasing_abs (claim R2): its premises hold together, e.g. at k1 = 0, k2 = 1/2. *)
Lemma damped_weight_increasing_abs_premises_satisfiable :
  exists k1 k2 : R, Rabs k1 < Rabs k2.
Proof. exists 0, (1 / 2). rewrite Rabs_R0, Rabs_pos_eq by lra. lra. Qed.

(** R2: on the sketch's frequencies the weight is at most (phi/(4+phi))^2. *)
Theorem damped_weight_fftfreq_le : forall n j, (j < n)%nat ->
  damped_weight (fftfreq n j) <= (phi / (4 + phi)) ^ 2.
Proof.
  intros n j Hj. unfold damped_weight. pose proof phi_pos.
  pose proof (resolvent_fftfreq_range n j Hj) as [Hlo Hhi].
  replace (phi / (4 + phi)) with (1 - 4 / (4 + phi)) by (field; lra).
  assert (0 <= 1 - 4 / (4 + phi)) by (pose proof resolvent_fftfreq_min_enclosure; lra).
  nra.
Qed.

(* Non-vacuity of damped_weight_fftfreq_le (claim R2): its premises hold together, e.g. at n = 8 and its Nyquist index j = 4. *)
Lemma damped_weight_fftfreq_le_premises_satisfiable :
  exists n j : nat, (j < n)%nat.
Proof. exists 8%nat, 4%nat. lia. Qed.

(** R2: the maximal weight (phi/(4+phi))^2 on the sketch's frequencies, enclosed. *)
Theorem damped_weight_fftfreq_max_enclosure : 0.08294 <= (phi / (4 + phi)) ^ 2 <= 0.08295.
Proof. unfold phi. interval with (i_prec 70). Qed.

(** The regularizer of the sketch on a real sequence x of length n, frequency of bin k given by
    freq k: lambda * mean_k |X_k - r(freq k) X_k|^2. *)
Definition regularizer (lam : R) (freq : nat -> R) (n : nat) (x : nat -> R) : R :=
  lam * (sumR n (fun k =>
           (dft_re n x k - resolvent (freq k) * dft_re n x k) ^ 2
         + (dft_im n x k - resolvent (freq k) * dft_im n x k) ^ 2) / INR n).

(** R2: the regularizer is the mean spectral energy weighted by (1 - r)^2. *)
Theorem regularizer_eq_weighted_energy : forall lam freq n x,
  regularizer lam freq n x
  = lam * (sumR n (fun k => damped_weight (freq k) * dft_energy n x k) / INR n).
Proof.
  intros lam freq n x. unfold regularizer. f_equal. f_equal.
  apply sumR_ext. intros k _. unfold damped_weight, dft_energy. ring.
Qed.

(** R2: the regularizer is non-negative. *)
Theorem regularizer_nonneg : forall lam freq n x, 0 <= lam -> (0 < n)%nat ->
  0 <= regularizer lam freq n x.
Proof.
  intros lam freq n x Hl Hn. rewrite regularizer_eq_weighted_energy.
  assert (0 < INR n) by (apply lt_0_INR; lia).
  apply Rmult_le_pos; [assumption|]. apply Rle_mult_inv_pos; [|assumption].
  apply sumR_nonneg. intros k _. apply Rmult_le_pos; [apply damped_weight_range|].
  unfold dft_energy. nra.
Qed.

(* Non-vacuity of regularizer_nonneg (claim R2): its premises hold together, e.g. at lam = 1/10 with the fftfreq grid of n = 8 and the constant signal x = 1. *)
Lemma regularizer_nonneg_premises_satisfiable :
  exists (lam : R) (freq : nat -> R) (n : nat) (x : nat -> R), 0 <= lam /\ (0 < n)%nat.
Proof. exists (1 / 10), (fftfreq 8), 8%nat, (fun _ => 1). split; [lra | lia]. Qed.

(** R2: the regularizer is at most lambda times the mean spectral energy. *)
Theorem regularizer_le_mean_spectral_energy : forall lam freq n x, 0 <= lam -> (0 < n)%nat ->
  regularizer lam freq n x <= lam * (sumR n (fun k => dft_energy n x k) / INR n).
Proof.
  intros lam freq n x Hl Hn. rewrite regularizer_eq_weighted_energy.
  assert (0 < INR n) by (apply lt_0_INR; lia).
  apply Rmult_le_compat_l; [assumption|]. unfold Rdiv. apply Rmult_le_compat_r.
  - left. apply Rinv_0_lt_compat. assumption.
  - apply sumR_le. intros k _. pose proof (damped_weight_range (freq k)).
    assert (0 <= dft_energy n x k) by (unfold dft_energy; nra). nra.
Qed.

(* Non-vacuity of regularizer_le_mean_spectral_energy (claim R2): its premises hold together, e.g. at lam = 1/10 with the fftfreq grid of n = 8 and the constant signal x = 1. *)
Lemma regularizer_le_mean_spectral_energy_premises_satisfiable :
  exists (lam : R) (freq : nat -> R) (n : nat) (x : nat -> R), 0 <= lam /\ (0 < n)%nat.
Proof. exists (1 / 10), (fftfreq 8), 8%nat, (fun _ => 1). split; [lra | lia]. Qed.

(** R2: with Parseval, the regularizer is at most lambda times the signal's energy sum_t x_t^2
    (the exact constant: mean over k of |X_k|^2 equals sum_t x_t^2, not its mean). *)
Theorem regularizer_le_signal_energy : forall lam freq n x, 0 <= lam -> (0 < n)%nat ->
  regularizer lam freq n x <= lam * sumR n (fun t => x t ^ 2).
Proof.
  intros lam freq n x Hl Hn.
  rewrite <- mean_spectral_energy_eq_signal_energy by assumption.
  apply regularizer_le_mean_spectral_energy; assumption.
Qed.

(* Non-vacuity of regularizer_le_signal_energy (claim R2): its premises hold together, e.g. at lam = 1/10 with the fftfreq grid of n = 8 and the constant signal x = 1. *)
Lemma regularizer_le_signal_energy_premises_satisfiable :
  exists (lam : R) (freq : nat -> R) (n : nat) (x : nat -> R), 0 <= lam /\ (0 < n)%nat.
Proof. exists (1 / 10), (fftfreq 8), 8%nat, (fun _ => 1). split; [lra | lia]. Qed.

(** R2: with the sketch's frequencies the bound tightens to lambda (phi/(4+phi))^2 sum_t x_t^2,
    about 0.083 lambda times the signal's energy. *)
Theorem regularizer_fftfreq_le_signal_energy : forall lam n x, 0 <= lam -> (0 < n)%nat ->
  regularizer lam (fftfreq n) n x <= lam * (phi / (4 + phi)) ^ 2 * sumR n (fun t => x t ^ 2).
Proof.
  intros lam n x Hl Hn. rewrite regularizer_eq_weighted_energy.
  assert (0 < INR n) by (apply lt_0_INR; lia).
  rewrite <- mean_spectral_energy_eq_signal_energy by assumption.
  rewrite Rmult_assoc. apply Rmult_le_compat_l; [assumption|].
  unfold Rdiv. rewrite <- Rmult_assoc, <- sumR_scal_l.
  apply Rmult_le_compat_r; [left; apply Rinv_0_lt_compat; assumption|].
  apply sumR_le. intros k Hk. pose proof (damped_weight_fftfreq_le n k Hk).
  assert (0 <= dft_energy n x k) by (unfold dft_energy; nra). nra.
Qed.

(* Non-vacuity of regularizer_fftfreq_le_signal_energy (claims R2, R4): its premises hold together, e.g. at lam = 1/10, n = 8 and the constant signal x = 1. *)
Lemma regularizer_fftfreq_le_signal_energy_premises_satisfiable :
  exists (lam : R) (n : nat) (x : nat -> R), 0 <= lam /\ (0 < n)%nat.
Proof. exists (1 / 10), 8%nat, (fun _ => 1). split; [lra | lia]. Qed.

(** cos(t pi) = (-1)^t and sin(t pi) = 0 for every natural t. *)
Lemma cos_sin_INR_PI : forall t, cos (INR t * PI) = (-1) ^ t /\ sin (INR t * PI) = 0.
Proof.
  induction t as [|t [Hc Hs]].
  - simpl. rewrite Rmult_0_l, cos_0, sin_0. split; reflexivity.
  - rewrite S_INR. replace ((INR t + 1) * PI) with (INR t * PI + PI) by ring.
    rewrite neg_cos, neg_sin, Hc, Hs. split; simpl; ring.
Qed.

(** The alternating sequence (-1)^t, the highest-frequency signal of an even length. *)
Definition alternating (t : nat) : R := (-1) ^ t.

(** Each square of the alternating sequence is 1. *)
Lemma alternating_sq : forall t, alternating t ^ 2 = 1.
Proof.
  intros t. unfold alternating. rewrite <- pow_mult, Nat.mul_comm, pow_mult.
  replace ((-1) ^ 2) with 1 by ring. apply pow1.
Qed.

(** Bin m of the length-2m DFT has angle t pi. *)
Lemma dft_angle_nyquist : forall m t, (0 < m)%nat -> dft_angle (2 * m) m t = INR t * PI.
Proof.
  intros m t Hm. unfold dft_angle. rewrite mult_INR.
  assert (0 < INR m) by (apply lt_0_INR; lia). simpl (INR 2). field. lra.
Qed.

(** The alternating sequence of length n = 2m has |X_m|^2 = n^2. *)
Lemma alternating_energy_nyquist : forall m, (0 < m)%nat ->
  dft_energy (2 * m) alternating m = INR (2 * m) ^ 2.
Proof.
  intros m Hm. unfold dft_energy, dft_re, dft_im.
  rewrite (sumR_ext (2 * m) (fun t => alternating t * cos (dft_angle (2 * m) m t)) (fun _ => 1)).
  - rewrite (sumR_ext (2 * m) (fun t => alternating t * sin (dft_angle (2 * m) m t)) (fun _ => 0)).
    + rewrite !sumR_const. ring.
    + intros t _. rewrite dft_angle_nyquist by assumption.
      destruct (cos_sin_INR_PI t) as [_ Hs]. rewrite Hs. ring.
  - intros t _. rewrite dft_angle_nyquist by assumption.
    destruct (cos_sin_INR_PI t) as [Hc _]. rewrite Hc.
    rewrite <- (alternating_sq t). unfold alternating. ring.
Qed.

(** The alternating sequence of length 2m has all its spectral energy in bin m. *)
Lemma alternating_energy_other_bins : forall m k, (0 < m)%nat -> (k < 2 * m)%nat -> k <> m ->
  dft_energy (2 * m) alternating k = 0.
Proof.
  intros m k Hm Hk Hkm.
  assert (Hnn : forall j, (j < 2 * m)%nat -> 0 <= dft_energy (2 * m) alternating j)
    by (intros; unfold dft_energy; nra).
  set (g := fun j => if Nat.eq_dec j m then 0 else dft_energy (2 * m) alternating j).
  assert (Hsplit : sumR (2 * m) (fun j => dft_energy (2 * m) alternating j)
                   = sumR (2 * m) g + dft_energy (2 * m) alternating m).
  { rewrite <- (sumR_delta (2 * m) m (fun _ => dft_energy (2 * m) alternating m)) by lia.
    rewrite <- sumR_plus. apply sumR_ext. intros j _. unfold g.
    destruct (Nat.eq_dec j m) as [->|]; ring. }
  rewrite parseval_dft, alternating_energy_nyquist in Hsplit by lia.
  rewrite (sumR_ext (2 * m) _ (fun _ => 1)) in Hsplit by (intros; apply alternating_sq).
  rewrite sumR_const in Hsplit.
  assert (Hg : sumR (2 * m) g = 0) by lra.
  pose proof (sumR_nonneg_eq_0 (2 * m) g) as H0.
  assert (Hgk : g k = 0).
  { apply H0; [|assumption|assumption]. intros j Hj. unfold g.
    destruct (Nat.eq_dec j m); [lra|apply Hnn; assumption]. }
  unfold g in Hgk. destruct (Nat.eq_dec k m); [contradiction|assumption].
Qed.

(** R2: the constant of the sketch-frequency bound is exact: the alternating sequence of every
    even length 2m attains R(x) = lambda (phi/(4+phi))^2 sum_t x_t^2. *)
Theorem regularizer_fftfreq_nyquist_attains : forall lam m, (0 < m)%nat ->
  regularizer lam (fftfreq (2 * m)) (2 * m) alternating
  = lam * (phi / (4 + phi)) ^ 2 * sumR (2 * m) (fun t => alternating t ^ 2).
Proof.
  intros lam m Hm. rewrite regularizer_eq_weighted_energy.
  assert (Hn : 0 < INR (2 * m)) by (apply lt_0_INR; lia).
  rewrite (sumR_ext (2 * m) (fun k => damped_weight (fftfreq (2 * m) k) * dft_energy (2 * m) alternating k)
             (fun k => if Nat.eq_dec k m
                       then damped_weight (fftfreq (2 * m) m) * dft_energy (2 * m) alternating m else 0)).
  - rewrite (sumR_delta (2 * m) m
               (fun _ => damped_weight (fftfreq (2 * m) m) * dft_energy (2 * m) alternating m)) by lia.
    rewrite (sumR_ext (2 * m) _ (fun _ => 1)) by (intros; apply alternating_sq).
    rewrite sumR_const, alternating_energy_nyquist, fftfreq_nyquist by assumption.
    unfold damped_weight. replace (-1 / 2) with (- (1 / 2)) by field.
    rewrite resolvent_even, resolvent_half_eq. pose proof phi_pos. field. lra.
  - intros k Hk. destruct (Nat.eq_dec k m) as [->|Hkm]; [reflexivity|].
    rewrite alternating_energy_other_bins by assumption. ring.
Qed.

(* Non-vacuity of regularizer_fftfreq_nyquist_attains (claims R2, R4): its premises hold together, e.g. at lam = 1/10, m = 4. *)
Lemma regularizer_fftfreq_nyquist_attains_premises_satisfiable :
  exists (lam : R) (m : nat), (0 < m)%nat.
Proof. exists (1 / 10), 4%nat. lia. Qed.
