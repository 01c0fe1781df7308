"""Patterns on a manager, a unit or the organization: each tests every shown target it reads.

A pattern returns one :class:`~.calibration.Finding` per target it tests, with the p-value of
its test (one-sided, from the figures the result shows) and whether the figure clears the
rule's effect floor; :func:`~.calibration.select` decides which fire, with one false discovery
rate across the organization (docs/levers.md, "Calibration"). The margin of a signal is the
standardized distance past the floor, ``(value − floor) / se``, used only for ranking.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from eclaire.core.levers.calibration import Finding, at_least
from eclaire.core.levers.pairs import (
    interface_asymmetry,
    interface_mutual_item,
    interface_weak,
    message_contradiction,
)
from eclaire.core.levers.rules import Rule
from eclaire.core.result.view import Figure, ResultView, Signal, standard_error
from eclaire.core.stats.distributions import f_sf, t_sf
from eclaire.core.stats.leave_one_out import others_mean_sd
from eclaire.core.stats.quantiles import t_quantile
from eclaire.core.stats.summary_tests import (
    binomial_above,
    normal_below,
    prediction_above,
    t_below,
)

__all__ = ["DETECTORS", "ROLLUP_PATTERNS", "detect", "drop_covered_rollups", "teams"]

ROLLUP_PATTERNS = frozenset({"unit_low_scores", "symptom_share"})
"""Patterns read on roll-up cells: when a unit and a unit above it both fire, the conversation
belongs where it lives, the lower unit (:func:`drop_covered_rollups`)."""


def _finding(
    rule: Rule, unit: str, found: Sequence[tuple[Figure, float | None]], p: float, clears: bool
) -> Finding:
    margins = [m for _, m in found if m is not None]
    signal = Signal(
        rule_id=rule.id,
        target=rule.target,
        unit_ids=(unit,),
        figures=tuple(f for f, _ in found),
        margin=statistics.fmean(margins) if margins else None,
        strong=False,
    )
    return Finding(signal, p, clears)


def _t_quantile(n: float) -> float:
    return t_quantile(0.975, n - 1) if n >= 2 else math.nan


def _gap_rows(view: ResultView, family: str) -> dict[str, list[Mapping[str, Any]]]:
    rows: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in (view.result.get("perception_gaps") or {}).get("managers") or []:
        unit, pi = row.get("unit_id"), row.get("team_pi95")
        if view.dimension_family.get(row.get("dimension")) != family or not view.shown_unit(unit):
            continue
        if row.get("gap") is None or standard_error(pi) is None or (row.get("n_team") or 0) < 2:
            continue
        rows[unit].append(row)
    return rows


def _family_rows(view: ResultView, family: str) -> dict[str, Mapping[str, Any]]:
    """``perception_gaps.families``: the manager against the team on the family's mean score."""
    rows = (view.result.get("perception_gaps") or {}).get("families") or []
    return {
        r["unit_id"]: r
        for r in rows
        if r.get("family") == family and view.shown_unit(r.get("unit_id"))
        if r.get("gap") is not None and r.get("p_above") is not None
    }


def manager_self_gap(view: ResultView, rule: Rule) -> list[Finding]:
    """The manager's self-view against where one more team member would stand, on the mean of
    the ``family``'s dimensions (``perception_gaps.families``: one score per person, the
    prediction t of ``p_above``, Student t on ``n − 1`` df; one test per manager, not one per
    dimension). A result without ``families`` (written before they existed) falls back on the
    dimensions: the mean gap over them divided by the mean of their prediction standard
    deviations ``s·√(1 + 1/n)``, conservative for correlated dimensions. Floor: the family's
    gap is at least ``min_gap``, with at least ``min_dimensions`` dimensions shown."""
    t = rule.thresholds
    families = _family_rows(view, rule.params["family"])
    tested: list[tuple[str, list[Mapping[str, Any]], float, float]] = []
    for unit, rows in _gap_rows(view, rule.params["family"]).items():
        if len(rows) < t["min_dimensions"]:
            continue
        pred_sd = [
            (r["team_pi95"][1] - r["team_pi95"][0]) / (2 * _t_quantile(r["n_team"])) for r in rows
        ]
        gap, scale = statistics.fmean(r["gap"] for r in rows), statistics.fmean(pred_sd)
        if scale > 0:
            tested.append((unit, rows, gap, scale))
    # one vectorized call for every manager (the same p-values, value by value)
    p_values = t_sf(
        np.array([gap / scale for _, _, gap, scale in tested], dtype="float64"),
        np.array([min(r["n_team"] for r in rows) - 1 for _, rows, _, _ in tested]),
    )
    out = []
    for (unit, rows, gap, scale), p in zip(tested, np.atleast_1d(p_values).tolist(), strict=True):
        family = families.get(unit)
        if family is not None and standard_error(family.get("team_pi95")) is not None:
            lo, hi = family["team_pi95"]
            gap, p = family["gap"], float(family["p_above"])
            scale = (hi - lo) / (2 * _t_quantile(family["n_team"]))
        found = [(_gap_figure(r, t["min_gap"]), (gap - t["min_gap"]) / scale) for r in rows]
        out.append(_finding(rule, unit, found, p, gap >= t["min_gap"]))
    return out


