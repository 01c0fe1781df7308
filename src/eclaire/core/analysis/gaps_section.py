"""``perception_gaps``: the manager's view against the team's, and gaps between populations.

**Managers.** For a unit with a manager self-assessment whose roll-up is shown, on each clarity
and pillar dimension: the manager's score (the self-assessment items scored like the team's:
reverse-keyed items reversed, mean of the answered items, at least half answered; the mean of the
rows when a unit has several), the team's cell of the ``units`` section (same mean, Student t 95%
interval and ``n``; hidden there, absent here), ``gap = manager − team`` in scale points,
``outside_team_ci`` (the manager's score lies outside the team's interval of the *mean*), the
team's 95 % *prediction* interval for one score ``team_pi95`` (:func:`prediction_interval`),
``outside_team_pi95`` and ``p_above`` (the one-sided prediction-t p-value of a score this far
above the team's: a single score is compared with where one more member would fall, not with
the interval of the mean, which most members of the team lie outside) and
``standardized_gap = gap / sd_team`` (the gap in team standard deviations, Glass's delta
with a single score on one side; Glass, 1976). ``families`` holds the same figures on the mean
of each family's dimensions (clarity, pillars), the steadier score a single self-assessment is
best compared on: the team's value is the mean of the unit's published cells of the family, its
spread that of one family score per person (at least half of the dimensions scored;
:func:`family_gaps`).

**Segments.** Organization-wide, for newcomers vs tenured, juniors vs others, field vs head
office and customer-facing vs back office (``AnalysisContext.segment``), on every scored
dimension: Welch's (1947) t test, Hedges' (1981) g, the difference of means with its Welch 95%
interval, and Benjamini & Hochberg (1995) adjusted p-values across every organization-wide test
(:mod:`.segment_comparison`).
A gap is ``significant`` when ``p_adjusted < 0.05`` **and** ``|g| ≥ 0.2`` (Cohen's, 1988, small
effect): a tiny effect on a large sample is not called a gap. ``small_sample`` flags a level
with fewer than 30 people, where the t test leans on normality.

Privacy: each cut (levels a, b and the unknown level, over the respondents with a score on the
dimension) passes :func:`~eclaire.core.privacy.suppress_partition`; then the four cuts of a
dimension and its unit cells are audited together (:mod:`.segment_cuts`): a comparison that
would isolate fewer than ``k`` people leaves them out of its level when they all sit in one
(``n_a``/``n_b`` then count who is in), or is hidden. A hidden comparison is listed with its
counts only (``suppressed``: true, ``reason``). The organization must be shown. The
manager's own rows are never pooled with the team.

**Segments within departments** (``segment_units``): the same comparisons within each unit
whose roll-up holds at least ``2k`` respondents on the dimension (:mod:`.segment_units`), chosen
after the organization's and giving way to them; their own family for the adjustment.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from eclaire.core.privacy import (
    BELOW_THRESHOLD,
    UNKNOWN_LEVEL,
    cell_visible,
    suppress_partition,
)
from eclaire.core.privacy.algebra import smallest_isolated
from eclaire.core.stats.intervals import grouped_mean_ci, prediction_interval
from eclaire.core.stats.summary_tests import prediction_above

from ._numbers import interval, num
from .context import AnalysisContext
from .scoring import item_matrix
from .segment_comparison import ALPHA, MIN_EFFECT, SMALL_SAMPLE, adjust_family, comparison
from .segment_cuts import choose_segments
from .segment_units import segment_unit_gaps

__all__ = [
    "SEGMENTS",
    "differencing_risk",
    "family_gaps",
    "gaps_section",
    "manager_gaps",
    "segment_gaps",
]

SEGMENTS = ("newcomers", "juniors", "field", "customer_facing")
CUT_ORDER = ("field", "customer_facing", "newcomers", "juniors")
"""The order in which the cuts are audited: a later cut gives way to an earlier one."""
GAP_FAMILIES = ("clarity", "pillar")


def self_scores(ctx: AnalysisContext) -> pd.DataFrame:
    """Manager self-assessment scores, one row per unit, one column per clarity/pillar dimension.

    Only the items of the self-assessment variant count; a dimension needs at least half of
    them answered (rounded up). Several rows of one unit are averaged.
    """
    frame = ctx.self_assessments
    if frame.empty or "unit_id" not in frame.columns:
        return pd.DataFrame()
    scores = {}
    for dim in (d for d in ctx.dimensions if d.family in GAP_FAMILIES):
        codes = [i.code for i in dim.items if i.self_text is not None]
        if not codes:
            continue
        items = item_matrix(ctx.instrument, frame, dim)[codes]
        enough = items.notna().sum(axis=1) >= math.ceil(len(codes) / 2)
        scores[dim.code] = items.mean(axis=1).where(enough)
    table = pd.DataFrame(scores, index=frame.index)
    return table.groupby(frame["unit_id"].astype(str).to_numpy()).mean()


def _hidden_cells(ctx: AnalysisContext, code: str) -> frozenset[str]:
    """Units whose cell of ``code`` the ``units`` section hides (its rule: ``ctx.hidden_cells``)."""
    return ctx.hidden_cells[code]


def team_table(ctx: AnalysisContext, code: str) -> pd.DataFrame:
    """The ``units`` section's figures of one dimension per roll-up: ``n``, ``mean``, ``sd``,
    ``lo``, ``hi`` (``ctx.rollup_scores``, as its ``dimension_table``, without agreement),
    indexed by unit id."""
    table = ctx.rollup_scores[code]
    index = pd.Index(np.asarray(ctx.order, dtype=object)[table.index.to_numpy()], name="unit")
    return table.set_axis(index)


def _gap_entries(
    found: list[tuple[str, str, float, Mapping[str, float]]],
) -> list[dict[str, Any]]:
    """The entry of each ``(unit_id, code, manager, team row)``; the prediction intervals and
    p-values of all of them from one vectorized call each (the same floats, value by value)."""
    if not found:
        return []
    rows = [tuple(float(row[c]) for c in ("mean", "lo", "hi", "sd", "n")) for _, _, _, row in found]
    team, _, _, sd, n = (np.array(column, dtype="float64") for column in zip(*rows, strict=True))
    manager = np.array([m for _, _, m, _ in found], dtype="float64")
    pi_lo, pi_hi = (x.tolist() for x in prediction_interval(team, sd, n))
    p_above = np.atleast_1d(prediction_above(manager, team, sd, n)).tolist()
    return [
        _gap_entry(unit_id, code, m, row, (pi_lo[i], pi_hi[i]), p_above[i])
        for i, ((unit_id, code, m, _), row) in enumerate(zip(found, rows, strict=True))
    ]


def _gap_entry(
    unit_id: str,
    code: str,
    manager: float,
    row: tuple[float, ...],
    pi: tuple[float, float],
    p_above: float,
) -> dict[str, Any]:
    team, lo, hi, sd, n = row
    gap = manager - team
    pi_lo, pi_hi = pi
    return {
        "unit_id": unit_id,
        "dimension": code,
        "manager": num(manager),
        "team": num(team),
        "team_ci95": interval(lo, hi),
        "n_team": int(n),
        "gap": num(gap),
        "outside_team_ci": bool(math.isfinite(lo) and not lo <= manager <= hi),
        "team_pi95": interval(pi_lo, pi_hi),
        "outside_team_pi95": bool(math.isfinite(pi_lo) and not pi_lo <= manager <= pi_hi),
        "p_above": num(p_above),
        "standardized_gap": num(gap / sd) if sd > 0 else None,
        "small_sample": int(n) < SMALL_SAMPLE,
    }


def manager_gaps(
    ctx: AnalysisContext, hidden: Mapping[str, frozenset[str]] | None = None
) -> list[dict[str, Any]]:
    """Manager − team on each clarity and pillar dimension, units in tree order; ``hidden``:
    the hidden cells per dimension, when already computed."""
    managers = self_scores(ctx)
    if managers.empty:
        return []
    units = [u for u in ctx.order if u in managers.index and ctx.disclosure.shows(u)]
    found: list[tuple[str, str, float, Mapping[str, float]]] = []
    for code in managers.columns:
        table = team_table(ctx, code).to_dict("index")
        cells = hidden[code] if hidden is not None else _hidden_cells(ctx, code)
        own = managers[code].to_dict()
        for unit_id in units:
            manager, row = float(own[unit_id]), table.get(unit_id)
            if unit_id in cells or row is None or not np.isfinite(manager):
                continue
            if cell_visible(int(row["n"]), ctx.k):
                found.append((unit_id, code, manager, row))
    rank = {u: i for i, u in enumerate(ctx.order)}
    return sorted(_gap_entries(found), key=lambda e: rank[e["unit_id"]])


def _family_scores(table: pd.DataFrame, codes: list[str]) -> pd.Series:
    """The mean of a family's dimension scores, with at least half of them scored."""
    cells = table[codes]
    return cells.mean(axis=1).where(cells.notna().sum(axis=1) >= math.ceil(len(codes) / 2))


