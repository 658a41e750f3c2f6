(** The temperature law on k + 1 points, for every k >= 1: with F-(p) = -ln p_0 - T H(p) on the
    open simplex, the symmetric point (l0, (1-l0)/k, ..., (1-l0)/k) with 1/(k+1) < l0 < 1 is the
    unique global minimiser of F- exactly at T = 1/(l0 ln(k l0/(1-l0))). *)
From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From Phi Require Import Sums LnFacts Gibbs Shannon.
Open Scope R_scope.

(** The open probability simplex on n points. *)
Definition open_simplex (n : nat) (p : nat -> R) : Prop :=
  (forall i, (i < n)%nat -> 0 < p i) /\ sumR n p = 1.

(** F-(p) = -ln p_0 - T H(p) on the k + 1 points 0..k. *)
Definition FminusN (k : nat) (T : R) (p : nat -> R) : R := - ln (p O) - T * entropy (S k) p.

(** The symmetric point (l0, (1-l0)/k, ..., (1-l0)/k) on k + 1 points. *)
Definition sym_point (k : nat) (l0 : R) (i : nat) : R :=
  match i with O => l0 | S _ => (1 - l0) / INR k end.

(** The temperature that puts the F- minimiser at l0, on k + 1 points. *)
Definition temperature_lawN (k : nat) (l0 : R) : R := 1 / (l0 * ln (INR k * l0 / (1 - l0))).

(** The derivative of F- along the symmetric line at l0. *)
Definition line_slope (k : nat) (T l0 : R) : R := T * ln (INR k * l0 / (1 - l0)) - 1 / l0.

(** F- along the symmetric line, in closed form. *)
Definition Fminus_line (k : nat) (T a : R) : R :=
  - ln a + T * (a * ln a + (1 - a) * ln ((1 - a) / INR k)).

(** F- reads only the coordinates 0..k. *)
Lemma FminusN_ext : forall k T p q, (forall i, (i < S k)%nat -> p i = q i) ->
  FminusN k T p = FminusN k T q.
Proof.
  intros k T p q H. unfold FminusN. rewrite (entropy_ext (S k) p q H), H by lia. reflexivity.
Qed.

(** The symmetric point lies on the open simplex. *)
Lemma sym_point_in_simplex : forall k l0, (1 <= k)%nat -> 0 < l0 < 1 ->
  open_simplex (S k) (sym_point k l0).
Proof.
  intros k l0 Hk Hl. assert (HkR : 0 < INR k) by (apply lt_0_INR; lia). split.
  - intros [|i] _; simpl; [lra | apply Rdiv_lt_0_compat; lra].
  - rewrite sumR_shift, (sumR_ext k _ (fun _ => (1 - l0) / INR k)) by reflexivity.
    rewrite sumR_const. simpl. field. lra.
Qed.

(** The slope is ln l0 - ln((1-l0)/k) times T, less 1/l0. *)
Lemma ln_law_ratio : forall k l0, (1 <= k)%nat -> 0 < l0 < 1 ->
  ln (INR k * l0 / (1 - l0)) = ln l0 - ln ((1 - l0) / INR k).
Proof.
  intros k l0 Hk Hl. assert (HkR : 0 < INR k) by (apply lt_0_INR; lia).
  replace (INR k * l0 / (1 - l0)) with (l0 / ((1 - l0) / INR k)) by (field; lra).
  apply ln_div_pos; [lra | apply Rdiv_lt_0_compat; lra].
Qed.

(** On the symmetric line F- has the closed form Fminus_line. *)
Lemma FminusN_on_line : forall k T a, (1 <= k)%nat -> 0 < a < 1 ->
  FminusN k T (sym_point k a) = Fminus_line k T a.
Proof.
  intros k T a Hk Ha. assert (HkR : 0 < INR k) by (apply lt_0_INR; lia).
  destruct (sym_point_in_simplex k a Hk Ha) as [Hpos _].
  unfold FminusN, Fminus_line. rewrite entropy_pos by exact Hpos.
  rewrite sumR_shift, (sumR_ext k _ (fun _ => (1 - a) / INR k * ln ((1 - a) / INR k))) by reflexivity.
  rewrite sumR_const. simpl sym_point. field. lra.
