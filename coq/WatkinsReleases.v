(** The constants shipped by the newest watkins-nn release, against the certified values. *)
From Coq Require Import Reals Lra.
From Phi Require Import PhiBasics Constants Enclosures.
Open Scope R_scope.

(** W11: watkins-nn 4.0.0 ships M_PHI = 4.2104143547, which is not m(phi) = g(lambda_m). *)
Theorem m_phi_ne_release_4_0_0_value : m_phi <> 4.2104143547.
Proof. pose proof m_phi_enclosure. lra. Qed.

(** W11: the shipped 4.2104143547 exceeds m(phi) by more than 1.1e-7 (wrong from the 8th digit). *)
Theorem release_4_0_0_m_phi_error : 4.2104143547 - m_phi > 0.00000011.
Proof. pose proof m_phi_enclosure. lra. Qed.

(** W11: watkins-nn 4.0.0 ships TAU_GLOBAL = 0.23750631547313633, which is not 1/m(phi). *)
Theorem tau_global_ne_release_4_0_0_value : tau_global <> 0.23750631547313633.
Proof. pose proof tau_global_enclosure. lra. Qed.

(** W11 (correction): the float64 values watkins-nn 0.1.1 ships for m(phi) and tau lie in the
    certified enclosures. *)
Theorem release_0_1_1_m_phi_and_tau_in_enclosures :
  Rabs (m_phi - 4.210414239849683) <= 0.000000000000001 /\
  Rabs (tau_global - 0.23750632195175675) <= 0.0000000000000001.
Proof.
  pose proof m_phi_enclosure; pose proof tau_global_enclosure.
  split; apply Rabs_le; lra.
Qed.