def _gap_figure(row: Mapping[str, Any], floor: float) -> Figure:
    lo, hi = row["team_pi95"]
    return Figure(
        "manager_gap",
        row["gap"],
        n=row.get("n_team"),
        ci95=(round(row["manager"] - hi, 4), round(row["manager"] - lo, 4)),
        threshold=floor,
        reference=row.get("team"),
        unit_id=row["unit_id"],
        dimension=row["dimension"],
        detail=(
            ("manager", row["manager"]),
            ("team_pi95", list(row["team_pi95"])),
            ("p_above", row.get("p_above")),
        ),
    )


def unit_low_scores(view: ResultView, rule: Rule) -> list[Finding]:
    """Teams only (shown units without sub-units: a roll-up mixes teams). One-sample t tests of
    "the team's mean is at least ``max_mean``" on each of ``dimensions``, combined as "at least
    ``min_dimensions`` are lower" (:func:`at_least`). Floor: the mean lies ``min_effect`` or
    more under ``max_mean`` on that many dimensions."""
    limit, floor = rule.thresholds["max_mean"], rule.thresholds["min_effect"]
    need = int(rule.thresholds["min_dimensions"])
    tested: list[tuple[str, list[Mapping[str, Any]], list[tuple[Figure, float | None]]]] = []
    for unit in teams(view):
        cells, found = [], []
        for dim in rule.params["dimensions"]:
            cell = view.score(unit, dim)
            se = standard_error((cell or {}).get("ci95"))
            if cell is None or se is None or cell.get("sd") is None:
                continue
            cells.append(cell)
            if cell["mean"] <= limit - floor:
                figure = Figure(
                    "unit_score",
                    cell["mean"],
                    n=cell.get("n"),
                    ci95=tuple(cell["ci95"]),
                    threshold=limit,
                    unit_id=unit,
                    dimension=dim,
                )
                found.append((figure, (limit - floor - cell["mean"]) / se))
        if len(cells) >= need:
            tested.append((unit, cells, found))
    # one vectorized t test over every cell tested (the same p-values, value by value)
    tested_cells = [c for _, cells, _ in tested for c in cells]
    p_values = _split(
        t_below(
            [c["mean"] for c in tested_cells],
            [c["sd"] for c in tested_cells],
            [c["n"] for c in tested_cells],
            limit,
        ),
        [len(cells) for _, cells, _ in tested],
    )
    return [
        _finding(rule, unit, found, at_least(ps, need), len(found) >= need)
        for (unit, _, found), ps in zip(tested, p_values, strict=True)
    ]


def _split(values: Any, sizes: list[int]) -> list[list[float]]:
    """``values`` (an array, or one float) cut into consecutive lists of ``sizes``."""
    flat = np.atleast_1d(values).tolist()
    out, at = [], 0
    for size in sizes:
        out.append(flat[at : at + size])
        at += size
    return out


def teams(view: ResultView) -> list[str]:
    """The shown units without sub-units, in tree order: the groups a unit rule tests (a
    roll-up's figures mix its teams; the conversation belongs to a team)."""
    parents = {view.parent(u) for u in view.order}
    return [u for u in view.order if u not in parents and view.shown_unit(u)]


def _pooled_variance(view: ResultView, dim: str) -> tuple[float, float]:
    """Within-team variance of ``dim`` pooled over the shown teams, and its df."""
    cells = [c for u in teams(view) if (c := view.score(u, dim)) and c.get("sd") is not None]
    df = sum(c["n"] - 1 for c in cells)
    return (sum((c["n"] - 1) * c["sd"] ** 2 for c in cells) / df, df) if df > 0 else (0.0, 0)