Qed.

(** The gap identity: F-(p) - F-(p0) = the -ln gap at p_0 + T times the Gibbs gaps
    + (p_0 - l0) times the slope. *)
Lemma FminusN_gap_identity : forall k T l0 p, (1 <= k)%nat -> 0 < l0 < 1 -> open_simplex (S k) p ->
  FminusN k T p - FminusN k T (sym_point k l0) =
  gap_neg_ln l0 (p O) + T * sumR (S k) (fun i => gap_xlnx (sym_point k l0 i) (p i))
  + (p O - l0) * line_slope k T l0.
Proof.
  intros k T l0 p Hk Hl [Hp Hs]. assert (HkR : 0 < INR k) by (apply lt_0_INR; lia).
  set (q := (1 - l0) / INR k).
  destruct (sym_point_in_simplex k l0 Hk Hl) as [Hq Hqs].
  assert (Hrest : sumR k (fun i => p (S i)) = 1 - p O) by (rewrite sumR_shift in Hs; lra).
  assert (Hcross : sumR (S k) (fun i => p i * ln (sym_point k l0 i)) = p O * ln l0 + ln q * (1 - p O)).
  { rewrite sumR_shift. simpl sym_point. fold q. rewrite (sumR_ext k _ (fun i => ln q * p (S i)))
      by (intros; ring). rewrite sumR_scal_l, Hrest. ring. }
  assert (Hgap : sumR (S k) (fun i => gap_xlnx (sym_point k l0 i) (p i)) =
                 sumR (S k) (fun i => p i * ln (p i)) - (p O * ln l0 + ln q * (1 - p O)) + 1 - 1).
  { unfold gap_xlnx.
    rewrite (sumR_ext (S k) _ (fun i => (p i * ln (p i) - p i * ln (sym_point k l0 i))
                                        + (sym_point k l0 i - p i))) by (intros; ring).
    rewrite sumR_plus, !sumR_minus, Hcross, Hqs, Hs. ring. }
  rewrite Hgap, FminusN_on_line by assumption.
  unfold FminusN, Fminus_line, line_slope, gap_neg_ln. rewrite entropy_pos by exact Hp.
  rewrite ln_law_ratio by assumption. fold q.
  replace ((1 - l0) * ln q) with (ln q * (1 - l0)) by ring. field. lra.
Qed.

(** A derivative at an interior minimum vanishes (Fermat). *)
Lemma derive_zero_at_interior_min : forall f c l a b,
  a < c < b -> (forall x, a < x < b -> f c <= f x) -> is_derive f c l -> l = 0.
Proof.
  intros f c l a b [Hac Hcb] Hmin Hd. apply is_derive_Reals in Hd.
  exact (deriv_minimum f a b c (exist _ l Hd) Hac Hcb (fun x H1 H2 => Hmin x (conj H1 H2))).
Qed.

(** The derivative of F- along the symmetric line is the slope. *)
Lemma line_slope_is_derivative : forall k T l0, (1 <= k)%nat -> 0 < l0 < 1 ->
  is_derive (Fminus_line k T) l0 (line_slope k T l0).
Proof.
  intros k T l0 Hk Hl. assert (HkR : 0 < INR k) by (apply lt_0_INR; lia).
  unfold Fminus_line, line_slope. rewrite ln_law_ratio by assumption.
  auto_derive; [repeat split; try lra; apply Rdiv_lt_0_compat; lra |].
  replace ((1 + - l0) * / INR k) with ((1 - l0) / INR k) by (unfold Rdiv; ring).
  field. split; lra.
Qed.

(** If the symmetric point is a global minimiser of F- (any T), the slope vanishes. *)
Lemma FminusN_min_forces_zero_slope : forall k T l0, (1 <= k)%nat -> 0 < l0 < 1 ->
  (forall p, open_simplex (S k) p -> FminusN k T (sym_point k l0) <= FminusN k T p) ->
  line_slope k T l0 = 0.
