"""Patterns between two units (mediation), and how firing pairs gather into one conversation.

Only peer links count: an entry where one unit lies above the other (a team rating its own
department, the whole organization rating a team) describes a line relationship, which the
manager rules read; mediation is for units that work side by side.

When several pairs of units fire between the same two branches of the tree (the units just under
the root, e.g. every sales agency rating every production workshop low), they are one
conversation between the lowest units holding each side (:func:`consolidate_pairs`).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from eclaire.core.levers.rules import Rule
from eclaire.core.levers_view import Figure, ResultView, Signal, standard_error

__all__ = [
    "consolidate_pairs",
    "interface_asymmetry",
    "interface_mutual_item",
    "interface_weak",
    "message_contradiction",
]


def _peer_entries(view: ResultView) -> list[Any]:
    return [e for e in view.shown_interfaces() if not view.related(e["from"], e["to"])]


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


def interface_weak(view: ResultView, rule: Rule) -> list[Signal]:
    """``from`` rates ``to`` under ``max_score`` with the whole 95 % interval under it."""
    limit = rule.thresholds["max_score"]
    out = []
    for entry in _peer_entries(view):
        se = standard_error(entry.get("ci95"))
        if se is None or entry["ci95"][1] >= limit:
            continue
        figure = _interface_figure(entry, "interface_score", entry["score"], entry["ci95"], limit)
        margin = (limit - entry["score"]) / se
        out.append(
            Signal(rule.id, rule.target, (entry["from"], entry["to"]), (figure,), margin, False)
        )
    return out


def interface_asymmetry(view: ResultView, rule: Rule) -> list[Signal]:
    """``|asymmetry| ≥ min_asymmetry`` with its Welch interval excluding 0; read on the side that
    rates lower (negative asymmetry), so each pair is counted once."""
    limit = rule.thresholds["min_asymmetry"]
    out = []
    for entry in _peer_entries(view):
        value, ci = entry.get("asymmetry"), entry.get("asymmetry_ci95")
        se = standard_error(ci)
        if value is None or se is None or value > -limit or ci[1] >= 0:
            continue
        figure = _interface_figure(entry, "interface_asymmetry", value, ci, -limit)
        out.append(
            Signal(
                rule.id,
                rule.target,
                (entry["from"], entry["to"]),
                (figure,),
                (-value - limit) / se,
                False,
            )
        )
    return out


def interface_mutual_item(view: ResultView, rule: Rule) -> list[Signal]:
    """The item mean (e.g. IF_TRUST) at or under ``max_mean`` in both directions. Item means have
    no interval; each direction is a shown group of at least k complete raters."""
    item, limit = rule.params["item"], rule.thresholds["max_mean"]
    means = {
        (e["from"], e["to"]): e
        for e in _peer_entries(view)
        if (e.get("items") or {}).get(item) is not None
    }
    out = []
    for (a, b), entry in means.items():
        back = means.get((b, a))
        if back is None or a > b:
            continue
        if entry["items"][item] > limit or back["items"][item] > limit:
            continue
        figures = tuple(
            Figure(
                "interface_item",
                e["items"][item],
                n=e.get("n"),
                threshold=limit,
                unit_id=e["from"],
                other_unit_id=e["to"],
                item=item,
            )
            for e in (entry, back)
        )
        out.append(Signal(rule.id, rule.target, (a, b), figures, None, False))
    return out


def message_contradiction(view: ResultView, rule: Rule) -> list[Signal]:
    """Contradictory commitments (``messages.contradictions``) held on both sides by at least
    ``min_modal`` respondents and ``min_modal_share`` of the side's statements, and repeated
    between at least ``min_pairs`` pairs of units of the same two branches on the same subject
    (a drift between departments, not one team's slip; units of one branch never qualify)."""
    t = rule.thresholds
    found_by_group: dict[tuple[Any, ...], list[Signal]] = defaultdict(list)
    for found in (view.result.get("messages") or {}).get("contradictions") or []:
        sides = found.get("sides") or []
        if len(sides) != 2 or view.related(sides[0]["unit_id"], sides[1]["unit_id"]):
            continue
        if not all(_holds(side, t["min_modal"], t["min_modal_share"]) for side in sides):
            continue
        a, b = sides
        figure = Figure(
            "contradiction",
            None,
            n=min(a.get("n") or 0, b.get("n") or 0),
            unit_id=a["unit_id"],
            other_unit_id=b["unit_id"],
            detail=(
                ("kind", found.get("kind")),
                ("subject", found.get("subject")),
                ("values", [_stated(a), _stated(b)]),
                ("n_modal", [a.get("n_modal"), b.get("n_modal")]),
            ),
        )
        key = (
            *_group_key(view, a["unit_id"], b["unit_id"]),
            found.get("kind"),
            found.get("subject"),
        )
        found_by_group[key].append(
            Signal(rule.id, rule.target, (a["unit_id"], b["unit_id"]), (figure,), None, False)
        )
    out = []
    for key, signals in found_by_group.items():
        pairs = {frozenset(s.unit_ids) for s in signals}
        if view.branch(key[0]) != view.branch(key[1]) and len(pairs) >= t["min_pairs"]:
            out += signals
    return out


def _holds(side: dict[str, Any], min_modal: float, min_share: float) -> bool:
    n_modal, n = side.get("n_modal") or 0, side.get("n") or 0
    return n_modal >= min_modal and n > 0 and n_modal / n >= min_share


def _stated(side: dict[str, Any]) -> str:
    if side.get("none"):
        return "none"
    value, unit = side.get("value"), side.get("unit") or ""
    return f"{value:g} {unit}".strip() if isinstance(value, int | float) else str(value)


def consolidate_pairs(view: ResultView, signals: list[Signal]) -> list[Signal]:
    """Give every pair signal its conversation's pair, in tree order.

    Pairs are grouped by the branches (units under the root) of their two units; a group of one
    pair keeps it; a larger group goes to the lowest unit holding each side's units. Pairs inside
    one branch group by themselves."""
    groups: dict[tuple[str, str], list[Signal]] = defaultdict(list)
    for signal in signals:
        groups[_group_key(view, *signal.unit_ids)].append(signal)
    out = []
    for key, members in groups.items():
        target = _group_target(view, key, members)
        out += [_retarget(s, target) for s in members]
    return out


def _ordered(view: ResultView, a: str, b: str) -> tuple[str, str]:
    position = {u: i for i, u in enumerate(view.order)}
    return (a, b) if position.get(a, 0) <= position.get(b, 0) else (b, a)


def _group_key(view: ResultView, a: str, b: str) -> tuple[str, str]:
    ba, bb = view.branch(a), view.branch(b)
    return _ordered(view, ba, bb) if ba != bb else _ordered(view, a, b)


def _group_target(view: ResultView, key: tuple[str, str], members: list[Signal]) -> tuple[str, str]:
    pairs = {_ordered(view, *s.unit_ids) for s in members}
    if len(pairs) == 1 or view.branch(key[0]) == view.branch(key[1]):
        return _ordered(view, *next(iter(pairs))) if len(pairs) == 1 else key
    sides: dict[str, list[str]] = {key[0]: [], key[1]: []}
    for a, b in pairs:
        for unit in (a, b):
            sides[view.branch(unit)].append(unit)
    return _ordered(view, view.common_ancestor(sides[key[0]]), view.common_ancestor(sides[key[1]]))


def _retarget(signal: Signal, target: tuple[str, str]) -> Signal:
    return Signal(
        signal.rule_id, signal.target, target, signal.figures, signal.margin, signal.strong
    )
