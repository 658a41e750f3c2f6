"""Claims W1-W13: seeds/000_ef4d9baed297fce1.txt (the watkins-nn package, 0.1.1, on PyPI)."""
from __future__ import annotations

from .model import Claim, Evidence

CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="W1",
        published='PHI = (1+sqrt 5)/2 = 1.618033988..., and phi^2 = phi + 1',
        verdict="proved",
        reading=("phi = (1 + sqrt 5)/2 satisfies phi^2 = phi + 1, and 1.618033988749894 <= phi <= "
                 "1.618033988749895; the printed 1.618033988... is a correct truncation"),
        evidence=Evidence(
            coq=("PhiBasics.phi_sq_eq_phi_add_one", "Enclosures.phi_enclosure"),
            checks=("pynum-check:PHI",),
        ),
    ),
    Claim(
        id="W2",
        published='T* = phi/ln(2 phi) = 1.3778018314733997...',
        verdict="proved",
        reading=("T* = phi/ln(2 phi) lies in [1.37780183147339976861679026081, "
                 "1.37780183147339976861679026082]; all 17 printed significant digits 1.3778018314733997 "
                 "are correct, but as a truncation: rounded to 17 digits the value is 1.3778018314733998 "
                 "(the printed string is the float64 repr of T*, whose next digits are ...99768)"),
        evidence=Evidence(
            coq=("Enclosures.Tstar_enclosure", "Enclosures.Tstar_enclosure_30_digits"),
            checks=("pynum-check:T_STAR",),
            numbers={"T*": "1.377801831473399768616790260815946966651"},
        ),
    ),
    Claim(
        id="W3",
        published='T*_3 = phi/ln(3 phi) = 1.024186157... (3-simplex temperature)',
        verdict="proved",
        reading=("T*_3 = phi/ln(3 phi) lies in [1.024186157617269, 1.024186157617270]; the printed "
                 "1.024186157... is a correct truncation (value 1.02418615761726959...). Whether it is "
                 "the 3-simplex temperature is claim W7's law, settled in WatkinsFreeEnergy"),
        evidence=Evidence(
            coq=("Enclosures.Tstar3_enclosure",),
            checks=("pynum-check:T_STAR3",),
            numbers={"T*_3": "1.024186157617269590715608027964026470142"},
        ),
    ),
    Claim(
        id="W4",
        published='lambda* = 1/phi = 0.618033988...',
        verdict="proved",
        reading="1/phi = phi - 1 and 0.6180339887498948 <= 1/phi <= 0.6180339887498949; 0.618033988... is a correct truncation",
        evidence=Evidence(
            coq=("PhiBasics.inv_phi_eq_phi_sub_one", "Enclosures.lambda_star_enclosure"),
            checks=("pynum-check:LAM_STAR",),
        ),
    ),
    Claim(
        id="W5",
        published="m(phi) = 4.210414... (global convergence modulus; the package's constants module defines it as the minimum over lambda in (0,1) of g(lambda) = (1/2)[1/lambda^2 + T*(1/lambda + 1/(1-lambda))])",
        verdict="open",
    ),
    Claim(
        id="W6",
        published='tau = 1/m(phi) = 0.237506... is the optimal step size',
        verdict="open",
    ),
    Claim(
        id="W7",
        published='T* is the unique temperature at which F(p) = -ln(lambda) + T*H(p) has its global minimum on the probability simplex at the golden equilibrium lambda* = 1/phi (p = (lambda, kappa, eta), H the Shannon entropy)',
        verdict="open",
    ),
    Claim(
        id="W8",
        published='For any starting point on the open simplex, the natural gradient flow converges globally and exponentially to lambda* with rate m(phi); tau = 1/m(phi) is the optimal step',
        verdict="open",
    ),
    Claim(
        id="W9",
        published='The quickstart (WatkinsSimplex(dim=3) with watkins_free_energy and watkins_step, 30 steps) drives the distribution toward the golden equilibrium',
        verdict="open",
    ),
    Claim(
        id="W10",
        published='The conservation law lambda + kappa + eta = 1 is enforced at every step',
        verdict="open",
    ),
    Claim(
        id="W11",
        published="The constants as shipped in the package's releases (0.1.1 and the newest on PyPI) carry the values above",
        verdict="open",
    ),
    Claim(
        id="W12",
        published='GoldenAdam "automatically uses the golden learning rate tau = 1/m(phi) for simplex-like parameters" (and leaves other parameters on Adam\'s rate)',
        verdict="open",
    ),
    Claim(
        id="W13",
        published='VirelaiXLayer(input_dim, simplex_dim=3) "decomposes input into simplex-weighted chunks" and returns (weights, gated_output) for any input_dim',
        verdict="open",
    ),
)
