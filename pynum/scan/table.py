"""The quantities ``pynum scan`` looks for: the golden-ratio family and the standard constants.

Every entry is an expression that the engines evaluate (SymPy's adaptive ``evalf``; mpmath
agrees, tests/test_scan_table.py); no digits are typed here.  An expression is SymPy syntax
over ``pi``, ``E``, ``EulerGamma``, ``Catalan``, ``zeta``, ``sqrt``, ``log`` and the Coq names
of the registry's constants (pynum/constants/registry.py), which stand for their definitions.

``hints`` are identifiers or words that name the quantity near a literal (lower case; a word
in the text counts when it equals a hint or, split at ``_``, contains one; a hint with other
characters than letters, digits and ``_`` counts as a substring).  ``generic`` words name a
whole family (``phi``, ``golden``): with only such a word, a literal must agree in all but its
last digit.  ``family``: 'phi' (the registry and derived golden-ratio quantities, the table
``--only phi`` keeps) or 'standard' (pi, e, logarithms, square roots, Euler's gamma, ...).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext
from functools import cache

import sympy
from sympy.parsing.sympy_parser import convert_xor, parse_expr, standard_transformations

from ..constants import expr as registry_expr
from ..constants.registry import REGISTRY

PHI_GENERIC = ("phi", "φ", "golden", "goldenratio", "golden_ratio")
FAMILIES = ("phi", "standard")


@dataclass(frozen=True)
class Quantity:
    """name: table key; symbol: how it is written; expression: SymPy-syntax definition;
    hints: words that name it; registered: whether it is a registry constant; family: 'phi' or
    'standard'; generic: words that name its whole family."""

    name: str
    symbol: str
    expression: str
    hints: tuple[str, ...]
    registered: bool = False
    family: str = "phi"
    generic: tuple[str, ...] = PHI_GENERIC


_REGISTRY_HINTS = {
    "PHI": (),
    "LAM_STAR": ("lam_star", "lambda_star", "lambda*", "inv_phi", "phi_inv", "invphi", "phi_inverse", "1/phi", "psi"),
    "T_STAR": ("t_star", "tstar", "t*"),
    "T_STAR3": ("t_star3", "tstar3", "t*_3", "t_3*"),
    "ALPHA_PHI": ("alpha_phi", "α_φ"),
    "PHI_LR_SCALE": ("phi_lr_scale",),
    "LAMBDA_M": ("lambda_m", "lam_m", "_lambda_m"),
    "M_PHI": ("m_phi", "m(phi)"),
    "TAU_GLOBAL": ("tau_global", "tau", "τ"),
}

DERIVED = (
    Quantity("PHI_SQUARED", "phi^2", "phi**2", ("phi_squared", "phi_sq", "phi2", "phi^2", "φ²")),
    Quantity(
        "PHI_INV_SQUARED", "phi^-2", "phi**-2", ("phi_inv_squared", "phi_bar_squared", "inv_phi2", "phi^-2", "φ⁻²")
    ),
    Quantity("PHI_CUBED", "phi^3", "phi**3", ("phi_cubed", "phi3", "phi^3", "φ³")),
    Quantity("PHI_INV_CUBED", "phi^-3", "phi**-3", ("phi_inv_cubed", "phi^-3", "φ⁻³")),
    Quantity("PHI_FOURTH", "phi^4", "phi**4", ("phi4", "phi^4")),
    Quantity("SQRT5", "sqrt 5", "sqrt(5)", ("sqrt5", "sqrt_5", "root5", "√5")),
    Quantity("SQRT_PHI", "sqrt phi", "sqrt(phi)", ("sqrt_phi", "phi_sqrt", "phi^0.5")),
    Quantity("PHI_HALF", "phi/2", "phi/2", ("cos36", "cos_36", "half_phi", "phi_half")),
    Quantity("KAPPA_STAR", "(1 - 1/phi)/2", "(1 - 1/phi)/2", ("kap_star", "kappa_star", "eta_star", "kap*", "eta*")),
    Quantity("LN_PHI", "ln phi", "log(phi)", ("ln_phi", "log_phi", "lnphi", "logphi")),
    Quantity("INV_LN_PHI", "1/ln phi", "1/log(phi)", ("inv_ln_phi", "inv_log_phi", "1/ln")),
    Quantity("LOG2_PHI", "ln phi / ln 2", "log(phi)/log(2)", ("log2_phi", "w_squared", "w²")),
    Quantity("GOLDEN_ANGLE_RAD", "2 pi/phi^2", "2*pi/phi**2", ("golden_angle",)),
    Quantity("GOLDEN_ANGLE_DEG", "360/phi^2", "360/phi**2", ("golden_angle",)),
    Quantity(
        "PHI_INV_THREE_HALVES",
        "phi^(-3/2)",
        "phi**(-3/2)",
        ("phi_inv_three_halves", "phi_m1_5", "phi^-1.5", "phi^(-3/2)"),
    ),
    Quantity("INV_T_STAR", "1/T*", "1/Tstar", ("inv_t_star", "1/t*")),
)


def _std(name: str, symbol: str, expression: str, hints: str, generic: tuple[str, ...] = ()) -> Quantity:
    return Quantity(name, symbol, expression, tuple(hints.split()), family="standard", generic=generic)


_PI = ("π",)  # 'pi' itself is a specific hint of PI only: M_PI_2 names pi/2, not pi
# Names from C's <math.h> (M_*), Python's math/numpy/scipy, Boost, Cephes, Fortran and GLSL code.
STANDARD = (
    _std("PI", "pi", "pi", "pi π m_pi math.pi np.pi numpy.pi const_pi kpi pi_d pi_f mpi pi_val dpi"),
    _std("TWO_PI", "2 pi", "2*pi", "twopi two_pi 2pi 2*pi 2π m_2pi tau pi2 m_2_pi_x pi_2x pix2 pi_x_2 pi_times_2", _PI),
    _std("PI_2", "pi/2", "pi/2", "m_pi_2 pio2 pi_2 pi/2 π/2 half_pi halfpi pi_over_2 pi_half pihalf hpi piby2", _PI),
    _std("PI_4", "pi/4", "pi/4", "m_pi_4 pio4 pi_4 pi/4 π/4 quarter_pi quarterpi pi_over_4 piby4", _PI),
    _std("INV_PI", "1/pi", "1/pi", "m_1_pi 1/pi 1/π inv_pi invpi one_over_pi oneoverpi pi_inv", _PI),
    _std("TWO_OVER_PI", "2/pi", "2/pi", "m_2_pi 2/pi 2/π twooverpi two_over_pi tpi twoopi", _PI),
    _std("SQRT_PI", "sqrt pi", "sqrt(pi)", "sqrtpi sqrt_pi rootpi root_pi sqrt(pi) √π spi", _PI),
    _std(
        "INV_SQRT_2PI",
        "1/sqrt(2 pi)",
        "1/sqrt(2*pi)",
        "inv_sqrt_2pi invsqrt2pi isqrt2pi m_1_sqrt2pi m_1_sqrt_2pi "
        "one_over_sqrt_2pi 1/sqrt(2*pi) 1/sqrt(2pi) norm_pdf_c sqrt1_2pi",
        _PI,
    ),
    _std(
        "SQRT_2PI",
        "sqrt(2 pi)",
        "sqrt(2*pi)",
        "sqrt2pi sqrt_2pi sqrttwopi s2pi sqrt(2*pi) sqrt(2pi) m_sqrt2pi sqrt_two_pi",
        _PI,
    ),
    _std("TWO_OVER_SQRT_PI", "2/sqrt(pi)", "2/sqrt(pi)", "m_2_sqrtpi 2/sqrt(pi) two_over_sqrt_pi twoosqrtpi", _PI),
    _std("SQRT_2_OVER_PI", "sqrt(2/pi)", "sqrt(2/pi)", "sqrt2opi sqrt_2_pi sqrt2overpi sqrt(2/pi) sqrt_2_over_pi", _PI),
    _std(
        "LN_SQRT_2PI",
        "ln sqrt(2 pi)",
        "log(2*pi)/2",
        "ls2pi lnsqrt2pi log_sqrt_2pi logsqrt2pi ln_sqrt_2pi half_log_2pi halflog2pi",
        _PI,
    ),
    _std("LN_PI", "ln pi", "log(pi)", "logpi log_pi lnpi ln_pi m_lnpi", _PI),
    _std("PI_SQUARED", "pi^2", "pi**2", "pi_squared pisq pi_sq pi2 pi^2 pi**2 π² pipi", _PI),
    _std("PI_SQUARED_6", "pi^2/6", "pi**2/6", "zeta2 zeta_2 pi2_6 pi^2/6 pi**2/6 basel", _PI),
    _std(
        "DEG_TO_RAD",
        "pi/180",
        "pi/180",
        "deg2rad deg_to_rad degrad degree deg2r dtor d2r todeg torad radians rad_per_deg deg",
        _PI,
    ),
    _std("RAD_TO_DEG", "180/pi", "180/pi", "rad2deg rad_to_deg raddeg rtod r2d degrees deg_per_rad todeg", _PI),
    _std("E", "e", "E", "e m_e math.e np.e euler_e eulers_number napier exp1 exp(1) const_e", ("exp",)),
    _std("INV_E", "1/e", "1/E", "inv_e 1/e exp(-1) expm1_c one_over_e invexp", ("exp",)),
    _std(
        "LN_2",
        "ln 2",
        "log(2)",
        "ln2 ln_2 log2 log_2 loge2 m_ln2 ln(2) log(2) lntwo ln_two logtwo const_log2 ln2_hi ln2hi",
        ("log", "ln"),
    ),
    _std("LN_10", "ln 10", "log(10)", "ln10 ln_10 log10 log_10 loge10 m_ln10 ln(10) log(10) lnten", ("log", "ln")),
    _std(
        "LOG10_E",
        "log10 e",
        "1/log(10)",
        "log10e log10_e m_log10e loge log10(e) 1/ln10 1/ln(10) inv_ln10 invln10",
        ("log", "ln"),
    ),
    _std(
        "LOG2_E",
        "log2 e",
        "1/log(2)",
        "log2e log2_e m_log2e log2(e) 1/ln2 1/ln(2) inv_ln2 invln2 invlog2 ivln2",
        ("log", "ln"),
    ),
    _std(
        "LOG10_2",
        "log10 2",
        "log(2)/log(10)",
        "log10_2 log102 log10(2) log10two lg2 log2_10inv log10of2",
        ("log", "ln"),
    ),
    _std("LOG2_10", "log2 10", "log(10)/log(2)", "log2_10 log210 log2(10) log2ten", ("log", "ln")),
    _std(
        "SQRT_2",
        "sqrt 2",
        "sqrt(2)",
        "sqrt2 sqrt_2 m_sqrt2 root2 sqrt(2) √2 sqrttwo sqrt_two rt2 sq2",
        ("sqrt", "root"),
    ),
    _std(
        "INV_SQRT_2",
        "1/sqrt 2",
        "1/sqrt(2)",
        "m_sqrt1_2 sqrt1_2 sqrth inv_sqrt2 invsqrt2 isqrt2 1/sqrt(2) "
        "one_over_sqrt2 sqrt_half sqrthalf sqrt(0.5) sqrt(1/2) 1/√2 rsqrt2 sqrt_1_2",
        ("sqrt", "root"),
    ),
    _std("SQRT_3", "sqrt 3", "sqrt(3)", "sqrt3 sqrt_3 m_sqrt3 root3 sqrt(3) √3 sqrtthree sqrt_three", ("sqrt", "root")),
    _std(
        "SQRT_3_2",
        "sqrt(3)/2",
        "sqrt(3)/2",
        "sqrt3_2 sqrt3/2 sqrt(3)/2 sqrt3over2 sin60 cos30 sin_60 cos_30 √3/2",
        ("sqrt", "root"),
    ),
    _std(
        "INV_SQRT_3",
        "1/sqrt 3",
        "1/sqrt(3)",
        "inv_sqrt3 invsqrt3 isqrt3 1/sqrt(3) sqrt1_3 one_over_sqrt3 tan30 1/√3",
        ("sqrt", "root"),
    ),
    _std("CBRT_2", "2^(1/3)", "2**(Rational(1, 3))", "cbrt2 cbrt_2 cuberoot2 2^(1/3) 2**(1/3) ∛2", ("cbrt", "root")),
    _std(
        "EULER_GAMMA",
        "gamma (Euler)",
        "EulerGamma",
        "euler_gamma eulergamma euler gamma m_euler m_egamma "
        "euler_mascheroni mascheroni egamma np.euler_gamma eulers_constant γ const_euler euler_const",
    ),
    _std("EXP_EULER_GAMMA", "e^gamma", "exp(EulerGamma)", "exp_euler_gamma expgamma exp_gamma e^gamma"),
    _std("CATALAN", "Catalan's G", "Catalan", "catalan catalans_constant m_catalan"),
    _std("ZETA_3", "zeta(3)", "zeta(3)", "zeta3 zeta_3 zeta(3) apery aperys apery_constant ζ(3)"),
)


def table() -> tuple[Quantity, ...]:
    """Registry constants first (by their Coq names), then the derived quantities, then the standard ones."""
    reg = tuple(
        Quantity(
            c.name, c.symbol, c.coq_name, (c.name.lower(), c.coq_name.lower()) + _REGISTRY_HINTS.get(c.name, ()), True
        )
        for c in REGISTRY
    )
    return reg + DERIVED + STANDARD


TABLE = table()
BY_NAME = {q.name: q for q in TABLE}


def select(only: tuple[str, ...] = ()) -> tuple[Quantity, ...]:
    """The entries of the named families or constants (all when ``only`` is empty)."""
    unknown = [o for o in only if o not in FAMILIES and o not in BY_NAME]
    if unknown:
        raise ValueError(
            f"--only: unknown family or constant {', '.join(unknown)}"
            f" (families: {', '.join(FAMILIES)}; or a table name such as PI, M_PHI)"
        )
    return tuple(q for q in TABLE if not only or q.family in only or q.name in only)


@cache
def sympy_value(name: str) -> sympy.Expr:
    """The exact SymPy expression of a table entry, registry names expanded."""
    local = {c.coq_name: registry_expr.sympy_expr(c.name) for c in REGISTRY}
    local.update(
        E=sympy.E,
        pi=sympy.pi,
        EulerGamma=sympy.EulerGamma,
        Catalan=sympy.Catalan,
        zeta=sympy.zeta,
        sqrt=sympy.sqrt,
        log=sympy.log,
        exp=sympy.exp,
        Rational=sympy.Rational,
    )
    return parse_expr(
        BY_NAME[name].expression,
        local_dict=local,
        global_dict={"Integer": sympy.Integer, "Float": sympy.Float, "Symbol": sympy.Symbol},
        transformations=standard_transformations + (convert_xor,),
    )


@cache
def _digits(name: str, n: int) -> str:
    """``n`` correctly rounded significant digits: evalf with guard digits, more when near a tie."""
    guard = 12
    while True:
        text = str(sympy.N(sympy_value(name), n + guard))
        with localcontext() as ctx:
            ctx.prec = n + guard + 10
            d = Decimal(text)
            sig = format(abs(d), "e").split("e")[0].replace(".", "")
            tail = sig[n : n + guard - 2]  # the last 2 digits of evalf may be off
            if abs(int(tail) - 5 * 10 ** (len(tail) - 1)) > 1000:  # not near a rounding tie
                ctx.prec = n
                return format(+d, "f")
        guard *= 2


def digits(name: str, n: int) -> str:
    """At least ``n`` correctly rounded significant digits of a table entry (computed in steps of 64)."""
    return _digits(name, max(64, -(-n // 64) * 64))
