"""What the report's first screen says about each claim: the claim in a few words and the
finding in one sentence. No derived number appears here (the numbers are the ledger's and
the records', shown in each claim's details)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .ledger import LEDGER, Claim
from .ledger import claims_equilibrium, claims_resolvent, claims_sunflowers, claims_vdi, claims_watkins

SHORT: dict[str, str] = {
    "W1": "phi = 1.618033988..., phi^2 = phi + 1",
    "W2": "T* = phi/ln(2 phi) = 1.3778018314733997...",
    "W3": "T*_3 = phi/ln(3 phi) = 1.024186157...",
    "W4": "lambda* = 1/phi = 0.618033988...",
    "W5": "m(phi) = 4.210414..., the minimum of g",
    "W6": "tau = 1/m(phi) is the optimal step",
    "W7": "T* makes the golden point the global minimum of F",
    "W8": "natural gradient converges globally with rate m(phi)",
    "W9": "the quickstart moves toward the golden point",
    "W10": "every step conserves lambda + kappa + eta = 1",
    "W11": "the shipped constants carry the stated values",
    "W12": "GoldenAdam uses tau for simplex-like parameters",
    "W13": "VirelaiXLayer works for any input_dim",
    "S1": "phi^2 + phi^-2 = 3",
    "S2": "alpha_phi = phi^-3/2 = 0.118034..., alpha_phi phi^3 = 1/2",
    "S3": "round(phi^3) = 4 loops",
    "S4": "PHI_LR_SCALE = alpha_phi/0.04 = 2.95...",
    "S5": "PhiNTA default rank round(d/phi)",
    "S6": "Fibonacci seeds F17..F21",
    "S7": "context + patch identity; 1 - cos in [0, 2]",
    "S8": "1664 trainable / 4096 frozen = 0.406",
    "S9": "the proposal's Coq file: 2 Qed, 2 Admitted",
    "E1": "Euler multiplier 1 + eps mu, eps_crit",
    "E2": "backward Euler stable for every step when Re mu < 0",
    "E3": "damped relaxation contracts if the gain fits the margin",
    "E4": "dL(z_T)/dk does not vanish though dL(z*)/dk = 0",
    "E5": "nudged Jacobian J - 2A equals J^T",
    "E6": "adjoint error is a matrix power, independent of the nudge",
    "E7": "step residual = eps x force residual",
    "E8": "normalised Hutchinson penalty estimates ||J||_F^2",
    "E9": "oscillation needs a complex pair; symmetric J never cycles",
    "E10": "the run diverging at eps = 0.1 has no fixed point",
    "E11": "bounded Im mu keeps eps_crit bounded below",
    "R1": "the damping 1/(1 + phi k^2) keeps low frequencies",
    "R2": "the penalty hits only high frequencies, bounded by energy",
    "R3": "the PyTorch sketch is ready to use",
    "R4": "the regularizer cuts training energy by 15-30%",
    "V1": "VDI lies in [0, 1]: 1 uniform, 0 one-hot",
    "V2": "all seeds converge to VDI 0.611992",
    "V3": "compensation score 0.13 +- 0.03 measures regulation",
}

FINDING: dict[str, str] = {
    "W1": "The identity is proved and the printed digits are a correct truncation.",
    "W2": "Every printed digit is right; the string is a truncation of the correctly rounded value.",
    "W3": "The printed digits are a correct truncation of phi/ln(3 phi).",
    "W4": "1/phi = phi - 1, and the printed digits are a correct truncation.",
    "W5": "g has exactly one minimiser on (0,1), in closed form, and its minimum has the printed digits.",
    "W6": "tau's digits are right, but at tau plain descent is unstable and neither step is optimal.",
    "W7": "With F+ as published the golden point is never a minimiser; with the sign of H flipped the claim holds.",
    "W8": "With F+ no orbit converges to the golden point; even with F- the local rate is 1/phi + T*, not m(phi).",
    "W9": "Every quickstart run, the golden init included, ends at the vertex lambda = 1.",
    "W10": "The sum stays 1, but steps leave the simplex and verify_conservation accepts negative entries.",
    "W11": "0.1.1 ships correct constants; the newest release ships wrong M_PHI and TAU_GLOBAL.",
    "W12": "GoldenAdam's rule is '1-D with |sum| < 1.1', not 'simplex-like', and simplex parameters drift off it.",
    "W13": "3-D inputs always fail, 1-D inputs fail from input_dim 3, and trailing features are dropped.",
    "S1": "Proved exactly.",
    "S2": "Both identities are proved and the printed digits are correctly rounded.",
    "S3": "phi^3 = 2 + sqrt 5 lies in [3.5, 4.5), so it rounds to 4.",
    "S4": "The scale is 25 (sqrt 5 - 2)/2 and the printed digits are right.",
    "S5": "The rule is well defined at every width (d/phi is never a half-integer).",
    "S6": "The five Fibonacci numbers are right.",
    "S7": "The identity and the range of 1 - cos are proved.",
    "S8": "The ratio is right, but these counts come from rank 13, not the default rank.",
    "S9": "The proposal's Coq file is not published, so its count cannot be recounted; its identities are proved here.",
    "E1": "Proved: Euler is stable exactly when every |1 + eps mu| < 1, i.e. eps < -2 Re mu/|mu|^2.",
    "E2": "Proved, and for Re mu >= 0 backward Euler can contract spuriously.",
    "E3": "Proved in any normed space, with the exact condition on eps, c and L.",
    "E4": "Proved generically; it does vanish at the deadbeat step eps k = 1.",
    "E5": "Proved for every square matrix.",
    "E6": "Proved for every linear map (linearised regime).",
    "E7": "Proved: the two residuals differ exactly by the factor eps.",
    "E8": "Unbiased for ||J||_F^2 without normalisation; the normalised penalty estimates ||J||_F^2 / n.",
    "E9": "A real multiplier at -1 makes Euler cycle, even with a symmetric J.",
    "E10": "Fixed points do not depend on the step; at eps = 0.1 the fixed point exists but repels.",
    "E11": "eps_crit can approach 0 with bounded Im mu; a gain bound on the whole spectrum does bound it.",
    "R1": "Proved for every k, and on the frequencies the sketch uses.",
    "R2": "Every non-constant mode is penalised; the energy bound is true.",
    "R3": "As printed it does not run, and repaired it mishandles devices and 2-D inputs.",
    "R4": "Re-run on a GPU, the published setting used more energy than the baseline, not less.",
    "V1": "Proved row by row, when H_max is the log of the number of keys the row may attend to.",
    "V2": "0.611992 is ln(720)/(6 ln 6), what uniform causal attention scores; trained seeds end elsewhere.",
    "V3": "Measured with a stated definition, the score falls outside 0.13 +- 0.03.",
}

SOURCE_MODULES = (claims_watkins, claims_sunflowers, claims_equilibrium, claims_resolvent, claims_vdi)


@dataclass(frozen=True)
class Source:
    """A source document and its claims: ``title`` and ``seed`` come from the claims module's
    docstring (``Claims W1-W13: seeds/000_....txt (the watkins-nn package ...)``)."""

    key: str
    title: str
    seed: str
    claims: tuple[Claim, ...]


def sources() -> tuple[Source, ...]:
    """The ledger's claims grouped by source document, in ledger order."""
    out = []
    for mod in SOURCE_MODULES:
        doc = (mod.__doc__ or "").strip().splitlines()[0]
        m = re.match(r"Claims (\w+)-\w+: (\S+) \((.+)\)\.?$", doc)
        if not m:
            raise ValueError(f"{mod.__name__}: docstring does not name its source: {doc!r}")
        ids = {c.id for c in mod.CLAIMS}
        out.append(Source(m.group(1).rstrip("0123456789"), m.group(3), m.group(2),
                          tuple(c for c in LEDGER if c.id in ids)))
    return tuple(out)
