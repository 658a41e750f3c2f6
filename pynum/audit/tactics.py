"""The Ltac the statement batch runs: premises shown by sort, filled with small closed terms or
left as evars, discharged from a ``_premises_satisfiable`` lemma's hypotheses; what is left must
be no premise at all (non-vacuity for every sort: Prop, SProp, Type)."""

PREMISE_TACTICS = r"""
Ltac audit_inhabit n := lazymatch n with
  | O => fail
  | S ?m => first [ exact (Coq.Reals.Rdefinitions.IZR Coq.Numbers.BinNums.Z0) | exact O
                  | exact Coq.Numbers.BinNums.Z0 | exact Coq.Numbers.BinNums.xH | exact Coq.Numbers.BinNums.N0
                  | exact true | exact tt | exact True | exact nat | exact (@nil _) | exact (@None _)
                  | match goal with h : ?A |- ?A => tryif (let b := eval unfold h in h in idtac) then fail else exact h end
                  | (intro; audit_inhabit m) | (split; audit_inhabit m) ]
  end.
Ltac audit_evar H A := let e := fresh "audit_e" in evar (e : A); let v := eval unfold e in e in specialize (H v).
Ltac audit_show_premises H :=
  repeat (lazymatch type of H with
    | forall _ : ?A, _ =>
        let s := type of A in
        lazymatch s with
        | Prop => idtac "@@premise Prop"; audit_evar H A
        | SProp => idtac "@@premise SProp"; audit_evar H A
        | _ => first [ let w := constr:(ltac:(audit_inhabit (S (S (S (S O))))) : A) in specialize (H w)
                     | idtac "@@premise Type"; audit_evar H A ]
        end
    end).
Ltac audit_is_proof H :=
  let t := type of H in let s := type of t in
  lazymatch s with Prop => idtac "@@proof" | _ => idtac "@@not-a-proof" end.
Ltac audit_discharge H :=
  lazymatch type of H with
  | forall _ : ?A, _ =>
      let s := type of A in
      lazymatch s with
      | Prop => first [ match goal with p : _ |- _ => specialize (H p); audit_discharge H end
                      | specialize (H ltac:(repeat split; eassumption)); audit_discharge H ]
      | SProp => match goal with p : _ |- _ => specialize (H p); audit_discharge H end
      | _ => audit_evar H A; audit_discharge H
      end
  | _ => idtac
  end.
Ltac audit_filled :=
  repeat match goal with e := ?v : ?T |- _ => is_evar v; let w := constr:(ltac:(audit_inhabit (S (S (S (S O))))) : T) in unify v w end;
  tryif (match goal with e := ?v |- _ => is_evar v end) then fail else idtac.
Ltac audit_open L :=
  pose proof L as audit_lemma;
  repeat match type of audit_lemma with ex _ => destruct audit_lemma as [? audit_lemma] end;
  repeat match type of audit_lemma with _ /\ _ => destruct audit_lemma as [? audit_lemma] end.
"""

NO_PREMISE_LEFT = """Ltac audit_no_premise_left H := lazymatch type of H with
  | forall _ : ?A, _ => let s := type of A in lazymatch s with Prop => fail | SProp => fail | _ => idtac end
  | _ => idtac end.
"""
