"""``reliability``: internal consistency of each scored dimension over all team responses.

For each dimension: Cronbach's (1951) alpha with its Feldt (1965) 95% interval and McDonald's
(1999) omega total of a one-factor model, both from :mod:`eclaire.core.stats.reliability`,
after reversing reverse-keyed items (``(min + max) − x``, :func:`~.scoring.item_matrix`).

Missing data (the convention of ``stats.reliability``): item variances and covariances are
pairwise-complete; "not applicable" counts as not answered. ``n`` counts the respondents with a
score on the dimension (at least half its items answered, :mod:`.scoring`): the same group as
the organization's cell of the dimension, and the only respondents alpha is computed over.

Flags: ``low`` is true when the figure should not be leaned on, and ``note`` says why, first
match wins: ``not_computable`` (fewer than 2 items, fewer than 2 respondents, or no variance),
``few_respondents`` (n < 30: the Feldt interval is wide and alpha unstable), ``low_reliability``
(alpha < 0.6, below the usual floor for group-level survey scales; e.g. Nunnally, 1978, who
asks 0.7 for research use).

Privacy: reliability is an organization-level figure over the group of the organization's cell
(alpha and omega reveal that group's sums of squares, which the cell's sd reveals already). A
person who answered only one item of the dimension used to enter alpha without entering the
cell: the two groups then differed by one person, whom the auditor isolates. When the
organization's cell of the dimension is hidden (``answered_disclosure``), or fewer than ``k``
respondents have a score, only ``n`` and the items show; the figure is registered with the
disclosure auditor (:mod:`.disclosure`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from eclaire.core.privacy import cell_visible
from eclaire.core.stats.reliability import cronbach_alpha, mcdonald_omega

from ._numbers import interval, num
from ._section_common import answered_disclosure
from .context import AnalysisContext

__all__ = ["reliability_section", "dimension_reliability", "MIN_RESPONDENTS", "MIN_ALPHA"]

MIN_RESPONDENTS = 30
"""Below this many respondents a dimension's reliability is flagged ``few_respondents``."""
MIN_ALPHA = 0.6
"""Below this alpha a dimension is flagged ``low_reliability``."""


def _omega(items: pd.DataFrame) -> float | None:
    """Omega total, or ``None`` when a one-factor model cannot be fitted (under 3 items, an item
    without variance, a pair of items never answered together)."""
    if items.shape[1] < 3:
        return None
    answered = items.loc[items.notna().any(axis=1)]
    if (answered.std(ddof=1).fillna(0) == 0).any():
        return None
    try:
        return mcdonald_omega(items)
    except ValueError:  # missing correlations: some pair of items has no common respondent
        return None


def _note(alpha: float | None, n: int) -> str | None:
    if alpha is None:
        return "not_computable"
    if n < MIN_RESPONDENTS:
        return "few_respondents"
    if alpha < MIN_ALPHA:
        return "low_reliability"
    return None


def dimension_reliability(items: pd.DataFrame, k: int) -> dict[str, Any]:
    """Reliability entry of one dimension from its (already reversed) item columns.

    ``k`` is the anonymity threshold: under ``k`` respondents only ``n`` is given.
    """
    answered = items.notna().any(axis=1)
    n = int(answered.sum())
    entry: dict[str, Any] = {"n": n, "items": list(items.columns), "k_items": int(items.shape[1])}
    if not cell_visible(n, k):
        return {**entry, "suppressed": True}
    alpha: float | None = None
    ci95: list[float | None] = [None, None]
    if items.shape[1] >= 2 and n >= 2:
        result = cronbach_alpha(items)
        if np.isfinite(result.alpha):
            alpha, ci95 = result.alpha, interval(*result.ci95)
    note = _note(alpha, n)
    entry.update(
        suppressed=False,
        alpha=num(alpha),
        alpha_ci95=ci95,
        omega=num(_omega(items)) if alpha is not None else None,
        low=note is not None,
    )
    if note is not None:
        entry["note"] = note
    return entry


def reliability_section(ctx: AnalysisContext) -> dict[str, Any]:
    """``{dimension_code: entry}`` for every scored dimension, in instrument order."""
    out: dict[str, Any] = {}
    for dim in ctx.dimensions:
        scored = ctx.scores[dim.code].notna()
        items = ctx.item_matrices[dim.code].loc[scored]
        if not answered_disclosure(ctx, scored).shows(None):
            n = int(scored.sum())
            out[dim.code] = {
                "n": n,
                "items": list(items.columns),
                "k_items": int(items.shape[1]),
                "suppressed": True,
            }
            continue
        out[dim.code] = dimension_reliability(items, ctx.k)
    return out
