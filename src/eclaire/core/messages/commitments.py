"""Concrete commitments in free text: delays, prices, discounts, quantities, warranties.

Rules and small lexicons (``_lexicon``) on *folded* text (lower case, accents removed, one
character for one, so every match maps back to the original words), French and English in
the same pass (a statement may mix both). Each commitment is a :class:`Commitment`:

- ``kind``: ``delay`` (value in hours), ``price`` (``EUR`` or ``USD``; ``k`` = ×1,000),
  ``discount`` (``%`` or ``EUR``), ``percent`` (``%``), ``quantity`` (``pcs``, ``pallet``,
  ``box``, or ``EUR`` for an order value), ``warranty`` (``months``: a year = 12);
- ``subject``: one of :data:`SUBJECTS`, from the cue word nearest to the value inside the
  same clause, a longer cue winning over one it contains (``production lead time`` →
  production, ``lead time`` → delivery, ``délai de réponse`` → response);
- ``bound``: ``max`` (``sous``, ``max``, ``jusqu'à``, ``within``, ``up to``, a range
  ``48-72h`` or alternatives ``le jour même ou le lendemain`` whose upper end is the value and
  lower end ``low``), ``min`` (``au moins``, ``minimum``, ``MOQ``, ``at least``) or ``exact``;
  a negation flips a cue (``pas plus de 10 %`` → max 10, ``pas moins de 5 jours`` → min);
- ``negated``: a negation with no bound cue (``jamais 24h``, ``pas de remise``,
  ``no discount``, ``aucune garantie``; the last three carry no value);
- ``condition``: the condition or exception as written (``sans validation``, ``sauf
  rupture``, ``unless approved``, ``if ordered before 2pm``), see :mod:`.qualifiers`.

Delays are calendar hours: 1 day = 24 h, 1 week = 168 h, 1 month = 720 h; a business day
counts 1.4 calendar days (7 for 5), so ``5 jours ouvrés`` = 168 h with ``business_days``
true; business hours stay hours. Fixed forms: ``J+n`` = 24·n h, ``lendemain``/``next day`` =
24 h, ``jour même``/``same day`` = 12 h, ``surlendemain`` = 48 h, ``sous huitaine`` = 8 days,
``sous quinzaine`` = 15 days. Opening hours and clock spans (``24h/24``, ``7j/7``, ``de 9h à
18h``) are not delays and are skipped. Numbers are digits or words, hyphenated or not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from . import _lexicon as lx
from .embedders import fold
from .qualifiers import attach_conditions, clause_bounds, mask_clock_spans, merge_alternatives

__all__ = [
    "Commitment",
    "extract_commitments",
    "clear_extraction_cache",
    "KINDS",
    "SUBJECTS",
    "BOUNDS",
]

KINDS = ("delay", "price", "discount", "percent", "quantity", "warranty")
SUBJECTS = (
    "delivery",
    "production",
    "response",
    "resolution",
    "order_confirmation",
    "availability",
    "discount",
    "price",
    "warranty",
    "minimum_order",
    "other",
)
DELAY_SUBJECTS = (
    "delivery",
    "production",
    "response",
    "resolution",
    "order_confirmation",
    "availability",
)
BOUNDS = ("max", "min", "exact")


@dataclass(frozen=True)
class Commitment:
    """One normalized commitment; ``start``/``end`` index ``text_span`` in the statement."""

    kind: str
    subject: str
    value: float | None
    unit: str | None
    bound: str
    negated: bool
    text_span: str
    start: int
    end: int
    business_days: bool = False
    low: float | None = None
    condition: str | None = None
    unqualified: bool = False

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("start", "end", "unqualified"):
            out.pop(key)
        for key in ("low", "condition"):
            if out[key] is None:
                out.pop(key)
        return out


@dataclass
class _Hit:
    kind: str  # duration, fixed, percent, price, quantity
    start: int
    end: int
    value: float
    low: float | None = None
    unit: str | None = None
    sign: bool = False


_UNIT_GROUPS = "|".join(f"(?P<u{i}>{pat})" for i, (pat, _) in enumerate(lx.DURATION_UNITS))
_RANGE_SEP = r"\s*(?:-|/|a|to|ou|or|–)\s*"
# Every pattern starts at a word's first character: a quick rejection everywhere else.
_DURATION = re.compile(
    rf"(?<![a-z0-9])(?:(?:entre|between)\s+(?P<b1>{lx.NUM})\s*(?:et|and|&)\s*(?P<b2>{lx.NUM})"
    rf"|(?P<n1>{lx.NUM})(?:{_RANGE_SEP}(?P<n2>{lx.NUM}))?)\s*-?\s*(?:{_UNIT_GROUPS})(?!['’])"
)
_PERCENT = re.compile(
    rf"(?<![a-z0-9])(?P<sign>(?<![\w%])-\s?)?(?P<n1>{lx.NUM})(?:{_RANGE_SEP}(?P<n2>{lx.NUM}))?\s*"
    r"(?:%|(?:pour|pr|p)\s?cents?|pourcents?|per\s?cent|perecnt|percnet|pecrent|pct)(?![a-z])"
)
_PRICE = re.compile(
    rf"(?<![a-z0-9])(?P<n1>{lx.NUM})\s*(?P<k>k|m)?\s*(?P<cur>€|eur(?:os?)?|\$|usd|dollars?)(?![a-z])"
    rf"|(?P<cur2>€|\$)\s*(?P<n2>{lx.NUM})\s*(?P<k2>k)?(?![a-z])"
)
_QUNITS = "|".join(f"(?P<q{i}>{pat})" for i, (pat, _) in enumerate(lx.QUANTITY_UNITS))
_QUANTITY = re.compile(
    r"(?<![a-z0-9])(?:(?:(?P<cue>moq|minimum\s+de\s+commande|commande\s+mini(?:mum|male)?|min(?:imum)?\s+order"
    r"|order\s+minimum|mini(?:mum)?|min)|(?P<lot>lots?\s+de|batch(?:es)?\s+of|par))"
    r"\s*(?:de\s+|d'|of\s+|:\s*|=\s*)?)?"
    rf"(?P<n1>{lx.NUM})\s*(?:{_QUNITS})?(?![a-z0-9€%$])"
)
_J_PLUS = re.compile(lx.J_PLUS)
_FIXED = [(re.compile(p), hours, bound) for p, hours, bound in lx.FIXED_DELAYS]
_CUES = {s: re.compile(rf"(?<![a-z])(?:{p})(?![a-z])") for s, p in lx.SUBJECT_CUES.items()}
_AVAILABILITY = re.compile(r"/\d")
_PREFIX_CUE = re.compile(
    rf"(?:(?<![a-z'])(?P<neg>{lx.NEGATION})\s+(?P<gap>(?:[\w']+\s+){{0,4}}?))?"
    rf"(?<![a-z'])(?:(?P<max>{lx.MAX_CUES})|(?P<min>{lx.MIN_CUES}))\s*"
    rf"(?:(?:remises?|discounts?|rabais|order|commande)\s+)?{lx.FILLER}$"
)
_NO_FLIP = re.compile(rf"{lx.NO_FLIP}$")
_POST_NEGATION = re.compile(lx.POST_NEGATION)
_REFERENCE = re.compile(lx.REFERENCE)
_CLOCK = re.compile(lx.CLOCK)
_SUBJECT_WORD = r"(?:(?:de\s+|d')?(?:remises?|rabais|reduction|discount|off)\s+)?"
_TRAIL_MAX = re.compile(rf"^\s*{_SUBJECT_WORD}(?:{lx.TRAILING_MAX})(?![a-z])")
_TRAIL_MIN = re.compile(rf"^\s*{_SUBJECT_WORD}(?:{lx.TRAILING_MIN})(?![a-z])")
_NEG_BEFORE = re.compile(rf"(?<![a-z']){lx.NEGATION}(?![a-z])(?:\s+[\w']+){{0,4}}\s*$")
_DISC = lx.SUBJECT_CUES["discount"].replace(r"|off(?![a-z])", "")
_NEG_DISCOUNT = re.compile(
    rf"(?:(?<![a-z])(?:pas|jamais|aucune?|zero|0|sans|no|never|not\s+any|without)\s+"
    rf"(?:de\s+|d'|la\s+|les\s+|any\s+)?(?:[a-z]+\s+)?|(?<![a-z])(?:ne|n')\s*(?:[a-z]+\s+){{0,2}}"
    rf"(?:pas|jamais|plus)\s+(?:[a-z]+\s+){{0,3}}?(?:de\s+|d')?|(?<![a-z])(?:never|don't|dont|"
    rf"do\s+not|does\s+not|doesn't|won't)\s+(?:[a-z]+\s+){{0,2}}?)(?:{_DISC})(?![a-z])"
)
_NEG_WARRANTY = re.compile(
    r"(?<![a-z])(?:pas\s+de|jamais\s+de|aucune|sans|no|never\s+any|never\s+a|without|zero)\s+"
    r"(?:[a-z]+\s+)?"
    r"(?:garantie?s?|warrant\w*|guarantee\w*)(?![a-z])"
)


def _number(token: str) -> float:
    token = token.strip()
    if re.fullmatch(r"\d{1,3}(?:[ ,]\d{3})+", token):  # 1 290, 1,290
        return float(re.sub(r"[ ,]", "", token))
    if token[:1].isdigit():
        return float(token.replace(",", "."))
    if token in ("a", "an"):
        return 1.0
    return float(lx.NUMBER_WORDS[re.sub(r"\s+", " ", token)])


def _duration_hits(folded: str) -> Iterator[_Hit]:
    for m in _DURATION.finditer(folded):
        if _AVAILABILITY.match(folded, m.end()):
            continue
        unit = next(
            lx.DURATION_UNITS[i][1]
            for i in range(len(lx.DURATION_UNITS))
            if m.group(f"u{i}") is not None
        )
        hi, lo = (m.group("b2"), m.group("b1")) if m.group("b1") else (m.group("n2"), m.group("n1"))
        value = _number(hi or lo)
        if unit == "hour" and _is_clock(folded, m.start(), m.end(), value):
            continue
        low = _number(lo) if hi else None
        yield _Hit("duration", m.start(), m.end(), value, low, unit)
    for m in _J_PLUS.finditer(folded):
        yield _Hit("fixed", m.start(), m.end(), 24.0 * float(m.group(1)), None, "exact")
    for pattern, hours, bound in _FIXED:
        for m in pattern.finditer(folded):
            yield _Hit("fixed", m.start(), m.end(), hours, None, bound)


def _is_clock(folded: str, start: int, end: int, value: float) -> bool:
    """``14h30``, ``avant 14h``, ``à 16h``: a time of day, not a delay."""
    if value > 24 or value != int(value):
        return False
    if re.match(r"\d{2}(?!\d)", folded[end : end + 3]):
        return True
    return bool(_CLOCK.search(folded, max(0, start - 12), start))


def _other_hits(folded: str) -> Iterator[_Hit]:
    for m in _PERCENT.finditer(folded):
        hi, lo = m.group("n2"), m.group("n1")
        yield _Hit(
            "percent",
            m.start(),
            m.end(),
            _number(hi or lo),
            _number(lo) if hi else None,
            "%",
            sign=bool(m.group("sign")),
        )
    for m in _PRICE.finditer(folded):
        number = m.group("n1") or m.group("n2")
        mult = 1000.0 if (m.group("k") or m.group("k2")) == "k" else 1.0
        mult = 1e6 if m.group("k") == "m" else mult
        currency = m.group("cur") or m.group("cur2")
        money = "USD" if currency in ("$", "usd") or currency.startswith("dollar") else "EUR"
        yield _Hit("price", m.start(), m.end(), _number(number) * mult, None, money)
    for m in _QUANTITY.finditer(folded):
        unit = next(
            (
                lx.QUANTITY_UNITS[i][1]
                for i in range(len(lx.QUANTITY_UNITS))
                if m.group(f"q{i}") is not None
            ),
            None,
        )
        if unit is None and not (m.group("cue") or m.group("lot") not in (None, "par")):
            continue
        yield _Hit(
            "quantity",
            m.start(),
            m.end(),
            _number(m.group("n1")),
            None,
            unit or "pcs",
            sign=bool(m.group("cue")),
        )


_PRIORITY = {"duration": 0, "fixed": 0, "percent": 1, "price": 2, "quantity": 3}


def _select(hits: list[_Hit]) -> list[_Hit]:
    """Non-overlapping hits, the more specific kind first, then the longer match."""
    kept: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (_PRIORITY[h.kind], -(h.end - h.start), h.start)):
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


Cue = tuple[int, int, str]  # start, end, subject


def _cue_index(folded: str) -> list[Cue]:
    """Every subject cue of a text, minus those inside a longer cue of another subject."""
    found = [(m.start(), m.end(), s) for s, p in _CUES.items() for m in p.finditer(folded)]
    return [
        c
        for c in found
        if not any(o[0] <= c[0] and c[1] <= o[1] and o[1] - o[0] > c[1] - c[0] for o in found)
    ]


def _nearest_subject(
    folded: str, cues: list[Cue], clause: tuple[int, int], hit: _Hit, allowed: tuple[str, ...]
) -> str | None:
    """The allowed subject whose cue lies nearest the value in the clause (cues after cost 1.5×).

    A cue after ``après``/``after``/``of`` names a reference event and is skipped. With no cue
    in the clause, the nearest cue of the clauses before it serves (``livraison 72h, pas 48h``).
    """
    found = _nearest_cue(folded, cues, clause, hit, allowed)
    return found[2] if found else None


def _nearest_cue(
    folded: str, cues: list[Cue], clause: tuple[int, int], hit: _Hit, allowed: tuple[str, ...]
) -> Cue | None:
    """The cue :func:`_nearest_subject` reads the subject from."""
    best: tuple[float, Cue] | None = None
    for start, end, subject in cues:
        if subject not in allowed or start >= clause[1] or hit.start <= start < hit.end:
            continue
        reference = _REFERENCE.search(folded, max(0, start - 12), start)
        if reference and hit.kind in ("duration", "fixed"):
            continue
        gap = hit.start - end if end <= hit.start else 1.5 * (start - hit.end)
        gap += 1000.0 if start < clause[0] else 0.0
        if best is None or gap < best[0]:
            best = (gap, (start, end, subject))
    return best[1] if best else None


def _bound(folded: str, clause: tuple[int, int], hit: _Hit) -> tuple[str, bool]:
    """``(bound, negated)`` from the cues right before and right after the value."""
    if hit.low is not None:
        return "max", False
    if hit.kind == "fixed":
        return hit.unit or "exact", bool(_NEG_BEFORE.search(folded, clause[0], hit.start))
    prefix = folded[clause[0] : hit.start]
    m = _PREFIX_CUE.search(prefix)
    if m:
        negated = m.group("neg") is not None
        if m.group("min"):
            return ("max" if negated else "min"), False
        flips = negated and not (m.group("gap") and _NO_FLIP.match(m.group("max")))
        return ("min" if flips else "max"), False
    suffix = folded[hit.end : clause[1]]
    if not suffix.strip() and clause[1] < len(folded):  # "une semaine, pas plus"
        suffix = folded[clause[1] + 1 :]
    if _TRAIL_MAX.match(suffix):
        return "max", False
    if _TRAIL_MIN.match(suffix) or (hit.kind == "quantity" and hit.sign):
        return "min", False
    return "exact", bool(_NEG_BEFORE.search(prefix) or _POST_NEGATION.match(suffix))


Found = tuple[str, str, float, str, bool, bool]  # kind, subject, value, unit, business, unqualified
# "lead time", "délai" with no word saying of what: read as delivery in a statement, resolved
# against the other statements of the unit when contradictions are sought (.contradictions).
_UNQUALIFIED = re.compile(r"lead[\s-]?times?|delais?")
_PERCENT_SUBJECTS = ("discount", "availability", *DELAY_SUBJECTS[:-1], "price")


def _classify(folded: str, cues: list[Cue], clause: tuple[int, int], hit: _Hit) -> Found | None:
    """``(kind, subject, value, unit, business_days)`` of a hit, or None when it is no commitment."""
    if hit.kind in ("duration", "fixed"):
        return _classify_delay(folded, cues, clause, hit)
    if hit.kind == "percent":
        near = _nearest_subject(folded, cues, clause, hit, _PERCENT_SUBJECTS)
        if near == "discount" or (hit.sign and near is None):
            return "discount", "discount", hit.value, "%", False, False
        return "percent", near or "other", hit.value, "%", False, False
    if hit.kind == "price":
        allowed = ("delivery", "minimum_order", "discount", "price")
        near = _nearest_subject(folded, cues, clause, hit, allowed)
        if near == "minimum_order":
            return "quantity", "minimum_order", hit.value, str(hit.unit), False, False
        if near == "discount":
            return "discount", "discount", hit.value, str(hit.unit), False, False
        return "price", near or "price", hit.value, str(hit.unit), False, False
    return "quantity", "minimum_order", hit.value, str(hit.unit), False, False


def _classify_delay(
    folded: str, cues: list[Cue], clause: tuple[int, int], hit: _Hit
) -> Found | None:
    unit = hit.unit if hit.kind == "duration" else "hour"
    hours = hit.value if hit.kind == "fixed" else hit.value * lx.HOURS_PER[str(unit)]
    cue = _nearest_cue(folded, cues, clause, hit, DELAY_SUBJECTS)
    timely = cue[2] if cue else None
    long_unit = unit in ("month", "year")
    warranty = _CUES["warranty"].search(folded, 0 if long_unit else clause[0], clause[1])
    if warranty and (long_unit or (timely is None and unit in ("day", "week", "bday"))):
        return "warranty", "warranty", hit.value * lx.MONTHS_PER[str(unit)], "months", False, False
    bounded = _PREFIX_CUE.search(folded, clause[0], hit.start)
    if long_unit and timely is None and not (bounded and bounded.group("max")):
        return None  # "prix ferme 12 mois": a period, not a delay; "sous 1 mois" is one
    unqualified = cue is not None and bool(_UNQUALIFIED.fullmatch(folded[cue[0] : cue[1]]))
    return "delay", timely or "other", hours, "h", unit == "bday", unqualified


def _low_value(hit: _Hit, kind: str, value: float) -> float | None:
    if hit.low is None:
        return None
    return round(hit.low * (value / hit.value), 4) if hit.value else hit.low


def _numeric(text: str, folded: str, cues: list[Cue]) -> list[Commitment]:
    out: list[Commitment] = []
    clauses = clause_bounds(folded)
    for hit in _select([*_duration_hits(folded), *_other_hits(folded)]):
        clause = next(c for c in clauses if c[0] <= hit.start <= c[1])
        found = _classify(folded, cues, clause, hit)
        if found is None:
            continue
        kind, subject, value, unit, business, unqualified = found
        bound, negated = _bound(folded, clause, hit)
        if subject == "minimum_order" and unit == "EUR" and bound == "exact":
            bound = "min"  # an order value is a floor, however it is worded
        out.append(
            Commitment(
                kind,
                subject,
                round(value, 4),
                unit,
                bound,
                negated,
                text[hit.start : hit.end].strip(),
                hit.start,
                hit.end,
                business,
                _low_value(hit, kind, value),
                unqualified=unqualified,
            )
        )
    return merge_alternatives(text, folded, out)


def _negations(text: str, folded: str, numeric: list[Commitment]) -> list[Commitment]:
    """Value-free negations (``pas de remise``), unless the clause states a value of that kind."""
    out: list[Commitment] = []
    clauses = clause_bounds(folded)
    for pattern, kind in ((_NEG_DISCOUNT, "discount"), (_NEG_WARRANTY, "warranty")):
        for m in pattern.finditer(folded):
            clause = next(c for c in clauses if c[0] <= m.start() <= c[1])
            if any(c.kind == kind and clause[0] <= c.start <= clause[1] for c in numeric):
                continue
            if any(not (m.end() <= c.start or m.start() >= c.end) for c in out):
                continue
            out.append(
                Commitment(
                    kind,
                    kind,
                    None,
                    None,
                    "exact",
                    True,
                    text[m.start() : m.end()].strip(),
                    m.start(),
                    m.end(),
                )
            )
    return out


def extract_commitments(text: str) -> list[Commitment]:
    """Every commitment of one statement, in reading order (French and English together).

    Cached per distinct text (survey answers repeat: "48h", "pas de remise").
    """
    if text is None:
        return []
    if not isinstance(text, str):
        raise ValueError(f"text must be a string, got {type(text).__name__}")
    return list(_extract(text))


def clear_extraction_cache() -> None:
    """Forget the cached extractions (benchmarks measure the uncached cost)."""
    _extract.cache_clear()


@lru_cache(maxsize=1 << 16)
def _extract(text: str) -> tuple[Commitment, ...]:
    folded = fold(text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " "))
    folded = mask_clock_spans(folded)
    numeric = _numeric(text, folded, _cue_index(folded))
    found = sorted(numeric + _negations(text, folded, numeric), key=lambda c: c.start)
    return tuple(attach_conditions(text, folded, found))
