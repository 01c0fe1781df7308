"""What surrounds a commitment's value: clauses, clock spans, alternatives, conditions.

Applied on folded text (see :mod:`.commitments`): opening hours and clock spans are blanked
before extraction, two delays joined by ``ou``/``or`` become one range after it, and each
condition or exception (``sauf rupture``, ``unless approved``) is recorded on the commitment
it qualifies.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from . import _lexicon as lx

if TYPE_CHECKING:
    from .commitments import Commitment

__all__ = ["clause_bounds", "mask_clock_spans", "merge_alternatives", "attach_conditions"]

_CONDITION = re.compile(lx.CONDITION)
_CLAUSE = re.compile(r"[;!?\n|•()]+|\.(?!\d)|,(?!\d)|\s/\s|\s-\s(?!\d)|\s\+\s")
_OPENING_HOURS = re.compile(lx.OPENING_HOURS)
_CLOCK_SPAN = re.compile(lx.CLOCK_SPAN)
_OPEN_BEFORE = re.compile(r"(?:open|opened|ouverts?|joignables?|reachable|de|from)\s*$")


def mask_clock_spans(folded: str) -> str:
    """Blank opening hours (``24h/24``, ``7j/7``) and spans of clock times (``de 9h à 18h``,
    ``8am-6pm``, ``open 9-5``): they are not commitments."""
    folded = _OPENING_HOURS.sub(lambda m: " " * len(m.group()), folded)
    return _CLOCK_SPAN.sub(
        lambda m: " " * len(m.group()) if _is_span(folded, m) else m.group(), folded
    )


def _is_span(folded: str, m: re.Match[str]) -> bool:
    a, b = int(m.group("a")), int(m.group("b"))
    units = (m.group("ua") or "") + (m.group("ub") or "")
    if a > 24 or b > 24:
        return False
    if "am" in units or "pm" in units:
        return True
    opened = bool(_OPEN_BEFORE.search(folded, max(0, m.start() - 12), m.start()))
    if not units:
        return opened and a >= 6
    return a >= 6 and b > a and (b >= 12 or opened)


def clause_bounds(folded: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in _CLAUSE.finditer(folded):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(folded)))
    return bounds


_ALTERNATIVE = re.compile(r"\s*(?:ou|or|a|to|voire|-|–|/)\s*(?:(?:le|la|the|l')\s*)?$")


def merge_alternatives(text: str, folded: str, found: list[Commitment]) -> list[Commitment]:
    """Two delays joined by ``ou``/``or``/``à``/``-`` are one range (``le jour même ou le
    lendemain`` = 12 to 24 h, bound ``max``)."""
    out: list[Commitment] = []
    for c in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == c.kind == "delay"
            and prev.value is not None
            and c.value is not None
            and not (prev.negated or c.negated)
            and _ALTERNATIVE.match(folded[prev.end : c.start])
        ):
            low, high = sorted((prev.low or prev.value, c.value))
            subject = prev.subject if prev.subject != "other" else c.subject
            out[-1] = replace(
                prev,
                subject=subject,
                value=high,
                low=low,
                bound="max",
                end=c.end,
                text_span=text[prev.start : c.end].strip(),
                business_days=prev.business_days or c.business_days,
            )
            continue
        out.append(c)
    return out


def attach_conditions(text: str, folded: str, found: list[Commitment]) -> list[Commitment]:
    """Each condition or exception goes to the commitment it follows in its clause (else the
    first one after it there); in a clause of its own, to the commitment just before it
    unless that one has a condition already, else to the one just after."""
    if not found:
        return found
    out = list(found)
    clauses = clause_bounds(folded)
    for m in _CONDITION.finditer(folded):
        clause = next(c for c in clauses if c[0] <= m.start() <= c[1])
        wording = text[m.start() : clause[1]].strip(" .,;:!?-()+")
        before = [i for i, c in enumerate(out) if c.start < m.start()]
        after = [i for i, c in enumerate(out) if c.start >= m.start()]
        inside = [i for i in before if out[i].start >= clause[0]]
        inside_after = [i for i in after if out[i].start <= clause[1]]
        if inside or inside_after:
            chosen = inside[-1] if inside else inside_after[0]
        elif before and out[before[-1]].condition is None:
            chosen = before[-1]
        elif after:
            chosen = after[0]
        else:
            continue
        if out[chosen].condition is None:
            out[chosen] = replace(out[chosen], condition=wording)
    return out
