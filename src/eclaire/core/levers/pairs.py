"""Patterns between two units (mediation), and how firing pairs gather into one conversation.

Only peer links count: an entry where one unit lies above the other (a team rating its own
department, the whole organization rating a team) describes a line relationship, which the
manager rules read; mediation is for units that work side by side.

Every pattern returns :class:`~.calibration.Finding` s (its test on every peer link it reads);
:func:`consolidate_pairs` orders the pairs that fire and drops a pair of roll-ups covered by a
pair of units inside them.
"""

from __future__ import annotations

import math
import weakref
from typing import Any

import numpy as np

from eclaire.core.levers.calibration import Finding
from eclaire.core.levers.rules import Rule
from eclaire.core.result.view import Figure, ResultView, Signal, standard_error
from eclaire.core.stats.summary_tests import t_below
from eclaire.core.stats.summary_tests import welch_below as welch_t_below

__all__ = [
    "consolidate_pairs",
    "interface_asymmetry",
    "interface_mutual_item",
    "interface_weak",
    "message_contradiction",
]


_PEERS: weakref.WeakKeyDictionary[ResultView, list[Any]] = weakref.WeakKeyDictionary()
"""The peer links of each view, listed once for the three interface rules."""


def _peer_entries(view: ResultView) -> list[Any]:
    """Shown links between peers rated by the direct respondents of ``from`` (``rollup``
    false): a roll-up's rating mixes its teams' and would test the same people twice."""
    found = _PEERS.get(view)
    if found is None:
        found = _PEERS[view] = [
            e
            for e in view.shown_interfaces()
            if not e.get("rollup") and not view.related(e["from"], e["to"])
        ]
    return found


def _interface_figure(entry: Any, measure: str, value: float, ci: Any, threshold: float) -> Figure:
    return Figure(
        measure,
        value,
        n=entry.get("n"),
        ci95=tuple(ci) if ci else None,
        threshold=threshold,
        unit_id=entry["from"],
        other_unit_id=entry["to"],
        detail=(("rollup", entry.get("rollup")),),
    )


def _pair_finding(
    rule: Rule,
    entry: Any,
    figures: tuple[Figure, ...],
    margin: float | None,
    p: float | None,
    clears: bool,
    units: tuple[str, str] | None = None,
) -> Finding:
    signal = Signal(
        rule.id, rule.target, units or (entry["from"], entry["to"]), figures, margin, False
    )
    return Finding(signal, p, clears)


def interface_weak(view: ResultView, rule: Rule) -> list[Finding]:
    """A one-sample t test of "``from`` rates ``to`` at ``max_score`` or above", on every
    shown peer link. Floor: the rating itself under ``max_score``."""
    limit = rule.thresholds["max_score"]
    tested, scores, sds, ns = [], [], [], []
    for entry in _peer_entries(view):
        ci, sd = entry.get("ci95"), entry.get("sd")
        se = standard_error(ci)
        if se is not None and sd is not None:
            tested.append((entry, ci, se))
            scores.append(entry["score"])
            sds.append(sd)
            ns.append(entry["n"])
    # one vectorized t test for every link (the same p-values, value by value)
    p_values = np.atleast_1d(t_below(scores, sds, ns, limit)).tolist()
    out = []
    for (entry, ci, se), score, p in zip(tested, scores, p_values, strict=True):
        figure = _interface_figure(entry, "interface_score", score, ci, limit)
        out.append(_pair_finding(rule, entry, (figure,), (limit - score) / se, p, score < limit))
    return out


def interface_asymmetry(view: ResultView, rule: Rule) -> list[Finding]:
    """Welch's t test (Welch, 1947) of "``from`` rates ``to`` at least as well as ``to`` rates
    ``from``", from the two entries' means, sd and n, read on the side that rates lower
    (negative asymmetry), so each pair is tested once. Floor: ``|asymmetry| ≥ min_asymmetry``."""
    limit = rule.thresholds["min_asymmetry"]
    entries = {(e["from"], e["to"]): e for e in _peer_entries(view)}
    out = []
    for (a, b), entry in entries.items():
        value, ci, back = entry.get("asymmetry"), entry.get("asymmetry_ci95"), entries.get((b, a))
        se = standard_error(ci)
        if value is None or se is None or value >= 0 or back is None:
            continue
        p = welch_below(entry, back)
        if p is None:
            continue
        figure = _interface_figure(entry, "interface_asymmetry", value, ci, -limit)
        out.append(_pair_finding(rule, entry, (figure,), (-value - limit) / se, p, -value >= limit))
    return out


def welch_below(a: Any, b: Any) -> float | None:
    """One-sided Welch t p-value of "mean a ≥ mean b" from two entries' ``score``, ``sd``,
    ``n`` (as ``scipy.stats.ttest_ind_from_stats(..., equal_var=False)``, see
    :func:`~eclaire.core.stats.summary_tests.welch_below`); None without them."""
    if any(e.get("sd") is None or (e.get("n") or 0) < 2 for e in (a, b)):
        return None
    p = float(welch_t_below(a["score"], a["sd"], a["n"], b["score"], b["sd"], b["n"]))
    return p if math.isfinite(p) else None


