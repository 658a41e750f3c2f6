(** The Watkins generating functional on the open probability simplex, in both sign
    conventions: F+(p) = -ln(lambda) + T H(p) (as published and as watkins-nn computes it) has no
    global minimiser at all, while F-(p) = -ln(lambda) - T H(p) has the golden equilibrium as its
    unique global minimiser exactly when T = T*.  The law lambda_0 -> T on three coordinates and
    on four (which yields T*_3) are the k = 2 and k = 3 cases of the law for every k
    (TemperatureLaw). *)
From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From Interval Require Import Tactic.
From Phi Require Import PhiBasics Constants LnFacts Gibbs Sums Shannon TemperatureLaw.
Open Scope R_scope.

(** * The three-component functional *)

(** The open probability simplex in three coordinates (lambda, kappa, eta). *)
Definition open_simplex3 (a b c : R) : Prop := 0 < a /\ 0 < b /\ 0 < c /\ a + b + c = 1.

(** Shannon entropy H(p) = -(sum p_i ln p_i). *)
Definition entropy3 (a b c : R) : R := - (a * ln a + b * ln b + c * ln c).

(** F+(p) = -ln(lambda) + T H(p): the published sign, the one watkins-nn computes. *)
Definition Fplus (T a b c : R) : R := - ln a + T * entropy3 a b c.

(** F-(p) = -ln(lambda) - T H(p): the opposite sign. *)
Definition Fminus (T a b c : R) : R := - ln a - T * entropy3 a b c.

(** p0 is a global minimiser of F on the open simplex. *)
Definition is_global_min3 (F : R -> R -> R -> R) (a0 b0 c0 : R) : Prop :=
  open_simplex3 a0 b0 c0 /\ forall a b c, open_simplex3 a b c -> F a0 b0 c0 <= F a b c.

(** p0 is the unique global minimiser of F on the open simplex. *)
Definition is_unique_global_min3 (F : R -> R -> R -> R) (a0 b0 c0 : R) : Prop :=
  is_global_min3 F a0 b0 c0 /\
  forall a b c, open_simplex3 a b c -> F a b c = F a0 b0 c0 -> a = a0 /\ b = b0 /\ c = c0.

