"""Confidence intervals for a mean and for a proportion, alone or per group.

Units: every mean, bound and standard deviation is in the unit of the values (for example
points of a 1–5 scale); a proportion and its bounds are shares in [0, 1]; ``n`` counts the
non-missing values.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from eclaire.core.stats._common import (
    GroupArg,
    as_float_array,
    check_columns,
    check_level,
    group_keys,
)
from eclaire.core.stats.distributions import norm_isf, t_ppf
from eclaire.core.stats.quantiles import t_quantile

__all__ = [
    "MeanInterval",
    "ProportionInterval",
    "grouped_mean_ci",
    "grouped_proportion_ci",
    "mean_ci",
    "prediction_interval",
    "wilson",
]


class MeanInterval(NamedTuple):
    mean: float
    lo: float
    hi: float
    n: int


class ProportionInterval(NamedTuple):
    p: Any
    lo: Any
    hi: Any


def _t_bounds(
    mean: np.ndarray, sd: np.ndarray, n: np.ndarray, level: float
) -> tuple[np.ndarray, np.ndarray]:
    """Student t bounds; NaN where n < 2 (no variance estimate)."""
    n = np.asarray(n, dtype="float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        df = np.where(n >= 2, n - 1, np.nan)
        half = t_ppf(0.5 + level / 2, df) * sd / np.sqrt(n)
    return mean - half, mean + half


def mean_ci(values: Any, level: float = 0.95) -> MeanInterval:
    """Mean with its Student t confidence interval.

    ``mean ± t(1 − (1 − level)/2; n − 1) · s / √n``, with ``s`` the sample standard deviation
    (ddof = 1), e.g. Student (1908); the same as ``scipy.stats.t.interval``. Missing values
    are dropped. With ``n = 1`` the bounds are NaN, with ``n = 0`` everything is NaN.

    Returns ``(mean, lo, hi, n)`` in the unit of ``values``.
    """
    level = check_level(level)
    x = as_float_array(values, "values")
    n = x.size
    if n == 0:
        return MeanInterval(np.nan, np.nan, np.nan, 0)
    mean = float(x.mean())
    sd = float(x.std(ddof=1)) if n > 1 else np.nan
    lo, hi = _t_bounds(np.array(mean), np.array(sd), np.array(n), level)
    return MeanInterval(mean, float(lo), float(hi), n)


def prediction_interval(mean: Any, sd: Any, n: Any, level: float = 0.95) -> tuple[Any, Any]:
    """Student t prediction interval for **one** new value drawn like the ``n`` observed ones.

    ``mean ± t(1 − (1 − level)/2; n − 1) · s · √(1 + 1/n)`` (e.g. Geisser, 1993; Hahn & Meeker,
    1991, ch. 4): where one person's score (a manager's self-assessment) should fall if that
    person answered like the team. The interval of the mean (``s/√n``) is for the mean, not for
    one score: compared with a single score, it flags most people of the team itself.
    Vectorized over ``mean``, ``sd`` and ``n``; NaN where ``n < 2``. In the unit of the values.
    """
    level = check_level(level)
    n_arr = np.asarray(n, dtype="float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        df = np.where(n_arr >= 2, n_arr - 1, np.nan)
        t = t_quantile(0.5 + level / 2, float(df)) if df.ndim == 0 else t_ppf(0.5 + level / 2, df)
        half = t * np.asarray(sd, dtype="float64")
        half = half * np.sqrt(1 + 1 / n_arr)
    lo, hi = np.asarray(mean, dtype="float64") - half, np.asarray(mean, dtype="float64") + half
    if lo.ndim == 0:
        return float(lo), float(hi)
    return lo, hi


def grouped_mean_ci(
    frame: pd.DataFrame, value_col: str, group_col: GroupArg, level: float = 0.95
) -> pd.DataFrame:
    """:func:`mean_ci` for every group, vectorized.

    Returns a DataFrame indexed by group (sorted) with columns ``n`` (non-missing values),
    ``mean``, ``sd`` (ddof = 1), ``lo``, ``hi``. Rows whose group is missing are ignored.
    """
    level = check_level(level)
    check_columns(frame, [value_col])
    keys = group_keys(frame, group_col)
    agg = frame[value_col].groupby(keys, sort=True).agg(["count", "mean", "std"])
    out = pd.DataFrame(
        {"n": agg["count"].astype("int64"), "mean": agg["mean"], "sd": agg["std"]}, index=agg.index
    )
    out["lo"], out["hi"] = _t_bounds(
        out["mean"].to_numpy(), out["sd"].to_numpy(), out["n"].to_numpy(), level
    )
    return out


def wilson(k: Any, n: Any, level: float = 0.95) -> ProportionInterval:
    """Wilson (1927) score interval for a proportion, vectorized over ``k`` and ``n``.

    With ``p = k/n`` and ``z = Φ⁻¹(1 − (1 − level)/2)``:
    ``(p + z²/2n ± z·√(p(1 − p)/n + z²/4n²)) / (1 + z²/n)`` — the same as statsmodels
    ``proportion_confint(method="wilson")``. ``k`` successes out of ``n`` trials (counts,
    broadcast together); ``n = 0`` gives NaN. Returns ``(p, lo, hi)`` as shares in [0, 1]:
    floats for scalar input, arrays otherwise.
    """
    level = check_level(level)
    k_arr = np.asarray(k, dtype="float64")
    n_arr = np.asarray(n, dtype="float64")
    if np.isnan(k_arr).any() or np.isnan(n_arr).any():
        raise ValueError("k and n must not contain missing values")
    if (n_arr < 0).any() or (k_arr < 0).any() or (k_arr > n_arr).any():
        raise ValueError("counts must satisfy 0 <= k <= n")
    z = norm_isf((1 - level) / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k_arr / n_arr
        denom = 1 + z**2 / n_arr
        centre = (p + z**2 / (2 * n_arr)) / denom
        half = z * np.sqrt(p * (1 - p) / n_arr + z**2 / (4 * n_arr**2)) / denom
    lo, hi = np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)
    if p.ndim == 0:
        return ProportionInterval(float(p), float(lo), float(hi))
    return ProportionInterval(p, lo, hi)


def grouped_proportion_ci(
    frame: pd.DataFrame, flag_col: str, group_col: GroupArg, level: float = 0.95
) -> pd.DataFrame:
    """Share of true (1) values of ``flag_col`` per group with its :func:`wilson` interval.

    ``flag_col`` holds 0/1 or booleans (missing values ignored), e.g. "answered 4 or 5".
    Returns a DataFrame indexed by group with ``n``, ``k`` (count of 1), ``p``, ``lo``, ``hi``.
    """
    check_columns(frame, [flag_col])
    flags = frame[flag_col].astype("float64")
    observed = flags.dropna()
    if not observed.isin([0.0, 1.0]).all():
        raise ValueError(f"column {flag_col!r} must hold only 0/1 or booleans")
    keys = group_keys(frame, group_col)
    agg = flags.groupby(keys, sort=True).agg(["count", "sum"])
    n, k = agg["count"].to_numpy(), agg["sum"].to_numpy()
    p, lo, hi = wilson(k, n, level)
    return pd.DataFrame(
        {"n": n.astype("int64"), "k": k.astype("int64"), "p": p, "lo": lo, "hi": hi},
        index=agg.index,
    )
