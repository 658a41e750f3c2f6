"""The registry of certified constants: the single source of truth.

Each entry gives a constant's definition (in a syntax that is at once a Coq term in
``R_scope`` and a SymPy expression), the Coq definition and enclosure lemma generated
from it, the certified enclosure bounds, and every published value with its source.
The Coq sources (``coq/Constants.v``, ``coq/Enclosures.v``), the numeric cross-check,
the citations and the report are all generated from or checked against this file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The most significant digits any engine is asked for (pynum.expr.check_digits, the CLI's --digits).
MAX_DIGITS = 1_000_000

SEED_WATKINS = "seeds/000_ef4d9baed297fce1.txt"
SEED_SUNFLOWERS = "seeds/001_88fd0dca4c8e1ec9.txt"
WATKINS_NN_011 = "watkins-nn 0.1.1 (PyPI project page)"
SUNFLOWERS_PR = "GOLDEN SUNFLOWERS proposal (openai/parameter-golf PR #2059)"


@dataclass(frozen=True)
class Published:
    """A value as a source printed it (digits exactly as printed, '...' dropped)."""

    value: str
    seed: str
    source: str
    where: str


@dataclass(frozen=True)
class Enclosure:
    """Certified bounds ``lo <= expr <= hi`` proved by the named Coq lemma."""

    lo: str
    hi: str
    lemma: str
    i_prec: int


@dataclass(frozen=True)
class Constant:
    """One registered constant.

    ``definition`` is written in the common subset of Coq (``R_scope``) and SymPy syntax:
    the operators ``+ - * / ^``, parentheses, integer literals, ``sqrt``, ``ln`` and the
    ``coq_name`` of ``phi`` or of an earlier constant.
    """

    name: str
    symbol: str
    coq_name: str
    definition: str
    meaning: str
    claims: tuple[str, ...]
    enclosures: tuple[Enclosure, ...]
    published: tuple[Published, ...] = field(default=())

    @property
    def enclosure(self) -> Enclosure:
        """The float64-grade enclosure (relative width at most 1e-15)."""
        return self.enclosures[0]


COQ_FILE_DEFINITIONS = "coq/Constants.v"
COQ_FILE_ENCLOSURES = "coq/Enclosures.v"

REGISTRY: tuple[Constant, ...] = (
    Constant(
        name="PHI",
        symbol="phi",
        coq_name="phi",
        definition="(1 + sqrt (5)) / 2",
        meaning="the golden ratio, the positive root of x^2 = x + 1",
        claims=("W1",),
        enclosures=(Enclosure("1.618033988749894", "1.618033988749895", "phi_enclosure", 70),),
        published=(Published("1.618033988", SEED_WATKINS, WATKINS_NN_011, "README constants table, 'PHI'"),),
    ),
    Constant(
        name="LAM_STAR",
        symbol="lambda*",
        coq_name="lambda_star",
        definition="1 / phi",
        meaning="the golden equilibrium coherence 1/phi",
        claims=("W4",),
        enclosures=(Enclosure("0.6180339887498948", "0.6180339887498949", "lambda_star_enclosure", 70),),
        published=(Published("0.618033988", SEED_WATKINS, WATKINS_NN_011, "README constants table, 'LAM_STAR'"),),
    ),
    Constant(
        name="T_STAR",
        symbol="T*",
        coq_name="Tstar",
        definition="phi / ln (2 * phi)",
        meaning="the Watkins temperature of the 2-simplex, phi/ln(2 phi)",
        claims=("W2",),
        enclosures=(
            Enclosure("1.377801831473399", "1.377801831473400", "Tstar_enclosure", 70),
            Enclosure(
                "1.37780183147339976861679026081", "1.37780183147339976861679026082", "Tstar_enclosure_30_digits", 120
            ),
        ),
        published=(
            Published("1.3778018314733997", SEED_WATKINS, WATKINS_NN_011, "README, 'Mathematical Background'"),
            Published("1.377801831", SEED_WATKINS, WATKINS_NN_011, "README constants table, 'T_STAR'"),
        ),
    ),
    Constant(
        name="T_STAR3",
        symbol="T*_3",
        coq_name="Tstar3",
        definition="phi / ln (3 * phi)",
        meaning="the Watkins temperature of the 3-simplex, phi/ln(3 phi)",
        claims=("W3",),
        enclosures=(Enclosure("1.024186157617269", "1.024186157617270", "Tstar3_enclosure", 70),),
        published=(Published("1.024186157", SEED_WATKINS, WATKINS_NN_011, "README constants table, 'T_STAR3'"),),
    ),
    Constant(
        name="ALPHA_PHI",
        symbol="alpha_phi",
        coq_name="alpha_phi",
        definition="1 / phi ^ 3 / 2",
        meaning="phi^-3/2, the Golden Sunflowers learning-rate constant",
        claims=("S2",),
        enclosures=(
            Enclosure("0.1180339887498948", "0.1180339887498949", "alpha_phi_enclosure", 70),
            Enclosure(
                "0.118033988749894848204586834365",
                "0.118033988749894848204586834366",
                "alpha_phi_enclosure_30_digits",
                120,
            ),
        ),
        published=(Published("0.118034", SEED_SUNFLOWERS, SUNFLOWERS_PR, "'Bonus: phi-LR' paragraph and smoke.log"),),
    ),
    Constant(
        name="PHI_LR_SCALE",
        symbol="alpha_phi/0.04",
        coq_name="phi_lr_scale",
        definition="alpha_phi / (4 / 100)",
        meaning="the proposed multiplier alpha_phi/0.04 on Muon's MATRIX_LR",
        claims=("S4",),
        enclosures=(Enclosure("2.950849718747371", "2.950849718747372", "phi_lr_scale_enclosure", 70),),
        published=(
            Published("2.95", SEED_SUNFLOWERS, SUNFLOWERS_PR, "'Setting PHI_LR_SCALE = (alpha_phi / 0.04) ~ 2.95'"),
        ),
    ),
    Constant(
        name="LAMBDA_M",
        symbol="lambda_m",
        coq_name="lambda_m",
        definition="(Tstar - 4 + sqrt (Tstar ^ 2 + 8 * Tstar)) / (4 * (Tstar - 1))",
        meaning=(
            "the minimiser on (0,1) of g(l) = (1/2)(1/l^2 + T*(1/l + 1/(1-l))), the root in (0,1)"
            " of (2T*-2) l^2 + (4-T*) l - 2 = 0 to which g'(l) = 0 reduces"
        ),
        claims=("W5",),
        enclosures=(Enclosure("0.6434237350032286", "0.6434237350032287", "lambda_m_enclosure", 70),),
    ),
    Constant(
        name="M_PHI",
        symbol="m(phi)",
        coq_name="m_phi",
        definition="1 / 2 * (1 / lambda_m ^ 2 + Tstar * (1 / lambda_m + 1 / (1 - lambda_m)))",
        meaning="the watkins-nn 'global convergence modulus', g(lambda_m) = min over (0,1) of g",
        claims=("W5",),
        enclosures=(
            Enclosure("4.210414239849683", "4.210414239849684", "m_phi_enclosure", 70),
            Enclosure(
                "4.21041423984968301515817495599", "4.21041423984968301515817495600", "m_phi_enclosure_30_digits", 120
            ),
        ),
        published=(
            Published("4.210414", SEED_WATKINS, WATKINS_NN_011, "README constants table, 'M_PHI'"),
            Published("4.21", SEED_WATKINS, WATKINS_NN_011, "README, 'rate m(phi) ~ 4.21'"),
        ),
    ),
    Constant(
        name="TAU_GLOBAL",
        symbol="tau",
        coq_name="tau_global",
        definition="1 / m_phi",
        meaning="the watkins-nn step size 1/m(phi)",
        claims=("W6",),
        enclosures=(Enclosure("0.2375063219517567", "0.2375063219517568", "tau_global_enclosure", 70),),
        published=(
            Published("0.237506", SEED_WATKINS, WATKINS_NN_011, "README constants table, 'TAU_GLOBAL'"),
            Published("0.2375", SEED_WATKINS, WATKINS_NN_011, "README, 'optimal step size tau ~ 0.2375'"),
        ),
    ),
)

BY_NAME: dict[str, Constant] = {c.name: c for c in REGISTRY}


class UnknownConstant(KeyError):
    """Raised for a name that is not in the registry."""

    def __str__(self) -> str:
        return f"unknown constant {self.args[0]!r}; valid names: {', '.join(BY_NAME)}"


def lookup(name: str) -> Constant:
    """The registered constant called ``name`` (case-insensitive)."""
    try:
        return BY_NAME[name.upper()]
    except KeyError:
        raise UnknownConstant(name) from None
