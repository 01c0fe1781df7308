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
with a single score on one side; Glass, 1976).

**Segments.** Organization-wide, for newcomers vs tenured, juniors vs others, field vs head
office and customer-facing vs back office (``AnalysisContext.segment``), on every scored
dimension: Welch's (1947) t test, Hedges' (1981) g, the difference of means with its Welch 95%
interval, and Benjamini & Hochberg (1995) adjusted p-values across every test of the section.
A gap is ``significant`` when ``p_adjusted < 0.05`` **and** ``|g| ≥ 0.2`` (Cohen's, 1988, small
effect): a tiny effect on a large sample is not called a gap. ``small_sample`` flags a level
with fewer than 30 people, where the t test leans on normality.

Privacy: each cut (levels a, b and the unknown level, over the respondents with a score on the
dimension) passes :func:`~eclaire.core.privacy.suppress_partition`, and :func:`differencing_risk`
checks that its level means, beside the unit cells of the ``units`` section, isolate no group of
1 to ``k − 1`` people (a level packed into a few units would). Otherwise the comparison is listed
with its counts only (``suppressed``: true, ``reason``). The organization must be shown. The
manager's own rows are never pooled with the team.
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
from eclaire.core.stats.comparisons import benjamini_hochberg, hedges_g, welch_test
from eclaire.core.stats.differences import mean_difference_ci
from eclaire.core.stats.intervals import mean_ci, prediction_interval
from eclaire.core.stats.summary_tests import prediction_above

from ._numbers import interval, num
from .context import AnalysisContext
from .scoring import item_matrix
from .tree import ancestry

__all__ = ["SEGMENTS", "differencing_risk", "gaps_section", "manager_gaps", "segment_gaps"]

SEGMENTS = ("newcomers", "juniors", "field", "customer_facing")
GAP_FAMILIES = ("clarity", "pillar")
ALPHA = 0.05
MIN_EFFECT = 0.2
SMALL_SAMPLE = 30


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


