"""Differences between two independent samples (e.g. two survey waves) with intervals.

Units: a mean difference and its bounds are in the unit of the values (scale points); a
difference of proportions and its bounds are in shares (−1 to 1). ``a − b`` throughout, so
with ``a`` the current wave a positive difference is an increase.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from eclaire.core.stats._common import GroupArg, as_float_array, check_level
from eclaire.core.stats.distributions import t_ppf
from eclaire.core.stats.intervals import grouped_mean_ci, wilson

__all__ = [
    "Difference",
    "grouped_mean_difference_ci",
    "mean_difference_ci",
    "proportion_difference_ci",
]


class Difference(NamedTuple):
    diff: Any
    lo: Any
    hi: Any


def _welch_interval(
    mean_a: Any, sd_a: Any, n_a: Any, mean_b: Any, sd_b: Any, n_b: Any, level: float
) -> Difference:
    """Vectorized Welch interval; NaN where a side has n < 2 or both variances are 0."""
    n_a, n_b = np.asarray(n_a, dtype="float64"), np.asarray(n_b, dtype="float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        va, vb = np.asarray(sd_a) ** 2 / n_a, np.asarray(sd_b) ** 2 / n_b
        df = (va + vb) ** 2 / (va**2 / (n_a - 1) + vb**2 / (n_b - 1))
        df = np.where((n_a >= 2) & (n_b >= 2), df, np.nan)
        half = t_ppf(0.5 + level / 2, df) * np.sqrt(va + vb)
    diff = np.asarray(mean_a) - np.asarray(mean_b)
    return Difference(diff, diff - half, diff + half)


def mean_difference_ci(a: Any, b: Any, level: float = 0.95) -> Difference:
    """Difference of two independent means ``mean(a) − mean(b)`` with its Welch interval.

    ``d ± t(1 − (1 − level)/2; df)·√(s²_a/n_a + s²_b/n_b)`` with the Welch (1947) –
    Satterthwaite (1946) ``df``; as statsmodels ``CompareMeans.tconfint_diff(usevar="unequal")``.
    Missing values dropped; each sample needs 2 values.
    """
    level = check_level(level)
    x, y = as_float_array(a, "a"), as_float_array(b, "b")
    if x.size < 2 or y.size < 2:
        raise ValueError(f"each sample needs at least 2 values, got {x.size} and {y.size}")
    out = _welch_interval(x.mean(), x.std(ddof=1), x.size, y.mean(), y.std(ddof=1), y.size, level)
    return Difference(float(out.diff), float(out.lo), float(out.hi))


def proportion_difference_ci(
    k_a: Any, n_a: Any, k_b: Any, n_b: Any, level: float = 0.95
) -> Difference:
    """Difference of two independent proportions ``k_a/n_a − k_b/n_b``, Newcombe interval.

    Newcombe's (1998, method 10) hybrid score interval from the two :func:`wilson` intervals
    ``(l_a, u_a)`` and ``(l_b, u_b)``: ``d − √((p_a − l_a)² + (u_b − p_b)²)`` to
    ``d + √((u_a − p_a)² + (p_b − l_b)²)``; as statsmodels
    ``confint_proportions_2indep(method="newcomb")``. Vectorized over arrays of counts.
    """
    level = check_level(level)
    pa, la, ua = wilson(k_a, n_a, level)
    pb, lb, ub = wilson(k_b, n_b, level)
    diff = np.subtract(pa, pb)
    lo = diff - np.sqrt((np.subtract(pa, la)) ** 2 + (np.subtract(ub, pb)) ** 2)
    hi = diff + np.sqrt((np.subtract(ua, pa)) ** 2 + (np.subtract(pb, lb)) ** 2)
    if np.ndim(diff) == 0:
        return Difference(float(diff), float(lo), float(hi))
    return Difference(diff, lo, hi)


def grouped_mean_difference_ci(
    frame_a: pd.DataFrame,
    frame_b: pd.DataFrame,
    value_col: str,
    group_col: GroupArg,
    level: float = 0.95,
) -> pd.DataFrame:
    """:func:`mean_difference_ci` per group between two frames (e.g. this wave and the last).

    ``group_col`` names a column present in both frames. Returns a DataFrame indexed by every
    group seen in either frame with ``n_a``, ``n_b``, ``mean_a``, ``mean_b``, ``diff``, ``lo``,
    ``hi``; a group with fewer than 2 values on a side has NaN bounds (and NaN ``diff`` if
    absent on a side).
    """
    level = check_level(level)
    if not isinstance(group_col, str):
        raise ValueError("group_col must be a column name present in both frames")
    a = grouped_mean_ci(frame_a, value_col, group_col, level)
    b = grouped_mean_ci(frame_b, value_col, group_col, level)
    a, b = a.align(b, join="outer", axis=0)
    out = _welch_interval(a["mean"], a["sd"], a["n"], b["mean"], b["sd"], b["n"], level)
    return pd.DataFrame(
        {
            "n_a": a["n"].fillna(0).astype("int64"),
            "n_b": b["n"].fillna(0).astype("int64"),
            "mean_a": a["mean"],
            "mean_b": b["mean"],
            "diff": out.diff,
            "lo": out.lo,
            "hi": out.hi,
        },
        index=a.index,
    )