Proof.
  intros k T l0 Hk Hl Hmin.
  apply (derive_zero_at_interior_min (Fminus_line k T) l0 _ 0 1);
    [lra | | apply line_slope_is_derivative; assumption].
  intros x Hx. rewrite <- !FminusN_on_line by assumption.
  apply Hmin, sym_point_in_simplex; assumption.
Qed.

(** ln (k l0/(1 - l0)) > 0 for 1/(k+1) < l0 < 1. *)
Lemma ln_law_pos : forall k l0, 1 / (INR k + 1) < l0 < 1 -> 0 < ln (INR k * l0 / (1 - l0)).
Proof.
  intros k l0 Hl. pose proof (pos_INR k). rewrite <- ln_1. apply ln_increasing; [lra |].
  assert (1 - l0 < INR k * l0).
  { destruct Hl as [Hl _]. apply (Rmult_lt_compat_r (INR k + 1)) in Hl; [| lra].
    unfold Rdiv in Hl. rewrite Rmult_1_l, Rinv_l in Hl by lra. nra. }
  apply (Rmult_lt_reg_r (1 - l0)); [lra |]. unfold Rdiv.
  rewrite Rmult_assoc, Rinv_l by lra. lra.
Qed.

(** The law is positive and makes the slope vanish on (1/(k+1), 1). *)
Lemma temperature_lawN_zero_slope : forall k l0, 1 / (INR k + 1) < l0 < 1 ->
  0 < temperature_lawN k l0 /\ line_slope k (temperature_lawN k l0) l0 = 0.
Proof.
  intros k l0 Hl. pose proof (pos_INR k).
  assert (0 < l0) by (assert (0 < 1 / (INR k + 1)) by (apply Rdiv_lt_0_compat; lra); lra).
  pose proof (ln_law_pos k l0 Hl). unfold line_slope, temperature_lawN.
  split; [apply Rdiv_lt_0_compat; [lra | apply Rmult_lt_0_compat; lra] |]. field. lra.
Qed.

(** W2, W3, W7 for every k >= 1 (corrected sign): for 1/(k+1) < l0 < 1 the symmetric point
    (l0, (1-l0)/k, ..., (1-l0)/k) is the unique global minimiser of F- on the open simplex of
    k + 1 points at T = temperature_lawN k l0. *)
Theorem FminusN_temperature_law_unique_global_min : forall k l0, (1 <= k)%nat ->
  1 / (INR k + 1) < l0 < 1 ->
  (forall p, open_simplex (S k) p ->
     FminusN k (temperature_lawN k l0) (sym_point k l0) <= FminusN k (temperature_lawN k l0) p) /\
  (forall p, open_simplex (S k) p ->
     FminusN k (temperature_lawN k l0) p = FminusN k (temperature_lawN k l0) (sym_point k l0) ->
     forall i, (i < S k)%nat -> p i = sym_point k l0 i).
Proof.
  intros k l0 Hk Hl. destruct (temperature_lawN_zero_slope k l0 Hl) as [HT Hs].
  assert (Hl0 : 0 < l0 < 1)
    by (pose proof (pos_INR k); assert (0 < 1 / (INR k + 1)) by (apply Rdiv_lt_0_compat; lra); lra).
  set (T := temperature_lawN k l0) in *.
  destruct (sym_point_in_simplex k l0 Hk Hl0) as [Hq _].
  assert (Hgaps : forall p, open_simplex (S k) p ->
            0 <= gap_neg_ln l0 (p O) /\
            forall i, (i < S k)%nat -> 0 <= gap_xlnx (sym_point k l0 i) (p i)).
  { intros p [Hp _]. split; [apply gap_neg_ln_nonneg; [lra | apply Hp; lia] |].
    intros i Hi. apply gap_xlnx_nonneg; [apply Hq | apply Hp]; exact Hi. }
  split.
  - intros p Hp. pose proof (FminusN_gap_identity k T l0 p Hk Hl0 Hp) as E.
    destruct (Hgaps p Hp) as [G0 G]. rewrite Hs, Rmult_0_r in E.
    pose proof (sumR_nonneg _ _ G). assert (0 <= T * sumR (S k) (fun i => gap_xlnx (sym_point k l0 i) (p i)))
      by (apply Rmult_le_pos; lra). lra.
  - intros p Hp Heq i Hi. pose proof (FminusN_gap_identity k T l0 p Hk Hl0 Hp) as E.
    destruct (Hgaps p Hp) as [G0 G]. rewrite Hs, Rmult_0_r in E.
    pose proof (sumR_nonneg _ _ G) as G1.
    assert (Hz : sumR (S k) (fun i => gap_xlnx (sym_point k l0 i) (p i)) = 0).
    { assert (0 <= T * sumR (S k) (fun i => gap_xlnx (sym_point k l0 i) (p i)))
        by (apply Rmult_le_pos; lra).
      assert (T * sumR (S k) (fun i => gap_xlnx (sym_point k l0 i) (p i)) = 0) by lra.
      apply Rmult_integral in H0 as [H0 | H0]; lra. }
    apply gap_xlnx_zero; [apply Hq, Hi | apply (proj1 Hp), Hi |].
    exact (sumR_nonneg_eq_0 _ _ G Hz i Hi).
