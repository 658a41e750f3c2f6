(** The watkins-nn "global convergence modulus": lambda_m is the unique minimiser on (0,1) of
    g(l) = (1/2)(1/l^2 + T*(1/l + 1/(1-l))), so m(phi) = g(lambda_m) is that minimum. *)
From Coq Require Import Reals Lra.
From Interval Require Import Tactic.
From Phi Require Import PhiBasics Constants Enclosures.
Open Scope R_scope.

(** The function whose minimum watkins-nn calls m(phi). *)
Definition watkins_g (T l : R) : R := 1 / 2 * (1 / l ^ 2 + T * (1 / l + 1 / (1 - l))).

(** Its derivative at a, written over the common denominator 2 a^3 (1-a)^2. *)
Definition watkins_g_slope (T a : R) : R :=
  ((2 * T - 2) * a ^ 2 + (4 - T) * a - 2) / (2 * a ^ 3 * (1 - a) ^ 2).

(** The quadratic remainder factor of g around a (positive on (0,1) for T >= 0). *)
Definition watkins_g_curv (T a l : R) : R :=
  (2 * l + a) / (2 * a ^ 3 * l ^ 2) + T / (2 * a ^ 2 * l) + T / (2 * (1 - a) ^ 2 * (1 - l)).

(** Exact expansion: g(l) - g(a) = (l - a)^2 * curv + (l - a) * slope. *)
Lemma watkins_g_expansion : forall T a l, 0 < a < 1 -> 0 < l < 1 ->
  watkins_g T l - watkins_g T a =
  (l - a) ^ 2 * watkins_g_curv T a l + (l - a) * watkins_g_slope T a.
Proof.
  intros T a l Ha Hl. unfold watkins_g, watkins_g_curv, watkins_g_slope.
  field. repeat split; lra.
Qed.

(** The remainder factor is positive on (0,1) for T >= 0. *)
Lemma watkins_g_curv_pos : forall T a l, 0 <= T -> 0 < a < 1 -> 0 < l < 1 ->
  0 < watkins_g_curv T a l.
Proof.
  intros T a l HT Ha Hl. unfold watkins_g_curv.
  assert (A3 : 0 < a ^ 3) by (apply pow_lt; lra).
  assert (A2 : 0 < a ^ 2) by (apply pow_lt; lra).
  assert (L2 : 0 < l ^ 2) by (apply pow_lt; lra).
  assert (B2 : 0 < (1 - a) ^ 2) by (apply pow_lt; lra).
  assert (0 < (2 * l + a) / (2 * a ^ 3 * l ^ 2))
    by (apply Rdiv_lt_0_compat; [lra | apply Rmult_lt_0_compat; [lra | exact L2]]).
  assert (0 <= T / (2 * a ^ 2 * l))
    by (unfold Rdiv; apply Rmult_le_pos; [lra | left; apply Rinv_0_lt_compat, Rmult_lt_0_compat; lra]).
  assert (0 <= T / (2 * (1 - a) ^ 2 * (1 - l)))
    by (unfold Rdiv; apply Rmult_le_pos; [lra | left; apply Rinv_0_lt_compat, Rmult_lt_0_compat; lra]).
  lra.
Qed.

(** T* > 1, so the quadratic (2 T* - 2) l^2 + (4 - T* ) l - 2 has positive leading coefficient. *)
Lemma Tstar_gt_1 : 1 < Tstar.
Proof. pose proof Tstar_enclosure. lra. Qed.