def interface_mutual_item(view: ResultView, rule: Rule) -> list[Finding]:
    """Both directions of a link rated low: the t test of :func:`interface_weak` against
    ``max_mean`` on each direction's score, combined as "both" (the larger p-value,
    intersection-union). Floor: the item (e.g. IF_TRUST) at or under ``max_mean`` both ways."""
    item, limit = rule.params["item"], rule.thresholds["max_mean"]
    entries = {(e["from"], e["to"]): e for e in _peer_entries(view) if e.get("sd") is not None}
    # one vectorized t test for every direction (the same p-values, value by value)
    p_values = np.atleast_1d(
        t_below(
            [e["score"] for e in entries.values()],
            [e["sd"] for e in entries.values()],
            [e["n"] for e in entries.values()],
            limit,
        )
    ).tolist()
    p_of = dict(zip(entries, p_values, strict=True))
    out = []
    for (a, b), entry in entries.items():
        back = entries.get((b, a))
        if back is None or a > b:
            continue
        p = max(p_of[(a, b)], p_of[(b, a)])
        values = [(e.get("items") or {}).get(item) for e in (entry, back)]
        clears = all(v is not None and v <= limit for v in values)
        figures = tuple(
            Figure(
                "interface_item",
                v,
                n=e.get("n"),
                threshold=limit,
                unit_id=e["from"],
                other_unit_id=e["to"],
                item=item,
            )
            for e, v in ((entry, values[0]), (back, values[1]))
        )
        out.append(_pair_finding(rule, entry, figures, None, p, clears, (a, b)))
    return out


def message_contradiction(view: ResultView, rule: Rule) -> list[Finding]:
    """Contradictory commitments (``messages.contradictions``) between two units neither of
    which lies above the other, in any tree: each side has at least ``k`` respondents (the
    result's anonymity threshold) and holds the commitment with at least ``min_modal``
    respondents and ``min_modal_share`` of its statements. Not a sampling test (no p-value):
    a statement the answers make; its error is the text analysis's (docs/messages.md).

    The same few hundred units meet in tens of thousands of contradictions at 200,000
    respondents: whether a pair is related and whether a unit is shown are read once each."""
    t, k = rule.thresholds, int(view.result.get("min_group") or 5)
    min_modal, min_share = t["min_modal"], t["min_modal_share"]
    related: dict[tuple[str, str], bool] = {}
    shown: dict[str, bool] = {}
    out = []
    for found in (view.result.get("messages") or {}).get("contradictions") or []:
        sides = found.get("sides") or []
        if len(sides) != 2:
            continue
        a, b = sides
        pair = (a["unit_id"], b["unit_id"])
        related_pair = related.get(pair)
        if related_pair is None:
            related_pair = related[pair] = view.related(*pair)
        if related_pair:
            continue
        n_a, n_b = a.get("n") or 0, b.get("n") or 0
        if n_a < k or n_b < k:
            continue
        for unit in pair:
            if unit not in shown:
                shown[unit] = bool(view.shown_unit(unit))
        if not (shown[pair[0]] and shown[pair[1]]):
            continue
        modal_a, modal_b = a.get("n_modal"), b.get("n_modal")
        figure = Figure(
            "contradiction",
            None,
            n=min(n_a, n_b),
            unit_id=pair[0],
            other_unit_id=pair[1],
            detail=(
                ("kind", found.get("kind")),
                ("subject", found.get("subject")),
                ("values", [_stated(a), _stated(b)]),
                ("n_modal", [modal_a, modal_b]),
            ),
        )
        clears = _holds(modal_a, n_a, min_modal, min_share) and _holds(
            modal_b, n_b, min_modal, min_share
        )
        signal = Signal(rule.id, rule.target, pair, (figure,), None, False)
        out.append(Finding(signal, None, clears))
    return out


def _holds(n_modal: int | None, n: int, min_modal: float, min_share: float) -> bool:
    """A side holds its commitment: ``n_modal`` of its ``n`` respondents (None: none) state
    it, at least ``min_modal`` of them and ``min_share`` of ``n``."""
    n_modal = n_modal or 0
    return n_modal >= min_modal and n > 0 and n_modal / n >= min_share


def _stated(side: dict[str, Any]) -> str:
    if side.get("none"):
        return "none"
    value, unit = side.get("value"), side.get("unit") or ""
    return f"{value:g} {unit}".strip() if isinstance(value, (int, float)) else str(value)


def consolidate_pairs(view: ResultView, signals: list[Signal]) -> list[Signal]:
    """Give every pair signal its conversation's pair, in tree order.

    Each pair of units is its own conversation (two agencies each at odds with a workshop are
    two mediations, and a contradiction is not merged with a weak link elsewhere). A pair of
    roll-ups (two departments) is dropped when a pair of units inside them fires: the
    conversation belongs to the units that live it, as for the unit patterns."""
    pairs = {frozenset(s.unit_ids) for s in signals}
    within = _pairs_within(view, pairs)
    position = {u: i for i, u in enumerate(view.order)}
    out = []
    for signal in signals:
        a, b = signal.unit_ids
        if within.get(frozenset((a, b)), set()) - {frozenset((a, b))}:
            continue
        out.append(_retarget(signal, _ordered(position, a, b)))
    return out


def _pairs_within(
    view: ResultView, pairs: set[frozenset[str]]
) -> dict[frozenset[str], set[frozenset[str]]]:
    """Per pair of units ``{a, b}``, the pairs of ``pairs`` that lie within it: one unit at or
    under ``a``, the other at or under ``b``. Each pair is listed under every pair of its
    units' ancestors (a few dozen), rather than every pair tested against every other."""
    out: dict[frozenset[str], set[frozenset[str]]] = {}
    for pair in pairs:
        x, y = tuple(pair)
        for a in (x, *view.ancestors(x)):
            for b in (y, *view.ancestors(y)):
                out.setdefault(frozenset((a, b)), set()).add(pair)
    return out


def _ordered(position: dict[str, int], a: str, b: str) -> tuple[str, str]:
    return (a, b) if position.get(a, 0) <= position.get(b, 0) else (b, a)


def _retarget(signal: Signal, target: tuple[str, str]) -> Signal:
    return Signal(
        signal.rule_id, signal.target, target, signal.figures, signal.margin, signal.strong
    )