def _family_table(
    ctx: AnalysisContext,
    codes: list[str],
    score: pd.Series,
    rows: np.ndarray,
    positions: np.ndarray,
) -> dict[str, dict[str, float]]:
    """Per roll-up: ``n``, ``sd`` of the family scores ``score`` of its members, ``mean`` the
    mean of its cells' means of ``codes`` (:func:`team_table`; NaN when one is missing), and
    ``lo``, ``hi`` that mean ± the half-width of the family scores' t interval."""
    frame = pd.DataFrame({"score": score.to_numpy()[rows], "unit": positions})
    table = grouped_mean_ci(frame, "score", "unit")
    table = table.set_axis(pd.Index(np.asarray(ctx.order, dtype=object)[table.index.to_numpy()]))
    cells = pd.concat([team_table(ctx, code)["mean"] for code in codes], axis=1)
    team = cells.mean(axis=1, skipna=False).reindex(table.index)
    half = (table["hi"] - table["lo"]) / 2
    table = table.assign(mean=team, lo=team - half, hi=team + half)
    return table.to_dict("index")


def family_gaps(
    ctx: AnalysisContext, hidden: Mapping[str, frozenset[str]] | None = None
) -> list[dict[str, Any]]:
    """Manager − team on the mean of each family's dimensions, with the same figures as
    :func:`manager_gaps`, ``family`` and its ``dimensions`` instead of ``dimension``.

    The team's value is the mean of the unit's ``m`` published cells of the family,
    ``F = (1/m)·Σ_j mean_j`` (:func:`_family_table`): a combination of figures already shown,
    so it gives nothing the cells do not. The spread is that of one score per person (the mean
    of their clarity, or pillar, dimension scores, at least half of them scored): ``n_team``
    and its sd ``s`` are over the roll-up's members with a family score, the interval of the
    mean is ``F ± t(0.975; n − 1)·s/√n``, and the prediction interval and ``p_above`` use
    ``F``, ``s`` and ``n``. One score over a family is steadier than each dimension's (item
    noise averages out), so its prediction interval is narrower: the test a single
    self-assessment can support. Privacy: the tree rule runs again on the respondents with a
    family score, and a unit whose cell of any of the family's dimensions is hidden is left
    out."""
    managers = self_scores(ctx)
    if managers.empty:
        return []
    family_of = {d.code: d.family for d in ctx.dimensions}
    units = [u for u in ctx.order if u in managers.index and ctx.disclosure.shows(u)]
    rows, positions = ctx.rollup_rows
    out: list[dict[str, Any]] = []
    for family in GAP_FAMILIES:
        codes = [c for c in managers.columns if family_of.get(c) == family]
        if len(codes) < 2:
            continue
        score = _family_scores(ctx.scores, codes)
        by_unit = _family_table(ctx, codes, score, rows, positions)
        answered = ctx.home_counts(score.notna().to_numpy())
        rule = ctx.tree_rule(answered, ctx.disclosure.suppressed)
        cells = set(rule.suppressed).union(
            *((hidden[c] if hidden is not None else _hidden_cells(ctx, c)) for c in codes)
        )
        own = _family_scores(managers, codes).to_dict()
        found: list[tuple[str, str, float, Mapping[str, float]]] = []
        for unit_id in units:
            manager, row = float(own[unit_id]), by_unit.get(unit_id)
            if unit_id in cells or row is None or not np.isfinite([manager, row["mean"]]).all():
                continue
            if cell_visible(int(row["n"]), ctx.k):
                found.append((unit_id, family, manager, row))
        for entry in _gap_entries(found):
            del entry["dimension"]
            out.append(
                {"unit_id": entry["unit_id"], "family": family, "dimensions": codes, **entry}
            )
    rank = {u: i for i, u in enumerate(ctx.order)}
    return sorted(out, key=lambda e: (rank[e["unit_id"]], GAP_FAMILIES.index(e["family"])))


