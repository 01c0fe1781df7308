"""The answers behind a unit's dimension cell: per item, how many gave each answer.

For a shown cell (a unit roll-up on one dimension), each item of the dimension gets the number
of the cell's respondents who gave each answer of the item's scale (``counts``, lowest answer
first, as asked: a reverse-keyed item is not reversed) and the number who did not answer it or
answered "not applicable" (``missing``). The respondents are exactly those counted in the cell's
``n`` (the roll-up's members with a score on the dimension), so for every item
``sum(counts) + missing == n``: the distributions are read over the very group the cell
publishes. An answer outside the scale counts as missing.

The counts of an item sum the answers of the cell's respondents who answered it, a group that
can be smaller than the cell's. So a cell gets its items' answers only where the tree rule
(:func:`eclaire.core.privacy.suppress_tree`), run again on the respondents scored on the
dimension who answered the item, shows the unit for every item of the dimension
(:func:`hidden_answers`): a parent's answers minus its shown children's then never isolate
fewer than ``k`` people who answered. The disclosure audit checks them again in each item's
channel (:mod:`.disclosure`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from eclaire.core.instrument import Item

from .context import AnalysisContext

__all__ = ["hidden_answers", "item_answers", "item_distributions", "scored_items"]


def scored_items(ctx: AnalysisContext, code: str) -> tuple[Item, ...]:
    """The items of dimension ``code`` that have answers to count."""
    dim = next(d for d in ctx.dimensions if d.code == code)
    return tuple(i for i in dim.items if i.kind in ("likert", "frequency"))


def item_answers(ctx: AnalysisContext, item: Item) -> tuple[np.ndarray, np.ndarray]:
    """Per respondent: whether they gave an answer of the item's scale, and its rank on the
    scale (0 for the lowest answer; 0 too where there is none). Read once per item (the
    arrays are shared, read-only)."""
    cache = ctx.scratch.setdefault("item_answers", {})
    if item.code not in cache:
        cache[item.code] = _read_answers(ctx, item)
    return cache[item.code]


def _read_answers(ctx: AnalysisContext, item: Item) -> tuple[np.ndarray, np.ndarray]:
    scale = ctx.instrument.scale_of(item)
    if item.code in ctx.responses.columns:
        raw = pd.to_numeric(ctx.responses[item.code], errors="coerce").to_numpy(np.float64)
    else:
        raw = np.full(len(ctx.responses), np.nan)
    with np.errstate(invalid="ignore"):
        valid = (raw >= scale.min) & (raw <= scale.max) & (raw == np.rint(raw))
    level = np.where(valid, raw - scale.min, 0).astype(np.int64)
    valid.setflags(write=False)
    level.setflags(write=False)
    return valid, level


def hidden_answers(ctx: AnalysisContext, code: str) -> frozenset[str | None]:
    """The units whose cell on ``code`` gets no answers: hidden cells, and units the tree rule
    hides for the respondents scored on ``code`` who answered one of its items."""
    hidden = set(ctx.hidden_cells[code])
    scored = ctx.scores[code].notna().to_numpy()
    for item in scored_items(ctx, code):
        said, _level = item_answers(ctx, item)
        hidden |= ctx.tree_rule(ctx.home_counts(scored & said), ctx.hidden_cells[code]).suppressed
    return frozenset(hidden)


def item_distributions(ctx: AnalysisContext, code: str) -> dict[int, dict[str, dict[str, Any]]]:
    """``{position in ctx.order: {item code: {"counts": [...], "missing": m}}}`` for one
    dimension, over every roll-up with at least one scored respondent; the units of
    :func:`hidden_answers` are left out."""
    rows, units = ctx.rollup_rows
    scored = ctx.scores[code].notna().to_numpy()[rows]
    rows, units = rows[scored], units[scored]
    size = len(ctx.order)
    totals = np.bincount(units, minlength=size)
    hidden = hidden_answers(ctx, code)
    out: dict[int, dict[str, dict[str, Any]]] = {
        int(u): {} for u in np.flatnonzero(totals).tolist() if ctx.order[u] not in hidden
    }
    for item in scored_items(ctx, code):
        points = ctx.instrument.scale_of(item).points
        said, level = item_answers(ctx, item)
        said, level = said[rows], level[rows]
        flat = np.bincount(units[said] * points + level[said], minlength=size * points)
        counts = flat.reshape(size, points)
        missing = (totals - counts.sum(axis=1)).tolist()
        per_unit = counts.tolist()
        for u in out:
            out[u][item.code] = {"counts": per_unit[u], "missing": missing[u]}
    return out
