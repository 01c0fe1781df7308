"""Agreement between rankings: Kendall's W, a consensus order and the Kendall tau distance.

A ranking frame has one row per rater (respondent) and one column per object (a priority
code); a cell is the rank given, 1 = first. Rows are re-ranked (average ranks for ties)
before W is computed, so raw scores are accepted too. W and the distance are unitless in
[0, 1].
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import stats

from eclaire.core.stats._common import GroupArg, check_columns, group_keys

__all__ = [
    "KendallW",
    "consensus_order",
    "grouped_kendall_w",
    "kendall_tau_distance",
    "kendall_w",
]


class KendallW(NamedTuple):
    w: float
    n_raters: int


def _ranked_rows(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Average ranks within each row, and each row's tie term ``Σ(t³ − t)`` over tie groups."""
    ranks = stats.rankdata(values, axis=1)
    # Each member of a tie group of size t counts t − 1 others equal to it; summing
    # (t² − 1) over the t members gives t³ − t.
    equal = (values[:, :, None] == values[:, None, :]).sum(axis=2)
    return ranks, (equal.astype("float64") ** 2 - 1).sum(axis=1)


def _w_from_sums(rank_sums: np.ndarray, m: np.ndarray, ties: np.ndarray, k: int) -> np.ndarray:
    """``W = 12·S / (m²(k³ − k) − m·ΣT)`` with ``S = Σ_j (R_j − m(k + 1)/2)²``; shapes (G, k)."""
    s = ((rank_sums - (m * (k + 1) / 2)[:, None]) ** 2).sum(axis=1)
    denom = m**2 * (k**3 - k) - m * ties
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where((m >= 2) & (denom > 0), 12 * s / denom, np.nan)


def kendall_w(ranks: pd.DataFrame) -> KendallW:
    """Kendall & Babington Smith's (1939) coefficient of concordance W, corrected for ties.

    ``W = 12·S / (m²(k³ − k) − m·Σ_raters Σ(t³ − t))`` for ``m`` raters (rows) and ``k``
    objects (columns), ``S`` the squared deviations of the column rank sums from their mean
    and ``t`` the size of each tie group within a rater (Kendall, 1948). Raters with a missing
    rank are dropped (complete rankings only), as pingouin ``friedman``. NaN if every rater
    ties every object.
    """
    columns = check_columns(ranks, list(ranks.columns), "ranks")
    if len(columns) < 2:
        raise ValueError(f"at least 2 objects (columns) are needed, got {len(columns)}")
    values = ranks.dropna().to_numpy(dtype="float64")
    if values.shape[0] < 2:
        raise ValueError(
            f"at least 2 raters with a complete ranking are needed, got {values.shape[0]}"
        )
    ranked, ties = _ranked_rows(values)
    m = np.array([float(values.shape[0])])
    w = _w_from_sums(ranked.sum(axis=0)[None, :], m, np.array([ties.sum()]), len(columns))
    return KendallW(w=float(w[0]), n_raters=int(values.shape[0]))


def grouped_kendall_w(
    frame: pd.DataFrame, object_cols: Sequence[str], group_col: GroupArg
) -> pd.DataFrame:
    """:func:`kendall_w` within each group, vectorized over raters.

    Returns a DataFrame indexed by group with ``n_raters`` (complete rankings) and ``w``
    (NaN for fewer than 2 raters). Groups whose raters all have a missing rank are absent.
    """
    object_cols = check_columns(frame, object_cols)
    if len(object_cols) < 2:
        raise ValueError(f"at least 2 objects are needed, got {len(object_cols)}")
    keys = group_keys(frame, group_col)
    complete = frame[object_cols].notna().all(axis=1) & keys.notna()
    codes, uniques = pd.factorize(keys[complete], sort=True)
    values = frame.loc[complete, object_cols].to_numpy(dtype="float64")
    ranked, ties = _ranked_rows(values)
    n_groups, k = len(uniques), len(object_cols)
    m = np.bincount(codes, minlength=n_groups).astype("float64")
    sums = np.stack([np.bincount(codes, ranked[:, j], n_groups) for j in range(k)], axis=1)
    w = _w_from_sums(sums, m, np.bincount(codes, ties, n_groups), k)
    index = pd.Index(uniques, name=keys.name)
    return pd.DataFrame({"n_raters": m.astype("int64"), "w": w}, index=index)


def consensus_order(ranks: pd.DataFrame) -> list[str]:
    """Object codes from the most to the least preferred by mean rank (1 = first).

    Missing ranks are skipped; ties on the mean rank are broken by code (ascending); an object
    nobody ranked comes last. The ranks are used as given (no re-ranking).
    """
    check_columns(ranks, list(ranks.columns), "ranks")
    table = pd.DataFrame(
        {"mean": ranks.mean(axis=0, skipna=True), "code": ranks.columns.astype(str)}
    )
    table = table.sort_values(["mean", "code"], na_position="last", kind="mergesort")
    return table["code"].tolist()


def kendall_tau_distance(order_a: Sequence[str], order_b: Sequence[str]) -> float:
    """Normalized Kendall (1938) tau distance between two orders of the same codes.

    The share of the ``k(k − 1)/2`` pairs of codes placed in opposite order:
    0 = identical orders, 1 = reversed; equal to ``(1 − τ)/2`` for Kendall's tau.
    """
    a, b = list(order_a), list(order_b)
    if len(set(a)) != len(a) or len(set(b)) != len(b):
        raise ValueError("an order must not repeat a code")
    if set(a) != set(b):
        raise ValueError(
            f"both orders must hold the same codes, got {sorted(set(a) ^ set(b))} in one only"
        )
    if len(a) < 2:
        raise ValueError("at least 2 codes are needed to compare orders")
    position_b = {code: i for i, code in enumerate(b)}
    pos = np.array([position_b[code] for code in a])
    upper = np.triu_indices(len(a), 1)
    discordant = (pos[:, None] > pos[None, :])[upper].sum()
    return float(discordant / len(upper[0]))
