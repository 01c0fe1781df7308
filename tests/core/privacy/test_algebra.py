"""smallest_isolated: exact, checked against brute force over every small group."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import numpy as np
import pytest

from eclaire.core.privacy.algebra import smallest_isolated


def _rank(rows: list[list[int]]) -> int:
    """Rank over the rationals (Gauss–Jordan with fractions): the reference."""
    matrix = [[Fraction(x) for x in row] for row in rows]
    rank = 0
    for col in range(len(matrix[0]) if matrix else 0):
        pivot = next((i for i in range(rank, len(matrix)) if matrix[i][col]), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        for i in range(len(matrix)):
            if i != rank and matrix[i][col]:
                f = matrix[i][col] / matrix[rank][col]
                matrix[i] = [a - f * b for a, b in zip(matrix[i], matrix[rank], strict=True)]
        rank += 1
    return rank


def _brute(n: int, groups: list[list[int]], k: int) -> int | None:
    """Size of the smallest set of 1..k-1 people whose indicator is in the row space."""
    rows = [[int(i in g) for i in range(n)] for g in groups]
    base = _rank(rows)
    for size in range(1, k):
        for subset in itertools.combinations(range(n), size):
            if _rank([*rows, [int(i in subset) for i in range(n)]]) == base:
                return size
    return None


def _laminar(n: int, rng: random.Random) -> list[list[int]]:
    rows: list[list[int]] = []

    def split(people: list[int], depth: int) -> None:
        rows.append(sorted(people))
        if depth > 2 or len(people) < 3:
            return
        rng.shuffle(people)
        cuts = sorted(rng.sample(range(1, len(people)), min(2, len(people) - 1)))
        parts = [people[a:b] for a, b in zip([0, *cuts], [*cuts, len(people)], strict=True)]
        for part in parts if rng.random() < 0.5 else parts[:-1]:
            split(list(part), depth + 1)

    split(list(range(n)), 0)
    return rows


@pytest.mark.parametrize("seed", range(6))
def test_finds_exactly_what_brute_force_finds(seed):
    rng = random.Random(seed)
    for _ in range(60):
        n, k = rng.randint(6, 11), rng.choice([3, 4, 5])
        nested = _laminar(n, rng)
        if rng.random() < 0.5:
            nested = nested[1:]  # some people outside every nested group
        crossing = [
            sorted(rng.sample(range(n), rng.randint(k, n))) for _ in range(rng.randint(0, 4))
        ]
        want = _brute(n, nested + crossing, k)
        got = smallest_isolated(
            n, [np.array(g) for g in nested], [np.array(g) for g in crossing], k
        )
        assert (got is None) == (want is None), (nested, crossing, k)
        if got is not None:
            rows = [[int(i in g) for i in range(n)] for g in nested + crossing]
            found = [int(i in set(got.members.tolist())) for i in range(n)]
            assert _rank([*rows, found]) == _rank(rows), "the reported group is derivable"
            assert 1 <= got.size < k
            if not got.nested and not any(len(c) < k for c in crossing):
                assert got.size == want


def test_a_level_nested_in_a_unit_isolates_the_rest():
    # all 6 newcomers sit in unit A of 7: A − newcomers is one person
    unit_a, unit_b = np.arange(7), np.arange(7, 27)
    newcomers = np.arange(6)
    found = smallest_isolated(27, [unit_a, unit_b], [newcomers, np.arange(6, 27)], 5)
    assert found is not None and found.members.tolist() == [6]


def test_overlapping_cuts_isolate_the_one_who_differs():
    # 11 newcomers of whom 10 juniors, in a unit of 30
    unit = np.arange(30)
    newcomers, juniors = np.arange(11), np.arange(10)
    found = smallest_isolated(30, [unit], [newcomers, juniors], 5)
    assert found is not None and found.members.tolist() == [10]
    assert smallest_isolated(30, [unit], [newcomers], 5) is None


def test_rejects_rows_that_are_not_nested():
    with pytest.raises(ValueError, match="disjoint or nested"):
        smallest_isolated(10, [np.arange(6), np.arange(3, 9)], [], 3)
