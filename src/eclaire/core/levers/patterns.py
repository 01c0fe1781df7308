"""Patterns on a manager, a unit or the organization: each returns the :class:`Signal` s it finds.

Every pattern reads only shown cells (``ResultView``) and asks both a size and a support
condition: the figure must pass its threshold **and** its interval must exclude the neutral value
(the team's mean, the organization's share, zero, the scale midpoint). Figures without an
interval (r_wg, Kendall's W) ask a minimum ``n`` instead. The margin is the standardized distance
past the threshold, ``(value − threshold) / se`` with ``se = (high − low) / (2 · 1.96)``.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

from eclaire.core.levers.pairs import (
    interface_asymmetry,
    interface_mutual_item,
    interface_weak,
    message_contradiction,
)
from eclaire.core.levers.rules import Rule
from eclaire.core.levers_view import Figure, ResultView, Signal, standard_error

__all__ = ["DETECTORS", "ROLLUP_PATTERNS", "detect"]

ROLLUP_PATTERNS = frozenset(
    {"unit_low_scores", "low_agreement", "priority_divergence", "symptom_share"}
)
"""Patterns read on roll-up cells: when a unit and a unit above it both show the pattern, the
conversation belongs where it lives, the lower unit (``drop_covered_rollups``)."""


def _mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def _signal(rule: Rule, unit: str, found: Sequence[tuple[Figure, float | None]]) -> Signal:
    margins = [m for _, m in found if m is not None]
    return Signal(
        rule_id=rule.id,
        target=rule.target,
        unit_ids=(unit,),
        figures=tuple(f for f, _ in found),
        margin=_mean(margins),
        strong=False,
    )


def manager_self_gap(view: ResultView, rule: Rule) -> list[Signal]:
    """Self-view above the team's on at least ``min_dimensions`` dimensions of ``family``: the
    gap reaches ``min_gap`` and the manager's score lies above the team's 95 % interval."""
    min_gap = rule.thresholds["min_gap"]
    found: dict[str, list[tuple[Figure, float | None]]] = defaultdict(list)
    gaps = (view.result.get("perception_gaps") or {}).get("managers") or []
    for row in gaps:
        unit, dim = row.get("unit_id"), row.get("dimension")
        if view.dimension_family.get(dim) != rule.params["family"] or not view.shown_unit(unit):
            continue
        se, ci, gap = standard_error(row.get("team_ci95")), row.get("team_ci95"), row.get("gap")
        if se is None or gap is None or gap < min_gap or row["manager"] <= ci[1]:
            continue
        figure = Figure(
            "manager_gap",
            gap,
            n=row.get("n_team"),
            ci95=(round(row["manager"] - ci[1], 4), round(row["manager"] - ci[0], 4)),
            threshold=min_gap,
            reference=row.get("team"),
            unit_id=unit,
            dimension=dim,
            detail=(("manager", row["manager"]), ("standardized_gap", row.get("standardized_gap"))),
        )
        found[unit].append((figure, (gap - min_gap) / se))
    need = rule.thresholds["min_dimensions"]
    return [_signal(rule, u, f) for u, f in found.items() if len(f) >= need]


def unit_low_scores(view: ResultView, rule: Rule) -> list[Signal]:
    """Means under ``max_mean`` with the whole interval under it, on enough of ``dimensions``."""
    limit = rule.thresholds["max_mean"]
    out = []
    for unit in view.order:
        found = []
        for dim in rule.params["dimensions"]:
            cell = view.score(unit, dim)
            se = standard_error((cell or {}).get("ci95"))
            if cell is None or se is None or cell["ci95"][1] >= limit:
                continue
            figure = Figure(
                "unit_score",
                cell["mean"],
                n=cell.get("n"),
                ci95=tuple(cell["ci95"]),
                threshold=limit,
                unit_id=unit,
                dimension=dim,
            )
            found.append((figure, (limit - cell["mean"]) / se))
        if found and len(found) >= rule.thresholds["min_dimensions"]:
            out.append(_signal(rule, unit, found))
    return out


def low_agreement(view: ResultView, rule: Rule) -> list[Signal]:
    """r_wg(j) at or under ``max_rwg`` on ``min_dimensions`` dimensions of ``family``, each cell
    with at least ``min_n`` respondents (r_wg has no interval: the size condition stands in)."""
    limit, min_n = rule.thresholds["max_rwg"], rule.thresholds["min_n"]
    dims = [d for d, fam in view.dimension_family.items() if fam == rule.params["family"]]
    out = []
    for unit in view.order:
        found = []
        for dim in dims:
            cell = view.score(unit, dim)
            rwg = (cell or {}).get("rwg")
            if cell is None or rwg is None or rwg > limit or (cell.get("n") or 0) < min_n:
                continue
            found.append(
                (
                    Figure(
                        "rwg", rwg, n=cell.get("n"), threshold=limit, unit_id=unit, dimension=dim
                    ),
                    None,
                )
            )
        if found and len(found) >= rule.thresholds["min_dimensions"]:
            out.append(_signal(rule, unit, found))
    return out


def priority_divergence(view: ResultView, rule: Rule) -> list[Signal]:
    """Kendall's W at or under ``max_w`` and under ``max_ratio_to_median`` times the median W of
    the shown units, with at least ``min_n`` rankers. Strong when Friedman's test does not reject
    "no agreement at all" at ``alpha``."""
    units = ((view.result.get("priorities") or {}).get("units")) or {}
    shown = {
        u: e
        for u, e in units.items()
        if not e.get("suppressed", True) and e.get("kendall_w") is not None and view.shown_unit(u)
    }
    if len(shown) < 3:
        return []
    median = statistics.median(e["kendall_w"] for e in shown.values())
    t = rule.thresholds
    out = []
    for unit, entry in shown.items():
        w, n = entry["kendall_w"], entry.get("n") or 0
        if n < t["min_n"] or w > t["max_w"] or w > t["max_ratio_to_median"] * median:
            continue
        p = entry.get("p")
        figure = Figure(
            "kendall_w",
            w,
            n=n,
            threshold=t["max_w"],
            reference=round(median, 4),
            unit_id=unit,
            detail=(("p", p), ("distance_to_organization", entry.get("distance_to_organization"))),
        )
        strong = p is not None and p >= t["alpha"]
        out.append(Signal(rule.id, rule.target, (unit,), (figure,), None, strong))
    return out


def symptom_share(view: ResultView, rule: Rule) -> list[Signal]:
    """Share of ``item`` whose whole Wilson interval lies above ``min_share`` (a majority of the
    team beyond sampling doubt, with the default 0.5) and above the organization's share."""
    item, limit = rule.params["item"], rule.thresholds["min_share"]
    overall = view.symptom(None, item)
    if overall is None:
        return []
    out = []
    for unit in view.order:
        cell = view.symptom(unit, item)
        if cell is None or unit == view.root:
            continue
        se = standard_error(cell.get("ci95"))
        if se is None or cell["ci95"][0] <= max(limit, overall["share"]):
            continue
        figure = Figure(
            "symptom_share",
            cell["share"],
            n=cell.get("n"),
            ci95=tuple(cell["ci95"]),
            threshold=limit,
            reference=overall["share"],
            unit_id=unit,
            item=item,
        )
        out.append(_signal(rule, unit, [(figure, (cell["share"] - limit) / se)]))
    return out