def low_agreement(view: ResultView, rule: Rule) -> list[Finding]:
    """Teams only (a roll-up's spread mixes teams). On each dimension of ``family``, an F test
    of the team's variance against the within-team variance pooled over the organization's
    teams; combined as "at least ``min_dimensions``". Floor: r_wg(j) at most ``max_rwg`` there,
    with ``min_n`` respondents or more."""
    t = rule.thresholds
    need = int(t["min_dimensions"])
    dims = [d for d, fam in view.dimension_family.items() if fam == rule.params["family"]]
    pooled = {d: _pooled_variance(view, d) for d in dims}
    tested: list[tuple[str, list[tuple[float, int, float]], list[tuple[Figure, float | None]]]]
    tested = []
    for unit in teams(view):
        tests: list[tuple[float, int, float]] = []
        found: list[tuple[Figure, float | None]] = []
        for dim in dims:
            cell, (var, df) = view.score(unit, dim), pooled[dim]
            if cell is None or cell.get("sd") is None or (cell.get("n") or 0) < t["min_n"]:
                continue
            if var <= 0 or cell.get("rwg") is None:
                continue
            tests.append((cell["sd"] ** 2 / var, cell["n"] - 1, df))
            if cell["rwg"] <= t["max_rwg"]:
                figure = Figure(
                    "rwg",
                    cell["rwg"],
                    n=cell["n"],
                    threshold=t["max_rwg"],
                    unit_id=unit,
                    dimension=dim,
                )
                found.append((figure, None))
        if len(tests) >= need:
            tested.append((unit, tests, found))
    # one vectorized F test over every cell tested (the same p-values, value by value)
    flat = [test for _, tests, _ in tested for test in tests]
    p_values = _split(
        f_sf(
            np.array([ratio for ratio, _, _ in flat], dtype="float64"),
            np.array([dfn for _, dfn, _ in flat]),
            np.array([dfd for _, _, dfd in flat]),
        ),
        [len(tests) for _, tests, _ in tested],
    )
    return [
        _finding(rule, unit, found, at_least(ps, need), len(found) >= need)
        for (unit, _, found), ps in zip(tested, p_values, strict=True)
    ]


def priority_divergence(view: ResultView, rule: Rule) -> list[Finding]:
    """Teams only: the permutation test of the ``priorities`` section (``w_test``: the team's
    Kendall's W against groups of as many rankers from the teams of its function). Floor: W at
    most ``max_ratio_to_median`` times the median W of those groups, ``min_n`` rankers."""
    t = rule.thresholds
    units = ((view.result.get("priorities") or {}).get("units")) or {}
    out = []
    for unit, entry in units.items():
        test = entry.get("w_test") or {}
        w, n = entry.get("kendall_w"), entry.get("n") or 0
        if entry.get("suppressed", True) or not view.shown_unit(unit) or w is None:
            continue
        if test.get("p") is None or test.get("null_median") is None or n < t["min_n"]:
            continue
        reference = test["null_median"]
        figure = Figure(
            "kendall_w",
            w,
            n=n,
            threshold=round(t["max_ratio_to_median"] * reference, 4),
            reference=reference,
            unit_id=unit,
            detail=(("p", test["p"]), ("reference", test.get("reference"))),
        )
        clears = w <= t["max_ratio_to_median"] * reference
        out.append(_finding(rule, unit, [(figure, None)], test["p"], clears))
    return out


def symptom_share(view: ResultView, rule: Rule) -> list[Finding]:
    """Teams only. Two tests, both required (the larger p-value, intersection-union): an exact
    binomial test of "the team's share answering often or very often is at most the rest of
    the organization's" (sampling noise), and a prediction t test of "the team's share is where
    one more of the other teams' shares would fall" (teams differ naturally: a share a little
    above the rest is a team like the others). Floor: the share reaches ``min_share`` and lies
    ``min_difference`` or more above the rest's."""
    item, t = rule.params["item"], rule.thresholds
    overall = view.symptom(None, item)
    if overall is None:
        return []
    k_all, n_all = round(overall["share"] * overall["n"]), overall["n"]
    cells = {u: c for u in teams(view) if (c := view.symptom(u, item)) is not None}
    if len(cells) < 4:  # each team is compared with at least 3 others
        return []
    # the others' mean and sd of every team at once (the floats fmean and stdev give)
    between = dict(zip(cells, others_mean_sd([c["share"] for c in cells.values()]), strict=True))
    tested = [u for u, c in cells.items() if u != view.root and n_all - c["n"] > 0]
    if not tested:
        return []
    counts = {u: round(cells[u]["share"] * cells[u]["n"]) for u in tested}
    rests = {u: max(k_all - counts[u], 0) / (n_all - cells[u]["n"]) for u in tested}
    # one vectorized call per test for every team (the same p-values, value by value)
    binomial = binomial_above(
        [counts[u] for u in tested], [cells[u]["n"] for u in tested], [rests[u] for u in tested]
    )
    others = len(cells) - 1
    prediction = prediction_above(
        [cells[u]["share"] for u in tested],
        [between[u][0] for u in tested],
        [between[u][1] for u in tested],
        others,
    )
    out = []
    for i, unit in enumerate(tested):
        cell, rest, spread = cells[unit], rests[unit], between[unit][1]
        p = max(float(binomial[i]), float(prediction[i]) if spread > 0 else 0.0)
        clears = cell["share"] >= t["min_share"] and cell["share"] - rest >= t["min_difference"]
        se = standard_error(cell.get("ci95")) or 1.0
        figure = Figure(
            "symptom_share",
            cell["share"],
            n=cell.get("n"),
            ci95=tuple(cell["ci95"]),
            threshold=t["min_share"],
            reference=round(rest, 4),
            unit_id=unit,
            item=item,
        )
        margin = (cell["share"] - rest - t["min_difference"]) / se
        out.append(_finding(rule, unit, [(figure, margin)], p, clears))
    return out


