import itertools
import math

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from scipy import stats

from eclaire.core.stats.rankings import (
    consensus_order,
    draw_subsets,
    grouped_kendall_w,
    kendall_tau_distance,
    kendall_w,
    kendall_w_permutation,
)


@pytest.fixture(scope="module")
def attitude(shared_data):
    frame = pd.read_csv(shared_data / "attitude" / "attitude.csv")
    return frame.drop(columns="department")


@pytest.fixture(scope="module")
def bhr2000(shared_data):
    return pd.read_csv(shared_data / "multilevel" / "bhr2000.csv")


def test_kendall_w_matches_pingouin_friedman_on_departments_ranking_items(attitude):
    # 30 departments (raters) order the 7 questions by % favourable, with some ties
    result = kendall_w(attitude)
    # reference: pingouin.friedman(method="chisq") W, corrected for ties
    expected = pg.friedman(attitude, method="chisq")["W"].iloc[0]
    assert result.w == pytest.approx(expected, abs=1e-12)
    assert result.n_raters == 30


def test_kendall_w_matches_pingouin_with_many_ties_on_likert_answers(bhr2000):
    answers = bhr2000.iloc[:300, 1:12]
    expected = pg.friedman(answers, method="chisq")["W"].iloc[0]
    assert kendall_w(answers).w == pytest.approx(expected, abs=1e-12)


def test_kendall_w_is_one_for_identical_and_zero_for_opposite_rankings():
    same = pd.DataFrame([[1, 2, 3, 4]] * 5, columns=list("abcd"))
    assert kendall_w(same).w == pytest.approx(1.0)
    opposite = pd.DataFrame([[1, 2, 3, 4], [4, 3, 2, 1]], columns=list("abcd"))
    assert kendall_w(opposite).w == pytest.approx(0.0)


def test_kendall_w_drops_raters_with_a_missing_rank():
    ranks = pd.DataFrame({"a": [1, 1, np.nan], "b": [2, 2, 1], "c": [3, 3, 2]})
    assert kendall_w(ranks) == (pytest.approx(1.0), 2)


def test_kendall_w_rejects_a_single_rater():
    with pytest.raises(ValueError, match="at least 2 raters"):
        kendall_w(pd.DataFrame({"a": [1], "b": [2]}))


def test_grouped_kendall_w_matches_kendall_w_in_each_group(bhr2000):
    items = list(bhr2000.columns[1:12])
    table = grouped_kendall_w(bhr2000, items, "GRP")
    assert list(table.columns) == ["n_raters", "w"] and len(table) == 99
    for grp in [1, 17, 99]:
        single = kendall_w(bhr2000.loc[bhr2000["GRP"] == grp, items])
        assert table.loc[grp, "w"] == pytest.approx(single.w, abs=1e-12)
        assert table.loc[grp, "n_raters"] == single.n_raters


def test_grouped_kendall_w_is_missing_for_a_unit_of_one_rater():
    frame = pd.DataFrame({"u": ["x", "x", "y"], "a": [1, 1, 2], "b": [2, 2, 1]})
    table = grouped_kendall_w(frame, ["a", "b"], "u")
    assert table.loc["x", "w"] == pytest.approx(1.0)
    assert np.isnan(table.loc["y", "w"])


def test_consensus_order_sorts_by_mean_rank_and_breaks_ties_by_code():
    ranks = pd.DataFrame(
        {"pay": [1, 2, 3], "career": [2, 1, 1], "tools": [3, 3, 2], "alpha": [2, 2, np.nan]}
    )
    # means: career 4/3, alpha 2, pay 2, tools 8/3
    assert consensus_order(ranks) == ["career", "alpha", "pay", "tools"]


def test_consensus_order_puts_an_unranked_object_last():
    ranks = pd.DataFrame({"b": [1.0, 1.0], "a": [np.nan, np.nan], "c": [2.0, 2.0]})
    assert consensus_order(ranks) == ["b", "c", "a"]


def test_kendall_tau_distance_matches_scipy_kendall_tau():
    codes = ["a", "b", "c", "d", "e", "f"]
    rng = np.random.default_rng(3)
    for _ in range(20):
        other = list(rng.permutation(codes))
        position = [other.index(c) for c in codes]
        # reference: scipy.stats.kendalltau; with no ties, distance = (1 - tau) / 2
        tau = stats.kendalltau(range(len(codes)), position).statistic
        assert kendall_tau_distance(codes, other) == pytest.approx((1 - tau) / 2, abs=1e-12)


def test_kendall_tau_distance_is_zero_for_same_and_one_for_reversed_orders():
    order = ["x", "y", "z"]
    assert kendall_tau_distance(order, order) == 0.0
    assert kendall_tau_distance(order, order[::-1]) == 1.0
    one_swap = [list(p) for p in itertools.permutations(order) if p[0] == "y" and p[1] == "x"]
    assert kendall_tau_distance(order, one_swap[0]) == pytest.approx(1 / 3)


def test_kendall_tau_distance_rejects_different_codes():
    with pytest.raises(ValueError, match="same codes"):
        kendall_tau_distance(["a", "b"], ["a", "c"])
    with pytest.raises(ValueError, match="repeat"):
        kendall_tau_distance(["a", "a"], ["a", "a"])


def _rankings(rng, m, k, noise):
    """m raters ranking k objects: a shared order plus each rater's noise."""
    scores = np.arange(k)[None, :] + noise * rng.normal(size=(m, k))
    return pd.DataFrame(scores.argsort(axis=1).argsort(axis=1) + 1.0)


