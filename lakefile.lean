import Lake
open Lake DSL

-- The Lean 4 mirror of the algebraic and discrete lemmas: Lean 4 core only, no dependencies,
-- so `lake build` works offline. Sources live in lean/ (root module lean/PhiLean.lean).
package phi_lean

@[default_target]
lean_lib PhiLean where
  srcDir := "lean"
  roots := #[`PhiLean]