(** W5: lambda_m is a root of (2 T* - 2) l^2 + (4 - T* ) l - 2 = 0, i.e. g'(lambda_m) = 0. *)
Theorem lambda_m_quadratic_root :
  (2 * Tstar - 2) * lambda_m ^ 2 + (4 - Tstar) * lambda_m - 2 = 0.
Proof.
  pose proof Tstar_gt_1 as HT. unfold lambda_m.
  assert (Hs : sqrt (Tstar ^ 2 + 8 * Tstar) * sqrt (Tstar ^ 2 + 8 * Tstar)
               = Tstar ^ 2 + 8 * Tstar) by (apply sqrt_sqrt; nra).
  set (s := sqrt (Tstar ^ 2 + 8 * Tstar)) in *.
  field_simplify_eq; [nra | lra].
Qed.

(** W5: lambda_m lies in (0,1) (it is 0.6434237350...). *)
Lemma lambda_m_in_unit_interval : 0 < lambda_m < 1.
Proof. pose proof lambda_m_enclosure. lra. Qed.

(** g'(lambda_m) = 0 at T = T*. *)
Lemma watkins_g_slope_lambda_m : watkins_g_slope Tstar lambda_m = 0.
Proof. unfold watkins_g_slope. rewrite lambda_m_quadratic_root. unfold Rdiv. ring. Qed.

(** W5: m(phi) is g(lambda_m) at T = T*. *)
Lemma m_phi_eq_watkins_g : m_phi = watkins_g Tstar lambda_m.
Proof. reflexivity. Qed.

(** W5: lambda_m is the unique minimiser of g on (0,1): g(l) > g(lambda_m) for l <> lambda_m. *)
Theorem lambda_m_unique_minimiser : forall l, 0 < l < 1 -> l <> lambda_m ->
  watkins_g Tstar lambda_m < watkins_g Tstar l.
Proof.
  intros l Hl Hne. pose proof lambda_m_in_unit_interval as Hm.
  pose proof (watkins_g_expansion Tstar lambda_m l Hm Hl) as E.
  rewrite watkins_g_slope_lambda_m in E.
  pose proof (watkins_g_curv_pos Tstar lambda_m l ltac:(pose proof Tstar_gt_1; lra) Hm Hl).
  assert (Hsq : 0 < (l - lambda_m) ^ 2)
    by (rewrite <- Rsqr_pow2; apply Rsqr_pos_lt; lra).
  nra.
Qed.

(* Non-vacuity of lambda_m_unique_minimiser (claim W5): its premises hold together, e.g. at l = 1/2. *)
Lemma lambda_m_unique_minimiser_premises_satisfiable :
  exists l : R, 0 < l < 1 /\ l <> lambda_m.
Proof. exists (1 / 2). pose proof lambda_m_enclosure. split; lra. Qed.

(** W5: m(phi) is the minimum of g over (0,1), attained only at lambda_m. *)
Theorem m_phi_is_min_of_watkins_g :
  (forall l, 0 < l < 1 -> m_phi <= watkins_g Tstar l) /\
  (forall l, 0 < l < 1 -> watkins_g Tstar l = m_phi -> l = lambda_m).
Proof.
  rewrite m_phi_eq_watkins_g. split.
  - intros l Hl. destruct (Req_dec l lambda_m) as [-> | Hne]; [lra |].
    left. apply lambda_m_unique_minimiser; assumption.
  - intros l Hl He. destruct (Req_dec l lambda_m) as [E | Hne]; [exact E |].
    pose proof (lambda_m_unique_minimiser l Hl Hne). lra.
Qed.

(** W5: the minimum value of g over (0,1) is 4.2104142398496830151... (the published 4.210414
    agrees to all printed digits). *)
Theorem min_watkins_g_value :
  4.21041423984968301515817495599 <= m_phi <= 4.21041423984968301515817495600 /\
  4.210414 <= m_phi < 4.210415.
Proof. pose proof m_phi_enclosure_30_digits. lra. Qed.

(** The other root of the quadratic is negative, so lambda_m is its only root in (0,1). *)
Lemma lambda_m_only_root_in_unit_interval : forall l, 0 < l < 1 ->
  (2 * Tstar - 2) * l ^ 2 + (4 - Tstar) * l - 2 = 0 -> l = lambda_m.
Proof.
  intros l Hl Hq. destruct (Req_dec l lambda_m) as [E | Hne]; [exact E | exfalso].
  pose proof lambda_m_quadratic_root as Hm. pose proof lambda_m_in_unit_interval.
  pose proof Tstar_gt_1.
  (* Subtracting the two equations gives (l - lambda_m)((2T-2)(l + lambda_m) + 4 - T) = 0. *)
  assert (Hf : (l - lambda_m) * ((2 * Tstar - 2) * (l + lambda_m) + (4 - Tstar)) = 0) by nra.
  apply Rmult_integral in Hf as [Hf | Hf]; [lra |].
  pose proof Tstar_enclosure. nra.
Qed.

(* Non-vacuity of lambda_m_only_root_in_unit_interval (claim W5): its premises hold together, e.g. at l = lambda_m. *)
Lemma lambda_m_only_root_in_unit_interval_premises_satisfiable :
  exists l : R, 0 < l < 1 /\ (2 * Tstar - 2) * l ^ 2 + (4 - Tstar) * l - 2 = 0.
Proof. exists lambda_m. split; [exact lambda_m_in_unit_interval | exact lambda_m_quadratic_root]. Qed.
