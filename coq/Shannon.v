(** The Shannon entropy H(p) = - sum_i p_i ln p_i of a vector on n points (natural logarithm,
    0 ln 0 = 0). *)
From Coq Require Import Reals Lra Lia.
From Phi Require Import Sums Gibbs.
Open Scope R_scope.

(** The Shannon entropy H(p) = - sum_i p_i ln p_i (natural logarithm). *)
Definition entropy (n : nat) (p : nat -> R) : R := - sumR n (fun i => plogp (p i)).

(** The entropy reads only the n coordinates 0..n-1. *)
Lemma entropy_ext : forall n p q, (forall i, (i < n)%nat -> p i = q i) -> entropy n p = entropy n q.
Proof.
  intros n p q H. unfold entropy. f_equal. apply sumR_ext. intros i Hi. rewrite H by exact Hi.
  reflexivity.
Qed.

(** On positive vectors, H(p) = - sum_i p_i ln p_i with no convention needed. *)
Lemma entropy_pos : forall n p, (forall i, (i < n)%nat -> 0 < p i) ->
  entropy n p = - sumR n (fun i => p i * ln (p i)).
Proof.
  intros n p H. unfold entropy. f_equal. apply sumR_ext. intros i Hi. apply plogp_pos, H, Hi.
Qed.
