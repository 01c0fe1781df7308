"""Many permutation tests of Kendall's W on one pool of raters, made together.

:func:`permutation_tests` gives, for each test, exactly what
:meth:`~eclaire.core.stats.rankings.RankedRows.permutation_test` gives alone: each test draws
from its own generator (its seed) with the very calls, in the very order, it makes alone
(:func:`~eclaire.core.stats.rankings.draw_subsets`), and a test's draws never depend on
another's. What is shared is the W of the draws: the ranks of a rater are packed in one
integer or a few (each object's doubled rank in its own bits), each test's draws summed as one
(draws, m) table per packed word, and the W of every test still running computed in one pass
per round, instead of gathering eight bytes per rank and test (the rank sums of a few hundred
teams' draws cost more than the draws). Ranks are multiples of 1/2 and
tie terms integers, so their sums are exact in any order: the W are the same floats.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .rankings import (
    SEQUENTIAL_CHUNK,
    TAIL_DRAWS,
    RankedRows,
    WPermutation,
    _w_from_sums,
    draw_subsets,
)

__all__ = ["permutation_tests"]


@dataclass
class _Test:
    pooled: np.ndarray
    m: int
    observed: float
    rng: np.random.Generator
    nulls: list[np.ndarray] = field(default_factory=list)
    made: int = 0
    below: int = 0
    picks: np.ndarray = field(default_factory=lambda: np.empty((0, 0), dtype=np.int64))


def permutation_tests(
    ranked: RankedRows,
    tests: Sequence[tuple[np.ndarray, np.ndarray, int]],
    *,
    draws: int = 999,
) -> list[WPermutation]:
    """``ranked.permutation_test(group, others, draws=draws, seed=seed)`` for each ``(group,
    others, seed)`` of ``tests``, in order (the same results, computed together)."""
    if draws < 1:
        raise ValueError(f"draws must be at least 1, got {draws}")
    k = ranked.ranks.shape[1]
    state: list[_Test] = []
    for group, others, seed in tests:
        m = len(group)
        if m < 2 or len(others) < m:
            raise ValueError(
                f"need at least 2 raters in the group and as many others, got {m} and {len(others)}"
            )
        observed = _w_from_sums(
            ranked.ranks[group].sum(axis=0)[None, :],
            np.array([float(m)]),
            np.array([ranked.ties[group].sum()]),
            k,
        )[0]
        pooled = np.concatenate([group, others])
        state.append(_Test(pooled, m, observed, np.random.default_rng(seed)))
    packed = _packed(ranked, max((t.m for t in state), default=2))
    out: list[WPermutation | None] = [None] * len(state)
    active = list(range(len(state)))
    while active:
        sizes = [min(SEQUENTIAL_CHUNK, draws - state[i].made) for i in active]
        for i, size in zip(active, sizes, strict=True):
            test = state[i]
            test.picks = draw_subsets(test.rng, len(test.pooled), test.m, size)
        nulls = _nulls(ranked, packed, [state[i] for i in active], sizes, k)
        still = []
        at = 0
        for i, size in zip(active, sizes, strict=True):
            test, null = state[i], nulls[at : at + size]
            at += size
            test.nulls.append(null)
            at_or_below = np.flatnonzero(null <= test.observed + 1e-12)
            if test.below + len(at_or_below) >= TAIL_DRAWS:
                # Besag & Clifford (1991): stop at the h-th draw at or below W_group, p = h / l
                last = test.made + int(at_or_below[TAIL_DRAWS - test.below - 1])
                out[i] = _result(TAIL_DRAWS / (last + 1), test.nulls, test.made + size)
                continue
            test.made += size
            test.below += len(at_or_below)
            if test.made < draws:
                still.append(i)
            else:
                out[i] = _result((1 + test.below) / (draws + 1), test.nulls, draws)
        active = still
    done = [r for r in out if r is not None]
    assert len(done) == len(out)
    return done


def _result(p: float, nulls: list[np.ndarray], made: int) -> WPermutation:
    return WPermutation(p=float(p), null_median=float(np.median(np.concatenate(nulls))), draws=made)


def _nulls(
    ranked: RankedRows, packed: _Packed | None, tests: list[_Test], sizes: list[int], k: int
) -> np.ndarray:
    """The W of every test's rows of draws, one after the other."""
    m = np.repeat(np.array([t.m for t in tests], dtype=np.int64), sizes)
    if packed is None:  # as each test alone sums them
        sums = np.concatenate([ranked.ranks[t.pooled[t.picks]].sum(axis=1) for t in tests])
        tie_sums = np.concatenate([ranked.ties[t.pooled[t.picks]].sum(axis=1) for t in tests])
    else:  # integer sums, exact in any order: each test's rows summed as one (rows, m) table
        words = [packed.codes[:, w] for w in range(packed.codes.shape[1])]
        totals, ties = [], []
        for t in tests:
            raters = t.pooled[t.picks]  # (draws, m): one gather per word, 1-D (cheaper than rows)
            totals.append(np.stack([word[raters].sum(axis=1) for word in words], axis=1))
            ties.append(packed.ties[raters].sum(axis=1))
        sums = _unpack(np.concatenate(totals), m, packed, k)
        tie_sums = np.concatenate(ties).astype(np.float64)
    return _w_from_sums(sums, m.astype(np.float64), tie_sums, k)