(** The golden equilibrium's other two coordinates, (1 - 1/phi)/2. *)
Definition kappa_star : R := (1 - lambda_star) / 2.

(** The temperature law: the temperature that puts the F- minimiser at lambda_0. *)
Definition temperature_law (l0 : R) : R := 1 / (l0 * ln (2 * l0 / (1 - l0))).

(** (a, b, c) as a vector on the points 0, 1, 2. *)
Definition vec3 (a b c : R) (i : nat) : R := match i with O => a | 1%nat => b | _ => c end.

(** The symmetric point lies on the open simplex. *)
Lemma symmetric_point_in_simplex3 : forall l0, 0 < l0 < 1 ->
  open_simplex3 l0 ((1 - l0) / 2) ((1 - l0) / 2).
Proof. intros l0 Hl. unfold open_simplex3. lra. Qed.

(** The open 3-simplex is the open simplex on 3 points. *)
Lemma open_simplex3_iff : forall a b c, open_simplex3 a b c <-> open_simplex 3 (vec3 a b c).
Proof.
  intros a b c. unfold open_simplex3, open_simplex. simpl. split.
  - intros (Ha & Hb & Hc & Hs). split; [intros [|[|[|i]]] Hi; simpl; first [lra | lia] | lra].
  - intros [Hp Hs]. pose proof (Hp 0%nat ltac:(lia)). pose proof (Hp 1%nat ltac:(lia)).
    pose proof (Hp 2%nat ltac:(lia)). simpl in *. lra.
Qed.

(** On the open 3-simplex F- is the (k = 2) functional FminusN. *)
Lemma Fminus_eq_FminusN : forall T a b c, open_simplex3 a b c ->
  Fminus T a b c = FminusN 2 T (vec3 a b c).
Proof.
  intros T a b c (Ha & Hb & Hc & _). unfold Fminus, FminusN, entropy3, entropy. simpl.
  rewrite !plogp_pos by assumption. ring.
Qed.

(** The symmetric point is sym_point at k = 2. *)
Lemma vec3_symmetric_point : forall l0 i,
  vec3 l0 ((1 - l0) / 2) ((1 - l0) / 2) i = sym_point 2 l0 i.
Proof. intros l0 [|[|i]]; simpl; try reflexivity; replace (1 + 1) with 2 by ring; reflexivity. Qed.

(** The three-component law is the (k = 2) law temperature_lawN. *)
Lemma temperature_law_eq_N : forall l0, temperature_law l0 = temperature_lawN 2 l0.
Proof. intros l0. unfold temperature_law, temperature_lawN. simpl INR. replace (1 + 1) with 2 by ring. reflexivity. Qed.

(** A global minimiser of F- at the symmetric point is one of FminusN on 3 points. *)
Lemma global_min3_FminusN : forall T l0, 0 < l0 < 1 ->
  is_global_min3 (Fminus T) l0 ((1 - l0) / 2) ((1 - l0) / 2) ->
  forall p, open_simplex 3 p -> FminusN 2 T (sym_point 2 l0) <= FminusN 2 T p.
Proof.
  intros T l0 Hl [_ Hmin] p Hp.
  assert (Hv : open_simplex3 (p O) (p 1%nat) (p 2%nat)).
  { apply open_simplex3_iff. destruct Hp as [Hp Hs]. split.
    - intros [|[|[|i]]] Hi; simpl; first [apply Hp; lia | lia].
    - simpl in Hs |- *. lra. }
  rewrite <- (FminusN_ext 2 T _ _ (fun i _ => vec3_symmetric_point l0 i)).
  rewrite (FminusN_ext 2 T p (vec3 (p O) (p 1%nat) (p 2%nat)))
    by (intros [|[|[|i]]] Hi; [reflexivity | reflexivity | reflexivity | lia]).
  rewrite <- !Fminus_eq_FminusN by (assumption || (apply symmetric_point_in_simplex3; lra)).
  apply Hmin, Hv.
Qed.

(** The derivative of F- along the symmetric line (a, (1-a)/2, (1-a)/2) at l0 is the slope
    T ln(2 l0/(1 - l0)) - 1/l0. *)
Lemma Fminus_line_derivative : forall T l0, 0 < l0 < 1 ->
  is_derive (fun a => Fminus T a ((1 - a) / 2) ((1 - a) / 2)) l0
            (T * ln (2 * l0 / (1 - l0)) - 1 / l0).
Proof.
  intros T l0 Hl. replace (T * ln (2 * l0 / (1 - l0)) - 1 / l0) with (line_slope 2 T l0)
    by (unfold line_slope; simpl INR; replace (1 + 1) with 2 by ring; reflexivity).
  apply (is_derive_ext (Fminus_line 2 T)); [| apply line_slope_is_derivative; [lia | exact Hl]].
  intros a. match goal with |- @eq _ ?l ?r => change (@eq R l r) end.
  unfold Fminus_line, Fminus, entropy3. simpl INR. replace (1 + 1) with 2 by ring. field.
Qed.

(** If the symmetric point p0 is a global minimiser of F- (any T), the slope vanishes. *)
Lemma Fminus_min_forces_zero_slope : forall T l0, 0 < l0 < 1 ->
  is_global_min3 (Fminus T) l0 ((1 - l0) / 2) ((1 - l0) / 2) ->
  T * ln (2 * l0 / (1 - l0)) = 1 / l0.
Proof.
  intros T l0 Hl Hmin. pose proof (FminusN_min_forces_zero_slope 2 T l0 ltac:(lia) Hl
                                     (global_min3_FminusN T l0 Hl Hmin)) as Z.
  unfold line_slope in Z. simpl INR in Z. replace (1 + 1) with 2 in Z by ring. lra.
Qed.

(** General law (W7, corrected sign): for 1/3 < l0 < 1, (l0, (1-l0)/2, (1-l0)/2) is the unique
    global minimiser of F- on the open simplex at T = temperature_law l0 (the k = 2 case of
    TemperatureLaw.FminusN_temperature_law_unique_global_min). *)
Theorem Fminus_temperature_law_unique_global_min : forall l0, 1 / 3 < l0 < 1 ->
  is_unique_global_min3 (Fminus (temperature_law l0)) l0 ((1 - l0) / 2) ((1 - l0) / 2).
Proof.
  intros l0 Hl. rewrite temperature_law_eq_N. set (T := temperature_lawN 2 l0).
  assert (Hk : 1 / (INR 2 + 1) < l0 < 1) by (simpl INR; lra).
  destruct (FminusN_temperature_law_unique_global_min 2 l0 ltac:(lia) Hk) as [Hmin Huniq].
  fold T in Hmin, Huniq.
  assert (Hp0 : open_simplex3 l0 ((1 - l0) / 2) ((1 - l0) / 2))
    by (apply symmetric_point_in_simplex3; lra).
  assert (E0 : Fminus T l0 ((1 - l0) / 2) ((1 - l0) / 2) = FminusN 2 T (sym_point 2 l0))
    by (rewrite Fminus_eq_FminusN by exact Hp0; apply FminusN_ext; intros i _;
        apply vec3_symmetric_point).
  split; [split; [exact Hp0 |] |].
  - intros a b c Hp. rewrite E0, Fminus_eq_FminusN by exact Hp.
    apply Hmin, open_simplex3_iff, Hp.
  - intros a b c Hp He. rewrite E0, Fminus_eq_FminusN in He by exact Hp.
    pose proof (Huniq _ (proj1 (open_simplex3_iff a b c) Hp) He) as Hi.
    pose proof (Hi 0%nat ltac:(lia)). pose proof (Hi 1%nat ltac:(lia)).
    pose proof (Hi 2%nat ltac:(lia)). simpl in *. replace (1 + 1) with 2 in * by ring. lra.
Qed.

(* Non-vacuity of Fminus_temperature_law_unique_global_min (claim W7): its premises hold together, e.g. at l0 = lambda*. *)
Lemma Fminus_temperature_law_unique_global_min_premises_satisfiable :
  exists l0 : R, 1 / 3 < l0 < 1.
Proof. assert (Hb : 1 / 3 < lambda_star < 1) by (unfold lambda_star, phi; split; interval). exists lambda_star. exact Hb. Qed.

(** General law, converse (W7, corrected sign): a temperature that makes the symmetric point
    with 1/3 < l0 < 1 a global minimiser of F- is temperature_law l0 (k = 2 of
    TemperatureLaw.FminusN_global_min_forces_temperature_law). *)
Theorem Fminus_global_min_forces_temperature_law : forall T l0, 1 / 3 < l0 < 1 ->
  is_global_min3 (Fminus T) l0 ((1 - l0) / 2) ((1 - l0) / 2) -> T = temperature_law l0.
Proof.
  intros T l0 Hl Hmin. rewrite temperature_law_eq_N.
  apply FminusN_global_min_forces_temperature_law; [lia | simpl INR; lra |].
  apply global_min3_FminusN; [lra | exact Hmin].
Qed.

(* Non-vacuity of Fminus_global_min_forces_temperature_law (claim W7): its premises hold together, e.g. at l0 = lambda* and T = temperature_law lambda*. *)
Lemma Fminus_global_min_forces_temperature_law_premises_satisfiable :
  exists T l0 : R, 1 / 3 < l0 < 1 /\ is_global_min3 (Fminus T) l0 ((1 - l0) / 2) ((1 - l0) / 2).
Proof. assert (Hb : 1 / 3 < lambda_star < 1) by (unfold lambda_star, phi; split; interval). 
  exists (temperature_law lambda_star), lambda_star. split; [exact Hb |].
  exact (proj1 (Fminus_temperature_law_unique_global_min lambda_star Hb)). Qed.

(** For l0 <= 1/3 no positive temperature makes the symmetric point a minimiser of F- (k = 2 of
    TemperatureLaw.FminusN_no_positive_temperature_below). *)
Theorem Fminus_no_positive_temperature_below_one_third : forall T l0, 0 < l0 <= 1 / 3 ->
  0 < T -> ~ is_global_min3 (Fminus T) l0 ((1 - l0) / 2) ((1 - l0) / 2).
Proof.
  intros T l0 Hl HT Hmin.
  apply (FminusN_no_positive_temperature_below 2 T l0 ltac:(lia) ltac:(simpl INR; lra) HT).
  apply global_min3_FminusN; [lra | exact Hmin].
Qed.

(* Non-vacuity of Fminus_no_positive_temperature_below_one_third (claim W7): its premises hold together, e.g. at T = T*, l0 = 1/4. *)
Lemma Fminus_no_positive_temperature_below_one_third_premises_satisfiable :
  exists T l0 : R, 0 < l0 <= 1 / 3 /\ 0 < T.
Proof. assert (Ht : 0 < Tstar) by (unfold Tstar, phi; interval). exists Tstar, (1 / 4). split; lra. Qed.

(** 1 - 1/phi = 1/phi^2, so the golden point has kappa* = eta* = 1/(2 phi^2). *)
Lemma one_sub_lambda_star : 1 - lambda_star = / phi ^ 2.
Proof.
  unfold lambda_star. pose proof phi_sq_eq_phi_add_one. pose proof phi_pos.
  field_simplify_eq; [nra | lra].
Qed.

(** 2 lambda_star/(1 - lambda_star) = 2 phi. *)
Lemma golden_ratio_of_coordinates : 2 * lambda_star / (1 - lambda_star) = 2 * phi.
Proof.
  rewrite one_sub_lambda_star. unfold lambda_star. pose proof phi_pos. field. lra.
Qed.

(** lambda* lies in (1/3, 1). *)
Lemma lambda_star_bounds : 1 / 3 < lambda_star < 1.
Proof. unfold lambda_star, phi. split; interval. Qed.

(** W2/W7: T* is the temperature law at lambda_0 = 1/phi. *)
Theorem temperature_law_at_lambda_star : temperature_law lambda_star = Tstar.
Proof.
  unfold temperature_law. rewrite golden_ratio_of_coordinates.
  unfold Tstar, lambda_star. pose proof phi_pos.
  assert (0 < ln (2 * phi)) by (unfold phi; interval).
  field. lra.
Qed.

(** W7 (corrected sign): the golden equilibrium is the unique global minimiser of F- on the open
    simplex at T = T*. *)
Theorem Fminus_golden_unique_global_min_at_Tstar :
  is_unique_global_min3 (Fminus Tstar) lambda_star kappa_star kappa_star.
Proof.
  unfold kappa_star. rewrite <- temperature_law_at_lambda_star.
  apply Fminus_temperature_law_unique_global_min, lambda_star_bounds.
Qed.

(** W7 (corrected sign): the golden equilibrium is the unique global minimiser of F- exactly
    when T = T* (and it is not even a global minimiser at any other T). *)
Theorem Fminus_golden_unique_global_min_iff_Tstar : forall T,
  is_unique_global_min3 (Fminus T) lambda_star kappa_star kappa_star <-> T = Tstar.
Proof.
  intro T. split.
  - intros [Hmin _]. rewrite <- temperature_law_at_lambda_star.
    apply Fminus_global_min_forces_temperature_law; [apply lambda_star_bounds | exact Hmin].
  - intros ->. apply Fminus_golden_unique_global_min_at_Tstar.
Qed.

(** * The published sign F+ *)

(** Strict midpoint convexity of x ln x: (x+s) ln(x+s) + (x-s) ln(x-s) > 2 x ln x. *)
Lemma xlnx_midpoint_strict : forall x s, 0 < s < x ->
  2 * (x * ln x) < (x + s) * ln (x + s) + (x - s) * ln (x - s).
Proof.
  intros x s Hs.
  pose proof (gap_xlnx_nonneg x (x + s) ltac:(lra) ltac:(lra)) as G1.
  pose proof (gap_xlnx_nonneg x (x - s) ltac:(lra) ltac:(lra)) as G2.
  assert (N1 : gap_xlnx x (x + s) <> 0).
  { intro Z. apply gap_xlnx_zero in Z; lra. }
  unfold gap_xlnx in *. lra.
Qed.

(** For T > 0, F+ has no global minimiser on the open simplex: moving kappa and eta apart in one
    of the two directions always lowers it (F+ is strictly concave along such moves). *)
Theorem Fplus_has_no_global_min : forall T, 0 < T -> forall a b c, open_simplex3 a b c ->
  exists a' b' c', open_simplex3 a' b' c' /\ Fplus T a' b' c' < Fplus T a b c.
Proof.
  intros T HT a b c [Ha [Hb [Hc Hs]]].
  set (s := Rmin b c / 2).
  assert (Hs0 : 0 < s) by (unfold s; apply Rmin_case; lra).
  assert (Hsb : s < b) by (unfold s; apply Rmin_case_strong; intros; lra).
  assert (Hsc : s < c) by (unfold s; apply Rmin_case_strong; intros; lra).
  pose proof (xlnx_midpoint_strict b s ltac:(lra)) as Mb.
  pose proof (xlnx_midpoint_strict c s ltac:(lra)) as Mc.
  assert (Hsum : Fplus T a (b + s) (c - s) + Fplus T a (b - s) (c + s) < 2 * Fplus T a b c).
  { unfold Fplus, entropy3. nra. }
  destruct (Rlt_le_dec (Fplus T a (b + s) (c - s)) (Fplus T a b c)) as [L | L].
  - exists a, (b + s), (c - s). split; [unfold open_simplex3; lra | exact L].
  - exists a, (b - s), (c + s). split; [unfold open_simplex3; lra | lra].
Qed.

(* Non-vacuity of Fplus_has_no_global_min (claims W7, W9): its premises hold together, e.g. at T = T* at the golden point (a, b, c) = (lambda_star, kappa_star, kappa_star). *)
Lemma Fplus_has_no_global_min_premises_satisfiable :
  exists T a b c : R, 0 < T /\ open_simplex3 a b c.
Proof. exists Tstar, lambda_star, kappa_star, kappa_star. assert (0 < Tstar) by (unfold Tstar, phi; interval). pose proof lambda_star_bounds.
  split; [lra | apply symmetric_point_in_simplex3; lra]. Qed.

(** W7 refutation witness: at every T >= 0 (in particular at T* ), the point (9/10, 1/20, 1/20) has a
    smaller F+ than the golden equilibrium. *)
Theorem Fplus_witness_below_golden : forall T, 0 <= T ->
  Fplus T (9 / 10) (1 / 20) (1 / 20) < Fplus T lambda_star kappa_star kappa_star.
Proof.
  intros T HT. unfold Fplus.
  assert (H1 : - ln (9 / 10) < - ln lambda_star)
    by (unfold lambda_star, phi; interval).
  assert (H2 : entropy3 (9 / 10) (1 / 20) (1 / 20) < entropy3 lambda_star kappa_star kappa_star)
    by (unfold entropy3, kappa_star, lambda_star, phi; interval).
  nra.
Qed.

(* Non-vacuity of Fplus_witness_below_golden (claim W7): its premises hold together, e.g. at T = T*. *)
Lemma Fplus_witness_below_golden_premises_satisfiable :
  exists T : R, 0 <= T.
Proof. exists Tstar. assert (0 < Tstar) by (unfold Tstar, phi; interval). lra. Qed.

(** W7 refutation at T*: the golden equilibrium is not a global minimiser of F+ at T = T*. *)
Theorem Fplus_golden_not_global_min_at_Tstar :
  ~ is_global_min3 (Fplus Tstar) lambda_star kappa_star kappa_star.
Proof.
  intros [_ Hmin].
  assert (HT : 0 <= Tstar) by (unfold Tstar, phi; interval).
  specialize (Hmin (9 / 10) (1 / 20) (1 / 20) ltac:(unfold open_simplex3; lra)).
  pose proof (Fplus_witness_below_golden Tstar HT). lra.
Qed.

(** W7 as published is false: "the golden equilibrium is the unique global minimiser of
    F+ = -ln(lambda) + T H exactly when T = T*" fails (at T = T* it is not a minimiser). *)
Theorem Fplus_golden_unique_global_min_iff_Tstar_false :
  ~ (forall T, is_unique_global_min3 (Fplus T) lambda_star kappa_star kappa_star <-> T = Tstar).
Proof.
  intro H. destruct (proj2 (H Tstar) eq_refl) as [Hmin _].
  exact (Fplus_golden_not_global_min_at_Tstar Hmin).
Qed.

(** The derivative of F+ along the symmetric line at lambda* under T* is -2 phi, not 0: the golden
    point is not even a stationary point of the published functional. *)
Theorem Fplus_line_derivative_at_golden :
  is_derive (fun a => Fplus Tstar a ((1 - a) / 2) ((1 - a) / 2)) lambda_star (- 2 * phi).
Proof.
  pose proof lambda_star_bounds as Hl.
  assert (E : - 2 * phi = - (Tstar * ln (2 * lambda_star / (1 - lambda_star))) - 1 / lambda_star).
  { rewrite golden_ratio_of_coordinates. unfold Tstar, lambda_star. pose proof phi_pos.
    assert (0 < ln (2 * phi)) by (unfold phi; interval). field. lra. }
  rewrite E. unfold Fplus, entropy3.
  auto_derive; [repeat split; lra |].
  replace (2 * lambda_star / (1 - lambda_star))
    with (lambda_star / ((1 - lambda_star) / 2)) by (field; lra).
  rewrite ln_div_pos by lra. unfold Rdiv, Rminus. field. lra.
Qed.

(** * The four-component version (lambda plus three equal coordinates) *)

(** The open probability simplex in four coordinates. *)
Definition open_simplex4 (a b c d : R) : Prop :=
  0 < a /\ 0 < b /\ 0 < c /\ 0 < d /\ a + b + c + d = 1.

(** Shannon entropy of four coordinates. *)
Definition entropy4 (a b c d : R) : R := - (a * ln a + b * ln b + c * ln c + d * ln d).

(** F- on four coordinates. *)
Definition Fminus4 (T a b c d : R) : R := - ln a - T * entropy4 a b c d.

(** p0 is the unique global minimiser of F on the open 4-simplex. *)
Definition is_unique_global_min4 (F : R -> R -> R -> R -> R) (a0 b0 c0 d0 : R) : Prop :=
  open_simplex4 a0 b0 c0 d0 /\
  (forall a b c d, open_simplex4 a b c d -> F a0 b0 c0 d0 <= F a b c d) /\
  (forall a b c d, open_simplex4 a b c d -> F a b c d = F a0 b0 c0 d0 ->
     a = a0 /\ b = b0 /\ c = c0 /\ d = d0).

(** The four-component temperature law. *)
Definition temperature_law4 (l0 : R) : R := 1 / (l0 * ln (3 * l0 / (1 - l0))).

(** (a, b, c, d) as a vector on the points 0, 1, 2, 3. *)
Definition vec4 (a b c d : R) (i : nat) : R :=
  match i with O => a | 1%nat => b | 2%nat => c | _ => d end.

(** The open 4-simplex is the open simplex on 4 points. *)
Lemma open_simplex4_iff : forall a b c d, open_simplex4 a b c d <-> open_simplex 4 (vec4 a b c d).
Proof.
  intros a b c d. unfold open_simplex4, open_simplex. simpl. split.
  - intros (Ha & Hb & Hc & Hd & Hs). split; [intros [|[|[|[|i]]]] Hi; simpl; first [lra | lia] | lra].
  - intros [Hp Hs]. pose proof (Hp 0%nat ltac:(lia)). pose proof (Hp 1%nat ltac:(lia)).
    pose proof (Hp 2%nat ltac:(lia)). pose proof (Hp 3%nat ltac:(lia)). simpl in *. lra.
Qed.

(** On the open 4-simplex the four-component F- is the (k = 3) functional FminusN. *)
Lemma Fminus4_eq_FminusN : forall T a b c d, open_simplex4 a b c d ->
  Fminus4 T a b c d = FminusN 3 T (vec4 a b c d).
Proof.
  intros T a b c d (Ha & Hb & Hc & Hd & _). unfold Fminus4, FminusN, entropy4, entropy. simpl.
  rewrite !plogp_pos by assumption. ring.
Qed.

(** The four-component symmetric point is sym_point at k = 3. *)
Lemma vec4_symmetric_point : forall l0 i,
  vec4 l0 ((1 - l0) / 3) ((1 - l0) / 3) ((1 - l0) / 3) i = sym_point 3 l0 i.
Proof.
  intros l0 [|[|[|i]]]; simpl; try reflexivity; replace (1 + 1 + 1) with 3 by ring; reflexivity.
Qed.

(** The four-component law is the (k = 3) law temperature_lawN. *)
Lemma temperature_law4_eq_N : forall l0, temperature_law4 l0 = temperature_lawN 3 l0.
Proof.
  intros l0. unfold temperature_law4, temperature_lawN. simpl INR.
  replace (1 + 1 + 1) with 3 by ring. reflexivity.
Qed.

(** General four-component law: for 1/4 < l0 < 1, (l0, (1-l0)/3, (1-l0)/3, (1-l0)/3) is the
    unique global minimiser of F- on the open 4-simplex at T = temperature_law4 l0 (the k = 3 case
    of TemperatureLaw.FminusN_temperature_law_unique_global_min). *)
Theorem Fminus4_temperature_law_unique_global_min : forall l0, 1 / 4 < l0 < 1 ->
  is_unique_global_min4 (Fminus4 (temperature_law4 l0))
    l0 ((1 - l0) / 3) ((1 - l0) / 3) ((1 - l0) / 3).
Proof.
  intros l0 Hl. rewrite temperature_law4_eq_N. set (T := temperature_lawN 3 l0).
  assert (Hk : 1 / (INR 3 + 1) < l0 < 1) by (simpl INR; lra).
  destruct (FminusN_temperature_law_unique_global_min 3 l0 ltac:(lia) Hk) as [Hmin Huniq].
  fold T in Hmin, Huniq.
  assert (Hp0 : open_simplex4 l0 ((1 - l0) / 3) ((1 - l0) / 3) ((1 - l0) / 3))
    by (unfold open_simplex4; lra).
  assert (E0 : Fminus4 T l0 ((1 - l0) / 3) ((1 - l0) / 3) ((1 - l0) / 3) = FminusN 3 T (sym_point 3 l0))
    by (rewrite Fminus4_eq_FminusN by exact Hp0; apply FminusN_ext; intros i _;
        apply vec4_symmetric_point).
  split; [exact Hp0 | split].
  - intros a b c d Hp. rewrite E0, Fminus4_eq_FminusN by exact Hp.
    apply Hmin, open_simplex4_iff, Hp.
  - intros a b c d Hp He. rewrite E0, Fminus4_eq_FminusN in He by exact Hp.
    pose proof (Huniq _ (proj1 (open_simplex4_iff a b c d) Hp) He) as Hi.
    pose proof (Hi 0%nat ltac:(lia)). pose proof (Hi 1%nat ltac:(lia)).
    pose proof (Hi 2%nat ltac:(lia)). pose proof (Hi 3%nat ltac:(lia)). simpl in *.
    replace (1 + 1 + 1) with 3 in * by ring. lra.
Qed.

(* Non-vacuity of Fminus4_temperature_law_unique_global_min (claim W7): its premises hold together, e.g. at l0 = lambda*. *)
Lemma Fminus4_temperature_law_unique_global_min_premises_satisfiable :
  exists l0 : R, 1 / 4 < l0 < 1.
Proof. exists lambda_star. pose proof lambda_star_bounds. lra. Qed.

(** Four-component converse: a temperature that makes the symmetric point with 1/4 < l0 < 1 a
    global minimiser of F- is temperature_law4 l0 (k = 3 of
    TemperatureLaw.FminusN_global_min_forces_temperature_law). *)
Theorem Fminus4_global_min_forces_temperature_law4 : forall T l0, 1 / 4 < l0 < 1 ->
  (forall a b c d, open_simplex4 a b c d ->
     Fminus4 T l0 ((1 - l0) / 3) ((1 - l0) / 3) ((1 - l0) / 3) <= Fminus4 T a b c d) ->
  T = temperature_law4 l0.
Proof.
  intros T l0 Hl Hmin. rewrite temperature_law4_eq_N.
  apply FminusN_global_min_forces_temperature_law; [lia | simpl INR; lra |].
  intros p Hp.
  assert (Hv : open_simplex4 (p O) (p 1%nat) (p 2%nat) (p 3%nat)).
  { apply open_simplex4_iff. destruct Hp as [Hp Hs]. split.
    - intros [|[|[|[|i]]]] Hi; simpl; first [apply Hp; lia | lia].
    - simpl in Hs |- *. lra. }
  rewrite <- (FminusN_ext 3 T _ _ (fun i _ => vec4_symmetric_point l0 i)).
  rewrite (FminusN_ext 3 T p (vec4 (p O) (p 1%nat) (p 2%nat) (p 3%nat)))
    by (intros [|[|[|[|i]]]] Hi; [reflexivity | reflexivity | reflexivity | reflexivity | lia]).
  rewrite <- !Fminus4_eq_FminusN by (assumption || (unfold open_simplex4; lra)).
  apply Hmin, Hv.
Qed.

(* Non-vacuity of Fminus4_global_min_forces_temperature_law4 (claim W7): its premises hold together, e.g. at l0 = lambda* and T = temperature_law4 lambda*. *)
Lemma Fminus4_global_min_forces_temperature_law4_premises_satisfiable :
  exists T l0 : R, 1 / 4 < l0 < 1 /\
    (forall a b c d, open_simplex4 a b c d ->
       Fminus4 T l0 ((1 - l0) / 3) ((1 - l0) / 3) ((1 - l0) / 3) <= Fminus4 T a b c d).
Proof. pose proof lambda_star_bounds as Hb. assert (Hl : 1 / 4 < lambda_star < 1) by lra.
  exists (temperature_law4 lambda_star), lambda_star. split; [exact Hl |].
  exact (proj1 (proj2 (Fminus4_temperature_law_unique_global_min lambda_star Hl))). Qed.

(** W3: T*_3 = phi/ln(3 phi) is the four-component temperature law at lambda_0 = 1/phi. *)
Theorem temperature_law4_at_lambda_star : temperature_law4 lambda_star = Tstar3.
Proof.
  unfold temperature_law4.
  replace (3 * lambda_star / (1 - lambda_star)) with (3 * phi).
  2: { rewrite one_sub_lambda_star. unfold lambda_star. pose proof phi_pos. field. lra. }
  unfold Tstar3, lambda_star. pose proof phi_pos.
  assert (0 < ln (3 * phi)) by (unfold phi; interval).
  field. lra.
Qed.

(** W3 (corrected sign): (1/phi, (1 - 1/phi)/3 three times) is the unique global minimiser of
    the four-component F- exactly when T = T*_3. *)
Theorem Fminus4_golden_unique_global_min_iff_Tstar3 : forall T,
  is_unique_global_min4 (Fminus4 T) lambda_star ((1 - lambda_star) / 3)
    ((1 - lambda_star) / 3) ((1 - lambda_star) / 3) <-> T = Tstar3.
Proof.
  assert (Hl : 1 / 4 < lambda_star < 1) by (pose proof lambda_star_bounds; lra).
  intro T. split.
  - intros [_ [Hmin _]]. rewrite <- temperature_law4_at_lambda_star.
    apply Fminus4_global_min_forces_temperature_law4; [exact Hl | exact Hmin].
  - intros ->. rewrite <- temperature_law4_at_lambda_star.
    apply Fminus4_temperature_law_unique_global_min, Hl.
Qed.

(** * Where F+ goes instead: its infimum 0 at the vertex lambda = 1 *)

(** For T >= 0, F+ is positive on the open simplex. *)
Theorem Fplus_pos : forall T a b c, 0 <= T -> open_simplex3 a b c -> 0 < Fplus T a b c.
Proof.
  intros T a b c HT [Ha [Hb [Hc Hs]]]. unfold Fplus, entropy3.
  pose proof (xlnx_nonpos a ltac:(lra)). pose proof (xlnx_nonpos b ltac:(lra)).
  pose proof (xlnx_nonpos c ltac:(lra)). pose proof (ln_neg a ltac:(lra)).
  assert (0 <= T * - (a * ln a + b * ln b + c * ln c)) by (apply Rmult_le_pos; lra).
  lra.
Qed.

(* Non-vacuity of Fplus_pos (claim W7): its premises hold together, e.g. at T = T* at the golden point (a, b, c) = (lambda_star, kappa_star, kappa_star). *)
Lemma Fplus_pos_premises_satisfiable :
  exists T a b c : R, 0 <= T /\ open_simplex3 a b c.
Proof. exists Tstar, lambda_star, kappa_star, kappa_star. assert (0 < Tstar) by (unfold Tstar, phi; interval). pose proof lambda_star_bounds.
  split; [lra | apply symmetric_point_in_simplex3; lra]. Qed.

(** For T >= 0, F+ gets below any eps > 0 on the open simplex, at points (1 - 2u^2, u^2, u^2)
    near the vertex (1, 0, 0): its infimum there is 0, which it never attains. *)
Theorem Fplus_infimum_zero_at_vertex : forall T, 0 <= T -> forall eps, 0 < eps ->
  exists a b c, open_simplex3 a b c /\ Fplus T a b c < eps.
Proof.
  intros T HT eps He.
  set (u := Rmin (1 / 2) (eps / (2 * (4 + 6 * T)))).
  assert (Hu : 0 < u) by (unfold u; apply Rmin_case; [lra | apply Rdiv_lt_0_compat; lra]).
  assert (Hu2 : u <= 1 / 2) by (unfold u; apply Rmin_l).
  assert (Hue : u * (2 * (4 + 6 * T)) <= eps).
  { assert (u <= eps / (2 * (4 + 6 * T))) by (unfold u; apply Rmin_r).
    apply (Rmult_le_compat_r (2 * (4 + 6 * T))) in H; [| lra].
    unfold Rdiv in H. rewrite Rmult_assoc, Rinv_l in H by lra. lra. }
  exists (1 - 2 * u ^ 2), (u ^ 2), (u ^ 2).
  assert (Hs : 0 < u ^ 2 <= 1 / 4) by (split; nra).
  split; [unfold open_simplex3; lra |].
  (* -ln(1 - 2u^2) <= 4u^2 *)
  assert (L1 : - ln (1 - 2 * u ^ 2) <= 4 * u ^ 2).
  { pose proof (ln_ge_1_sub_inv (1 - 2 * u ^ 2) ltac:(lra)) as H.
    assert (/ (1 - 2 * u ^ 2) - 1 <= 4 * u ^ 2); [| lra].
    apply (Rmult_le_reg_r (1 - 2 * u ^ 2)); [lra |].
    rewrite Rmult_minus_distr_r, Rinv_l by lra. nra. }
  assert (L0 : 0 <= - ln (1 - 2 * u ^ 2)).
  { pose proof (ln_neg (1 - 2 * u ^ 2) ltac:(lra)). lra. }
  (* -u^2 ln(u^2) <= 2u *)
  assert (L2 : - (u ^ 2 * ln (u ^ 2)) <= 2 * u).
  { replace (u ^ 2) with (u * u) by ring. rewrite ln_mult by lra.
    pose proof (ln_ge_1_sub_inv u Hu) as H.
    assert (- (u * u * (ln u + ln u)) = 2 * (u * u) * - ln u) by ring.
    assert (2 * (u * u) * - ln u <= 2 * (u * u) * (/ u - 1))
      by (apply Rmult_le_compat_l; [nra | lra]).
    assert (2 * (u * u) * (/ u - 1) = 2 * u - 2 * (u * u)) by (field; lra).
    nra. }
  unfold Fplus, entropy3.
  assert (E : - ((1 - 2 * u ^ 2) * ln (1 - 2 * u ^ 2) + u ^ 2 * ln (u ^ 2) + u ^ 2 * ln (u ^ 2))
              <= 4 * u ^ 2 + 4 * u).
  { assert (- ((1 - 2 * u ^ 2) * ln (1 - 2 * u ^ 2)) <= - ln (1 - 2 * u ^ 2)) by nra. lra. }
  assert (ET : T * - ((1 - 2 * u ^ 2) * ln (1 - 2 * u ^ 2) + u ^ 2 * ln (u ^ 2) + u ^ 2 * ln (u ^ 2))
               <= T * (4 * u ^ 2 + 4 * u)) by (apply Rmult_le_compat_l; lra).
  nra.
Qed.

(* Non-vacuity of Fplus_infimum_zero_at_vertex (claims W7, W9): its premises hold together, e.g. at T = T*, eps = 1/10. *)
Lemma Fplus_infimum_zero_at_vertex_premises_satisfiable :
  exists T eps : R, 0 <= T /\ 0 < eps.
Proof. exists Tstar, (1 / 10). assert (0 < Tstar) by (unfold Tstar, phi; interval). split; lra. Qed.
