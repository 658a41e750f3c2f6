(** Multipliers of the explicit and backward Euler steps for an eigenvalue mu = a + ib of the
    Jacobian J: when the step contracts (E1, E2), and why a symmetric J does not prevent cycling
    (E9). *)
From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
From Phi Require Import Sums Iterate.
Open Scope R_scope.

(** * Explicit Euler: the multiplier 1 + eps mu *)

(** The squared modulus of 1 + e mu, expanded. *)
Lemma euler_multiplier_sq_expand : forall e a b : R,
  (1 + e * a)^2 + (e * b)^2 - 1 = e * (2 * a + e * (a^2 + b^2)).
Proof. intros; ring. Qed.

(** E1, modulus form: for e > 0, (1 + e a)^2 + (e b)^2 < 1 iff e (a^2 + b^2) < -2a. *)
Theorem euler_multiplier_lt_1_iff : forall e a b : R, 0 < e ->
  ((1 + e * a)^2 + (e * b)^2 < 1 <-> e * (a^2 + b^2) < -2 * a).
Proof.
  intros e a b He. pose proof (euler_multiplier_sq_expand e a b) as Hx.
  split; intro H.
  - assert (Hp : e * (2 * a + e * (a^2 + b^2)) < 0) by lra.
    assert (Hq : 2 * a + e * (a^2 + b^2) < 0).
    { destruct (Rlt_or_le (2 * a + e * (a^2 + b^2)) 0) as [Hl|Hl]; [exact Hl|].
      exfalso. pose proof (Rmult_le_pos e _ (Rlt_le _ _ He) Hl). lra. }
    lra.
  - assert (Hq : 2 * a + e * (a^2 + b^2) < 0) by lra.
    assert (Hp : e * (2 * a + e * (a^2 + b^2)) < 0).
    { replace 0 with (e * 0) by ring. apply Rmult_lt_compat_l; lra. }
    lra.
Qed.

(* Non-vacuity of euler_multiplier_lt_1_iff (claims E1, E10): its premises hold together, e.g. at the seed step e = 1/10 and mu = -1. *)
Lemma euler_multiplier_lt_1_iff_premises_satisfiable :
  exists e a b : R, 0 < e.
Proof. exists (1 / 10), (-1), 0. lra. Qed.

(** The explicit Euler multiplier 1 + e mu, as a complex number, has squared modulus
    (1 + e a)^2 + (e b)^2. *)
Lemma euler_multiplier_components : forall (e : R) (mu : C),
  (1 + RtoC e * mu)%C = (1 + e * Re mu, e * Im mu).
Proof.
  intros e [a b]. unfold Cplus, Cmult, RtoC, Re, Im; simpl. f_equal; ring.
Qed.