@dataclass(frozen=True)
class _Packed:
    codes: np.ndarray
    """Per rater (row), ``2·rank − 2`` of the first k − 1 objects, ``bits`` bits each, as many
    objects per int64 word (column) as fit in 62 bits."""
    bits: int
    ties: np.ndarray
    """Per rater, the tie term as an integer."""

    @property
    def per_word(self) -> int:
        return 62 // self.bits


def _packed(ranked: RankedRows, most: int) -> _Packed | None:
    """The raters' ranks packed in integers, so that summing the integers of ``most`` raters
    sums each object's ranks in its own bits (the last object's sum is what the others leave
    of ``m·k(k + 1)/2``); one word for a few objects or small groups, more for large groups
    (a team of 500 rating 7 objects: 13 bits an object, two words); None when the ranks are
    not whole or half numbers."""
    ranks = ranked.ranks
    k = ranks.shape[1]
    codes = 2 * ranks - 2  # 0 .. 2k − 2 for complete rankings (average ranks: integers)
    bits = (most * (2 * k - 2)).bit_length()
    if k < 2 or bits > 62 or not len(ranks):
        return None
    if not (np.array_equal(codes, np.round(codes)) and codes.min() >= 0):
        return None
    if not (codes.sum(axis=1) == k * (k - 1)).all():  # each row a complete ranking
        return None
    ties = ranked.ties
    if not (np.array_equal(ties, np.round(ties)) and ties.min() >= 0 and ties.max() < 2**40):
        return None
    whole = codes.astype(np.int64)
    per_word = 62 // bits
    packed = np.zeros((len(ranks), -(-(k - 1) // per_word)), dtype=np.int64)
    for j in range(k - 1):
        packed[:, j // per_word] |= whole[:, j] << ((j % per_word) * bits)
    return _Packed(packed, bits, ties.astype(np.int64))


def _unpack(totals: np.ndarray, m: np.ndarray, packed: _Packed, k: int) -> np.ndarray:
    """Per row of draws (``m`` raters), each object's rank sum, exact, as floats."""
    bits, per_word = packed.bits, packed.per_word
    mask = (1 << bits) - 1
    codes = np.empty((len(totals), k), dtype=np.int64)
    for j in range(k - 1):
        codes[:, j] = (totals[:, j // per_word] >> ((j % per_word) * bits)) & mask
    codes[:, k - 1] = m * (k * (k - 1)) - codes[:, : k - 1].sum(axis=1)
    return (codes + 2 * m[:, None]) / 2