def message_consistency(view: ResultView, rule: Rule) -> list[Signal]:
    """Consistency of a unit's key messages at most ``max_ratio_to_median`` of the median unit's,
    its interval wholly below that median, on ``min_key_messages`` key messages. Absent
    ``messages`` section: nothing."""
    key_messages = (view.result.get("messages") or {}).get("key_messages") or {}
    ratio = rule.thresholds["max_ratio_to_median"]
    found: dict[str, list[tuple[Figure, float | None]]] = defaultdict(list)
    for key, section in key_messages.items():
        cells = {u: (e.get("consistency") or {}) for u, e in (section.get("units") or {}).items()}
        cells = {u: c for u, c in cells.items() if c.get("mean") is not None}
        if len(cells) < 3:
            continue
        median = statistics.median(c["mean"] for c in cells.values())
        for unit, c in cells.items():
            se = standard_error(c.get("interval"))
            if se is None or c["mean"] > ratio * median or c["interval"][1] >= median:
                continue
            n = (section["units"][unit] or {}).get("n")
            figure = Figure(
                "message_consistency",
                c["mean"],
                n=n,
                ci95=tuple(c["interval"]),
                threshold=round(ratio * median, 4),
                reference=round(median, 4),
                unit_id=unit,
                item=key,
            )
            found[unit].append((figure, (ratio * median - c["mean"]) / se))
    need = rule.thresholds["min_key_messages"]
    return [_signal(rule, u, f) for u, f in found.items() if len(f) >= need]


def segment_gap(view: ResultView, rule: Rule) -> list[Signal]:
    """A population (``segment`` level a, e.g. newcomers) below the others on ``dimension`` by at
    least ``min_difference``, the Welch interval of the difference wholly below 0."""
    limit = rule.thresholds["min_difference"]
    rows = (view.result.get("perception_gaps") or {}).get("segments") or []
    for row in rows:
        if row.get("segment") != rule.params["segment"] or row.get("suppressed", True):
            continue
        if row.get("dimension") != rule.params["dimension"] or view.root is None:
            continue
        diff, ci = row.get("difference"), row.get("difference_ci95")
        se = standard_error(ci)
        if diff is None or se is None or -diff < limit or ci[1] >= 0:
            return []
        figure = Figure(
            "segment_gap",
            diff,
            n=row.get("n_a"),
            ci95=tuple(ci),
            threshold=-limit,
            unit_id=view.root,
            dimension=row["dimension"],
            detail=(
                ("segment", row["segment"]),
                ("n_b", row.get("n_b")),
                ("hedges_g", row.get("hedges_g")),
                ("p_adjusted", row.get("p_adjusted")),
            ),
        )
        return [_signal(rule, view.root, [(figure, (-diff - limit) / se)])]
    return []


Detector = Callable[[ResultView, Rule], list[Signal]]

DETECTORS: Mapping[str, Detector] = {
    "manager_self_gap": manager_self_gap,
    "unit_low_scores": unit_low_scores,
    "low_agreement": low_agreement,
    "priority_divergence": priority_divergence,
    "symptom_share": symptom_share,
    "message_consistency": message_consistency,
    "segment_gap": segment_gap,
    "interface_weak": interface_weak,
    "interface_asymmetry": interface_asymmetry,
    "interface_mutual_item": interface_mutual_item,
    "message_contradiction": message_contradiction,
}


def detect(view: ResultView, rule: Rule) -> list[Signal]:
    """The signals of one rule, roll-ups already covered by a lower unit removed."""
    signals = DETECTORS[rule.pattern](view, rule)
    if rule.pattern in ROLLUP_PATTERNS:
        signals = _drop_covered_rollups(view, signals)
    return signals


def _drop_covered_rollups(view: ResultView, signals: list[Signal]) -> list[Signal]:
    firing = {s.unit_ids[0] for s in signals}
    covered: set[str] = set()
    for unit in firing:
        covered.update(view.ancestors(unit))
    return [s for s in signals if s.unit_ids[0] not in covered]
