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

from eclaire.core.stats._common import GroupArg, check_columns, group_keys

__all__ = [
    "KendallW",
    "RankedRows",
    "WPermutation",
    "average_ranks",
    "kendall_w_permutation",
    "consensus_order",
    "grouped_kendall_w",
    "kendall_tau_distance",
    "kendall_w",
]


TAIL_DRAWS = 10
"""The sequential test stops once this many draws lie at or under the observed W."""
DRAW_CHUNK = 64
"""Permutation draws made at once (their random keys: DRAW_CHUNK × raters floats)."""
SEQUENTIAL_CHUNK = 100
"""Draws made between two looks of the sequential test (at least this many are always made)."""


class KendallW(NamedTuple):
    w: float
    n_raters: int


class WPermutation(NamedTuple):
    """``p``: share of random groups with a W at most the observed one (one-sided, low);
    ``null_median``: the median W of those groups; ``draws``: how many were drawn."""

    p: float
    null_median: float
    draws: int


def average_ranks(values: np.ndarray) -> np.ndarray:
    """Each row of a 2-D array ranked (1 = smallest; ties share the average of their
    places), as ``scipy.stats.rankdata(values, axis=1)``: a row holding a NaN is all NaN.

    The tie groups are found on each row sorted (stable), and a group occupying sorted
    places ``i + 1 … j`` gets ``(i + 1 + j) / 2``: a half-integer, exact in floating point,
    so the ranks are scipy's to the bit (without importing ``scipy.stats``, a second of CPU).
    """
    values = np.asarray(values)
    rows, n = values.shape
    ranks = np.empty((rows, n), dtype="float64")
    if rows == 0 or n == 0:
        return ranks
    order = np.argsort(values, axis=1, kind="stable")
    ordered = np.take_along_axis(values, order, axis=1)
    starts = np.ones((rows, n), dtype=bool)
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    ends = np.ones((rows, n), dtype=bool)
    ends[:, :-1] = starts[:, 1:]
    places = np.broadcast_to(np.arange(n), (rows, n))
    first = np.maximum.accumulate(np.where(starts, places, 0), axis=1)
    last = np.minimum.accumulate(np.where(ends, places, n - 1)[:, ::-1], axis=1)[:, ::-1]
    np.put_along_axis(ranks, order, (first + last + 2) / 2.0, axis=1)
    if values.dtype.kind == "f":
        ranks[np.isnan(values).any(axis=1)] = np.nan
    return ranks


