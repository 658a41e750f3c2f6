/-
PhiLean: the Lean 4 mirror of the project's algebraic and discrete Coq lemmas.
Lean 4 core only (no Mathlib, no Batteries). Build with `lake build`.
-/
import PhiLean.Golden
import PhiLean.Fibonacci
import PhiLean.Rounding
import PhiLean.EulerStability
import PhiLean.Matrix
import PhiLean.Contraction