def differencing_risk(atoms: np.ndarray, levels: np.ndarray, k: int) -> bool:
    """Whether the level means of one cut, shown beside the unit cells, isolate a group of 1 to
    ``k − 1`` people (exact: :func:`eclaire.core.privacy.algebra.smallest_isolated`).

    ``atoms``: per respondent, the residual group of the shown unit cells (the finest groups
    the cells give); ``levels``: per respondent, ``"a"``, ``"b"`` or the unknown level, whose
    mean is never shown."""
    names = ("a", "b", UNKNOWN_LEVEL)
    codes = pd.Categorical(levels, categories=list(names)).codes
    if (codes < 0).any():
        raise ValueError(f"segment levels must be among {names}")
    groups = pd.Series(np.arange(len(atoms))).groupby(np.asarray(atoms)).indices
    nested = [np.asarray(g) for g in groups.values()]
    crossing = [np.flatnonzero(codes == 0), np.flatnonzero(codes == 1)]
    return smallest_isolated(len(atoms), nested, crossing, k) is not None


def _suppressed_row(name: str, code: str, reason: str, n_a: int, n_b: int) -> dict[str, Any]:
    return {
        "segment": name,
        "dimension": code,
        "suppressed": True,
        "reason": reason,
        "n_a": n_a,
        "n_b": n_b,
    }


