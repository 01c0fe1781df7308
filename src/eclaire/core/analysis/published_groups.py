"""The groups of respondents behind the figures a result publishes (positions in responses).

Shared by the sections that choose what to show with the disclosure auditor
(:mod:`eclaire.core.privacy.auditor`) and by the registration of a whole result
(:mod:`.disclosure`). Roll-ups follow each response's home unit (``AnalysisContext.homes``).
"""

from __future__ import annotations

import numpy as np

from .context import AnalysisContext
from .tree import ancestry

__all__ = ["cell_groups", "residual_codes", "rollup_members"]


def rollup_members(ctx: AnalysisContext) -> dict[str, np.ndarray]:
    """Per unit, the responses of its roll-up (its home members and its descendants')."""
    cached = ctx.scratch.get("rollup_members")
    if cached is not None:
        return cached
    rows, units = ctx.rollup_rows
    order = np.argsort(units, kind="stable")
    rows, units = rows[order], units[order]
    bounds = np.searchsorted(units, np.arange(len(ctx.order) + 1))
    out = {u: rows[bounds[i] : bounds[i + 1]] for i, u in enumerate(ctx.order)}
    ctx.scratch["rollup_members"] = out
    return out


def cell_groups(
    ctx: AnalysisContext, answered: np.ndarray, hidden: frozenset[str]
) -> dict[str | None, np.ndarray]:
    """The groups of the shown cells of one variable: each shown unit's roll-up and the
    organization (``None``, when shown), over the responses flagged in ``answered``."""
    out: dict[str | None, np.ndarray] = {}
    for unit, members in rollup_members(ctx).items():
        if unit in hidden or not ctx.disclosure.shows(unit):
            continue
        group = members[answered[members]]
        if group.size:
            out[unit] = group
    if ctx.disclosure.shows(None):
        out[None] = np.flatnonzero(answered)
    return out


def residual_codes(ctx: AnalysisContext, hidden: frozenset[str]) -> np.ndarray:
    """Per respondent, the nearest unit at or above their home whose cell is shown, as a
    position in ``ctx.order`` (−1 for none): the finest groups an analyst can get from the
    unit cells (a shown roll-up less its shown sub-units)."""
    chains = ancestry(ctx.parents)
    position = {u: i for i, u in enumerate(ctx.order)}
    shown = {u for u in ctx.order if u not in hidden and ctx.disclosure.shows(u)}
    nearest = np.array(
        [next((position[a] for a in chains[u] if a in shown), -1) for u in ctx.order],
        dtype=np.int64,
    )
    return nearest[ctx.home_positions]