Qed.

(** Converse, for every k >= 1: a temperature that makes the symmetric point with
    1/(k+1) < l0 < 1 a global minimiser of F- on k + 1 points is temperature_lawN k l0. *)
Theorem FminusN_global_min_forces_temperature_law : forall k T l0, (1 <= k)%nat ->
  1 / (INR k + 1) < l0 < 1 ->
  (forall p, open_simplex (S k) p -> FminusN k T (sym_point k l0) <= FminusN k T p) ->
  T = temperature_lawN k l0.
Proof.
  intros k T l0 Hk Hl Hmin.
  assert (Hl0 : 0 < l0 < 1)
    by (pose proof (pos_INR k); assert (0 < 1 / (INR k + 1)) by (apply Rdiv_lt_0_compat; lra); lra).
  pose proof (FminusN_min_forces_zero_slope k T l0 Hk Hl0 Hmin) as Z.
  destruct (temperature_lawN_zero_slope k l0 Hl) as [_ Hs].
  pose proof (ln_law_pos k l0 Hl). unfold line_slope in Z, Hs.
  apply (Rmult_eq_reg_r (ln (INR k * l0 / (1 - l0)))); lra.
Qed.

(** Below the range, for every k >= 1: for l0 <= 1/(k+1) no positive temperature makes the
    symmetric point a global minimiser of F- on k + 1 points. *)
Theorem FminusN_no_positive_temperature_below : forall k T l0, (1 <= k)%nat ->
  0 < l0 <= 1 / (INR k + 1) -> 0 < T ->
  ~ (forall p, open_simplex (S k) p -> FminusN k T (sym_point k l0) <= FminusN k T p).
Proof.
  intros k T l0 Hk Hl HT Hmin. pose proof (pos_INR k).
  assert (Hl1 : l0 < 1).
  { destruct Hl as [_ Hl]. assert (1 / (INR k + 1) < 1); [| lra].
    apply (Rmult_lt_reg_r (INR k + 1)); [lra |]. unfold Rdiv.
    rewrite Rmult_assoc, Rinv_l by lra. assert (1 <= INR k) by (apply (le_INR 1); exact Hk). lra. }
  pose proof (FminusN_min_forces_zero_slope k T l0 Hk ltac:(lra) Hmin) as Z. unfold line_slope in Z.
  assert (Hkl : INR k * l0 <= 1 - l0).
  { destruct Hl as [_ Hl]. apply (Rmult_le_compat_r (INR k + 1)) in Hl; [| lra].
    unfold Rdiv in Hl. rewrite Rmult_1_l, Rinv_l in Hl by lra. nra. }
  assert (ln (INR k * l0 / (1 - l0)) <= 0).
  { apply ln_nonpos. split.
    - apply Rdiv_lt_0_compat; [| lra]. apply Rmult_lt_0_compat; [apply lt_0_INR; lia | lra].
    - apply (Rmult_le_reg_r (1 - l0)); [lra |]. unfold Rdiv.
      rewrite Rmult_assoc, Rinv_l by lra. lra. }
  assert (0 < 1 / l0) by (apply Rdiv_lt_0_compat; lra).
  assert (T * ln (INR k * l0 / (1 - l0)) <= 0) by nra. lra.
Qed.
