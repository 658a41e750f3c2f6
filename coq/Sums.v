(** Finite real sums f 0 + ... + f (n-1), their algebra and order facts, and the bridge to
    Coquelicot's sum_n (sumR (S n) f = sum_n f n). *)
From Coq Require Import Reals Lra Lia.
From Coquelicot Require Import Coquelicot.
Open Scope R_scope.

(** The sum f 0 + f 1 + ... + f (n-1). *)
Fixpoint sumR (n : nat) (f : nat -> R) : R :=
  match n with
  | O => 0
  | S m => sumR m f + f m
  end.

(** Sums agree when their terms agree below n. *)
Lemma sumR_ext : forall n f g,
  (forall i, (i < n)%nat -> f i = g i) -> sumR n f = sumR n g.
Proof.
  induction n as [|n IH]; intros f g H; simpl; [reflexivity|].
  rewrite (IH f g) by (intros; apply H; lia). rewrite H by lia. reflexivity.
Qed.

(** A sum of sums is the sum of the termwise sums. *)
Lemma sumR_plus : forall n f g,
  sumR n (fun i => f i + g i) = sumR n f + sumR n g.
Proof. induction n as [|n IH]; intros f g; simpl; [lra|]. rewrite IH. ring. Qed.

(** A constant factor leaves the sum on the left. *)
Lemma sumR_scal_l : forall n c f, sumR n (fun i => c * f i) = c * sumR n f.
Proof. induction n as [|n IH]; intros c f; simpl; [ring|]. rewrite IH. ring. Qed.

(** A constant factor leaves the sum on the right. *)
Lemma sumR_scal_r : forall n c f, sumR n (fun i => f i * c) = sumR n f * c.
Proof. induction n as [|n IH]; intros c f; simpl; [ring|]. rewrite IH. ring. Qed.

(** A sum of differences is the difference of the sums. *)
Lemma sumR_minus : forall n f g,
  sumR n (fun i => f i - g i) = sumR n f - sumR n g.
Proof. induction n as [|n IH]; intros f g; simpl; [lra|]. rewrite IH. ring. Qed.

(** The sum of the opposites is the opposite of the sum. *)
Lemma sumR_opp : forall n f, sumR n (fun i => - f i) = - sumR n f.
Proof. induction n as [|n IH]; intros f; simpl; [ring|]. rewrite IH. ring. Qed.

(** The sum of a constant is n times the constant. *)
Lemma sumR_const : forall n c, sumR n (fun _ => c) = INR n * c.
Proof.
  induction n as [|n IH]; intros c; simpl sumR; [simpl; ring|].
  rewrite IH, S_INR. ring.
Qed.

(** The first term split off: sum_{i < n+1} f i = f 0 + sum_{i < n} f (i+1). *)
Lemma sumR_shift : forall n f, sumR (S n) f = f O + sumR n (fun i => f (S i)).
Proof.
  induction n as [|n IH]; intros f; [simpl; ring|].
  change (sumR (S (S n)) f) with (sumR (S n) f + f (S n)). rewrite IH. simpl. ring.
Qed.

(** A sum of non-negative terms is non-negative. *)
Lemma sumR_nonneg : forall n f,
  (forall i, (i < n)%nat -> 0 <= f i) -> 0 <= sumR n f.
Proof.
  induction n as [|n IH]; intros f H; simpl; [lra|].
  pose proof (IH f (fun i Hi => H i ltac:(lia))). pose proof (H n ltac:(lia)). lra.
Qed.

(** Sums are monotone in their terms. *)
Lemma sumR_le : forall n f g,
  (forall i, (i < n)%nat -> f i <= g i) -> sumR n f <= sumR n g.
Proof.
  induction n as [|n IH]; intros f g H; simpl; [lra|].
  pose proof (IH f g (fun i Hi => H i ltac:(lia))). pose proof (H n ltac:(lia)). lra.
Qed.

(** Finite double sums may be taken in either order. *)
Lemma sumR_swap : forall n m (f : nat -> nat -> R),
  sumR n (fun i => sumR m (fun j => f i j)) = sumR m (fun j => sumR n (fun i => f i j)).
Proof.
  induction n as [|n IH]; intros m f; simpl.
  - rewrite sumR_const. ring.
  - rewrite IH, <- sumR_plus. reflexivity.
Qed.

(** A product of two sums is the double sum of the products. *)
Lemma sumR_mul_sumR : forall n m f g,
  sumR n f * sumR m g = sumR n (fun i => sumR m (fun j => f i * g j)).
Proof.
  intros n m f g. rewrite <- sumR_scal_r.
  apply sumR_ext. intros i _. rewrite sumR_scal_l. reflexivity.
Qed.

(** A sum whose terms vanish except at index j < n equals its term at j. *)
Lemma sumR_delta : forall n j (c : nat -> R), (j < n)%nat ->
  sumR n (fun i => if Nat.eq_dec i j then c i else 0) = c j.
Proof.
  induction n as [|n IH]; intros j c Hj; [lia|]. simpl.
  destruct (Nat.eq_dec n j) as [->|Hne].
  - rewrite (sumR_ext j _ (fun _ => 0)).
    + rewrite sumR_const. ring.
    + intros i Hi. destruct (Nat.eq_dec i j); [lia|reflexivity].
  - rewrite IH by lia. ring.
Qed.

(** A non-negative term is at most the sum it belongs to. *)
Lemma sumR_ge_term : forall n f i, (forall j, (j < n)%nat -> 0 <= f j) -> (i < n)%nat ->
  f i <= sumR n f.
Proof.
  induction n as [|n IH]; intros f i Hf Hi; [lia|]. simpl.
  pose proof (sumR_nonneg n f (fun j Hj => Hf j ltac:(lia))).
  pose proof (Hf n ltac:(lia)).
  destruct (Nat.eq_dec i n) as [->|Hne]; [lra|].
  pose proof (IH f i (fun j Hj => Hf j ltac:(lia)) ltac:(lia)). lra.
Qed.

(** Two different non-negative terms together are at most the sum they belong to. *)
Lemma sumR_ge_two_terms : forall n f i j, (forall k, (k < n)%nat -> 0 <= f k) ->
  (i < n)%nat -> (j < n)%nat -> i <> j -> f i + f j <= sumR n f.
Proof.
  induction n as [|n IH]; intros f i j Hf Hi Hj Hne; [lia|]. simpl.
  pose proof (Hf n ltac:(lia)). pose proof (sumR_nonneg n f (fun k Hk => Hf k ltac:(lia))).
  destruct (Nat.eq_dec i n) as [->|Hin]; [pose proof (sumR_ge_term n f j (fun k Hk => Hf k ltac:(lia)) ltac:(lia)); lra|].
  destruct (Nat.eq_dec j n) as [->|Hjn]; [pose proof (sumR_ge_term n f i (fun k Hk => Hf k ltac:(lia)) ltac:(lia)); lra|].
  pose proof (IH f i j (fun k Hk => Hf k ltac:(lia)) ltac:(lia) ltac:(lia) Hne). lra.
Qed.

(** A sum of non-negative terms vanishes only if every term does. *)
Lemma sumR_nonneg_eq_0 : forall n f, (forall j, (j < n)%nat -> 0 <= f j) ->
  sumR n f = 0 -> forall i, (i < n)%nat -> f i = 0.
Proof.
  intros n f Hf H0 i Hi. pose proof (sumR_ge_term n f i Hf Hi). pose proof (Hf i Hi). lra.
Qed.

(** * Coquelicot's sum_n over R *)

(** sumR (n + 1) f is Coquelicot's sum_n f n = f 0 + ... + f n. *)
Lemma sumR_S_sum_n : forall n f, sumR (S n) f = sum_n f n.
Proof.
  induction n as [|n IH]; intros f.
  - rewrite sum_O. simpl. ring.
  - rewrite sum_Sn, <- IH. reflexivity.
Qed.

(** Finite real sums of pointwise equal terms are equal. *)
Lemma sum_n_Rext : forall (u v : nat -> R) (n : nat),
  (forall k, u k = v k) -> sum_n u n = sum_n v n.
Proof. intros u v n H. exact (sum_n_ext u v n H). Qed.

(** A constant factor comes out of a finite real sum. *)
Lemma sum_n_Rmult_l : forall (c : R) (u : nat -> R) (n : nat),
  sum_n (fun k => c * u k) n = c * sum_n u n.
Proof. intros c u n. exact (sum_n_mult_l c u n). Qed.

(** A finite real sum of a sum is the sum of the finite sums. *)
Lemma sum_n_Rplus : forall (u v : nat -> R) (n : nat),
  sum_n (fun k => u k + v k) n = sum_n u n + sum_n v n.
Proof. intros u v n. exact (sum_n_plus u v n). Qed.

(** A square is at most the sum of squares it belongs to (Coquelicot's sum_n). *)
Lemma sum_n_sq_ge_term : forall (u : nat -> R) n i, (i <= n)%nat ->
  u i * u i <= sum_n (fun j => u j * u j) n.
Proof.
  intros u n i Hi. rewrite <- sumR_S_sum_n.
  apply (sumR_ge_term (S n) (fun j => u j * u j)); [intros j _; apply Rle_0_sqr | lia].
Qed.

(** A sum of squares is non-negative (Coquelicot's sum_n). *)
Lemma sum_n_sq_nonneg : forall (u : nat -> R) n, 0 <= sum_n (fun j => u j * u j) n.
Proof.
  intros u n. rewrite <- sumR_S_sum_n. apply sumR_nonneg. intros j _. apply Rle_0_sqr.
Qed.
