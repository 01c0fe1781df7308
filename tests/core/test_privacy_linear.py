"""The exact differencing check for segment cuts, against an independent brute-force attacker."""

import itertools
import random

import numpy as np
import pandas as pd

from eclaire.core.privacy import suppress_tree
from eclaire.core.privacy.linear import residual_groups, safe_cuts, smallest_derivable_group


def _attack(vectors: list[np.ndarray], k: int) -> int | None:
    """Every combination of shown groups with coefficients −1, 0, 1: the smallest 0/1 result below k."""
    best = None
    for coefs in itertools.product((-1, 0, 1), repeat=len(vectors)):
        if not any(coefs):
            continue
        x = sum(c * v for c, v in zip(coefs, vectors, strict=True))
        if np.isin(x, (0, 1)).all() and 0 < x.sum() < k:
            best = int(x.sum()) if best is None else min(best, int(x.sum()))
    return best


def _shown_vectors(units, parents, shown, levels, shown_levels):
    vectors = [np.ones(len(units), dtype=int)]  # the organization
    for u in shown:
        members = {v for v in parents if _under(v, u, parents)}
        vectors.append(units.isin(members).to_numpy().astype(int))
    for level in shown_levels:
        vectors.append((levels == level).astype(int))
    return vectors


def _under(v, u, parents):
    while v is not None:
        if v == u:
            return True
        v = parents[v]
    return False


def test_newcomers_all_in_one_unit_leak_the_one_tenured_member():
    parents = {"F": None, "G": None}
    units = pd.Series(["F"] * 21 + ["G"] * 10)
    tenure = np.array(["new"] * 20 + ["old"] + ["old"] * 10, dtype=object)
    residual = residual_groups(units, parents, {"F", "G"})
    assert smallest_derivable_group(residual, {"t": tenure}, [("t", "new"), ("t", "old")], 5) == 1


def test_newcomers_spread_over_mixed_units_are_safe():
    parents = {"A": None, "B": None, "C": None}
    units = pd.Series(["A"] * 12 + ["B"] * 12 + ["C"] * 12)
    tenure = np.array((["new"] * 3 + ["old"] * 9) * 3, dtype=object)
    residual = residual_groups(units, parents, {"A", "B", "C"})
    assert (
        smallest_derivable_group(residual, {"t": tenure}, [("t", "new"), ("t", "old")], 5) is None
    )


def test_small_unknown_level_is_derivable_from_the_two_shown_levels():
    parents = {"A": None}
    units = pd.Series(["A"] * 20)
    tenure = np.array(["new"] * 8 + ["old"] * 10 + [None] * 2, dtype=object)
    residual = residual_groups(units, parents, {"A"})
    assert smallest_derivable_group(residual, {"t": tenure}, [("t", "new"), ("t", "old")], 5) == 2
    assert safe_cuts(residual, {"t": tenure}, 5) == {"t": False}


def test_agrees_with_a_brute_force_attacker_on_random_organizations():
    rng = random.Random(7)
    disagreements, leaks, trials_run = [], 0, 0
    for trial in range(120):
        k = rng.choice([3, 5])
        n_units = rng.randint(2, 4)
        parents = {
            f"U{i}": (None if i == 0 or rng.random() < 0.4 else f"U{rng.randrange(i)}")
            for i in range(n_units)
        }
        sizes = {u: rng.randint(0, 9) for u in parents}
        units = pd.Series([u for u, n in sizes.items() for _ in range(n)])
        if len(units) < k:
            continue
        levels = np.array(
            [rng.choice(["a", "b", "b", None]) for _ in range(len(units))], dtype=object
        )
        disclosure = suppress_tree(parents, sizes, k)
        shown = {u for u in parents if disclosure.shows(u)}
        shown_levels = [lv for lv in ("a", "b") if (levels == lv).sum() >= k]
        if not shown_levels:
            continue
        residual = residual_groups(units, parents, shown)
        ours = smallest_derivable_group(
            residual, {"t": levels}, [("t", lv) for lv in shown_levels], k
        )
        trials_run += 1
        theirs = _attack(_shown_vectors(units, parents, shown, levels, shown_levels), k)
        leaks += theirs is not None
        if (ours is None) != (theirs is None):
            disagreements.append((trial, ours, theirs))
    assert disagreements == []
    assert 10 < leaks < trials_run, (leaks, trials_run)  # the trials hold both leaks and safe cases
