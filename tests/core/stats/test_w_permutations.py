"""``permutation_tests``: many teams' tests at once, each the very result of its test alone."""

from __future__ import annotations

import numpy as np
import pytest

from eclaire.core.stats.rankings import RankedRows
from eclaire.core.stats.w_permutations import _packed, permutation_tests


def _pool(seed: int, raters: int, k: int, ties: bool) -> RankedRows:
    rng = np.random.default_rng(seed)
    values = rng.random((raters, k))
    if ties:
        values = np.round(values * 3)  # many tied objects
    return RankedRows.of(values)


@pytest.mark.parametrize(("k", "ties"), [(6, False), (4, True), (9, False), (12, True)])
@pytest.mark.parametrize("draws", [1, 99, 250, 999])
def test_same_results_as_one_test_at_a_time(k, ties, draws):
    pool = _pool(k, 1500, k, ties)
    rng = np.random.default_rng(7)
    tests = []
    for seed, m in enumerate([2, 5, 11, 40, 60, 200, 300]):
        order = rng.permutation(len(pool.ranks))
        tests.append((np.sort(order[:m]), np.sort(order[m : m + max(m, 400)]), seed))
    together = permutation_tests(pool, tests, draws=draws)
    alone = [pool.permutation_test(g, o, draws=draws, seed=s) for g, o, s in tests]
    assert repr(together) == repr(alone)  # the same floats (repr: NaN medians compare too)


def test_ranks_that_do_not_pack_are_summed_as_alone():
    pool = _pool(1, 800, 5, False)
    odd = RankedRows(pool.ranks * 1.1, pool.ties)  # not multiples of 1/2: no packing
    tests = [(np.arange(30), np.arange(30, 400), 3), (np.arange(400, 420), np.arange(420, 800), 4)]
    together = permutation_tests(odd, tests, draws=500)
    alone = [odd.permutation_test(g, o, draws=500, seed=s) for g, o, s in tests]
    assert repr(together) == repr(alone)


def test_checks_its_arguments():
    pool = _pool(2, 50, 4, False)
    with pytest.raises(ValueError, match="draws"):
        permutation_tests(pool, [(np.arange(3), np.arange(3, 10), 0)], draws=0)
    with pytest.raises(ValueError, match="at least 2 raters"):
        permutation_tests(pool, [(np.arange(1), np.arange(1, 10), 0)])
    assert permutation_tests(pool, []) == []


def test_many_objects_small_groups_packed():
    pool = _pool(3, 600, 9, False)  # 9 objects, groups of at most 7: packed in 8 × 7 bits
    tests = [(np.arange(i * 7, i * 7 + m), np.arange(100, 600), i) for i, m in enumerate([2, 4, 7])]
    together = permutation_tests(pool, tests, draws=999)
    alone = [pool.permutation_test(g, o, draws=999, seed=s) for g, o, s in tests]
    assert repr(together) == repr(alone)


def test_large_groups_packed_in_several_words():
    """Teams of 500 ranking 7 objects need 13 bits an object: two words, the same floats."""
    pool = _pool(4, 2600, 7, True)
    packed = _packed(pool, 500)
    assert packed is not None and packed.codes.shape == (2600, 2)
    tests = [(np.arange(i * 500, i * 500 + 500), np.arange(2000, 2600), i) for i in range(2)]
    tests.append((np.arange(2000, 2040), np.arange(0, 1000), 9))
    together = permutation_tests(pool, tests, draws=299)
    alone = [pool.permutation_test(g, o, draws=299, seed=s) for g, o, s in tests]
    assert repr(together) == repr(alone)
