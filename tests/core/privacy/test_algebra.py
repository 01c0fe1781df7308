"""smallest_isolated: exact, checked against brute force over every small group."""

from __future__ import annotations

import itertools
import math
import random
from fractions import Fraction

import numpy as np
import pytest

import eclaire.core.privacy.algebra as algebra
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


def _random_channel(rng: random.Random, k: int):
    """A channel over a few *types* of respondents, each type copied 1 to 2k times: the
    atoms are unions of types, often all of k or more respondents (what the bound skips)."""
    m = rng.randint(5, 10)
    copies = [
        rng.randint(k, 2 * k) if rng.random() < 0.8 else rng.randint(1, k - 1) for _ in range(m)
    ]
    first = np.cumsum([0, *copies])
    people = [list(range(first[t], first[t + 1])) for t in range(m)]

    def expand(types: list[int]) -> np.ndarray:
        return np.array(sorted(p for t in types for p in people[t]), dtype=np.int64)

    nested = _laminar(m, rng)
    if rng.random() < 0.5:
        nested = nested[1:]
    crossing = [sorted(rng.sample(range(m), rng.randint(1, m))) for _ in range(rng.randint(1, 5))]
    return int(first[-1]), [expand(g) for g in nested], [expand(g) for g in crossing]


@pytest.mark.parametrize("seed", range(4))
def test_the_atom_size_bound_skips_only_components_the_search_clears(seed, monkeypatch):
    """_may_isolate is a proof, not a guess: on every component it skips, the exact search
    finds nothing; and the answers with and without the bound are the same."""
    rng = random.Random(100 + seed)
    bound = algebra._may_isolate
    skipped = 0

    def checking_bound(atom_sizes, k):
        nonlocal skipped
        may = bound(atom_sizes, k)
        if not may:
            skipped += 1
            assert int(atom_sizes.min()) >= k
        return may

    for _ in range(80):
        k = rng.choice([3, 4, 5])
        n, nested, crossing = _random_channel(rng, k)
        monkeypatch.setattr(algebra, "_may_isolate", checking_bound)
        with_bound = smallest_isolated(n, nested, crossing, k)
        monkeypatch.setattr(algebra, "_may_isolate", lambda sizes, k: True)
        without = smallest_isolated(n, nested, crossing, k)
        assert (with_bound is None) == (without is None)
        if with_bound is not None and without is not None:
            assert with_bound.members.tolist() == without.members.tolist()
            assert with_bound.rows == without.rows
            assert with_bound.undecided == without.undecided
    assert skipped > 0, "the bound was never used: the test proves nothing"


def test_components_the_bound_skips_are_found_empty_by_the_search():
    checked = 0
    for c, sizes, k in _each_component(random.Random(7), 300, without_small_blocks=True):
        if not algebra._may_isolate(sizes[c.atoms], k):
            checked += 1
            assert algebra._search(c, sizes, k) is None
    assert checked > 0


def test_float_product_is_the_integer_product():
    from eclaire.core.privacy.algebra import _patterns, _times

    rng = np.random.default_rng(2)
    patterns = _patterns([(-1, 0, 1)] * 6)
    for scale in (1, 7, 10**6, 2**40, 2**60):
        rows = rng.integers(-3, 4, size=(50, 6)) * scale
        assert np.array_equal(_times(rows, patterns), rows @ patterns)


def _reference_search(c, sizes, k):
    """The search block by block, as it was before the distinct blocks (the reference)."""
    patterns = algebra._patterns(c.allowed)
    forced = np.zeros(patterns.shape[1], dtype=np.int64)
    keep = np.arange(patterns.shape[1])
    bounds = [*c.starts.tolist(), c.inside]
    batches = [
        (bounds[i], bounds[min(i + 16, len(bounds) - 1)]) for i in range(0, len(bounds) - 1, 16)
    ]
    if c.inside < c.atoms.size:
        batches.append((c.inside, c.atoms.size))
    for lo, hi in batches:
        values = c.scaled[lo:hi] @ patterns[:, keep]
        ok, size = _reference_feasible(values, sizes[c.atoms[lo:hi]], c, lo, hi)
        forced = forced + size
        alive = ok & (forced < k)
        keep, forced = keep[alive], forced[alive]
        if not keep.size:
            return None
    small = np.flatnonzero(forced > 0)
    if not small.size:
        return None
    best = small[np.argmin(forced[small])]
    values = c.scaled @ patterns[:, keep[best]]
    return int(forced[best]), c.atoms[algebra._top(values, c)]


