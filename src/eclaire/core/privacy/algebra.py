"""Exact search for the smallest group isolated by linear combinations of published sums.

The published groups of one variable (one *channel*) are the rows of an incidence matrix ``A``
(rows: groups, columns: respondents). An analyst who holds every group's sum holds ``y·A·x``
for every rational vector ``y``; a set ``S`` of respondents is *isolated* when its indicator is
in the row space of ``A``. This module finds the smallest isolated set, exactly.

Two kinds of rows:

- **nested** rows (unit roll-ups) form a laminar family: any two are disjoint or nested. Their
  row space is spanned by disjoint *blocks*: each row less the rows nested in it. A block of
  1 to k − 1 respondents is isolated at once.
- **crossing** rows (segment levels, item cells on a sub-group…) cut across the blocks.

Columns are merged into *atoms*: respondents of one block (or of no block) who belong to the
same crossing rows; every row treats them alike, so an isolated set is a union of atoms.

A set ``S`` is in the row space iff ``1_S = Σ c_b·block_b + Σ s_j·row_j``. On the atoms of one
block ``b`` this reads ``1_S(a) = c_b + s·σ(a)``, where ``σ(a)`` says which crossing rows hold
atom ``a``; outside every block, ``1_S(a) = s·σ(a)``. So the values ``s·(σ(a) − σ(a'))`` for two
atoms of one block are −1, 0 or 1, and ``s·σ(a)`` is 0 or 1 for an atom outside the blocks.
Take a basis of the vectors ``σ(a) − σ(ref_b)`` and ``σ(a)`` (outside): every ``s`` that can
isolate anything gives each basis vector a value in {−1, 0, 1} (or {0, 1}), and those values fix
``s·σ`` on every atom (the coefficients of each atom's vector in the basis are exact rationals).
Enumerating the ``3^r`` value patterns is therefore complete; each feasible pattern forces the
atoms at the upper value of each block into ``S``, and the smallest non-empty forced size is the
answer. Crossing rows that share no block split into independent components, searched apart.
All arithmetic is exact (Python fractions, then integers scaled by a common denominator).

Reference: Hundepool et al. (2012), *Statistical Disclosure Control*, Wiley, §4.3 (linked
tables, disclosure by differencing); the audit idea follows Cox (1980), "Suppression
methodology and statistical disclosure control", JASA 75, 377–385.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from eclaire.core.blas_threads import single_blas_thread

__all__ = ["MAX_RANK", "Isolation", "smallest_isolated"]

MAX_RANK = 10
"""Largest basis searched in one component (3^10 patterns); above it the channel is refused."""

_CHUNK = 2048
_PAIR_TABLE = 1 << 22
"""Largest table of (row, block) counts :func:`_blocks` makes (32 MB of int64)."""


@dataclass(frozen=True)
class Isolation:
    """A set of respondents derivable from the rows (``members``: positions), or a component
    too large to search (``undecided``). ``rows``: the crossing rows of its component, or (with
    ``nested``) the nested row whose block it is; indices into the rows given."""

    members: np.ndarray
    rows: tuple[int, ...]
    nested: bool = False
    undecided: bool = False

    @property
    def size(self) -> int:
        return int(self.members.size)


def _blocks(n: int, nested: Sequence[np.ndarray]) -> np.ndarray:
    """Per respondent, the index of the smallest nested row holding it (−1: none)."""
    owner = np.full(n, -1, dtype=np.int64)
    if not nested:
        return owner
    r = len(nested)
    sizes = np.fromiter((m.size for m in nested), dtype=np.int64, count=r)
    for i in np.argsort(-sizes, kind="stable").tolist():  # largest first, then in order
        owner[nested[i]] = i
    counts = np.bincount(owner[owner >= 0], minlength=r)
    # A row holds every block it touches whole, or rows cross: for each (row, block) pair
    # met, the row's members in the block are the block's members. The pairs of all rows at
    # once, one integer each (row · R + block), counted in one pass (a table of R² counts,
    # a few MB at most; a sort above that).
    rows = np.repeat(np.arange(r, dtype=np.int64), sizes)
    pairs = rows * r + owner[np.concatenate(nested)]
    if r * r <= _PAIR_TABLE:
        table = np.bincount(pairs, minlength=r * r)
        met = np.flatnonzero(table)
        seen = table[met]
    else:
        met, seen = np.unique(pairs, return_counts=True)
    if (seen != counts[met % r]).any():
        raise ValueError("the nested rows of a channel must be disjoint or nested")
    return owner


def _small_block(owner: np.ndarray, n_nested: int, k: int) -> Isolation | None:
    sizes = np.bincount(owner[owner >= 0], minlength=n_nested)
    small = np.flatnonzero((sizes > 0) & (sizes < k))
    if not small.size:
        return None
    row = int(small[np.argmin(sizes[small])])
    return Isolation(np.flatnonzero(owner == row), (row,), nested=True)


def _atoms(owner: np.ndarray, crossing: Sequence[np.ndarray], universe: np.ndarray):
    """Atoms over ``universe``: (block, signature over the crossing rows), with their sizes."""
    sig = np.zeros((universe.size, len(crossing)), dtype=np.int8)
    where = np.full(owner.size, -1, dtype=np.int64)
    where[universe] = np.arange(universe.size)
    for j, members in enumerate(crossing):
        at = where[members]
        sig[at[at >= 0], j] = 1  # members outside the universe (uncut blocks) are left out
    if len(crossing) <= 40:  # one integer key per respondent: a fast one-dimensional unique
        weights = np.left_shift(np.int64(1), np.arange(len(crossing), dtype=np.int64))
        key = ((owner[universe] + 1) << len(crossing)) + sig.astype(np.int64) @ weights
        _, first, inverse, sizes = np.unique(
            key, return_index=True, return_inverse=True, return_counts=True
        )
        return owner[universe][first], sig[first], inverse.reshape(-1), sizes
    keys = np.column_stack([owner[universe], sig.astype(np.int64)])
    uniq, inverse, sizes = np.unique(keys, axis=0, return_inverse=True, return_counts=True)
    return uniq[:, 0], uniq[:, 1:].astype(np.int8), inverse.reshape(-1), sizes


def _components(block: np.ndarray, sig: np.ndarray) -> list[tuple[list[int], np.ndarray]]:
    """Groups of crossing rows that vary inside a block or hold an atom outside every block,
    joined when they meet in one block; with the atoms each component constrains.

    The rows varying in each block come from one ``reduceat`` over the atoms sorted by block;
    the joins are then made in the order of a loop over the blocks (the atoms outside every
    block first, atom by atom), so the roots, and the order of the components, are those of
    that loop."""
    width = sig.shape[1]
    parent = list(range(width))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(rows: list[int]) -> None:
        if len(rows) > 1:
            root = rows[0]
            for j in rows[1:]:
                parent[find(j)] = find(root)

    if not block.size or not width:
        return []
    order = np.argsort(block, kind="stable")
    sorted_block = block[order]
    starts = np.flatnonzero(np.r_[True, sorted_block[1:] != sorted_block[:-1]])
    lengths = np.diff(np.r_[starts, block.size])
    sorted_sig = sig[order]
    first_row = np.full(block.size, -1, dtype=np.int64)  # a row each atom's constraint holds
    if sorted_block[0] < 0:  # outside every block: each atom binds the rows holding it
        outside = order[: lengths[0]]
        held = sorted_sig[: lengths[0]] != 0
        atom_at, row_at = np.nonzero(held)
        cuts = np.searchsorted(atom_at, np.arange(outside.size + 1)).tolist()
        rows_list = row_at.tolist()
        for a in range(outside.size):
            join(rows_list[cuts[a] : cuts[a + 1]])
        any_held = held.any(axis=1)
        first_row[outside[any_held]] = held[any_held].argmax(axis=1)
        starts, lengths = starts[1:], lengths[1:]
    if starts.size:
        high = np.maximum.reduceat(sorted_sig, starts, axis=0)
        low = np.minimum.reduceat(sorted_sig, starts, axis=0)
        active = high != low
        group_at, row_at = np.nonzero(active)
        cuts = np.searchsorted(group_at, np.arange(starts.size + 1)).tolist()
        rows_list = row_at.tolist()
        for g in range(starts.size):
            join(rows_list[cuts[g] : cuts[g + 1]])
        firsts = np.where(active.any(axis=1), active.argmax(axis=1), -1)
        at = np.repeat(np.arange(starts.size), lengths)
        first_row[order[starts[0] :]] = firsts[at]
    roots = np.array([find(j) for j in range(width)], dtype=np.int64)
    component = np.where(first_row >= 0, roots[np.maximum(first_row, 0)], -1)
    out = []
    for root in np.unique(component[component >= 0]).tolist():
        members = np.flatnonzero(roots == root).tolist()
        out.append((members, np.flatnonzero(component == root)))
    return out


def _basis(vectors: Sequence[tuple[int, ...]]) -> tuple[list[int], list[dict[int, Fraction]]]:
    """A basis among ``vectors`` (their indices, in order) and each vector's exact coefficients
    on it (``vectors[i]`` is in the basis iff it is independent of the vectors before it; the
    coefficients on a basis are unique, so any exact elimination gives the same ones).

    Fraction-free Gauss elimination over the integers: each reduced row ``R_t`` is kept with
    its integer combination ``M_t`` of the basis vectors (``R_t = Σ M_t[s]·v_s``); a new vector
    ``v`` is reduced as ``w = D·v − Σ acc[s]·v_s`` (integers ``D``, ``acc``), so a dependent
    vector's coefficients are ``acc[s] / D``, the only fractions made."""
    basis: list[int] = []
    reduced: list[tuple[list[int], dict[int, int], int]] = []
    coefficients: list[dict[int, Fraction]] = []
    for i, vector in enumerate(vectors):
        w = list(vector)
        d = 1
        acc: dict[int, int] = {}
        for prow, pcombo, pivot in reduced:
            a = w[pivot]
            if not a:
                continue
            b = prow[pivot]
            w = [b * x - a * y for x, y in zip(w, prow, strict=True)]
            d *= b
            acc = {s: b * c for s, c in acc.items()}
            for s, c in pcombo.items():
                acc[s] = acc.get(s, 0) + a * c
            g = math.gcd(d, *w, *acc.values())
            if g > 1:
                w = [x // g for x in w]
                d //= g
                acc = {s: c // g for s, c in acc.items()}
        pivot = next((p for p, x in enumerate(w) if x), -1)
        if pivot < 0:
            coefficients.append({s: Fraction(c, d) for s, c in acc.items() if c})
            continue
        t = len(basis)
        basis.append(i)
        combo = {s: -c for s, c in acc.items() if c}
        combo[t] = d
        reduced.append((w, combo, pivot))
        coefficients.append({t: Fraction(1)})
    return basis, coefficients


@dataclass(frozen=True)
class _Component:
    rows: list[int]  # crossing rows (indices into the crossing list)
    atoms: np.ndarray  # atom indices, grouped by block, blocks before the outside atoms
    scaled: np.ndarray  # atoms x basis: integer coefficients times ``scale``
    scale: int
    allowed: list[tuple[int, ...]]  # values of each basis vector
    starts: np.ndarray  # where each block starts in ``atoms`` (outside atoms excluded)
    inside: int  # number of atoms in blocks (the rest are outside every block)


def _vectors(
    rows: list[int], atoms: np.ndarray, block: np.ndarray, sig: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """The component's atoms, blocks first (each block's atoms together) then the atoms
    outside every block; each atom's vector over ``rows`` (an atom in a block: its signature
    minus its block's first atom's; outside: its signature); where each block starts; how
    many atoms are in blocks."""
    atoms = atoms[
        np.lexsort((atoms, np.where(block[atoms] < 0, np.iinfo(np.int64).max, block[atoms])))
    ]
    sub = sig[np.ix_(atoms, np.asarray(rows, dtype=np.int64))].astype(np.int64)
    owner = block[atoms]
    inside = int((owner >= 0).sum())
    starts = (
        np.flatnonzero(np.r_[True, owner[1:inside] != owner[: inside - 1]])
        if inside
        else np.empty(0, np.int64)
    )
    ref = np.repeat(starts, np.diff(np.r_[starts, inside]))
    return atoms, np.vstack([sub[:inside] - sub[ref], sub[inside:]]), starts, inside


def _prepare(rows: list[int], atoms: np.ndarray, block: np.ndarray, sig: np.ndarray) -> _Component:
    atoms, vectors, starts, inside = _vectors(rows, atoms, block, sig)
    # The distinct vectors in order of first appearance (the basis is chosen in that order),
    # each allowed {0, 1} if an atom outside every block has it, else {−1, 0, 1}.
    if vectors.shape[1] <= 38:  # one base-3 integer per vector (below 3^39): a flat unique
        code = (vectors + 1) @ np.power(3, np.arange(vectors.shape[1], dtype=np.int64))
        _, first, inverse = np.unique(code, return_index=True, return_inverse=True)
        uniq = vectors[first]
    else:
        uniq, first, inverse = np.unique(vectors, axis=0, return_index=True, return_inverse=True)
    appearance = np.argsort(first)
    rank = np.empty_like(appearance)
    rank[appearance] = np.arange(appearance.size)
    inverse = rank[inverse.reshape(-1)]
    outside = np.bincount(inverse[inside:], minlength=appearance.size) > 0
    order = [tuple(v) for v in uniq[appearance].tolist()]
    basis, coefficients = _basis(order)
    scale = math.lcm(*(c.denominator for coef in coefficients for c in coef.values()), 1)
    per_key = np.array(
        [[int(coef.get(t, 0) * scale) for t in range(len(basis))] for coef in coefficients],
        dtype=np.int64,
    ).reshape(len(order), len(basis))
    scaled = per_key[inverse]
    allowed: list[tuple[int, ...]] = [(0, 1) if outside[b] else (-1, 0, 1) for b in basis]
    return _Component(rows, atoms, scaled, scale, allowed, starts, inside)


def _patterns(allowed: list[tuple[int, ...]]) -> np.ndarray:
    grids = np.meshgrid(*[np.array(a, dtype=np.int64) for a in allowed], indexing="ij")
    return np.stack([g.reshape(-1) for g in grids]) if allowed else np.zeros((0, 1), np.int64)


_EXACT = 2**52
"""Integers below this are exact in float64, and so is a sum of products of them below it."""


def _times(rows: np.ndarray, patterns: np.ndarray) -> np.ndarray:
    """``rows @ patterns`` for integer arrays, with the patterns' values in {−1, 0, 1}: by the
    floating-point product (BLAS, many times faster than numpy's integer loop) when every
    partial sum stays below 2^52 in absolute value, so each product and sum is exact and the
    integers come back unchanged; by the integer product otherwise."""
    if rows.size and int(np.abs(rows).sum(axis=1).max()) >= _EXACT:
        return rows @ patterns
    product = rows.astype(np.float64) @ patterns.astype(np.float64)
    return product.astype(np.int64)


@dataclass(frozen=True)
class _Distinct:
    """The blocks of a component with the same set of rows merged: their distinct rows, block
    after block (``starts``), each with the respondents of every atom having it (``weights``,
    summed over the blocks merged); the same for the atoms outside every block."""

    rows: np.ndarray
    weights: np.ndarray
    starts: np.ndarray
    outside: np.ndarray
    outside_weights: np.ndarray


def _distinct(c: _Component, sizes: np.ndarray) -> _Distinct:
    atom_sizes = sizes[c.atoms].tolist()
    scaled = [tuple(r) for r in c.scaled.tolist()]
    merged: dict[tuple[tuple[int, ...], ...], dict[tuple[int, ...], int]] = {}
    bounds = [*c.starts.tolist(), c.inside]
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        key = tuple(sorted(set(scaled[lo:hi])))
        weights = merged.setdefault(key, dict.fromkeys(key, 0))
        for row, size in zip(scaled[lo:hi], atom_sizes[lo:hi], strict=True):
            weights[row] += size
    outside: dict[tuple[int, ...], int] = {}
    for row, size in zip(scaled[c.inside :], atom_sizes[c.inside :], strict=True):
        outside[row] = outside.get(row, 0) + size
    r = len(c.allowed)
    lengths = [len(key) for key in merged]
    return _Distinct(
        np.array([row for w in merged.values() for row in w], dtype=np.int64).reshape(-1, r),
        np.array([v for w in merged.values() for v in w.values()], dtype=np.int64),
        np.cumsum([0, *lengths[:-1]], dtype=np.int64) if lengths else np.empty(0, np.int64),
        np.array(list(outside), dtype=np.int64).reshape(-1, r),
        np.array(list(outside.values()), dtype=np.int64),
    )


def _search(c: _Component, sizes: np.ndarray, k: int) -> tuple[int, np.ndarray] | None:
    """The smallest forced size in [1, k − 1] and its atoms, or None (see the module).

    Every pattern is weighed on the distinct blocks (:class:`_Distinct`): whether a block
    accepts a pattern and which of its atoms the pattern forces depend only on the block's
    set of rows, so blocks with the same set count once, each row with the respondents of
    all the atoms having it. The feasible patterns are found first, most constrained block
    first (:func:`_feasible_patterns`); the forced sizes are then summed on those only. The
    sums are integers, so the patterns kept (feasible, forcing fewer than k), their order and
    the one chosen (the first smallest) are those of a search block by block."""
    patterns = _patterns(c.allowed)
    d = _distinct(c, sizes)
    keep = _feasible_patterns(c, d, patterns)
    forced = np.concatenate(
        [_forced(c, d, patterns[:, keep[at : at + _CHUNK]]) for at in range(0, keep.size, _CHUNK)]
        or [np.empty(0, np.int64)]
    )
    alive = forced < k
    keep, forced = keep[alive], forced[alive]
    small = np.flatnonzero(forced > 0)
    if not small.size:
        return None
    best = small[np.argmin(forced[small])]
    values = c.scaled @ patterns[:, keep[best]]  # one pattern: the integer product
    return int(forced[best]), c.atoms[_top(values, c)]


def _forced(c: _Component, d: _Distinct, patterns: np.ndarray) -> np.ndarray:
    """Per (feasible) pattern, the respondents it forces into the isolated set."""
    forced = np.zeros(patterns.shape[1], dtype=np.int64)
    if d.starts.size:
        values = _times(d.rows, patterns)
        high = np.maximum.reduceat(values, d.starts, axis=0)
        spread = high - np.minimum.reduceat(values, d.starts, axis=0)
        group = np.repeat(np.arange(d.starts.size), np.diff(np.r_[d.starts, len(d.rows)]))
        top = (values == high[group]) & (spread[group] == c.scale)
        forced += (d.weights[:, None] * top).sum(axis=0)
    if d.outside.size:
        values = _times(d.outside, patterns)
        forced += (d.outside_weights[:, None] * (values == c.scale)).sum(axis=0)
    return forced


def _feasible_patterns(c: _Component, d: _Distinct, patterns: np.ndarray) -> np.ndarray:
    """The patterns (column indices) every block and every outside atom accepts: in a block,
    each value at the block's lowest or highest, the two equal or one scale apart; outside,
    each value 0 or the scale. A block at a time, the one with the most distinct rows first:
    the patterns it rejects are not looked at again."""
    keep = np.arange(patterns.shape[1])
    ends = np.r_[d.starts[1:], len(d.rows)] if d.starts.size else np.empty(0, np.int64)
    order = sorted(zip(d.starts.tolist(), ends.tolist(), strict=True), key=lambda b: b[0] - b[1])
    for lo, hi in order:
        values = _times(d.rows[lo:hi], patterns[:, keep])
        low, high = values.min(axis=0), values.max(axis=0)
        fits = ((high - low == 0) | (high - low == c.scale)) & (
            (values == low) | (values == high)
        ).all(axis=0)
        keep = keep[fits]
        if not keep.size:
            return keep
    if d.outside.size:
        values = _times(d.outside, patterns[:, keep])
        keep = keep[((values == 0) | (values == c.scale)).all(axis=0)]
    return keep


def _top(values: np.ndarray, c: _Component) -> np.ndarray:
    """The forced atoms of one feasible pattern (positions in ``c.atoms``)."""
    out = []
    bounds = [*c.starts.tolist(), c.inside]
    for s, e in zip(bounds[:-1], bounds[1:], strict=True):
        v = values[s:e]
        if v.max() - v.min() == c.scale:
            out.extend((s + np.flatnonzero(v == v.max())).tolist())
    out.extend((c.inside + np.flatnonzero(values[c.inside :] == c.scale)).tolist())
    return np.array(out, dtype=np.int64)


def smallest_isolated(
    n: int, nested: Sequence[np.ndarray], crossing: Sequence[np.ndarray], k: int
) -> Isolation | None:
    """The smallest set of 1 to ``k − 1`` respondents isolated by the rows, or None.

    ``n``: respondents (positions ``0..n-1``); ``nested``: member positions of the laminar rows;
    ``crossing``: member positions of the other rows. A crossing row of 1 to ``k − 1``
    respondents is itself isolated. A component whose basis exceeds :data:`MAX_RANK` is
    returned ``undecided`` (the caller must hide one of its rows)."""
    for j, members in enumerate(crossing):
        if 0 < members.size < k:
            return Isolation(members, (j,))
    owner = _blocks(n, nested)
    small = _small_block(owner, len(nested), k)
    if small is not None or not crossing:
        return small
    counts = np.bincount(owner[owner >= 0], minlength=len(nested))
    cut = np.zeros(len(nested), dtype=bool)  # blocks that some crossing row holds in part
    kept = []
    for j, members in enumerate(crossing):
        mine = owner[members]
        inside = mine[mine >= 0]
        seen = np.bincount(inside, minlength=counts.size)
        partial = (seen > 0) & (seen != counts)
        if inside.size < mine.size or partial.any():
            kept.append(j)
            cut |= partial
    if not kept:
        return None  # every crossing row is a union of blocks: in the span of the nested rows
    found = _crossing_search(n, owner, cut, [crossing[j] for j in kept], k)
    if found is None or found.nested:
        return found
    return Isolation(found.members, tuple(kept[j] for j in found.rows), undecided=found.undecided)


def _may_isolate(atom_sizes: np.ndarray, k: int) -> bool:
    """False when a component provably isolates no group of 1 to ``k − 1`` respondents, so
    that :func:`_search` (its ``3^r`` patterns) would return None and can be skipped.

    The proof: every set :func:`_search` can return is the forced atoms of one feasible
    pattern (:func:`_top`), a non-empty union of whole atoms of the component (an atom's
    respondents belong to the same block and the same crossing rows, so every row treats them
    alike); its size is at least the smallest atom's. When the smallest atom has ``k`` or more
    respondents, no such set has fewer than ``k``. The rank check (``undecided``) comes before
    this bound, so a component too tangled to search is still refused as before.
    ``tests/core/privacy/test_algebra.py`` runs the search on every component the bound skips
    and fails if it finds anything."""
    return bool(atom_sizes.size) and int(atom_sizes.min()) < k


def _crossing_search(
    n: int, owner: np.ndarray, cut: np.ndarray, crossing: Sequence[np.ndarray], k: int
) -> Isolation | None:
    """The search over the respondents it concerns: those of the blocks that ``cut`` marks
    (cut by a crossing row) and those of the crossing rows outside every block. A block no
    crossing row cuts is one atom that no equation constrains: leaving its respondents out
    changes no component, and the atoms are built over the cut blocks only."""
    listed = np.r_[False, cut][owner + 1]
    for members in crossing:
        listed[members[owner[members] < 0]] = True
    universe = np.flatnonzero(listed)
    block, sig, inverse, sizes = _atoms(owner, crossing, universe)
    best: Isolation | None = None
    limited = False
    with ExitStack() as one_thread:  # entered at the first search (each entry costs ~0.2 ms)
        for rows, atoms in _components(block, sig):
            c = _prepare(rows, atoms, block, sig)
            if len(c.allowed) > MAX_RANK:
                return Isolation(np.empty(0, np.int64), tuple(rows), undecided=True)
            if not _may_isolate(sizes[atoms], k):
                continue
            if not limited:
                one_thread.enter_context(single_blas_thread())
                limited = True
            found = _search(c, sizes, k)
            if found is not None and (best is None or found[0] < best.size):
                members = universe[np.isin(inverse, found[1])]
                best = Isolation(members, tuple(rows))
    return best
