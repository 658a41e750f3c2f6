(** Facts of modules and normed modules over R (Coquelicot's hierarchy): cancelling a sum,
    a nonzero scalar, a difference; a point at distance 0 is the point itself. *)
From Coq Require Import Reals Lra.
From Coquelicot Require Import Coquelicot.
Open Scope R_scope.

Section ModuleAlgebra.
Context {V : ModuleSpace R_Ring}.

(** minus distributes over two sums. *)
Lemma minus_plus_plus : forall a b c d : V,
  minus (plus a b) (plus c d) = plus (minus a c) (minus b d).
Proof.
  intros a b c d. unfold minus. rewrite opp_plus.
  rewrite <- !plus_assoc. f_equal.
  rewrite (plus_comm b (plus (opp c) (opp d))), <- plus_assoc. f_equal. apply plus_comm.
Qed.

(** x + u = x forces u = 0. *)
Lemma plus_eq_self : forall x u : V, plus x u = x -> u = zero.
Proof.
  intros x u H. apply (plus_reg_l x). rewrite plus_zero_r. exact H.
Qed.

(** A nonzero scalar can be cancelled against zero. *)
Lemma scal_eq_zero : forall (k : R) (u : V), k <> 0 -> scal k u = zero -> u = zero.
Proof.
  intros k u Hk H. transitivity (scal (/ k) (scal k u)).
  - rewrite scal_assoc. unfold mult; simpl. rewrite Rinv_l by exact Hk.
    symmetry. exact (scal_one u).
  - rewrite H. exact (@scal_zero_r _ _ (/ k)).
Qed.

(** minus u v = 0 forces u = v. *)
Lemma minus_eq_zero_eq : forall u v : V, minus u v = zero -> u = v.
Proof.
  intros u v H. apply (plus_reg_r (opp v)). fold (minus u v). fold (minus v v).
  rewrite H, minus_eq_zero. reflexivity.
Qed.

(** z + e f = z exactly when f = 0, for a nonzero scalar e. *)
Lemma plus_scal_eq_self_iff : forall (z f : V) (e : R), e <> 0 -> (plus z (scal e f) = z <-> f = zero).
Proof.
  intros z f e He. split; intro H.
  - apply (scal_eq_zero e); [exact He|]. exact (plus_eq_self z _ H).
  - rewrite H, scal_zero_r. apply plus_zero_r.
Qed.

End ModuleAlgebra.

Section NormFacts.
Context {V : NormedModule R_AbsRing}.

(** A vector of norm 0 is 0, so two points at distance 0 coincide. *)
Lemma norm_minus_0_eq : forall u v : V, norm (minus u v) = 0 -> u = v.
Proof.
  intros u v H. apply (minus_eq_zero_eq (V := NormedModule.ModuleSpace R_AbsRing V)).
  exact (norm_eq_zero _ H).
Qed.

(** The norm of a difference is symmetric. *)
Lemma norm_minus_sym : forall u v : V, norm (minus u v) = norm (minus v u).
Proof. intros u v. rewrite <- norm_opp, opp_minus. reflexivity. Qed.

(** The norm of a real multiple, in R_AbsRing's absolute value. *)
Lemma norm_scal_R : forall (k : R) (u : V), norm (scal k u) <= Rabs k * norm u.
Proof. intros k u. exact (norm_scal k u). Qed.

End NormFacts.