def message_consistency(view: ResultView, rule: Rule) -> list[Finding]:
    """On each key message, a z test (from the interval) of "the unit's consistency is at least
    the median unit's", combined as "at least ``min_key_messages``". Floor: consistency at most
    ``max_ratio_to_median`` of the median's on that many. Absent ``messages``: nothing."""
    key_messages = (view.result.get("messages") or {}).get("key_messages") or {}
    ratio, need = rule.thresholds["max_ratio_to_median"], int(rule.thresholds["min_key_messages"])
    ps: dict[str, list[float]] = defaultdict(list)
    found: dict[str, list[tuple[Figure, float | None]]] = defaultdict(list)
    for key, section in key_messages.items():
        cells = {u: (e.get("consistency") or {}) for u, e in (section.get("units") or {}).items()}
        cells = {u: c for u, c in cells.items() if c.get("mean") is not None}
        if len(cells) < 3:
            continue
        median = statistics.median(c["mean"] for c in cells.values())
        for unit, c in cells.items():
            se = standard_error(c.get("interval"))
            if se is None:
                continue
            ps[unit].append(normal_below(c["mean"], se, median))
            if c["mean"] <= ratio * median:
                figure = Figure(
                    "message_consistency",
                    c["mean"],
                    n=(section["units"][unit] or {}).get("n"),
                    ci95=tuple(c["interval"]),
                    threshold=round(ratio * median, 4),
                    reference=round(median, 4),
                    unit_id=unit,
                    item=key,
                )
                found[unit].append((figure, (ratio * median - c["mean"]) / se))
    return [
        _finding(rule, u, found[u], at_least(p, need), len(found[u]) >= need)
        for u, p in ps.items()
        if len(p) >= need
    ]


def segment_gap(view: ResultView, rule: Rule) -> list[Finding]:
    """Welch's test of the ``segment`` (level a, e.g. newcomers) against the others on
    ``dimension``, one-sided (lower). Floor: at least ``min_difference`` points lower."""
    limit = rule.thresholds["min_difference"]
    rows = (view.result.get("perception_gaps") or {}).get("segments") or []
    for row in rows:
        if row.get("segment") != rule.params["segment"] or row.get("suppressed", True):
            continue
        if row.get("dimension") != rule.params["dimension"] or view.root is None:
            continue
        diff, ci, p = row.get("difference"), row.get("difference_ci95"), row.get("p")
        se = standard_error(ci)
        if diff is None or se is None or p is None:
            return []
        one_sided = p / 2 if diff < 0 else 1 - p / 2
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
            ),
        )
        found = [(figure, (-diff - limit) / se)]
        return [_finding(rule, view.root, found, one_sided, -diff >= limit)]
    return []


Detector = Callable[[ResultView, Rule], list[Finding]]

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


def detect(view: ResultView, rule: Rule) -> list[Finding]:
    """Every target the rule tests, with its p-value and floor (nothing selected yet)."""
    return DETECTORS[rule.pattern](view, rule)


def drop_covered_rollups(
    view: ResultView, signals: list[Signal], patterns: Mapping[str, str]
) -> list[Signal]:
    """Drop a roll-up's signal of a :data:`ROLLUP_PATTERNS` rule when the same rule fires on a
    unit below it (``patterns``: rule id → pattern)."""
    firing: dict[str, set[str]] = defaultdict(set)
    for s in signals:
        if patterns[s.rule_id] in ROLLUP_PATTERNS:
            firing[s.rule_id].add(s.unit_ids[0])
    covered = {
        (rule_id, a) for rule_id, units in firing.items() for u in units for a in view.ancestors(u)
    }
    return [s for s in signals if (s.rule_id, s.unit_ids[0]) not in covered]