def _ranked_rows(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Average ranks within each row, and each row's tie term ``Σ(t³ − t)`` over tie groups."""
    ranks = average_ranks(values)
    # Each member of a tie group of size t counts t − 1 others equal to it; summing
    # (t² − 1) over the t members gives t³ − t.
    equal = (values[:, :, None] == values[:, None, :]).sum(axis=2)
    return ranks, (equal.astype("float64") ** 2 - 1).sum(axis=1)


def _smallest_per_row(keys: np.ndarray, m: int) -> np.ndarray:
    """The columns of the ``m`` smallest keys of each row (in no particular order), for keys
    drawn uniformly in [0, 1): the same sets as ``np.argpartition(keys, m - 1)[:, :m]``.

    A row's m smallest keys lie below a cut a few standard deviations above ``m / n``: only
    those candidates are partitioned, instead of every row whole (three times faster
    on 1,000 draws from 5,000 raters). A row with fewer than ``m`` candidates, which almost
    never happens, is partitioned whole.
    """
    rows, n = keys.shape
    cut = min((m + 6 * np.sqrt(m) + 10) / n, 1.0)
    at_row, at_col = np.nonzero(keys < cut)
    counts = np.bincount(at_row, minlength=rows)
    # The candidates of each row side by side (padded with 2, above every key), then partitioned.
    slot = np.arange(len(at_row)) - (np.cumsum(counts) - counts)[at_row]
    width = max(int(counts.max(initial=0)), m)
    padded = np.full((rows, width), 2.0)
    padded[at_row, slot] = keys[at_row, at_col]
    columns = np.zeros((rows, width), dtype=np.intp)
    columns[at_row, slot] = at_col
    picks = np.take_along_axis(columns, np.argpartition(padded, m - 1, axis=1)[:, :m], axis=1)
    short = counts < m
    if short.any():
        picks[short] = np.argpartition(keys[short], m - 1, axis=1)[:, :m]
    return picks


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


def draw_subsets(rng: np.random.Generator, n: int, m: int, draws: int) -> np.ndarray:
    """``draws`` rows of ``m`` distinct positions among ``n``, each row a uniform random subset.

    Three samplers, by how often a position drawn with replacement repeats:

    - ``m² ≤ 2n`` (rare repeats): each row is ``m`` positions drawn with replacement, and the
      rows holding a repeat are drawn again until none does; accepted rows are uniform over
      the ordered ``m``-tuples of distinct positions, hence over the subsets;
    - ``m ≤ n / 4``: each row is a longer sequence drawn with replacement, of which the first
      ``m`` distinct positions are kept (a uniform subset, by exchangeability); a row with
      fewer than ``m`` distinct positions is drawn again;
    - otherwise, the ``m`` smallest of ``n`` uniform keys per row, :data:`DRAW_CHUNK` rows at a
      time so that the keys stay in cache.

    The first two cost about ``draws × m`` numbers instead of ``draws × n`` (a team of 500
    among 30,000 raters: 60 times fewer).
    """
    if m * m <= 2 * n:
        picks = rng.integers(0, n, size=(draws, m))
        rows = np.arange(draws)  # the rows drawn last, the only ones that can hold a repeat
        while True:
            ordered = np.sort(picks[rows], axis=1)
            rows = rows[(ordered[:, 1:] == ordered[:, :-1]).any(axis=1)]
            if not rows.size:
                return picks
            picks[rows] = rng.integers(0, n, size=(rows.size, m))
    if 4 * m <= n:
        # Draws needed for m distinct: mean n·ln(n / (n − m)), variance about m² / 2n.
        length = int(np.ceil(n * np.log(n / (n - m)) + 4 * np.sqrt(m * m / (2 * n)) + 10))
        picks = np.empty((draws, m), dtype=np.int64)
        todo = np.arange(draws)
        # keys in 32 bits when they fit: half the bytes to sort, the same order
        kind = np.dtype(np.int32 if n * length < 2**31 else np.int64)
        span = np.array(length, dtype=kind)
        while todo.size:
            sequence = rng.integers(0, n, size=(todo.size, length))
            # The stable order of each row, by one plain sort of position × length + column
            # (distinct keys): several times faster than a stable argsort, the same order.
            keys = np.sort(sequence.astype(kind) * span + np.arange(length, dtype=kind), axis=1)
            drawn = keys // span
            # the repeats (a position already drawn earlier in its row): few, m²/2n a row
            again = np.flatnonzero(drawn[:, 1:] == drawn[:, :-1])
            rows, at = np.divmod(again, length - 1)
            columns = keys[rows, at + 1] % span
            # the first time each position comes: every column but the repeats (the same
            # table as scattering the sorted flags back through each row's order)
            first = np.ones(sequence.shape, dtype=bool)
            first[rows, columns] = False
            seen = np.cumsum(first, axis=1, dtype=np.int32)
            done = seen[:, -1] >= m
            if done.all():  # the usual case: no row to set aside
                picks[todo] = sequence[first & (seen <= m)].reshape(-1, m)
                break
            keep = first[done] & (seen[done] <= m)
            picks[todo[done]] = sequence[done][keep].reshape(-1, m)
            todo = todo[~done]
        return picks
    return np.vstack(
        [
            _smallest_per_row(keys, m) if m < n else keys.argsort()
            for keys in (
                rng.random((min(DRAW_CHUNK, draws - at), n)) for at in range(0, draws, DRAW_CHUNK)
            )
        ]
    )


def kendall_w_permutation(
    group: pd.DataFrame, others: pd.DataFrame, *, draws: int = 999, seed: int = 0
) -> WPermutation:
    """Is the agreement of ``group`` lower than that of as many raters drawn at random from
    ``group`` and ``others`` together?

    A Monte Carlo permutation test (e.g. Good, 2005, ch. 3) of "the raters of ``group`` are
    exchangeable with ``others``" (the raters it is compared with, e.g. the teams of the same
    function) against lower agreement: ``draws`` groups of ``m = len(group)`` raters are drawn
    without replacement from the pooled raters (the group included, which makes the test exact
    under exchangeability whatever the pool's size). The test is sequential (Besag & Clifford,
    1991): draws are made :data:`SEQUENTIAL_CHUNK` at a time and stop once ``h =``
    :data:`TAIL_DRAWS` of them lie at or below W_group, with ``p = h / l`` for ``l`` the draw
    where the h-th one came (an exact p-value, like the fixed-size one), so that a team that
    agrees as much as the others costs a hundred draws instead of ``draws``. When ``draws``
    are made with fewer than h at or below W_group, ``p = (1 + #{W_draw ≤ W_group}) / (draws +
    1)`` (Phipson & Smyth, 2010): at least ``1 / (draws + 1)``, so ``draws`` sets the smallest
    p-value a test can give (a normal tail fitted to the draws would go lower, but the smaller
    of it and the exact p is not a valid p-value). ``WPermutation.draws`` says how many
    were made and ``null_median`` is their median. Unlike Friedman's
    test against "no agreement at all", the reference is the agreement the organization
    actually has at the same group size. Rows are complete rankings (re-ranked here, ties
    corrected as :func:`kendall_w`); ``seed`` makes the draws reproducible.
    """
    columns = check_columns(group, list(group.columns), "group")
    if list(others.columns) != columns:
        raise ValueError("group and others must rank the same objects, in the same columns")
    if draws < 1:
        raise ValueError(f"draws must be at least 1, got {draws}")
    values = group.dropna().to_numpy(dtype="float64")
    rest = others.dropna().to_numpy(dtype="float64")
    if values.shape[0] < 2 or rest.shape[0] < values.shape[0]:
        raise ValueError(
            "need at least 2 raters in the group and as many others, "
            f"got {values.shape[0]} and {rest.shape[0]}"
        )
    ranked = RankedRows.of(np.vstack([values, rest]))
    everyone = np.arange(len(ranked.ranks))
    return ranked.permutation_test(
        everyone[: len(values)], everyone[len(values) :], draws=draws, seed=seed
    )


class RankedRows(NamedTuple):
    """Complete rankings re-ranked once (``ranks``, one row per rater) with each rater's tie
    term, so that many permutation tests can share one pool of raters."""

    ranks: np.ndarray
    ties: np.ndarray

    @classmethod
    def of(cls, values: np.ndarray) -> RankedRows:
        return cls(*_ranked_rows(values))

    def permutation_test(
        self, group: np.ndarray, others: np.ndarray, *, draws: int = 999, seed: int = 0
    ) -> WPermutation:
        """:func:`kendall_w_permutation` of the raters at rows ``group`` against those at rows
        ``others`` (disjoint)."""
        if draws < 1:
            raise ValueError(f"draws must be at least 1, got {draws}")
        m, k = len(group), self.ranks.shape[1]
        if m < 2 or len(others) < m:
            raise ValueError(
                f"need at least 2 raters in the group and as many others, got {m} and {len(others)}"
            )
        pooled = np.concatenate([group, others])
        observed = _w_from_sums(
            self.ranks[group].sum(axis=0)[None, :],
            np.array([float(m)]),
            np.array([self.ties[group].sum()]),
            k,
        )[0]
        # Ranks are multiples of 1/2 and tie terms integers: their sums are exact in any order,
        # so the pool's ranks are summed column by column over contiguous rows.
        columns = np.ascontiguousarray(self.ranks[pooled].T)
        ties = self.ties[pooled]
        rng = np.random.default_rng(seed)
        nulls: list[np.ndarray] = []
        made = below = 0
        while made < draws:
            size = min(SEQUENTIAL_CHUNK, draws - made)
            picks = draw_subsets(rng, len(pooled), m, size)
            sums = np.ascontiguousarray(columns[:, picks].sum(axis=2).T)
            null = _w_from_sums(sums, np.full(size, float(m)), ties[picks].sum(axis=1), k)
            nulls.append(null)
            at_or_below = np.flatnonzero(null <= observed + 1e-12)
            if below + len(at_or_below) >= TAIL_DRAWS:
                # Besag & Clifford (1991): stop at the h-th draw at or below W_group, p = h / l
                last = made + int(at_or_below[TAIL_DRAWS - below - 1])
                p = TAIL_DRAWS / (last + 1)
                null = np.concatenate(nulls)
                return WPermutation(
                    p=float(p), null_median=float(np.median(null)), draws=made + size
                )
            made += size
            below += len(at_or_below)
        null = np.concatenate(nulls)
        p = float((1 + below) / (draws + 1))
        return WPermutation(p=float(p), null_median=float(np.median(null)), draws=draws)
