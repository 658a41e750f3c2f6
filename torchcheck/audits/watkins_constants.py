"""W11 of the watkins-nn audit: the constants a release ships, compared digit by digit with the
certified values (leading agreeing digits, ulps from the correctly rounded float64, whether the
value lies in the Coq enclosure)."""

from __future__ import annotations

import io
import math
import zipfile
from pathlib import Path

import mpmath

from pynum.constants import expr
from pynum.constants.published import first_wrong_digit
from pynum.constants.registry import BY_NAME

CONSTANTS = ("PHI", "T_STAR", "T_STAR3", "LAM_STAR", "M_PHI", "TAU_GLOBAL")


def certified(name: str, digits: int = 25) -> mpmath.mpf:
    """The certified value of a registered constant (M_PHI etc.), computed from its definition."""
    return expr.eval_mpmath(name, digits)


def _sig_digits(s: str) -> str:
    """The significant digits of a decimal string, without sign, point or leading zeros."""
    mant = s.lower().split("e")[0].lstrip("+-").replace(".", "")
    return mant.lstrip("0")


def compare_constant(name: str, shipped: float) -> dict:
    """One shipped float against the certified value: leading agreeing digits, ulps, enclosure."""
    with mpmath.workdps(40):
        v = certified(name, 30)
        cert = mpmath.nstr(v, 25, strip_zeros=False)
        shipped_s = repr(float(shipped))
        a, b = _sig_digits(shipped_s), _sig_digits(cert)
        agree = 0  # leading digits equal to the certified expansion
        for x, y in zip(a, b):
            if x != y:
                break
            agree += 1
        # Digits correct after rounding: the largest k at which the exact binary value of the
        # shipped float and the certified value round to the same k digits.
        correct = 0
        for k in range(1, len(a) + 1):
            if mpmath.nstr(mpmath.mpf(float(shipped)), k) == mpmath.nstr(v, k):
                correct = k
            else:
                break
        nearest = float(v)
        ulps = (float(shipped) - nearest) / math.ulp(nearest)
        rel = abs((mpmath.mpf(shipped) - v) / v)
        enc = BY_NAME[name].enclosure
        return {
            "shipped": shipped_s,
            "certified": cert,
            "agreeing_leading_digits": agree,
            "shipped_digits": len(a),
            "correctly_rounded_digits": correct,
            # For a float that is not the correctly rounded float64: the first digit that is off.
            "first_wrong_digit": None if ulps == 0 else first_wrong_digit(shipped_s, cert),
            "relative_error": float(rel),
            "ulps_from_correctly_rounded": ulps,
            "correctly_rounded_float64": ulps == 0,
            "in_certified_enclosure": float(enc.lo) <= float(shipped) <= float(enc.hi),
            "enclosure": [enc.lo, enc.hi],
        }


def newest_constants(path: str) -> dict:
    """Shipped constants of a release given as a wheel, an unpacked tree or a constants.py.

    The module is plain ``math`` arithmetic; it is executed in an empty namespace.
    """
    p = Path(path)
    version = None
    if p.suffix == ".whl":
        with zipfile.ZipFile(p) as z:
            src = z.read("watkins_nn/constants.py").decode()
            init = z.read("watkins_nn/__init__.py").decode()
    else:
        base = p if p.is_dir() else p.parent
        src = (p if p.is_file() else base / "watkins_nn" / "constants.py").read_text()
        init_path = base / "__init__.py"
        init = init_path.read_text() if init_path.exists() else ""
    for line in io.StringIO(init):
        if line.startswith("__version__"):
            version = line.split("=", 1)[1].strip().strip("\"'")
    ns: dict = {"__name__": "watkins_nn_constants_audited"}
    exec(compile(src, f"{path}:watkins_nn/constants.py", "exec"), ns)  # noqa: S102
    return {
        "version": version,
        "source": p.name,
        "constants": {n: compare_constant(n, ns[n]) for n in CONSTANTS if n in ns},
    }
