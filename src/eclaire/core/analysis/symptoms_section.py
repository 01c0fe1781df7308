"""``symptoms``: how many people see each symptom often, per unit roll-up and overall.

For each item of the symptom family (frequency items: a higher answer is worse), the share of
the respondents who answered it with one of the two highest answers of its scale ("often" or
"very often" on ``freq5``), ``share = k / n``, with its Wilson (1927) 95% interval
(:func:`eclaire.core.stats.intervals.wilson`). ``n`` counts the respondents of the group who
answered the item; "not applicable" and no answer are left out of ``n``. Raw answers are used:
"often" is the answer given, whatever the keying.

Privacy: a unit hidden by ``ctx.disclosure`` is absent from ``units``; for each item the tree
rule runs again on the respondents who answered it (``suppress_tree``, with the hidden units
kept hidden), so a skipped item cannot reveal a small group by subtraction; a cell answered by
fewer than ``k`` is hidden (``cell_visible``). A hidden cell is absent.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from eclaire.core.instrument import Item
from eclaire.core.privacy import cell_visible
from eclaire.core.stats.intervals import wilson

from ._numbers import interval, num
from ._section_common import answered_disclosure
from .context import AnalysisContext

__all__ = ["symptoms_section", "symptom_items", "SYMPTOM_FAMILY"]

SYMPTOM_FAMILY = "symptom"


def symptom_items(ctx: AnalysisContext) -> tuple[Item, ...]:
    """The scored items of the symptom family dimension(s), in instrument order."""
    return tuple(
        item
        for dim in ctx.dimensions
        if dim.family == SYMPTOM_FAMILY
        for item in dim.items
        if item.kind in ("likert", "frequency")
    )


def _flags(ctx: AnalysisContext, item: Item) -> tuple[np.ndarray, np.ndarray]:
    """Per respondent: answered the item (bool), and answered one of the top two answers."""
    frame = ctx.responses
    if item.code not in frame.columns:
        none = np.zeros(len(frame), dtype=bool)
        return none, none
    values = pd.to_numeric(frame[item.code], errors="coerce").to_numpy(dtype=np.float64)
    answered = ~np.isnan(values)
    often = answered & (values >= ctx.instrument.scale_of(item).top_two[0])
    return answered, often


def _cell(share: float, lo: float, hi: float, n: int) -> dict[str, Any]:
    return {"n": int(n), "share": num(share), "ci95": interval(lo, hi)}


def _item_cells(
    ctx: AnalysisContext, item: Item, codes: np.ndarray, names: pd.Index
) -> tuple[dict[str, Any] | None, dict[str, dict[str, Any]]]:
    """The overall cell (or ``None`` when hidden) and the shown unit cells of one item."""
    answered, often = _flags(ctx, item)
    rows = ctx.rollups["row"].to_numpy()
    n = np.bincount(codes, weights=answered[rows], minlength=len(names)).astype(np.int64)
    k = np.bincount(codes, weights=often[rows], minlength=len(names)).astype(np.int64)
    share, lo, hi = wilson(k, n)  # vectorized over the roll-ups; NaN where n = 0
    hidden = answered_disclosure(ctx, pd.Series(answered))
    n_all = int(answered.sum())
    overall = None
    if hidden.shows(None) and cell_visible(n_all, ctx.k):
        overall = _cell(*wilson(int(often.sum()), n_all), n_all)
    cells = {
        str(unit): _cell(share[i], lo[i], hi[i], int(n[i]))
        for i, unit in enumerate(names)
        if unit not in hidden.suppressed and cell_visible(int(n[i]), ctx.k)
    }
    return overall, cells


def symptoms_section(ctx: AnalysisContext) -> dict[str, Any]:
    """``{"overall": {item: cell}, "units": {unit_id: {item: cell}}}``; cell = n, share, ci95.

    Units appear in tree order when the unit is shown (possibly with no visible item).
    """
    codes, names = pd.factorize(ctx.rollups["rollup"])
    overall: dict[str, Any] = {}
    per_item: dict[str, dict[str, dict[str, Any]]] = {}
    for item in symptom_items(ctx):
        cell, cells = _item_cells(ctx, item, codes, pd.Index(names))
        if cell is not None:
            overall[item.code] = cell
        per_item[item.code] = cells
    units: dict[str, Any] = {}
    for unit_id in ctx.order:
        if not ctx.disclosure.shows(unit_id):
            continue
        units[unit_id] = {
            code: cells[unit_id] for code, cells in per_item.items() if unit_id in cells
        }
    return {"overall": overall, "units": units}