def _gap_entry(unit_id: str, code: str, manager: float, row: Mapping[str, float]) -> dict[str, Any]:
    team, lo, hi, sd, n = (float(row[c]) for c in ("mean", "lo", "hi", "sd", "n"))
    gap = manager - team
    pi_lo, pi_hi = prediction_interval(team, sd, n)
    return {
        "unit_id": unit_id,
        "dimension": code,
        "manager": num(manager),
        "team": num(team),
        "team_ci95": interval(lo, hi),
        "n_team": int(n),
        "gap": num(gap),
        "outside_team_ci": bool(np.isfinite(lo) and not lo <= manager <= hi),
        "team_pi95": interval(pi_lo, pi_hi),
        "outside_team_pi95": bool(np.isfinite(pi_lo) and not pi_lo <= manager <= pi_hi),
        "p_above": num(prediction_above(manager, team, sd, n)),
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
    out: list[dict[str, Any]] = []
    for code in managers.columns:
        table = team_table(ctx, code).to_dict("index")
        cells = hidden[code] if hidden is not None else _hidden_cells(ctx, code)
        own = managers[code].to_dict()
        for unit_id in units:
            manager, row = float(own[unit_id]), table.get(unit_id)
            if unit_id in cells or row is None or not np.isfinite(manager):
                continue
            if cell_visible(int(row["n"]), ctx.k):
                out.append(_gap_entry(unit_id, code, manager, row))
    rank = {u: i for i, u in enumerate(ctx.order)}
    return sorted(out, key=lambda e: rank[e["unit_id"]])


def _comparison(segment: str, code: str, a: np.ndarray, b: np.ndarray) -> dict[str, Any]:
    mean_a, lo_a, hi_a, _ = mean_ci(a)
    mean_b, lo_b, hi_b, _ = mean_ci(b)
    t, df, p = welch_test(a, b)
    diff = mean_difference_ci(a, b)
    return {
        "segment": segment,
        "dimension": code,
        "suppressed": False,
        "n_a": int(a.size),
        "n_b": int(b.size),
        "mean_a": num(mean_a),
        "ci95_a": interval(lo_a, hi_a),
        "mean_b": num(mean_b),
        "ci95_b": interval(lo_b, hi_b),
        "difference": num(diff.diff),
        "difference_ci95": interval(diff.lo, diff.hi),
        "hedges_g": num(hedges_g(a, b)),
        "t": num(t),
        "df": num(df),
        "p": p,
        "small_sample": min(a.size, b.size) < SMALL_SAMPLE,
    }


def _atoms(ctx: AnalysisContext, hidden: frozenset[str]) -> np.ndarray:
    """Per respondent, the nearest unit above or at theirs whose cell is shown, as a position in
    ``ctx.order`` (−1 for none): the finest groups an analyst can get from ``units``."""
    chains = ancestry(ctx.parents)
    position = {u: i for i, u in enumerate(ctx.order)}
    nearest = np.array(
        [next((position[a] for a in chains[u] if a not in hidden), -1) for u in ctx.order],
        dtype=np.int64,
    )
    return nearest[ctx.unit_positions]


def differencing_risk(atoms: np.ndarray, levels: np.ndarray, k: int) -> bool:
    """Whether the level means of a cut, shown beside the unit cells, let an analyst isolate a
    group of 1 to ``k − 1`` people.

    The unit cells give the sums of *atoms* (each shown roll-up less its shown descendants:
    0 or at least ``k`` people by the tree rule); the cut gives the sums of the levels. A set
    ``S`` is derivable when its indicator is ``Σ c_i·atom_i + Σ_l d_l·level_l``; inside an atom
    the levels present must then differ by −1, 0 or 1, so it suffices to try the patterns
    ``d = (d_a, d_b, 0)`` with ``d_a, d_b ∈ {−1, 0, 1}``, each atom taking its best ``c_i``.
    """
    names = ("a", "b", UNKNOWN_LEVEL)
    atom_codes, _ = pd.factorize(atoms)
    level_codes = pd.Categorical(levels, categories=list(names)).codes
    if (level_codes < 0).any():
        raise ValueError(f"segment levels must be among {names}")
    flat = np.bincount(
        atom_codes * len(names) + level_codes,
        minlength=(atom_codes.max(initial=-1) + 1) * len(names),
    )
    table = flat.reshape(-1, len(names))
    present = table > 0
    for d_a, d_b in ((x, y) for x in (-1, 0, 1) for y in (-1, 0, 1) if (x, y) != (0, 0)):
        coef = np.array([d_a, d_b, 0])
        sizes, feasible = [], []
        for c in (-1, 0, 1, 2):
            value = c + coef
            feasible.append(((value[None, :] >= 0) & (value[None, :] <= 1) | ~present).all(axis=1))
            sizes.append((table * (value == 1)[None, :]).sum(axis=1))
        ok, size = np.array(feasible), np.array(sizes, dtype="float64")
        if not ok.any(axis=0).all():
            continue  # some atom cannot take this pattern
        least = np.where(ok, size, np.inf).min(axis=0)
        step = np.where(ok & (size > 0), size, np.inf).min(axis=0)
        smallest = least.sum() if least.sum() > 0 else step[least == 0].min(initial=np.inf)
        if 0 < smallest < k:
            return True
    return False


def _segment_rows(
    ctx: AnalysisContext, name: str, atoms: dict[str, np.ndarray]
) -> list[dict[str, Any]]:
    """The comparisons of one segment on every dimension (``atoms``: see :func:`_atoms`)."""
    levels = pd.Categorical(
        ctx.segment(name).fillna(UNKNOWN_LEVEL), categories=["a", "b", UNKNOWN_LEVEL]
    )
    is_level = {lvl: np.asarray(levels == lvl) for lvl in levels.categories}
    out: list[dict[str, Any]] = []
    for dim in ctx.dimensions:
        scores = ctx.scores[dim.code].to_numpy(dtype="float64")
        answered = ~np.isnan(scores)
        counts = {lvl: int((answered & at).sum()) for lvl, at in is_level.items()}
        hidden = suppress_partition(counts, ctx.k)
        reason = (
            BELOW_THRESHOLD
            if {"a", "b"} & hidden or not ctx.disclosure.shows(None)
            else (
                "differencing"
                if differencing_risk(atoms[dim.code][answered], levels[answered], ctx.k)
                else None
            )
        )
        if reason is not None:
            out.append(
                {
                    "segment": name,
                    "dimension": dim.code,
                    "suppressed": True,
                    "reason": reason,
                    "n_a": counts["a"],
                    "n_b": counts["b"],
                }
            )
            continue
        a, b = scores[answered & is_level["a"]], scores[answered & is_level["b"]]
        out.append(_comparison(name, dim.code, a, b))
    return out


def segment_gaps(
    ctx: AnalysisContext, hidden: Mapping[str, frozenset[str]] | None = None
) -> list[dict[str, Any]]:
    """Every segment × dimension comparison, BH-adjusted across all of them."""
    hidden = hidden or {dim.code: _hidden_cells(ctx, dim.code) for dim in ctx.dimensions}
    atoms = {dim.code: _atoms(ctx, hidden[dim.code]) for dim in ctx.dimensions}
    rows = [row for name in SEGMENTS for row in _segment_rows(ctx, name, atoms)]
    tested = [row for row in rows if not row["suppressed"]]
    adjusted = benjamini_hochberg(np.array([r["p"] for r in tested], dtype="float64"))
    for row, p_adj in zip(tested, adjusted, strict=True):
        g = row["hedges_g"]
        row["p"], row["p_adjusted"] = num(row["p"]), num(p_adj)
        row["significant"] = bool(
            np.isfinite(p_adj) and p_adj < ALPHA and g is not None and abs(g) >= MIN_EFFECT
        )
    return rows


def gaps_section(ctx: AnalysisContext) -> dict[str, Any]:
    """``{"managers": [...], "segments": [...], "alpha", "min_effect"}`` (see the module)."""
    hidden = {dim.code: _hidden_cells(ctx, dim.code) for dim in ctx.dimensions}
    return {
        "managers": manager_gaps(ctx, hidden),
        "segments": segment_gaps(ctx, hidden),
        "alpha": ALPHA,
        "min_effect": MIN_EFFECT,
    }
