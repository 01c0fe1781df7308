"""``units``: the roll-up of each unit (itself and everything under it), dimension by dimension.

For each shown roll-up and dimension: the mean score with its Student t interval, the share
favourable (respondents whose score reaches the second-highest answer of the scale or more, so
4 or 5 on a 1–5 scale) with its Wilson interval, and the within-group agreement r_wg(j) (James,
Demaree & Wolf, 1984) against a uniform null over the scale's options. A roll-up hidden by the
privacy rules shows its ``n`` only; a cell answered by fewer than ``k`` is hidden too.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from eclaire.core.privacy import cell_visible, suppress_tree
from eclaire.core.stats.agreement import rwg_j
from eclaire.core.stats.intervals import grouped_mean_ci, wilson

from .context import AnalysisContext
from .scoring import item_matrix

__all__ = ["units_section", "dimension_table"]


def _num(value: float) -> float | None:
    return None if value is None or not np.isfinite(value) else round(float(value), 4)


def dimension_table(ctx: AnalysisContext, code: str) -> pd.DataFrame:
    """Per roll-up statistics of one dimension: n, mean, lo, hi, fav_k, rwg (indexed by unit)."""
    dim = next(d for d in ctx.dimensions if d.code == code)
    scale = ctx.instrument.scale_of(next(i for i in dim.items if i.scale))
    rows = ctx.rollups["row"].to_numpy()
    groups = ctx.rollups["rollup"].rename("unit")
    score = ctx.scores[code].to_numpy()[rows]
    frame = pd.DataFrame({"score": score, "unit": groups.to_numpy()})
    table = grouped_mean_ci(frame, "score", "unit")
    favorable = (frame["score"] >= scale.max - 1).where(frame["score"].notna())
    table["fav_k"] = favorable.groupby(frame["unit"]).sum().reindex(table.index).fillna(0)
    items = item_matrix(ctx.instrument, ctx.responses, dim).iloc[rows].reset_index(drop=True)
    agreement = rwg_j(items, groups.reset_index(drop=True), scale.points)
    table["rwg"] = agreement["rwg_j"].reindex(table.index)
    return table


def _cell(row: pd.Series, k: int) -> dict[str, Any] | None:
    n = int(row["n"])
    if not cell_visible(n, k):
        return None
    p, lo, hi = wilson(int(row["fav_k"]), n)
    return {
        "n": n,
        "mean": _num(row["mean"]),
        "sd": _num(row["sd"]),
        "ci95": [_num(row["lo"]), _num(row["hi"])],
        "favorable": {"share": _num(p), "ci95": [_num(lo), _num(hi)]},
        "rwg": _num(row["rwg"]),
    }


def _dimension_disclosure(ctx: AnalysisContext, code: str) -> frozenset[str]:
    """Units whose cell of this dimension is hidden.

    The tree rule runs again on the respondents who have a score on the dimension (a skipped
    dimension must not open a differencing channel), on top of the units already hidden.
    """
    answered = ctx.scores[code].notna()
    direct = ctx.responses.loc[answered, "unit_id"].value_counts().to_dict()
    hidden = suppress_tree(
        ctx.parents,
        {u: int(direct.get(u, 0)) for u in ctx.parents},
        ctx.k,
        also_suppress=ctx.disclosure.suppressed,
    )
    return hidden.suppressed


def units_section(ctx: AnalysisContext) -> dict[str, Any]:
    tables = {d.code: dimension_table(ctx, d.code) for d in ctx.dimensions}
    hidden = {code: _dimension_disclosure(ctx, code) for code in tables}
    out: dict[str, Any] = {}
    disclosure = ctx.disclosure
    for unit_id in ctx.order:
        entry: dict[str, Any] = {
            "n": int(disclosure.counts.get(unit_id, 0)),
            "suppressed": not disclosure.shows(unit_id),
        }
        if entry["suppressed"]:
            entry["reason"] = disclosure.reasons.get(unit_id, "below_threshold")
        else:
            scores = {}
            for code, table in tables.items():
                if unit_id in hidden[code] or unit_id not in table.index:
                    continue
                cell = _cell(table.loc[unit_id], ctx.k)
                if cell is not None:
                    scores[code] = cell
            entry["scores"] = scores
        out[unit_id] = entry
    return out