def test_w_permutation_p_is_uniform_when_the_group_ranks_like_the_pool():
    rng = np.random.default_rng(3)
    ps = []
    for i in range(300):
        pool = _rankings(rng, 60, 5, 2.0)
        group = _rankings(rng, 12, 5, 2.0)
        ps.append(kendall_w_permutation(group, pool, draws=199, seed=i).p)
    ps = np.array(ps)
    assert np.mean(ps <= 0.05) == pytest.approx(0.05, abs=0.03)
    assert np.mean(ps <= 0.20) == pytest.approx(0.20, abs=0.05)


def test_w_permutation_finds_a_group_ranking_in_unrelated_orders():
    rng = np.random.default_rng(4)
    pool = _rankings(rng, 80, 6, 1.5)
    scattered = pd.DataFrame([rng.permutation(6) + 1.0 for _ in range(15)])
    result = kendall_w_permutation(scattered, pool, seed=1)
    assert result.p < 0.01
    assert kendall_w(scattered).w < result.null_median


def test_w_permutation_refuses_a_pool_smaller_than_the_group():
    rng = np.random.default_rng(5)
    with pytest.raises(ValueError, match="as many others"):
        kendall_w_permutation(_rankings(rng, 10, 4, 1.0), _rankings(rng, 5, 4, 1.0))


@pytest.mark.parametrize(("n", "m"), [(7, 2), (7, 4), (40, 6), (40, 10), (200, 30)])
def test_drawn_subsets_are_uniform_and_distinct(n, m):
    """The three samplers (rejection, first distinct, smallest keys): every subset of m
    positions equally likely (chi-square over the subsets, or over positions when they are
    too many to enumerate)."""
    from scipy import stats as sps

    picks = draw_subsets(np.random.default_rng(11), n, m, 20_000)
    assert picks.shape == (20_000, m)
    assert (np.diff(np.sort(picks, axis=1), axis=1) > 0).all()
    if math.comb(n, m) <= 100:
        index = {s: i for i, s in enumerate(itertools.combinations(range(n), m))}
        counts = np.bincount(
            [index[tuple(sorted(r))] for r in picks.tolist()], minlength=len(index)
        )
    else:  # each position, then each pair of positions, as often as any other
        assert sps.chisquare(np.bincount(picks.ravel(), minlength=n)).pvalue > 0.001
        pairs = np.zeros((n, n), dtype=np.int64)
        for a, b in itertools.combinations(range(m), 2):
            np.add.at(pairs, (picks[:, a], picks[:, b]), 1)
        counts = (pairs + pairs.T)[np.triu_indices(n, 1)]
    assert sps.chisquare(counts).pvalue > 0.001


def test_average_ranks_are_scipy_rankdata_bit_for_bit():
    from eclaire.core.stats.rankings import average_ranks

    rng = np.random.default_rng(3)
    values = rng.integers(1, 6, size=(400, 7)).astype("float64")
    values[rng.random(values.shape) < 0.1] = np.inf
    values[5, 2] = np.nan
    values[9] = np.nan
    for v in (values, values[:, :1], values[:0], values.astype("int64").clip(0, 9)[10:]):
        ours, theirs = average_ranks(v), stats.rankdata(v, axis=1)
        assert ours.shape == theirs.shape
        assert ours.tobytes() == theirs.tobytes()


def _first_distinct_reference(rng, n, m, draws):
    """The first-distinct sampler as first written (int64 keys, put_along_axis)."""
    length = int(np.ceil(n * np.log(n / (n - m)) + 4 * np.sqrt(m * m / (2 * n)) + 10))
    picks = np.empty((draws, m), dtype=np.int64)
    todo = np.arange(draws)
    while todo.size:
        sequence = rng.integers(0, n, size=(todo.size, length))
        keys = np.sort(sequence * length + np.arange(length), axis=1)
        order, ordered = keys % length, keys // length
        new = np.ones(ordered.shape, dtype=bool)
        new[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
        first = np.zeros(sequence.shape, dtype=bool)
        np.put_along_axis(first, order, new, axis=1)
        seen = np.cumsum(first, axis=1)
        done = seen[:, -1] >= m
        keep = first[done] & (seen[done] <= m)
        picks[todo[done]] = sequence[done][keep].reshape(-1, m)
        todo = todo[~done]
    return picks


@pytest.mark.parametrize(
    ("n", "m"), [(40, 10), (900, 200), (5460, 313), (14971, 557), (62091, 855), (4_000_000, 3000)]
)
def test_first_distinct_sampler_same_draws(n, m):
    """The first-distinct sampler gives the very draws of its first writing, seed for seed
    (32-bit keys when they fit, 64-bit past 2³¹: the last case)."""
    assert m * m > 2 * n and 4 * m <= n
    for seed in range(6):
        rng_a, rng_b = np.random.default_rng(seed), np.random.default_rng(seed)
        for draws in (100, 7):
            got = draw_subsets(rng_a, n, m, draws)
            want = _first_distinct_reference(rng_b, n, m, draws)
            assert got.dtype == want.dtype and np.array_equal(got, want)
        assert rng_a.integers(0, 2**62) == rng_b.integers(0, 2**62)  # same numbers consumed


class _RepeatsFirst:
    """A generator whose first draw holds rows of one repeated position (drawn again)."""

    def __init__(self, seed):
        self.rng, self.calls = np.random.default_rng(seed), 0

    def integers(self, low, high, size):
        out = self.rng.integers(low, high, size=size)
        self.calls += 1
        if self.calls == 1:
            out[1::3] = 0
        return out


def test_first_distinct_sampler_rows_drawn_again():
    """Rows short of m distinct positions are drawn again, as in the first writing."""
    for seed in range(3):
        got = draw_subsets(_RepeatsFirst(seed), 5460, 313, 10)
        want = _first_distinct_reference(_RepeatsFirst(seed), 5460, 313, 10)
        assert np.array_equal(got, want)
        assert (np.diff(np.sort(got, axis=1), axis=1) > 0).all()
