"""Comparing two independent groups: Hedges' g, Welch's t test, Benjamini–Hochberg FDR.

Units: ``g`` is in pooled standard deviations; ``t`` and ``df`` are unitless; p-values are
probabilities (two-sided). Missing values are dropped from each sample.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from eclaire.core.stats._common import GroupArg, as_float_array, check_columns, group_keys
from eclaire.core.stats.distributions import t_sf

__all__ = ["WelchResult", "benjamini_hochberg", "compare_groups", "hedges_g", "welch_test"]


class WelchResult(NamedTuple):
    t: float
    df: float
    p: float


def _two_samples(a: Any, b: Any) -> tuple[np.ndarray, np.ndarray]:
    x, y = as_float_array(a, "a"), as_float_array(b, "b")
    if x.size < 2 or y.size < 2:
        raise ValueError(f"each sample needs at least 2 values, got {x.size} and {y.size}")
    return x, y


def hedges_g(a: Any, b: Any) -> float:
    """Hedges' g: Cohen's d of ``a − b`` with a pooled SD, times the small-sample correction.

    ``d = (x̄_a − x̄_b) / √(((n_a − 1)s²_a + (n_b − 1)s²_b)/(n_a + n_b − 2))`` and
    ``g = d · (1 − 3/(4(n_a + n_b) − 9))`` (Hedges, 1981; Hedges & Olkin, 1985, approximation
    of J), as pingouin ``compute_effsize(eftype="hedges")``. NaN if both SDs are 0.
    """
    x, y = _two_samples(a, b)
    nx, ny = x.size, y.size
    pooled = np.sqrt(((nx - 1) * x.var(ddof=1) + (ny - 1) * y.var(ddof=1)) / (nx + ny - 2))
    if pooled == 0:
        return float("nan")
    d = (x.mean() - y.mean()) / pooled
    return float(d * (1 - 3 / (4 * (nx + ny) - 9)))


def welch_test(a: Any, b: Any) -> WelchResult:
    """Welch's (1947) unequal-variance t test of ``mean(a) = mean(b)``, two-sided.

    ``t = (x̄_a − x̄_b)/√(s²_a/n_a + s²_b/n_b)`` on Welch–Satterthwaite degrees of freedom
    ``df = (v_a + v_b)² / (v_a²/(n_a − 1) + v_b²/(n_b − 1))`` with ``v = s²/n``; the same as
    ``scipy.stats.ttest_ind(equal_var=False)``.
    """
    x, y = _two_samples(a, b)
    va, vb = x.var(ddof=1) / x.size, y.var(ddof=1) / y.size
    if va + vb == 0:
        return WelchResult(float("nan"), float("nan"), float("nan"))
    t = (x.mean() - y.mean()) / np.sqrt(va + vb)
    df = (va + vb) ** 2 / (va**2 / (x.size - 1) + vb**2 / (y.size - 1))
    p = 2 * t_sf(abs(t), df)
    return WelchResult(float(t), float(df), float(p))


def benjamini_hochberg(pvalues: Any) -> np.ndarray:
    """Benjamini & Hochberg (1995) false-discovery-rate adjusted p-values.

    ``p_(i)·m/i`` for the ``i``-th smallest of ``m`` p-values, made monotone from the largest
    down and capped at 1 — the same as statsmodels ``multipletests(method="fdr_bh")``. Missing
    p-values stay missing and do not count in ``m``. Returns an array in the input order.
    """
    p = np.asarray(pvalues, dtype="float64")
    if p.ndim != 1:
        raise ValueError(f"pvalues must be one-dimensional, got shape {p.shape}")
    observed = ~np.isnan(p)
    if ((p[observed] < 0) | (p[observed] > 1)).any():
        raise ValueError("p-values must lie in [0, 1]")
    out = np.full(p.shape, np.nan)
    values = p[observed]
    m = values.size
    if m == 0:
        return out
    order = np.argsort(values)
    scaled = values[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    result = np.empty(m)
    result[order] = adjusted
    out[observed] = result
    return out


def compare_groups(
    frame: pd.DataFrame,
    value_cols: Sequence[str],
    group_col: GroupArg,
    level_a: Any,
    level_b: Any,
) -> pd.DataFrame:
    """Compare the rows of group ``level_a`` with those of ``level_b`` on each value column.

    Returns a DataFrame indexed by variable with ``n_a``, ``n_b``, ``mean_a``, ``mean_b``,
    ``diff`` (``mean_a − mean_b``, scale points), ``hedges_g``, Welch ``t``, ``df``, ``p`` and
    ``p_fdr`` (:func:`benjamini_hochberg` over the variables compared). A variable with fewer
    than 2 values on a side gets NaN statistics.
    """
    value_cols = check_columns(frame, value_cols)
    keys = group_keys(frame, group_col)
    in_a, in_b = (keys == level_a).to_numpy(), (keys == level_b).to_numpy()
    if not in_a.any() or not in_b.any():
        raise ValueError(f"no row in group {level_a!r} or {level_b!r}")
    rows = []
    for col in value_cols:
        a = frame.loc[in_a, col].dropna().to_numpy(dtype="float64")
        b = frame.loc[in_b, col].dropna().to_numpy(dtype="float64")
        if min(a.size, b.size) >= 2:
            g, welch = hedges_g(a, b), welch_test(a, b)
        else:
            g, welch = float("nan"), WelchResult(float("nan"), float("nan"), float("nan"))
        mean_a = a.mean() if a.size else np.nan
        mean_b = b.mean() if b.size else np.nan
        rows.append((col, a.size, b.size, mean_a, mean_b, mean_a - mean_b, g, *welch))
    columns = ["variable", "n_a", "n_b", "mean_a", "mean_b", "diff", "hedges_g", "t", "df", "p"]
    out = pd.DataFrame(rows, columns=columns).set_index("variable")
    out["p_fdr"] = benjamini_hochberg(out["p"].to_numpy())
    return out
