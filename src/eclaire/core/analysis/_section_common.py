"""Helpers shared by the reliability, agreement, symptoms, index and trend sections (private).

Kept out of ``units_section`` (owned elsewhere) so that these sections do not depend on its
private names; the rule is the same: the no-differencing rule re-run on the respondents who
answered a cell. Numbers go through ``_numbers`` (4 decimals, ``None`` when not finite).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from eclaire.core.instrument import Dimension, Scale
from eclaire.core.privacy import TreeDisclosure, cell_visible
from eclaire.core.stats.agreement import rwg_j
from eclaire.core.stats.intervals import mean_ci

from ._numbers import interval, num
from .context import AnalysisContext

__all__ = ["answered_disclosure", "dimension_scale", "organization_scores"]


def dimension_scale(ctx: AnalysisContext, dim: Dimension) -> Scale:
    """The answer scale of a dimension (that of its first item with a scale)."""
    item = next((i for i in dim.items if i.scale), None)
    if item is None:
        raise ValueError(f"dimension {dim.code!r} has no item with a scale")
    return ctx.instrument.scale_of(item)


def answered_disclosure(ctx: AnalysisContext, answered: pd.Series) -> TreeDisclosure:
    """The tree rule re-run on the respondents flagged in ``answered`` (aligned with responses).

    Units (and the organization) already hidden by ``ctx.disclosure`` stay hidden; a skipped
    item or dimension must not open a differencing channel between two shown roll-ups.
    """
    hidden: set[str | None] = set(ctx.disclosure.suppressed)
    if ctx.disclosure.total_suppressed:
        hidden.add(None)
    return ctx.tree_rule(ctx.home_counts(answered.to_numpy(dtype=bool)), hidden)


def organization_scores(ctx: AnalysisContext) -> dict[str, dict[str, Any]]:
    """Organization-level cell of each scored dimension: n, mean, sd, ci95, rwg.

    The same cell as a unit's in ``units`` (Student t interval, r_wg(j) against the uniform
    null), over every team response. A dimension is absent when the organization is hidden or
    fewer than ``k`` respondents have a score on it.
    """
    out: dict[str, dict[str, Any]] = {}
    whole = pd.Series("organization", index=ctx.responses.index, name="group")
    for dim in ctx.dimensions:
        scores = ctx.scores[dim.code]
        answered = scores.notna()
        if not answered_disclosure(ctx, answered).shows(None):
            continue
        if not cell_visible(int(answered.sum()), ctx.k):
            continue
        mean, lo, hi, n = mean_ci(scores)
        items = ctx.item_matrices[dim.code].loc[answered]  # the cell's group
        agreement = rwg_j(items, whole.loc[answered], dimension_scale(ctx, dim).points)
        agreement = agreement["rwg_j"].iloc[0]
        out[dim.code] = {
            "n": int(n),
            "mean": num(mean),
            "sd": num(scores.std(ddof=1)),
            "ci95": interval(lo, hi),
            "rwg": num(agreement),
        }
    return out