def _reference_feasible(values, sizes, c, lo, hi):
    """Per pattern: whether the atoms ``lo:hi`` accept it, and the size it forces there."""
    if lo >= c.inside:  # outside every block: each value is 0 or 1 (times the scale)
        ok = ((values == 0) | (values == c.scale)).all(axis=0)
        return ok, (sizes[:, None] * (values == c.scale)).sum(axis=0)
    starts = np.array([s for s in c.starts.tolist() if lo <= s < hi], dtype=np.int64) - lo
    low = np.minimum.reduceat(values, starts, axis=0)
    high = np.maximum.reduceat(values, starts, axis=0)
    spread = high - low
    group = np.repeat(np.arange(starts.size), np.diff(np.r_[starts, hi - lo]))
    at_low, at_high = values == low[group], values == high[group]
    ok = ((spread == 0) | (spread == c.scale)).all(axis=0) & (at_low | at_high).all(axis=0)
    top = at_high & (spread[group] == c.scale)
    return ok, (sizes[:, None] * top).sum(axis=0)


def _each_component(rng, rounds, *, without_small_blocks=False):
    """The searchable components of ``rounds`` random channels (``without_small_blocks``:
    leaving out the channels a block under k already refuses)."""
    for _ in range(rounds):
        k = rng.choice([3, 4, 5])
        n, nested, crossing = _random_channel(rng, k)
        if any(0 < c.size < k for c in crossing):
            continue
        owner = algebra._blocks(n, nested)
        if without_small_blocks and algebra._small_block(owner, len(nested), k) is not None:
            continue
        listed = np.r_[False, np.ones(len(nested), dtype=bool)][owner + 1]
        for members in crossing:
            listed[members[owner[members] < 0]] = True
        universe = np.flatnonzero(listed)
        block, sig, _inverse, sizes = algebra._atoms(owner, crossing, universe)
        for rows, atoms in algebra._components(block, sig):
            c = algebra._prepare(rows, atoms, block, sig)
            if len(c.allowed) <= algebra.MAX_RANK:
                yield c, sizes, k


@pytest.mark.parametrize("seed", range(3))
def test_search_on_distinct_blocks_is_the_search_block_by_block(seed):
    rng = random.Random(200 + seed)
    compared = found = 0
    for c, sizes, k in _each_component(rng, 150):
        for kk in (k, k + 3):  # a larger k keeps more patterns alive
            want, got = _reference_search(c, sizes, kk), algebra._search(c, sizes, kk)
            compared += 1
            assert (want is None) == (got is None)
            if want is not None and got is not None:
                found += 1
                assert want[0] == got[0]
                assert want[1].tolist() == got[1].tolist()
    assert compared > 50 and found > 10


def _reference_basis(vectors):
    """Gauss–Jordan over Python fractions, each reduced row remembering its combination."""
    basis, reduced, coefficients = [], [], []
    for i, vector in enumerate(vectors):
        row = [Fraction(x) for x in vector]
        acc: dict[int, Fraction] = {}
        for prow, pcombo, pivot in reduced:
            if row[pivot]:
                f = row[pivot] / prow[pivot]
                row = [x - f * y for x, y in zip(row, prow, strict=True)]
                for t, c in pcombo.items():
                    acc[t] = acc.get(t, Fraction(0)) + f * c
        pivot = next((p for p, x in enumerate(row) if x), -1)
        if pivot < 0:
            coefficients.append({t: c for t, c in acc.items() if c})
            continue
        t = len(basis)
        basis.append(i)
        combo = {s: -c for s, c in acc.items() if c}
        combo[t] = Fraction(1)
        reduced.append((row, combo, pivot))
        coefficients.append({t: Fraction(1)})
    return basis, coefficients


@pytest.mark.parametrize("seed", range(4))
def test_integer_basis_is_the_fraction_basis(seed):
    """The fraction-free elimination picks the same basis and the same exact coefficients as
    Gauss–Jordan over fractions, on vectors of −1/0/1 and on larger integers, with
    dependent vectors (sums and differences of earlier ones) mixed in."""
    rng = random.Random(seed)
    for _ in range(200):
        width = rng.randint(1, 9)
        spread = rng.choice([1, 1, 3])
        vectors: list[tuple[int, ...]] = []
        for _ in range(rng.randint(1, 14)):
            if vectors and rng.random() < 0.4:
                a, b = rng.choice(vectors), rng.choice(vectors)
                f, g = rng.randint(-2, 2), rng.randint(-2, 2)
                vectors.append(tuple(f * x + g * y for x, y in zip(a, b, strict=True)))
            else:
                vectors.append(tuple(rng.randint(-spread, spread) for _ in range(width)))
        assert algebra._basis(vectors) == _reference_basis(vectors)
    for vectors in ([], [(0, 0)], [(2, 4), (1, 2), (3, 1), (0, 5)]):
        assert algebra._basis(vectors) == _reference_basis(vectors)