(** E1 with Coquelicot's complex modulus: |1 + e mu| < 1 iff e |mu|^2 < -2 Re mu (e > 0). *)
Theorem euler_multiplier_Cmod_lt_1_iff : forall (e : R) (mu : C), 0 < e ->
  (Cmod (1 + RtoC e * mu)%C < 1 <-> e * (Re mu ^ 2 + Im mu ^ 2) < -2 * Re mu).
Proof.
  intros e mu He. rewrite euler_multiplier_components. unfold Cmod; simpl fst; simpl snd.
  rewrite <- (euler_multiplier_lt_1_iff e (Re mu) (Im mu) He).
  split; intro H.
  - apply sqrt_lt_0_alt. rewrite sqrt_1. exact H.
  - pose proof (pow2_ge_0 (1 + e * Re mu)); pose proof (pow2_ge_0 (e * Im mu)).
    pose proof (sqrt_lt_1_alt ((1 + e * Re mu) ^ 2 + (e * Im mu) ^ 2) 1 ltac:(lra)) as Hs.
    rewrite sqrt_1 in Hs. exact Hs.
Qed.

(* Non-vacuity of euler_multiplier_Cmod_lt_1_iff (claim E1): its premises hold together, e.g. at the seed step e = 1/10 and mu = -1. *)
Lemma euler_multiplier_Cmod_lt_1_iff_premises_satisfiable :
  exists (e : R) (mu : C), 0 < e.
Proof. exists (1 / 10), (RtoC (-1)). lra. Qed.

(** If J v = mu v componentwise, then (I + e J) v = (1 + e mu) v: the Euler map's eigenvalue. *)
Theorem euler_map_eigenvalue : forall (e : R) (mu : C) (v Jv : nat -> C),
  (forall i, Jv i = (mu * v i)%C) ->
  forall i, (v i + RtoC e * Jv i)%C = ((1 + RtoC e * mu) * v i)%C.
Proof. intros e mu v Jv HJ i. rewrite HJ. ring. Qed.

(** The critical step of a mode with a < 0. *)
Definition eps_crit (a b : R) : R := -2 * a / (a^2 + b^2).

(** E1: for a < 0 the explicit step is stable exactly below eps_crit = -2a/(a^2 + b^2). *)
Theorem euler_stable_iff_lt_eps_crit : forall e a b : R, 0 < e -> a < 0 ->
  ((1 + e * a)^2 + (e * b)^2 < 1 <-> e < eps_crit a b).
Proof.
  intros e a b He Ha. rewrite (euler_multiplier_lt_1_iff e a b He).
  assert (Hs : 0 < a^2 + b^2) by (pose proof (pow2_ge_0 b); nra).
  unfold eps_crit. rewrite <- Rlt_div_r by exact Hs. lra.
Qed.

(* Non-vacuity of euler_stable_iff_lt_eps_crit (claim E1): its premises hold together, e.g. at the seed step e = 1/10 and mu = -1. *)
Lemma euler_stable_iff_lt_eps_crit_premises_satisfiable :
  exists e a b : R, 0 < e /\ a < 0.
Proof. exists (1 / 10), (-1), 0. lra. Qed.

(* Non-vacuity of euler_map_eigenvalue (claim E1): its premises hold together, e.g. at e = 1/10, mu = -1, v = (1, 1, ...) and Jv = mu v. *)
Lemma euler_map_eigenvalue_premises_satisfiable :
  exists (e : R) (mu : C) (v Jv : nat -> C), forall i, Jv i = (mu * v i)%C.
Proof. exists (1 / 10), (RtoC (-1)), (fun _ => RtoC 1), (fun i => (RtoC (-1) * RtoC 1)%C). reflexivity. Qed.

(** E1: for a >= 0 no step e > 0 is stable: |1 + e mu| >= 1. *)
Theorem euler_unstable_if_re_nonneg : forall e a b : R, 0 < e -> 0 <= a ->
  1 <= (1 + e * a)^2 + (e * b)^2.
Proof.
  intros e a b He Ha. pose proof (euler_multiplier_sq_expand e a b).
  assert (0 <= e * (2 * a + e * (a^2 + b^2))).
  { apply Rmult_le_pos; [lra|]. pose proof (pow2_ge_0 a); pose proof (pow2_ge_0 b).
    pose proof (Rmult_le_pos e (a^2 + b^2) (Rlt_le _ _ He) ltac:(lra)). lra. }
  lra.
Qed.

(* Non-vacuity of euler_unstable_if_re_nonneg (claim E1): its premises hold together, e.g. at the seed step e = 1/10 and mu = i. *)
Lemma euler_unstable_if_re_nonneg_premises_satisfiable :
  exists e a b : R, 0 < e /\ 0 <= a.
Proof. exists (1 / 10), 0, 1. lra. Qed.

(** * Backward Euler: the multiplier 1/(1 - h mu) *)

(** E2: the linear backward step y = z + h mu y has solution y = z/(1 - h mu). *)
Theorem backward_euler_multiplier : forall (h : R) (mu z y : C),
  (1 - RtoC h * mu)%C <> 0%C -> y = (z + RtoC h * mu * y)%C ->
  y = (z / (1 - RtoC h * mu))%C.
Proof.
  intros h mu z y Hd Hy.
  assert (Hz : z = (y - RtoC h * mu * y)%C) by (rewrite Hy at 1; ring).
  rewrite Hz. field. exact Hd.
Qed.

(* Non-vacuity of backward_euler_multiplier (claim E2): its premises hold together, e.g. at h = 1/10, mu = -1, z = 1 and y = 10/11. *)
Lemma backward_euler_multiplier_premises_satisfiable :
  exists (h : R) (mu z y : C),
    (1 - RtoC h * mu)%C <> 0%C /\ y = (z + RtoC h * mu * y)%C.
Proof. exists (1 / 10), (RtoC (-1)), (RtoC 1), (RtoC (10 / 11)). split.
  - intro H. apply (f_equal fst) in H. simpl in H. lra.
  - apply injective_projections; simpl; field. Qed.

(** The backward denominator 1 - h mu in components. *)
Lemma backward_denominator_components : forall (h : R) (mu : C),
  (1 - RtoC h * mu)%C = (1 - h * Re mu, - (h * Im mu)).
Proof.
  intros h [a b]. unfold Cminus, Cplus, Copp, Cmult, RtoC, Re, Im; simpl. f_equal; ring.
Qed.

(** E2, exact form: for h > 0 the backward step is defined and contracts (|1/(1 - h mu)| < 1)
    iff 2 Re mu < h |mu|^2. *)
Theorem backward_euler_contracts_iff : forall (h : R) (mu : C), 0 < h ->
  ((1 - RtoC h * mu)%C <> 0%C /\ Cmod (/ (1 - RtoC h * mu))%C < 1 <->
   2 * Re mu < h * (Re mu ^ 2 + Im mu ^ 2)).
Proof.
  intros h mu Hh.
  assert (Hsq : Cmod (1 - RtoC h * mu)%C ^ 2 = (1 - h * Re mu)^2 + (h * Im mu)^2).
  { rewrite backward_denominator_components. unfold Cmod; simpl fst; simpl snd.
    rewrite pow2_sqrt; [ring|]. pose proof (pow2_ge_0 (1 - h * Re mu)).
    pose proof (pow2_ge_0 (- (h * Im mu))). lra. }
  assert (Hx : (1 - h * Re mu)^2 + (h * Im mu)^2 - 1 =
               h * (h * (Re mu ^ 2 + Im mu ^ 2) - 2 * Re mu)) by ring.
  pose proof (Cmod_ge_0 (1 - RtoC h * mu)%C) as Hm0.
  split.
  - intros [Hd Hlt]. rewrite Cmod_inv in Hlt by exact Hd.
    assert (Hpos : 0 < Cmod (1 - RtoC h * mu)%C) by (apply Cmod_gt_0; exact Hd).
    assert (H1 : 1 < Cmod (1 - RtoC h * mu)%C).
    { apply (Rmult_lt_compat_r (Cmod (1 - RtoC h * mu)%C)) in Hlt; [|exact Hpos].
      rewrite Rinv_l in Hlt by lra. lra. }
    assert (H2 : 1 < Cmod (1 - RtoC h * mu)%C ^ 2) by nra.
    rewrite Hsq in H2.
    destruct (Rlt_or_le (2 * Re mu) (h * (Re mu ^ 2 + Im mu ^ 2))) as [Hl|Hl]; [exact Hl|].
    exfalso. assert (h * (h * (Re mu ^ 2 + Im mu ^ 2) - 2 * Re mu) <= 0).
    { replace 0 with (h * 0) by ring. apply Rmult_le_compat_l; lra. }
    lra.
  - intro H.
    assert (H2 : 1 < Cmod (1 - RtoC h * mu)%C ^ 2).
    { rewrite Hsq. assert (0 < h * (h * (Re mu ^ 2 + Im mu ^ 2) - 2 * Re mu)).
      { apply Rmult_lt_0_compat; lra. }
      lra. }
    assert (H1 : 1 < Cmod (1 - RtoC h * mu)%C) by nra.
    assert (Hd : (1 - RtoC h * mu)%C <> 0%C).
    { intro H0. rewrite H0, Cmod_0 in H1. lra. }
    split; [exact Hd|]. rewrite Cmod_inv by exact Hd.
    assert (Hi : / Cmod (1 - RtoC h * mu)%C < / 1) by (apply Rinv_lt_contravar; lra).
    rewrite Rinv_1 in Hi. exact Hi.
Qed.

(* Non-vacuity of backward_euler_contracts_iff (claim E2): its premises hold together, e.g. at h = 1/10, mu = -1. *)
Lemma backward_euler_contracts_iff_premises_satisfiable :
  exists (h : R) (mu : C), 0 < h.
Proof. exists (1 / 10), (RtoC (-1)). lra. Qed.

(** E2: for Re mu < 0 the backward step contracts at every step h > 0. *)
Theorem backward_euler_stable_re_neg : forall (h : R) (mu : C), 0 < h -> Re mu < 0 ->
  (1 - RtoC h * mu)%C <> 0%C /\ Cmod (/ (1 - RtoC h * mu))%C < 1.
Proof.
  intros h mu Hh Ha. apply backward_euler_contracts_iff; [exact Hh|].
  pose proof (pow2_ge_0 (Re mu)); pose proof (pow2_ge_0 (Im mu)).
  pose proof (Rmult_le_pos h _ (Rlt_le _ _ Hh) (Rplus_le_le_0_compat _ _ H H0)). lra.
Qed.

(* Non-vacuity of backward_euler_stable_re_neg (claim E2): its premises hold together, e.g. at h = 1/10, mu = -1. *)
Lemma backward_euler_stable_re_neg_premises_satisfiable :
  exists (h : R) (mu : C), 0 < h /\ Re mu < 0.
Proof. exists (1 / 10), (RtoC (-1)). unfold Re, RtoC. simpl. lra. Qed.

(** E2, Re mu = 0: on the imaginary axis the backward step contracts for every h > 0 iff mu <> 0. *)
Theorem backward_euler_imaginary_axis : forall (h b : R), 0 < h ->
  ((1 - RtoC h * (0, b))%C <> 0%C /\ Cmod (/ (1 - RtoC h * (0, b)))%C < 1 <-> b <> 0).
Proof.
  intros h b Hh. rewrite (backward_euler_contracts_iff h (0, b) Hh). unfold Re, Im; simpl.
  split; intro H.
  - intro Hb. subst b. lra.
  - assert (0 < b * b) by (destruct (Rlt_or_le b 0); nra).
    assert (0 < h * (b * b)) by (apply Rmult_lt_0_compat; lra). nra.
Qed.

(* Non-vacuity of backward_euler_imaginary_axis (claim E2): its premises hold together, e.g. at h = 1/10, b = 1. *)
Lemma backward_euler_imaginary_axis_premises_satisfiable :
  exists h b : R, 0 < h.
Proof. exists (1 / 10), 1. lra. Qed.

(** E2, Re mu > 0: the backward step contracts iff h > 2 Re mu / |mu|^2. *)
Theorem backward_euler_re_pos_iff : forall (h a b : R), 0 < h -> 0 < a ->
  ((1 - RtoC h * (a, b))%C <> 0%C /\ Cmod (/ (1 - RtoC h * (a, b)))%C < 1 <->
   2 * a / (a^2 + b^2) < h).
Proof.
  intros h a b Hh Ha. rewrite (backward_euler_contracts_iff h (a, b) Hh). unfold Re, Im; simpl.
  assert (Hs : 0 < a^2 + b^2) by (pose proof (pow2_ge_0 b); nra).
  rewrite Rlt_div_l by exact Hs. lra.
Qed.

(* Non-vacuity of backward_euler_re_pos_iff (claim E2): its premises hold together, e.g. at h = 1/10, mu = 1. *)
Lemma backward_euler_re_pos_iff_premises_satisfiable :
  exists h a b : R, 0 < h /\ 0 < a.
Proof. exists (1 / 10), 1, 0. lra. Qed.

(** E2: at mu = 0 the backward step never contracts (its multiplier is 1). *)
Theorem backward_euler_zero_never : forall h : R, 0 < h ->
  ~ ((1 - RtoC h * 0)%C <> 0%C /\ Cmod (/ (1 - RtoC h * 0))%C < 1).
Proof.
  intros h Hh H. apply (backward_euler_contracts_iff h 0%C Hh) in H.
  unfold Re, Im in H; simpl in H. lra.
Qed.

(* Non-vacuity of backward_euler_zero_never (claim E2): its premises hold together, e.g. at h = 1/10. *)
Lemma backward_euler_zero_never_premises_satisfiable :
  exists h : R, 0 < h.
Proof. exists (1 / 10). lra. Qed.

(** * E9: oscillation without a complex pair, with a symmetric J *)

(** The seed's step eps = 0.1 applied to the symmetric (1 x 1) force F(z) = -20 z. *)
Definition flip_step (z : R) : R := z + 1/10 * (-20 * z).

(** E9 witness (linear): with J = -20 (symmetric, continuous-stable) and eps = 0.1 the single real
    multiplier is 1 + 0.1 * (-20) = -1, and the relaxation alternates forever: z_t = (-1)^t z_0. *)
Theorem flip_step_iterate : forall t z0, iter flip_step t z0 = (-1)^t * z0.
Proof. apply iter_linear. intro z. unfold flip_step. field. Qed.

(** E9 refutation (linear): for z0 <> 0 the relaxation with symmetric J = -20, eps = 0.1 is a
    2-cycle: z_2 = z_0 but z_1 <> z_0, although no complex eigenvalue exists. *)
Theorem symmetric_jacobian_cycles : forall z0, z0 <> 0 ->
  iter flip_step 2 z0 = z0 /\ iter flip_step 1 z0 <> z0.
Proof.
  intros z0 Hz. rewrite !flip_step_iterate. split; [simpl; ring|]. simpl. intro H. lra.
Qed.

(* Non-vacuity of symmetric_jacobian_cycles (claim E9): its premises hold together, e.g. at z0 = 1. *)
Lemma symmetric_jacobian_cycles_premises_satisfiable :
  exists z0 : R, z0 <> 0.
Proof. exists 1. lra. Qed.

(** The seed's step eps = 0.1 on the gradient force F(z) = -25 z + z^3 = -E'(z),
    E(z) = 25/2 z^2 - z^4/4 (a 1 x 1, hence symmetric, Jacobian). *)
Definition cubic_step (z : R) : R := z + 1/10 * (-25 * z + z^3).

(** E9 witness (nonlinear): {sqrt 5, -sqrt 5} is a 2-cycle of the cubic relaxation. *)
Theorem cubic_step_two_cycle :
  cubic_step (sqrt 5) = - sqrt 5 /\ cubic_step (- sqrt 5) = sqrt 5.
Proof.
  assert (H5 : sqrt 5 * sqrt 5 = 5) by (apply sqrt_sqrt; lra).
  assert (H3 : sqrt 5 ^ 3 = 5 * sqrt 5).
  { simpl. rewrite Rmult_1_r, <- Rmult_assoc, H5. ring. }
  assert (H3m : (- sqrt 5) ^ 3 = - (5 * sqrt 5)) by (rewrite <- H3; ring).
  unfold cubic_step. rewrite H3, H3m. split; field.
Qed.

(** The derivative of the cubic relaxation step. *)
Lemma cubic_step_derive : forall z, is_derive cubic_step z (1 + 1/10 * (-25 + 3 * z^2)).
Proof.
  intro z. unfold cubic_step. auto_derive; [exact I|]. field.
Qed.

(** E9 witness (nonlinear): the 2-cycle is super-attracting, g'(+-sqrt 5) = 0, so the composed map
    g o g has derivative 0 on it; the fixed point 0 has the real multiplier g'(0) = -3/2. *)
Theorem cubic_two_cycle_super_attracting :
  is_derive cubic_step (sqrt 5) 0 /\ is_derive cubic_step (- sqrt 5) 0 /\
  is_derive (fun z => cubic_step (cubic_step z)) (sqrt 5) 0 /\
  is_derive cubic_step 0 (-3/2).
Proof.
  assert (H5 : sqrt 5 * sqrt 5 = 5) by (apply sqrt_sqrt; lra).
  assert (Hp : is_derive cubic_step (sqrt 5) 0).
  { eapply is_derive_ext_loc; [apply filter_forall; reflexivity|].
    replace 0 with (1 + 1/10 * (-25 + 3 * sqrt 5 ^ 2)) by (simpl; nra).
    apply cubic_step_derive. }
  assert (Hm : is_derive cubic_step (- sqrt 5) 0).
  { replace 0 with (1 + 1/10 * (-25 + 3 * (- sqrt 5) ^ 2)) by (simpl; nra).
    apply cubic_step_derive. }
  split; [exact Hp|]. split; [exact Hm|]. split.
  - assert (Hg : is_derive cubic_step (cubic_step (sqrt 5)) 0)
      by (rewrite (proj1 cubic_step_two_cycle); exact Hm).
    pose proof (is_derive_comp cubic_step cubic_step (sqrt 5) 0 0 Hg Hp) as Hc.
    unfold scal in Hc; simpl in Hc; unfold mult in Hc; simpl in Hc.
    rewrite Rmult_0_l in Hc. exact Hc.
  - replace (-3/2) with (1 + 1/10 * (-25 + 3 * 0^2)) by (simpl; field).
    apply cubic_step_derive.
Qed.

(** ring for real equations whose type was left as the abelian group's carrier by a rewrite. *)
Ltac Rring := match goal with |- @eq _ ?l ?r => change (@eq R l r); ring end.

(** E9 nearest true statement: a real symmetric J has only real eigenvalues, hence only real
    Euler multipliers 1 + e mu: if J (x + iy) = (a + ib)(x + iy) with x + iy <> 0, then b = 0. *)
Theorem symmetric_jacobian_real_eigenvalues :
  forall (n : nat) (J : nat -> nat -> R) (x y : nat -> R) (a b : R),
  (forall i j, J i j = J j i) ->
  (forall i, sum_n (fun j => J i j * x j) n = a * x i - b * y i) ->
  (forall i, sum_n (fun j => J i j * y j) n = b * x i + a * y i) ->
  (exists i, (i <= n)%nat /\ (x i <> 0 \/ y i <> 0)) ->
  b = 0.
Proof.
  intros n J x y a b Hsym Hx Hy [k [Hk Hnz]].
  (* y^T J x = x^T J y by symmetry *)
  assert (Hswap : sum_n (fun i => y i * sum_n (fun j => J i j * x j) n) n =
                  sum_n (fun i => x i * sum_n (fun j => J i j * y j) n) n).
  { transitivity (sum_n (fun i => sum_n (fun j => y i * J i j * x j) n) n).
    - apply sum_n_Rext; intro i. rewrite <- sum_n_Rmult_l. apply sum_n_Rext; intro j. ring.
    - rewrite sum_n_switch. apply sum_n_Rext; intro i. rewrite <- sum_n_Rmult_l.
      apply sum_n_Rext; intro j. rewrite (Hsym j i). ring. }
  assert (HL : sum_n (fun i => y i * sum_n (fun j => J i j * x j) n) n =
               a * sum_n (fun i => x i * y i) n - b * sum_n (fun i => y i * y i) n).
  { rewrite (sum_n_Rext _ (fun i => a * (x i * y i) + (- b) * (y i * y i))).
    - rewrite sum_n_Rplus, !sum_n_Rmult_l. Rring.
    - intro i. rewrite Hx. ring. }
  assert (HR : sum_n (fun i => x i * sum_n (fun j => J i j * y j) n) n =
               b * sum_n (fun i => x i * x i) n + a * sum_n (fun i => x i * y i) n).
  { rewrite (sum_n_Rext _ (fun i => b * (x i * x i) + a * (x i * y i))).
    - rewrite sum_n_Rplus, !sum_n_Rmult_l. Rring.
    - intro i. rewrite Hy. ring. }
  assert (Hb : b * (sum_n (fun i => x i * x i) n + sum_n (fun i => y i * y i) n) = 0)
    by (rewrite Hswap in HL; lra).
  assert (Hsum : 0 < sum_n (fun i => x i * x i) n + sum_n (fun i => y i * y i) n).
  { pose proof (sum_n_sq_ge_term x n k Hk); pose proof (sum_n_sq_ge_term y n k Hk).
    pose proof (sum_n_sq_nonneg x n); pose proof (sum_n_sq_nonneg y n).
    destruct Hnz as [Hn|Hn].
    - assert (0 < x k * x k) by (destruct (Rlt_or_le (x k) 0); nra). lra.
    - assert (0 < y k * y k) by (destruct (Rlt_or_le (y k) 0); nra). lra. }
  apply Rmult_integral in Hb. destruct Hb as [Hb|Hb]; [exact Hb|lra].
Qed.

(* Non-vacuity of symmetric_jacobian_real_eigenvalues (claim E9): its premises hold together, e.g. at the 1x1 Jacobian J = (1) with eigenvector x = (1), y = 0, a = 1, b = 0. *)
Lemma symmetric_jacobian_real_eigenvalues_premises_satisfiable :
  exists (n : nat) (J : nat -> nat -> R) (x y : nat -> R) (a b : R),
    (forall i j, J i j = J j i) /\
    (forall i, sum_n (fun j => J i j * x j) n = a * x i - b * y i) /\
    (forall i, sum_n (fun j => J i j * y j) n = b * x i + a * y i) /\
    (exists i, (i <= n)%nat /\ (x i <> 0 \/ y i <> 0)).
Proof. exists O, (fun _ _ => 1), (fun _ => 1), (fun _ => 0), 1, 0.
  split; [intros; reflexivity |]. split; [intro i; rewrite sum_O; change (1 * 1 = 1 * 1 - 0 * 0); ring |].
  split; [intro i; rewrite sum_O; change (1 * 0 = 0 * 1 + 1 * 0); ring |]. exists O. split; [lia | left; lra]. Qed.

(** E9 nearest true statement: a mode with real multiplier m returns to its nonzero start after
    p >= 1 steps only if m = 1 (a fixed point) or m = -1 (the flip, period 2): a linear Euler
    relaxation with real multipliers cycles only through a multiplier equal to -1. *)
Theorem real_multiplier_periodic_only_flip : forall (m d0 : R) (p : nat),
  (1 <= p)%nat -> d0 <> 0 -> m ^ p * d0 = d0 -> m = 1 \/ m = -1.
Proof.
  intros m d0 p Hp Hd H.
  assert (Hm : m ^ p = 1).
  { apply (Rmult_eq_reg_r d0); [lra|exact Hd]. }
  assert (Ha : Rabs m ^ p = 1) by (rewrite RPow_abs, Hm; apply Rabs_R1).
  assert (Habs : Rabs m = 1).
  { pose proof (Rabs_pos m).
    destruct (Rtotal_order (Rabs m) 1) as [Hl|[He|Hg]]; [|exact He|].
    - exfalso. assert (Rabs m ^ p < 1) by (apply pow_lt_1_compat; [lra|lia]). lra.
    - exfalso. assert (1 < Rabs m ^ p) by (apply Rlt_pow_R1; [lra|lia]). lra. }
  unfold Rabs in Habs. destruct (Rcase_abs m); [right|left]; lra.
Qed.

(* Non-vacuity of real_multiplier_periodic_only_flip (claim E9): its premises hold together, e.g. at the flip m = -1 with period p = 2 and d0 = 1. *)
Lemma real_multiplier_periodic_only_flip_premises_satisfiable :
  exists (m d0 : R) (p : nat), (1 <= p)%nat /\ d0 <> 0 /\ m ^ p * d0 = d0.
Proof. exists (-1), 1, 2%nat. split; [lia |]. split; [lra | ring]. Qed.
