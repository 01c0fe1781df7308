"""``units``: the roll-up of each unit (itself and everything under it), dimension by dimension.

For each shown roll-up and dimension: the mean score with its Student t interval, the share
favourable (respondents whose score reaches the second-highest answer of the scale or more, so
4 or 5 on a 1–5 scale) with its Wilson interval, the within-group agreement r_wg(j) (James,
Demaree & Wolf, 1984) against a uniform null over the scale's options, and the answers to each
item over the same respondents (:mod:`.item_distributions`). A roll-up hidden by the
privacy rules shows its ``n`` only; a cell answered by fewer than ``k`` is hidden too.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from eclaire.core.privacy import cell_visible
from eclaire.core.stats.agreement import rwg_j
from eclaire.core.stats.intervals import wilson

from ._numbers import DECIMALS
from .context import AnalysisContext
from .item_distributions import item_distributions

__all__ = ["units_section", "dimension_table"]


def _rounded(values: Any) -> list[float | None]:
    """:func:`num` over an array (Python's correctly rounded ``round``, as for one value)."""
    return [
        round(v, DECIMALS) if math.isfinite(v) else None
        for v in np.asarray(values, dtype=np.float64).tolist()
    ]


def _positional_table(ctx: AnalysisContext, code: str) -> pd.DataFrame:
    """:func:`dimension_table` indexed by positions in ``ctx.order``."""
    dim = next(d for d in ctx.dimensions if d.code == code)
    scale = ctx.instrument.scale_of(next(i for i in dim.items if i.scale))
    rows, units = ctx.rollup_rows
    table = ctx.rollup_scores[code].copy()
    score = ctx.scores[code].to_numpy()[rows]
    with np.errstate(invalid="ignore"):
        favorable = np.where(np.isnan(score), 0.0, score >= scale.max - 1)
    fav_k = np.bincount(units, weights=favorable, minlength=len(ctx.order))
    table["fav_k"] = fav_k[table.index.to_numpy()]
    items = ctx.item_matrices[code].to_numpy(dtype=np.float64)[rows]
    scored = ~np.isnan(score)  # r_wg over the cell's own group: the members with a score
    agreement = rwg_j(pd.DataFrame(items[scored]), pd.Series(units[scored]), scale.points)
    table["rwg"] = agreement["rwg_j"].reindex(table.index)
    return table


def dimension_table(ctx: AnalysisContext, code: str) -> pd.DataFrame:
    """Per roll-up statistics of one dimension: n, mean, lo, hi, fav_k, rwg (indexed by unit)."""
    table = _positional_table(ctx, code)
    table.index = pd.Index(np.asarray(ctx.order, dtype=object)[table.index.to_numpy()], name="unit")
    return table


def _cells(
    table: pd.DataFrame, k: int, items: dict[int, dict[str, dict[str, Any]]]
) -> dict[int, dict[str, Any]]:
    """The shown cells of one dimension (answered by ``k`` or more), by position in the order,
    each with the answers to its items (:mod:`.item_distributions`)."""
    n = table["n"].to_numpy(dtype=np.int64)
    p, lo, hi = wilson(table["fav_k"].to_numpy(dtype=np.int64), n)
    cols = {c: _rounded(table[c]) for c in ("mean", "sd", "lo", "hi", "rwg")}
    share, share_lo, share_hi = _rounded(p), _rounded(lo), _rounded(hi)
    out: dict[int, dict[str, Any]] = {}
    for i, unit in enumerate(table.index.tolist()):
        if not cell_visible(int(n[i]), k):
            continue
        out[unit] = {
            "n": int(n[i]),
            "mean": cols["mean"][i],
            "sd": cols["sd"][i],
            "ci95": [cols["lo"][i], cols["hi"][i]],
            "favorable": {"share": share[i], "ci95": [share_lo[i], share_hi[i]]},
            "rwg": cols["rwg"][i],
        }
        if unit in items:
            out[unit]["items"] = items[unit]
    return out


def units_section(ctx: AnalysisContext) -> dict[str, Any]:
    cells = {
        d.code: _cells(_positional_table(ctx, d.code), ctx.k, item_distributions(ctx, d.code))
        for d in ctx.dimensions
    }
    out: dict[str, Any] = {}
    disclosure = ctx.disclosure
    for i, unit_id in enumerate(ctx.order):
        entry: dict[str, Any] = {
            "n": int(disclosure.counts.get(unit_id, 0)),
            "suppressed": not disclosure.shows(unit_id),
        }
        if entry["suppressed"]:
            entry["reason"] = disclosure.reasons.get(unit_id, "below_threshold")
        else:
            if unit_id in disclosure.pooled:
                entry["pooled"] = True
            entry["scores"] = {
                code: by_unit[i]
                for code, by_unit in cells.items()
                if i in by_unit and unit_id not in ctx.hidden_cells[code]
            }
        out[unit_id] = entry
    return out