def _reference_components(block, sig):
    """A union-find over the blocks one at a time (the atoms outside every block first)."""
    parent = list(range(sig.shape[1]))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(rows):
        for j in rows[1:].tolist():
            parent[find(j)] = find(int(rows[0]))

    first_row = np.full(block.size, -1, dtype=np.int64)
    order = np.argsort(block, kind="stable")
    bounds = np.flatnonzero(np.r_[True, block[order][1:] != block[order][:-1], True])
    for start, end in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        atoms = order[start:end]
        rows = sig[atoms]
        if int(block[atoms[0]]) >= 0:
            active = np.flatnonzero(rows.max(axis=0) != rows.min(axis=0))
            join(active)
            if active.size:
                first_row[atoms] = active[0]
            continue
        for a in atoms.tolist():
            held = np.flatnonzero(sig[a])
            join(held)
            if held.size:
                first_row[a] = held[0]
    component = np.array([find(int(j)) if j >= 0 else -1 for j in first_row.tolist()])
    out = []
    for root in np.unique(component[component >= 0]).tolist():
        members = [j for j in range(sig.shape[1]) if find(j) == root]
        out.append((members, np.flatnonzero(component == root)))
    return out


@pytest.mark.parametrize("seed", range(4))
def test_components_are_those_of_the_loop_over_blocks(seed):
    """The vectorized components: the same rows, atoms and order as the loop, with atoms
    outside every block, blocks no row varies in, rows held by no atom."""
    rng = np.random.default_rng(seed)
    for _ in range(300):
        atoms = int(rng.integers(1, 60))
        width = int(rng.integers(1, 12))
        block = rng.integers(-1, int(rng.integers(1, 12)), size=atoms).astype(np.int64)
        sig = (rng.random((atoms, width)) < rng.choice([0.05, 0.2, 0.5])).astype(np.int8)
        got = algebra._components(block, sig)
        want = _reference_components(block, sig)
        assert len(got) == len(want)
        for (rows, members), (ref_rows, ref_members) in zip(got, want, strict=True):
            assert rows == ref_rows
            assert np.array_equal(members, ref_members)


def _reference_prepare(rows, atoms, block, sig):
    """The component's vectors made distinct by a dict of tuples (first appearance order)."""
    from eclaire.core.privacy.algebra import _vectors

    atoms, vectors, starts, inside = _vectors(rows, atoms, block, sig)
    distinct: dict[tuple[int, ...], set[int]] = {}
    keys = [tuple(v) for v in vectors.tolist()]
    for i, key in enumerate(keys):
        values = {-1, 0, 1} if i < inside else {0, 1}
        distinct[key] = distinct.get(key, values) & values
    order = list(distinct)
    basis, coefficients = _reference_basis(order)
    scale = math.lcm(*(c.denominator for coef in coefficients for c in coef.values()), 1)
    per_key = {
        key: [int(coef.get(t, 0) * scale) for t in range(len(basis))]
        for key, coef in zip(order, coefficients, strict=True)
    }
    scaled = np.array([per_key[key] for key in keys], dtype=np.int64).reshape(len(keys), len(basis))
    allowed = [tuple(sorted(distinct[order[b]])) for b in basis]
    return atoms, scaled, scale, allowed, starts, inside


@pytest.mark.parametrize("seed", range(3))
def test_prepare_is_the_dict_of_distinct_vectors(seed):
    """The component's distinct vectors found by a flat unique of base-3 codes (or of rows,
    above 38 crossing rows): the same atoms, scaled coefficients, scale, allowed values."""
    rng = np.random.default_rng(seed)
    for round_ in range(150):
        width = int(rng.integers(40, 46)) if round_ % 30 == 0 else int(rng.integers(1, 12))
        count = int(rng.integers(1, 80))
        block = rng.integers(-1, int(rng.integers(1, 10)), size=count).astype(np.int64)
        sig = (rng.random((count, width)) < rng.choice([0.1, 0.3, 0.6])).astype(np.int8)
        for rows, atoms in algebra._components(block, sig):
            c = algebra._prepare(rows, atoms, block, sig)
            want = _reference_prepare(rows, atoms, block, sig)
            got = (c.atoms, c.scaled, c.scale, c.allowed, c.starts, c.inside)
            assert np.array_equal(got[0], want[0])
            assert got[1].shape == want[1].shape and np.array_equal(got[1], want[1])
            assert got[2:4] == want[2:4]
            assert np.array_equal(got[4], want[4]) and got[5] == want[5]
