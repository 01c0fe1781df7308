"""Exact differencing check for segment cuts shown beside the unit tree.

When the unit roll-ups of a tree and the levels of one or more segment cuts (newcomers vs tenured,
field vs head office…) are all shown, an analyst holds the sums of every shown group and can add
and subtract them. Every shown group is a union of *atoms*: the respondents of one residual
group of the shown tree (a shown unit's direct members plus its hidden sub-units, or the
organization's remainder) who share one combination of segment levels. A group is derivable when
its indicator vector is a combination of shown vectors with 0/1 values.

A combination is ``x(atom) = c[residual] + Σ a[level]`` over the shown levels the atom belongs to
(a hidden level, such as "unknown", has no vector of its own). For a given vector ``a`` of level
coefficients, each residual group picks ``c`` so that its atoms are 0 or 1: this is possible only
when its offsets ``Σ a`` span at most 1; if they span exactly 1 the atoms at the higher offset are
forced in; if they are all equal the group is all in or all out (its size is at least k by the
tree rule). The smallest non-empty derivable group for ``a`` is therefore the sum of the forced
atoms. :func:`smallest_derivable_group` enumerates ``a`` in ``{-1, 0, 1}`` per shown level
(enough for a single cut, where only differences between levels matter; a bounded search for
several cuts together) and returns the smallest forced sum between 1 and k − 1, if any.

Reference: the linear-algebra view of disclosure by differencing, Hundepool et al. (2012),
*Statistical Disclosure Control*, Wiley, §4.3 (linked tables).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

__all__ = ["smallest_derivable_group", "residual_groups", "safe_cuts"]

_CHUNK = 729


def residual_groups(
    units: pd.Series, parents: Mapping[str, str | None], shown: set[str]
) -> np.ndarray:
    """For each respondent, the nearest shown unit at or above theirs ("" for the organization)."""
    nearest: dict[str, str] = {}
    for unit in parents:
        node: str | None = unit
        while node is not None and node not in shown:
            node = parents[node]
        nearest[unit] = node or ""
    return units.astype(str).map(nearest).to_numpy()


def _atoms(
    residual: np.ndarray, cuts: Mapping[str, np.ndarray], shown_levels: Sequence[tuple[str, str]]
):
    frame = pd.DataFrame({"residual": residual})
    for name, levels in cuts.items():
        frame[name] = pd.Series(levels).astype("string").fillna("\x00unknown").to_numpy()
    atoms = frame.groupby(list(frame.columns), sort=True).size().reset_index(name="n")
    signature = np.zeros((len(atoms), len(shown_levels)), dtype=np.int8)
    for j, (cut, level) in enumerate(shown_levels):
        signature[:, j] = (atoms[cut] == level).to_numpy()
    starts = np.flatnonzero(
        np.r_[True, atoms["residual"].to_numpy()[1:] != atoms["residual"].to_numpy()[:-1]]
    )
    return signature, atoms["n"].to_numpy(np.int64), starts


def _forced_sizes(
    signature: np.ndarray, sizes: np.ndarray, starts: np.ndarray, combos: np.ndarray
) -> np.ndarray:
    offsets = signature.astype(np.int16) @ combos.T.astype(np.int16)  # atoms × combos
    low = np.minimum.reduceat(offsets, starts, axis=0)
    high = np.maximum.reduceat(offsets, starts, axis=0)
    spread = high - low
    feasible = (spread <= 1).all(axis=0)
    group_of_atom = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(sizes)]))
    at_top = offsets == high[group_of_atom]
    forced_atoms = at_top & (spread[group_of_atom] == 1)
    forced = (forced_atoms * sizes[:, None]).sum(axis=0)
    return np.where(feasible, forced, 0)


def smallest_derivable_group(
    residual: np.ndarray,
    cuts: Mapping[str, np.ndarray],
    shown_levels: Sequence[tuple[str, str]],
    k: int,
) -> int | None:
    """The size of the smallest group of 1 to k − 1 respondents derivable, or None if there is none.

    ``residual``: per respondent, the residual group of the shown tree (see
    :func:`residual_groups`); ``cuts``: per cut, each respondent's level (missing = unknown);
    ``shown_levels``: the ``(cut, level)`` pairs whose aggregates are shown.
    """
    if not shown_levels or len(residual) == 0:
        return None
    signature, sizes, starts = _atoms(residual, cuts, shown_levels)
    best: int | None = None
    combos_iter = itertools.product((-1, 0, 1), repeat=len(shown_levels))
    while True:
        chunk = np.array(list(itertools.islice(combos_iter, _CHUNK)), dtype=np.int8)
        if chunk.size == 0:
            return best
        forced = _forced_sizes(signature, sizes, starts, chunk)
        small = forced[(forced > 0) & (forced < k)]
        if small.size:
            best = int(small.min()) if best is None else min(best, int(small.min()))


def safe_cuts(
    residual: np.ndarray,
    cuts: Mapping[str, np.ndarray],
    k: int,
) -> dict[str, bool]:
    """Which cuts may be shown together, added one by one in the given order.

    A cut shows its levels of at least k respondents; it is kept only if, with the cuts already
    kept, no group of 1 to k − 1 respondents becomes derivable (this covers the hidden "unknown"
    level, which could otherwise be derived as the total minus the shown levels).
    """
    kept: dict[str, np.ndarray] = {}
    levels: list[tuple[str, str]] = []
    out: dict[str, bool] = {}
    for name, values in cuts.items():
        counts = pd.Series(values).dropna().astype(str).value_counts()
        candidate = [(name, str(level)) for level, n in counts.items() if n >= k]
        if len(candidate) < 2:
            out[name] = False
            continue
        trial = {**kept, name: values}
        if smallest_derivable_group(residual, trial, levels + candidate, k) is None:
            kept[name] = values
            levels += candidate
            out[name] = True
        else:
            out[name] = False
    return out
