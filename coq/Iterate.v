(** The n-fold iterate of a map, and the closed form of the iterates of an affine real map. *)
From Coq Require Import Reals Lra.
Open Scope R_scope.

(** The n-fold iterate of a map. *)
Fixpoint iter {A : Type} (g : A -> A) (n : nat) (z : A) : A :=
  match n with O => z | S k => g (iter g k z) end.

(** A real map that scales the distance to c by m has iterates c + m^T (z0 - c). *)
Lemma iter_affine : forall (f : R -> R) (c m : R), (forall z, f z - c = m * (z - c)) ->
  forall T z0, iter f T z0 - c = m ^ T * (z0 - c).
Proof.
  intros f c m Hf T z0. induction T as [|T IH]; simpl; [ring|]. rewrite Hf, IH. ring.
Qed.

(** A linear real map z |-> m z has iterates m^T z0. *)
Lemma iter_linear : forall (f : R -> R) (m : R), (forall z, f z = m * z) ->
  forall T z0, iter f T z0 = m ^ T * z0.
Proof.
  intros f m Hf T z0. pose proof (iter_affine f 0 m ltac:(intro z; rewrite Hf; ring) T z0) as H.
  rewrite !Rminus_0_r in H. exact H.
Qed.
