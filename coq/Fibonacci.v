(** Placeholder: this file is filled in by its own piece of work. *)
From Coq Require Import Reals.
