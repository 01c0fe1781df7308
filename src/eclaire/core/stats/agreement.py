"""Within-group agreement (r_wg, r_wg(j)) and the intraclass correlations ICC(1), ICC(2).

Agreement indices follow James, Demaree & Wolf (1984) as implemented in R ``multilevel``
(Bliese, 2000; package version 2.8): the expected variance under no agreement is the uniform
null ``σ²_EU = (A² − 1)/12`` for ``A`` answer options (2 for a 5-point scale); an observed
variance above ``σ²_EU`` is truncated to it, so indices lie in [0, 1]. Variances are sample
variances (ddof = 1) in squared scale points. A group with fewer than 2 respondents gets NaN.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from eclaire.core.stats._common import GroupArg, check_columns, check_series_pair, group_keys

__all__ = [
    "ICCResult",
    "grouped_icc",
    "icc1_icc2",
    "rwg",
    "rwg_j",
    "uniform_null_variance",
]


class ICCResult(NamedTuple):
    icc1: float
    icc2: float


def uniform_null_variance(n_options: int) -> float:
    """``(A² − 1)/12``: variance of a discrete uniform answer over ``A`` options (points²)."""
    if isinstance(n_options, bool) or not isinstance(n_options, int | np.integer) or n_options < 2:
        raise ValueError(f"n_options must be an integer >= 2, got {n_options!r}")
    return (n_options**2 - 1) / 12


def _null_variance(n_options: int, null_variance: float | None) -> float:
    if null_variance is None:
        return uniform_null_variance(n_options)
    if not null_variance > 0:
        raise ValueError(f"null_variance must be positive, got {null_variance!r}")
    return float(null_variance)


def rwg(
    values: pd.Series, groups: pd.Series, n_options: int, null_variance: float | None = None
) -> pd.DataFrame:
    """Single-item agreement ``r_wg = 1 − min(s², σ²_EU)/σ²_EU`` per group.

    James, Demaree & Wolf (1984); as R ``multilevel::rwg`` (missing values dropped). ``s²`` is
    the within-group sample variance. ``null_variance`` overrides the uniform null.
    Returns a DataFrame indexed by group with ``n`` (non-missing answers) and ``rwg``.
    """
    check_series_pair(values, groups)
    if not pd.api.types.is_numeric_dtype(values):
        raise ValueError("values must be numeric")
    sigma2 = _null_variance(n_options, null_variance)
    agg = values.astype("float64").groupby(groups, sort=True).agg(["count", "var"])
    var = np.minimum(agg["var"].to_numpy(), sigma2)
    index = agg.index.rename(groups.name if groups.name is not None else "group")
    return pd.DataFrame(
        {"n": agg["count"].astype("int64").to_numpy(), "rwg": 1 - var / sigma2}, index=index
    )


def rwg_j(
    items: pd.DataFrame, groups: pd.Series, n_options: int, null_variance: float | None = None
) -> pd.DataFrame:
    """Multi-item agreement ``r_wg(j)`` per group (James, Demaree & Wolf, 1984).

    ``r_wg(j) = J(1 − s̄²/σ²_EU) / (J(1 − s̄²/σ²_EU) + s̄²/σ²_EU)`` with ``J`` the number of
    item columns and ``s̄²`` the mean over items of the within-group item variances, each with
    missing values removed, truncated at ``σ²_EU`` — as R ``multilevel::rwg.j`` 2.8.
    Returns a DataFrame indexed by group with ``n`` (respondents who answered at least one
    item) and ``rwg_j``.
    """
    columns = check_columns(items, list(items.columns), "items")
    if not columns:
        raise ValueError("items has no column")
    check_series_pair(items, groups)
    sigma2 = _null_variance(n_options, null_variance)
    data = items.astype("float64")
    grouped = data.groupby(groups, sort=True)
    mean_var = grouped.var().mean(axis=1, skipna=True).to_numpy()
    n = data.notna().any(axis=1).groupby(groups, sort=True).sum().to_numpy()
    ratio = np.minimum(mean_var, sigma2) / sigma2
    j = len(columns)
    value = np.where(n >= 2, j * (1 - ratio) / (j * (1 - ratio) + ratio), np.nan)
    index = pd.Index(grouped.size().index, name=groups.name if groups.name is not None else "group")
    return pd.DataFrame({"n": n.astype("int64"), "rwg_j": value}, index=index)


def _one_way_anova(values: np.ndarray, codes: np.ndarray) -> tuple[float, float, float]:
    """Mean squares between (MSB) and within (MSW) groups, and the mean group size N/J."""
    n_groups = int(codes.max()) + 1
    size = np.bincount(codes, minlength=n_groups).astype("float64")
    total, n_total = values.sum(), values.size
    group_mean = np.bincount(codes, weights=values, minlength=n_groups) / size
    ssb = float((size * (group_mean - total / n_total) ** 2).sum())
    ssw = float(((values - group_mean[codes]) ** 2).sum())
    msb = ssb / (n_groups - 1)
    msw = ssw / (n_total - n_groups)
    return msb, msw, n_total / n_groups


def icc1_icc2(values: pd.Series, groups: pd.Series) -> ICCResult:
    """ICC(1) and ICC(2) from a one-way random-effects ANOVA of ``values`` on ``groups``.

    ``ICC(1) = (MSB − MSW) / (MSB + (N/J − 1)·MSW)`` — the share of variance due to the group,
    with ``N/J`` the mean group size; ``ICC(2) = (MSB − MSW) / MSB`` — the reliability of the
    group means (Bliese, 2000; R ``multilevel::ICC1``/``ICC2`` on ``aov``). Pairs with a
    missing value or group are dropped. Unitless; ICC(1) may be negative.
    """
    check_series_pair(values, groups)
    if not pd.api.types.is_numeric_dtype(values):
        raise ValueError("values must be numeric")
    data = pd.DataFrame({"v": values.astype("float64"), "g": groups}).dropna()
    codes, uniques = pd.factorize(data["g"], sort=True)
    if len(uniques) < 2:
        raise ValueError("at least two groups with a value are needed")
    if len(data) <= len(uniques):
        raise ValueError("there must be more values than groups (some group needs 2 values)")
    msb, msw, mean_size = _one_way_anova(data["v"].to_numpy(), codes)
    if msb <= 0:
        raise ValueError("the between-group mean square is 0: all group means are equal")
    icc1 = (msb - msw) / (msb + (mean_size - 1) * msw)
    return ICCResult(icc1=float(icc1), icc2=float((msb - msw) / msb))


def grouped_icc(
    frame: pd.DataFrame, value_cols: Sequence[str], group_col: GroupArg
) -> pd.DataFrame:
    """:func:`icc1_icc2` for each of ``value_cols`` (e.g. dimension scores) on one grouping.

    Returns a DataFrame indexed by variable with ``n`` (non-missing values), ``n_groups``,
    ``icc1`` and ``icc2``.
    """
    value_cols = check_columns(frame, value_cols)
    keys = group_keys(frame, group_col)
    rows = []
    for col in value_cols:
        observed = frame[col].notna() & keys.notna()
        icc = icc1_icc2(frame[col], keys)
        rows.append((col, int(observed.sum()), int(keys[observed].nunique()), icc.icc1, icc.icc2))
    out = pd.DataFrame(rows, columns=["variable", "n", "n_groups", "icc1", "icc2"])
    return out.set_index("variable")
