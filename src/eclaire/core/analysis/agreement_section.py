"""``agreement``: does a dimension describe the unit more than the person? ICC(1) and ICC(2).

For each scored dimension, a one-way random-effects ANOVA of the per-respondent dimension
scores on the respondent's own unit (``unit_id``, not the roll-ups: a respondent counts once),
through :func:`eclaire.core.stats.agreement.icc1_icc2` (Bliese, 2000; R ``multilevel``):

- ``ICC(1) = (MSB − MSW) / (MSB + (N/J − 1)·MSW)``: the share of the score variance that lies
  between units (``N/J`` the mean unit size);
- ``ICC(2) = (MSB − MSW) / MSB``: the reliability of the unit means.

The groups are the residual groups of the shown unit cells (a shown roll-up less its shown
sub-units, see :mod:`eclaire.core.privacy.agreement`): a unit hidden as ``complementary`` never
enters on its own (its ICC could be inverted into one person's score), and a unit's few direct
members enter with their hidden sub-units. Only groups with at least ``k`` respondents scored
on the dimension enter; at least 3 such units are needed
(with 2, the ratio ICC(2) and the totals shown elsewhere would give both unit means away, and
an ICC over 2 groups says nothing anyway). Under 10 units the figure is given with the note
``few_units``: the between-unit variance is then estimated from very few groups.

``meaningful`` = ICC(1) > 0.05 and ICC(2) ≥ 0.60. A rule of thumb, not a test: ICC(1) values
from 0.05 to 0.20 are typical of organizational data with a real group effect (Bliese, 2000);
LeBreton & Senter (2008) read 0.01 as a small, 0.10 as a medium and 0.25 as a large effect, so
0.05 sits between small and medium. ICC(2) of 0.60 or more means unit means are reliable enough
to compare units (Glick, 1985; LeBreton & Senter, 2008, also discuss 0.70 as a stricter cut-off). When it is false, unit differences on the dimension
should be read as individual variation rather than a shared unit climate.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from eclaire.core.privacy.agreement import icc_groups
from eclaire.core.stats.agreement import icc1_icc2

from ._numbers import num
from .context import AnalysisContext
from .published_groups import residual_codes

__all__ = [
    "agreement_groups",
    "agreement_section",
    "dimension_icc",
    "MIN_UNITS",
    "FEW_UNITS",
    "ICC1_MIN",
    "ICC2_MIN",
]

MIN_UNITS = 3
FEW_UNITS = 10
ICC1_MIN = 0.05
ICC2_MIN = 0.60


def dimension_icc(scores: pd.Series, units: pd.Series, k: int) -> dict[str, Any]:
    """ICC entry of one dimension: ``scores`` per respondent, ``units`` their own unit ids.

    Units with fewer than ``k`` scored respondents are left out before the ANOVA.
    """
    scored = scores.notna() & units.notna()
    sizes = units[scored].value_counts()
    kept = sizes.index[sizes >= k]
    enters = scored & units.isin(kept)
    n_units, n = int(len(kept)), int(enters.sum())
    entry: dict[str, Any] = {
        "icc1": None,
        "icc2": None,
        "n_units": n_units,
        "n": n,
        "meaningful": False,
    }
    if n_units < MIN_UNITS:
        entry["note"] = "too_few_units"
        return entry
    groups = units.where(enters)
    try:
        icc = icc1_icc2(scores.where(enters), groups)
    except ValueError:  # every unit mean equal: no between-unit variance at all
        entry["note"] = "no_variance"
        return entry
    entry.update(
        icc1=num(icc.icc1),
        icc2=num(icc.icc2),
        meaningful=bool(icc.icc1 > ICC1_MIN and icc.icc2 >= ICC2_MIN),
    )
    if n_units < FEW_UNITS:
        entry["note"] = "few_units"
    return entry


def agreement_groups(ctx: AnalysisContext, code: str) -> np.ndarray:
    """Per respondent, the group entering the ICC of ``code`` (−1: left out): the residual
    groups of the shown cells (:func:`eclaire.core.privacy.agreement.icc_groups`)."""
    answered = ctx.scores[code].notna().to_numpy()
    return icc_groups(residual_codes(ctx, ctx.hidden_cells[code]), answered, ctx.k)


def agreement_section(ctx: AnalysisContext) -> dict[str, Any]:
    """``{dimension_code: {icc1, icc2, n_units, n, meaningful[, note]}}`` in instrument order."""
    out: dict[str, Any] = {}
    for dim in ctx.dimensions:
        scores = ctx.scores[dim.code].astype(np.float64)
        groups = pd.Series(agreement_groups(ctx, dim.code))
        out[dim.code] = dimension_icc(scores, groups.where(groups >= 0), ctx.k)
    return out
