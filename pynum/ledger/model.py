"""The shape of a claims-ledger entry (the schema of ``pynum/ledger/*.toml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

VERDICTS = ("proved", "refuted", "reproduced", "not-reproduced", "not-checkable", "open")

CLAIM_ID = re.compile(r"^[A-Z][0-9]+$")
NUMBER_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
# ``{key}`` in a reading or correction is replaced by the claim's number ``key`` when shown.
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
# A quote of the claim's seed text, in a reading, correction, finding or objection: "..." (single
# quotes are paraphrase). Quotes are checked verbatim against the seed by the tests.
SEED_QUOTE = re.compile(r'"([^"]+)"')


class LedgerError(ValueError):
    """The ledger data is inconsistent; the message names the file, the claim and the field."""


@dataclass(frozen=True)
class Number:
    """A number the ledger quotes, never typed: it is computed or read when shown.

    Exactly one source is set:

    expr:      an expression in the registry's language (``+ - * / ^``, integers, ``sqrt``,
               ``ln``, the Coq names of registered constants such as ``phi``, ``Tstar``,
               ``tau_global``), evaluated by mpmath and shown to ``digits`` significant digits,
               correctly rounded;
    enclosure: ``NAME`` or ``NAME:i``, the registry constant's i-th certified enclosure (default
               0), shown as ``[lo, hi]``;
    record:    ``path#/json/pointer`` into a committed record listed in the claim's records,
               shown with the Python format spec ``format`` (a list is shown item by item); or
               several pointers (``;``-separated, each may hold ``*`` steps covering every item
               or field there) combined by ``reduce`` (``max``, ``min``, ``mean``, ``spread``,
               ``std`` (sample), ``max_abs``): the expression over the record fields the sentence summarises;
               ``scale``, an expression, multiplies each value read (a change of unit or of
               normalisation stated in the label);
    text:      a formula in words (no digits of a derived quantity; the ledger's lint enforces it).

    ``label`` says what the number is; ``key`` is how readings refer to it, as ``{key}``.
    """

    key: str
    label: str
    expr: str = ""
    enclosure: str = ""
    record: str = ""
    text: str = ""
    digits: int = 16
    format: str = ""
    reduce: str = ""
    scale: str = ""

    @property
    def records(self) -> tuple[str, ...]:
        """The record pointers of a record number (``record`` split at ``;``)."""
        return tuple(r.strip() for r in self.record.split(";") if r.strip())

    @property
    def kind(self) -> str:
        return next(k for k in ("expr", "enclosure", "record", "text") if getattr(self, k))

    @property
    def source(self) -> str:
        """Where the value comes from, as written in the data."""
        return getattr(self, self.kind)


@dataclass(frozen=True)
class Evidence:
    """What backs a verdict.

    coq:     Coq theorems as ``File.name`` (logical path ``Phi.File.name``), all audited by
             ``make prove`` and pinned in ``statements.lock.json``.
    lean:    Lean twins as ``(Lean name, Coq twin File.name)`` pairs (checked only by ``lake``).
    checks:  check IDs: ``pynum-check:NAME`` (the numeric cross-check of a registered constant)
             or a ``torchcheck`` check; a check's claims are derived from this field.
    records: committed JSON result files (paths relative to the repository root).
    numbers: the quoted numbers, by key (see ``Number``).
    """

    coq: tuple[str, ...] = ()
    lean: tuple[tuple[str, str], ...] = ()
    checks: tuple[str, ...] = ()
    records: tuple[str, ...] = ()
    numbers: dict[str, Number] = field(default_factory=dict)


# How the reading judged relates to the published words: the words themselves, a reduction
# (narrower), an extension (wider), or a precise choice among readings of a loose word (precision).
SCOPES = ("as-published", "narrower", "wider", "precision")
# A finding that names its reading says "Read ..." or "reading".
READ_WORD = re.compile(r"\b(read|reading)\b", re.I)


@dataclass(frozen=True)
class Objection:
    """The strongest objection a reader who wants the published claim true would raise against
    the verdict, and the answer. For a favourable verdict (proved, reproduced) it is the strongest
    objection that the verdict grants more than was shown.

    raised:     the objection (a fairer reading, a missing case, a number, a measurement that
                could have gone the other way, a later release);
    answer:     the reply, quoting what settles it;
    decided_by: what settles it: Coq theorems ``File.name``, record pointers
                ``results/X.json#/pointer``, or seed quotes written ``"..."`` (checked verbatim
                against the claim's seed text by the tests).
    """

    raised: str
    answer: str
    decided_by: tuple[str, ...]


@dataclass(frozen=True)
class Claim:
    """One claim with its verdict.

    ``published`` is the claim as its source printed it; ``reading`` the precise statement that
    was proved, refuted or measured; ``correction`` the nearest true statement (and its theorem)
    when the claim is refuted as published. ``summary`` is the claim in a few words and
    ``finding`` the verdict's one-sentence explanation (the report's first screen). ``inputs`` lists numerals that readings may write
    literally because they are given, not derived (settings, sizes, seeds, versions, numbers
    the source states). ``objection`` is the strongest objection to the verdict and its answer.
    ``scope`` says whether the reading judged is the published words (``as-published``) or
    narrower or wider than them or a precise choice among their senses; when it is not, the
    finding, on the report's first screen, says so ("Read as ..." or "reading").
    """

    id: str
    published: str
    verdict: str
    reading: str = ""
    evidence: Evidence = field(default_factory=Evidence)
    correction: str = ""
    source: str = ""
    inputs: tuple[str, ...] = ()
    summary: str = ""
    finding: str = ""
    objection: Objection | None = None
    scope: str = "as-published"

    def __post_init__(self) -> None:
        if not CLAIM_ID.match(self.id):
            raise LedgerError(f"claim id {self.id!r} is not a letter followed by digits")
        if self.verdict not in VERDICTS:
            raise LedgerError(f"{self.id}: verdict {self.verdict!r} not in {VERDICTS}")
        if self.verdict in ("proved", "refuted") and not self.evidence.coq:
            raise LedgerError(f"{self.id}: a {self.verdict} claim needs a Coq theorem")
        if self.verdict in ("reproduced", "not-reproduced") and not self.evidence.records:
            raise LedgerError(f"{self.id}: an empirical verdict needs a committed result record")
        if self.verdict == "refuted" and not self.correction:
            raise LedgerError(f"{self.id}: a refuted claim names the nearest true statement")
        if self.verdict != "open" and not (self.reading and self.summary and self.finding):
            raise LedgerError(f"{self.id}: a verdict needs a precise reading, a summary and a finding")
        if self.scope not in SCOPES:
            raise LedgerError(f"{self.id}: scope {self.scope!r} not in {SCOPES}")
        if self.scope != "as-published" and not READ_WORD.search(self.finding):
            raise LedgerError(
                f"{self.id}: the verdict rests on a reading {self.scope} than the published words; "
                f"the finding must say so (name the reading)"
            )


@dataclass(frozen=True)
class Source:
    """A source document: its seed file (the copy the tests quote from, outside the repository),
    a title, how a reader finds it publicly (``reference``), and the data file holding its claims."""

    key: str
    seed: str
    title: str
    data: str
    reference: str = ""
    claims: tuple[Claim, ...] = ()
