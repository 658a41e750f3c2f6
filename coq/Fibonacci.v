(** Fibonacci and Lucas numbers, and the powers of phi. *)
From Coq Require Import Reals Lra Lia.
From Phi Require Import PhiBasics.
Open Scope R_scope.

(** The Fibonacci numbers: F 0 = 0, F 1 = 1, F (n+2) = F (n+1) + F n. *)
Fixpoint fib (n : nat) : nat :=
  match n with
  | O => 0%nat
  | S O => 1%nat
  | S (S m as k) => (fib k + fib m)%nat
  end.

(** The Lucas numbers: L 0 = 2, L 1 = 1, L (n+2) = L (n+1) + L n. *)
Fixpoint lucas (n : nat) : nat :=
  match n with
  | O => 2%nat
  | S O => 1%nat
  | S (S m as k) => (lucas k + lucas m)%nat
  end.

(** The conjugate root psi = -1/phi = 1 - phi of x^2 = x + 1. *)
Definition psi : R := 1 - phi.

Lemma psi_eq_neg_inv_phi : psi = - / phi.
Proof. unfold psi; rewrite inv_phi_eq_phi_sub_one; ring. Qed.

Lemma psi_sq_eq_psi_add_one : psi ^ 2 = psi + 1.
Proof. unfold psi; pose proof phi_sq_eq_phi_add_one; nra. Qed.

Lemma fib_SS : forall n, INR (fib (S (S n))) = INR (fib (S n)) + INR (fib n).
Proof. intro n. change (fib (S (S n))) with (fib (S n) + fib n)%nat. apply plus_INR. Qed.

Lemma lucas_SS : forall n, INR (lucas (S (S n))) = INR (lucas (S n)) + INR (lucas n).
Proof. intro n. change (lucas (S (S n))) with (lucas (S n) + lucas n)%nat. apply plus_INR. Qed.

(** Any root x of x^2 = x + 1 satisfies x^(n+1) = F(n+1) x + F(n). *)
Lemma root_pow_fib : forall x : R, x ^ 2 = x + 1 ->
  forall n : nat, x ^ S n = INR (fib (S n)) * x + INR (fib n).
Proof.
  intros x Hx. induction n as [|n IH].
  - simpl. ring.
  - rewrite fib_SS. replace (x ^ S (S n)) with (x * x ^ S n) by reflexivity.
    rewrite IH. replace (x * (INR (fib (S n)) * x + INR (fib n)))
      with (INR (fib (S n)) * x ^ 2 + INR (fib n) * x) by ring.
    rewrite Hx. ring.
Qed.

(** phi^n = F(n) phi + F(n-1) for every n >= 1. *)
Theorem phi_pow_fib : forall n : nat, (1 <= n)%nat ->
  phi ^ n = INR (fib n) * phi + INR (fib (n - 1)).
Proof.
  intros [|n] Hn; [lia|]. replace (S n - 1)%nat with n by lia.
  apply root_pow_fib, phi_sq_eq_phi_add_one.
Qed.

(* Non-vacuity of phi_pow_fib (claim S6): its premises hold together, e.g. at the published n = 17. *)
Lemma phi_pow_fib_premises_satisfiable :
  exists n : nat, (1 <= n)%nat.
Proof. exists 17%nat. lia. Qed.

(** The Lucas numbers are sums of Fibonacci numbers: L(n+1) = F(n+2) + F(n). *)
Lemma lucas_fib : forall n : nat, INR (lucas (S n)) = INR (fib (S (S n))) + INR (fib n).
Proof.
  assert (H : forall n, INR (lucas (S n)) = INR (fib (S (S n))) + INR (fib n)
                   /\ INR (lucas (S (S n))) = INR (fib (S (S (S n)))) + INR (fib (S n))).
  { induction n as [|n [IH1 IH2]].
    - simpl. split; lra.
    - split; [exact IH2|]. rewrite lucas_SS, IH1, IH2, (fib_SS (S (S n))), (fib_SS (S n)),
        (fib_SS n). ring. }
  intro n; apply H.
Qed.

(** The Lucas identity: phi^n + (-1/phi)^n = L(n) for every n. *)
Theorem lucas_identity : forall n : nat, phi ^ n + (- / phi) ^ n = INR (lucas n).
Proof.
  intros [|n].
  - simpl. ring.
  - rewrite <- psi_eq_neg_inv_phi, lucas_fib.
    rewrite (root_pow_fib phi phi_sq_eq_phi_add_one), (root_pow_fib psi psi_sq_eq_psi_add_one).
    rewrite fib_SS. unfold psi. ring.
Qed.

(** S6: the Fibonacci seeds F(17)..F(21) are 1597, 2584, 4181, 6765, 10946. *)
Theorem fib_17_to_21 :
  fib 17 = 1597%nat /\ fib 18 = 2584%nat /\ fib 19 = 4181%nat /\
  fib 20 = 6765%nat /\ fib 21 = 10946%nat.
Proof. repeat split; vm_compute; reflexivity. Qed.
