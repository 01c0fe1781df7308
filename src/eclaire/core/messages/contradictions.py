"""Contradictions between units: incompatible commitments on the same subject.

A respondent's commitment on ``(kind, subject)`` is the first one they state, reading their
key messages in column order. ``subject = other`` and ``kind = percent`` stay out (too vague to
compare), except the availability rate (% of items in stock). A stated value is the normalized value (hours, EUR, %, pieces, months); a negated
discount or warranty without a value, and a discount of 0 %, are the value ``none``; other
negated values (``jamais 24h``) state no commitment and do not count.

A unit's commitment on a subject is the modal value among its members who state one (ties go
to the smaller value), with ``n_stating`` (members stating a value) and ``n_modal`` (members
stating the modal one). It enters only if the unit has at least ``k`` respondents and at least
``k`` members state a value on the subject (:func:`eclaire.core.privacy.messages.side_shown`:
a value stated by 2 people of a unit of 5 would tell what those two wrote; ``MIN_STATING``, 2,
still applies when ``k`` is lower).

Two units' commitments ``a`` and ``b`` on the same kind and subject are incompatible when:

- ``none_vs_value``: one is ``none`` and the other a positive value (no discount / 15 %);
- ``delay_ratio``: delays with ``max(a, b) / min(a, b) ≥ 2`` (48 h / 5 working days);
- ``price_ratio``: prices with a ratio ≥ 1.15 ($49 and $59 a month); ``quantity_ratio``: quantities, ratio ≥ 1.5;
- ``discount_gap``: discounts differing by 5 points or more, unless one is an exact rate at or
  under the other's maximum (10 % given, 15 % allowed);
- ``warranty_differs``: any two different warranty lengths;
- ``percent_gap``: availability rates differing by 5 points or more (98 % and 90 %).

A delay stated as an unqualified lead time ("lead time 3 weeks", "délai 5 jours": the
extraction reads it as delivery, :attr:`.Commitment.unqualified`) takes the qualifier the unit
gives its lead times (:func:`resolve_lead_times`): production when more of the unit's members
state a production delay (``production lead time``, ``délai de fabrication``, ``manufacturing``,
``we produce``) than a delivery delay named as such (``livraison``, ``delivery``, ``ship``).
A production unit's "lead time 3 weeks" is then not compared with a sales unit's "delivery
within a week".

A side whose modal value comes with a condition or exception (``pas de remise sans
validation``, ``48 h sauf rupture``, ``unless approved``: stated by at least one member who
states the modal value) is compatible with a larger value on the other side, which the
condition allows: "no discount without approval" and "15 % at most" agree; "48 h" and
"5 working days" still contradict each other, as does a conditioned larger value against a
plain smaller one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eclaire.core.privacy.messages import side_shown

from .commitments import Commitment

__all__ = [
    "UnitCommitment",
    "respondent_commitments",
    "resolve_lead_times",
    "unit_commitments",
    "incompatibility",
    "find_contradictions",
    "side_entry",
    "value_key",
    "MIN_STATING",
]

MIN_STATING = 2
NONE = "none"
_RATIO = {"delay": 2.0, "price": 1.15, "quantity": 1.5}
DISCOUNT_GAP = 5.0


@dataclass(frozen=True)
class UnitCommitment:
    unit_id: str
    kind: str
    subject: str
    value: float | None  # None = "none" (no discount, no warranty)
    unit: str | None
    bound: str
    n_stating: int
    n_modal: int
    n: int
    condition: str | None = None  # the modal value's most stated condition, if any


def value_key(c: Commitment) -> float | str | None:
    if c.negated:
        return NONE if c.value is None and c.kind in ("discount", "warranty") else None
    if c.value is None:
        return None
    if c.kind == "discount" and c.value == 0:
        return NONE
    return c.value


def respondent_commitments(
    per_column: Sequence[Sequence[Commitment]],
) -> dict[tuple[str, str], Commitment]:
    """``(kind, subject) → first commitment`` of one respondent over their statements."""
    out: dict[tuple[str, str], Commitment] = {}
    for commitments in per_column:
        for c in commitments:
            vague = c.kind == "percent" and c.subject != "availability"
            if c.subject == "other" or vague or value_key(c) is None:
                continue
            out.setdefault((c.kind, c.subject), c)
    return out


DELIVERY = ("delay", "delivery")
PRODUCTION = ("delay", "production")


def resolve_lead_times(
    respondents: Sequence[Mapping[tuple[str, str], Commitment]],
) -> list[dict[tuple[str, str], Commitment]]:
    """The respondents of one unit, an unqualified lead time moved to production when the unit
    qualifies its lead times as production (see the module docstring).

    Only the key changes (the commitment keeps what was extracted); a respondent who also states
    a production delay keeps that one as their production commitment.
    """
    production = sum(PRODUCTION in found for found in respondents)
    delivery = sum(DELIVERY in found and not found[DELIVERY].unqualified for found in respondents)
    out = [dict(found) for found in respondents]
    if production <= delivery:
        return out
    for found in out:
        stated = found.get(DELIVERY)
        if stated is not None and stated.unqualified:
            del found[DELIVERY]
            found.setdefault(PRODUCTION, stated)
    return out


def _sort_key(value: float | str) -> tuple[int, float]:
    return (0, 0.0) if value == NONE else (1, float(value))


def unit_commitments(
    unit_id: str, respondents: Sequence[Mapping[tuple[str, str], Commitment]], n: int, k: int
) -> list[UnitCommitment]:
    """Modal commitment of a unit on each (kind, subject) that enough members state."""
    if n < k:
        return []
    by_key: dict[tuple[str, str], list[Commitment]] = {}
    for found in respondents:
        for key, c in found.items():
            by_key.setdefault(key, []).append(c)
    out = []
    for (kind, subject), items in sorted(by_key.items()):
        if len(items) < MIN_STATING:
            continue
        counts = Counter(value_key(c) for c in items)
        modal, n_modal = min(counts.items(), key=lambda kv: (-kv[1], _sort_key(kv[0])))  # type: ignore[arg-type]
        if not side_shown(len(items), k):
            continue  # fewer than k people behind this side: it is not shown at all
        same = [c for c in items if value_key(c) == modal]
        bound = Counter(c.bound for c in same).most_common(1)[0][0]
        value = None if modal == NONE else float(modal)  # type: ignore[arg-type]
        conditions = Counter(c.condition for c in same if c.condition)
        condition = conditions.most_common(1)[0][0] if conditions else None
        out.append(
            UnitCommitment(
                unit_id,
                kind,
                subject,
                value,
                same[0].unit,
                bound,
                len(items),
                n_modal,
                n,
                condition,
            )
        )
    return out


def incompatibility(a: UnitCommitment, b: UnitCommitment) -> str | None:
    """The rule that makes ``a`` and ``b`` incompatible, or None when they agree."""
    if (a.kind, a.subject) != (b.kind, b.subject):
        raise ValueError("only commitments of the same kind and subject can be compared")
    rule = _value_rule(a, b)
    if rule is None:
        return None
    smaller = a if _sort_key(_key(a)) < _sort_key(_key(b)) else b
    return None if smaller.condition else rule


def _key(c: UnitCommitment) -> float | str:
    return NONE if c.value is None else c.value


def _value_rule(a: UnitCommitment, b: UnitCommitment) -> str | None:
    if a.value is None or b.value is None:
        other = b.value if a.value is None else a.value
        return "none_vs_value" if other is not None and other > 0 else None
    low, high = sorted((a.value, b.value))
    if a.kind in _RATIO:
        if low <= 0:
            return f"{a.kind}_ratio" if high > 0 else None
        return f"{a.kind}_ratio" if high / low >= _RATIO[a.kind] else None
    if a.kind == "percent":  # stock availability, in % of items
        return "percent_gap" if high - low >= DISCOUNT_GAP else None
    if a.kind == "discount":
        if high - low < DISCOUNT_GAP:
            return None
        lower = a if a.value == low else b
        upper = b if lower is a else a
        within = lower.bound == "exact" and upper.bound == "max"
        return None if within else "discount_gap"
    if a.kind == "warranty":
        return "warranty_differs" if abs(high - low) > 1e-9 else None
    return None


def find_contradictions(
    per_unit: Mapping[str, Sequence[UnitCommitment]],
) -> list[tuple[UnitCommitment, UnitCommitment, str]]:
    """Every incompatible pair, units in the given order, then kind and subject."""
    units = [u for u in per_unit if per_unit[u]]
    by_key = {u: {(c.kind, c.subject): c for c in per_unit[u]} for u in units}
    out: list[tuple[UnitCommitment, UnitCommitment, str]] = []
    for i, u in enumerate(units):
        for v in units[i + 1 :]:
            theirs = by_key[v]
            for mine in per_unit[u]:
                other = theirs.get((mine.kind, mine.subject))
                rule = incompatibility(mine, other) if other is not None else None
                if other is not None and rule:
                    out.append((mine, other, rule))
    return out


def side_entry(c: UnitCommitment) -> dict[str, Any]:
    """One side of a contradiction as the result writes it (examples added by the caller)."""
    return {
        "unit_id": c.unit_id,
        "value": c.value,
        "unit": c.unit,
        "none": c.value is None,
        "bound": c.bound,
        "n_stating": c.n_stating,
        "n_modal": c.n_modal,
        "n": c.n,
        "condition": c.condition,
    }