def _dimension_rows(
    ctx: AnalysisContext, code: str, hidden: frozenset[str], levels: Mapping[str, pd.Categorical]
) -> dict[str, dict[str, Any]]:
    """Every segment's comparison on one dimension, chosen together with the unit cells
    (:func:`~eclaire.core.analysis.segment_cuts.choose_segments`)."""
    scores = ctx.scores[code].to_numpy(dtype="float64")
    answered = ~np.isnan(scores)
    out: dict[str, dict[str, Any]] = {}
    candidates: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for name in CUT_ORDER:
        cut = levels[name]
        at = {lvl: answered & np.asarray(cut == lvl) for lvl in cut.categories}
        counts = {lvl: int(mask.sum()) for lvl, mask in at.items()}
        if {"a", "b"} & suppress_partition(counts, ctx.k) or not ctx.disclosure.shows(None):
            out[name] = _suppressed_row(name, code, BELOW_THRESHOLD, counts["a"], counts["b"])
        else:
            candidates[name] = (np.flatnonzero(at["a"]), np.flatnonzero(at["b"]))
    chosen = choose_segments(ctx, code, answered, hidden, candidates)
    for name, groups in chosen.items():
        a, b = candidates[name]
        if groups is None:
            out[name] = _suppressed_row(name, code, "differencing", a.size, b.size)
            continue
        ctx.scratch.setdefault("segments", {})[(name, code)] = groups
        out[name] = comparison(name, code, scores[groups[0]], scores[groups[1]])
    return out


def segment_gaps(
    ctx: AnalysisContext, hidden: Mapping[str, frozenset[str]] | None = None
) -> list[dict[str, Any]]:
    """Every segment × dimension comparison, BH-adjusted across all of them."""
    hidden = hidden or {dim.code: _hidden_cells(ctx, dim.code) for dim in ctx.dimensions}
    levels = {
        name: pd.Categorical(
            ctx.segment(name).fillna(UNKNOWN_LEVEL), categories=["a", "b", UNKNOWN_LEVEL]
        )
        for name in SEGMENTS
    }
    per_dim = {d.code: _dimension_rows(ctx, d.code, hidden[d.code], levels) for d in ctx.dimensions}
    rows = [per_dim[dim.code][name] for name in SEGMENTS for dim in ctx.dimensions]
    adjust_family(rows)
    return rows


def gaps_section(ctx: AnalysisContext) -> dict[str, Any]:
    """``{"managers": [...], "families": [...], "segments": [...], "segment_units": [...],
    "alpha", "min_effect"}`` (see the module)."""
    hidden = {dim.code: _hidden_cells(ctx, dim.code) for dim in ctx.dimensions}
    segments = segment_gaps(ctx, hidden)  # chosen first: the departments' rows give way
    families = family_gaps(ctx, hidden)
    return {
        "managers": manager_gaps(ctx, hidden),
        "families": families,
        "segments": segments,
        "segment_units": segment_unit_gaps(ctx, hidden, CUT_ORDER, families),
        "alpha": ALPHA,
        "min_effect": MIN_EFFECT,
    }
