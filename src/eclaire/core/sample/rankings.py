"""Priority rankings: how each respondent orders the declared priorities.

Each unit has its own reading of the declared order (the leadership's order, the order of the
options in the instrument): a score per priority, ``0.9 · (K − 1 − position)`` plus a drift of its
function (sd 0.5) and of the unit itself (sd 0.3). A respondent adds noise (sd 1.0) to their unit's
scores and ranks them; within a unit the rankings then agree well (Kendall's W mostly above 0.5).
The planted unit splits into four factions (one keeps the declared order, one reverses it, one
follows an order of its own and the last reverses that) with more noise, so its W is low.
"""

from __future__ import annotations

import numpy as np

from eclaire.core.sample.patterns import Plan

__all__ = ["priority_ranks", "NO_RANKING_RATE"]

NO_RANKING_RATE = 0.04
STEP = 0.9
NOISE = 1.0
DISPERSED_NOISE = 1.5
COHERENT_NOISE = 0.6
FACTIONS = 4


def _unit_scores(
    n_options: int, functions: np.ndarray, plan: Plan, rng: np.random.Generator
) -> np.ndarray:
    """``s[u, k]``: how much unit ``u`` values priority ``k``."""
    declared = STEP * np.arange(n_options - 1, -1, -1, dtype=float)
    names = np.unique(functions)
    drift = {f: rng.normal(0.0, 0.5, n_options) for f in names}
    scores = np.stack([declared + drift[f] for f in functions])
    scores += rng.normal(0.0, 0.3, scores.shape)
    scores[plan.coherent] = declared
    return scores


def priority_ranks(
    n_options: int, unit: np.ndarray, functions: np.ndarray, plan: Plan, rng: np.random.Generator
) -> np.ndarray:
    """A float matrix (rows × options) of ranks, 1 = first; NaN rows for those who skipped."""
    scores = _unit_scores(n_options, functions, plan, rng)[unit]
    noise = np.where(unit == plan.coherent, COHERENT_NOISE, NOISE)
    if plan.dispersed is not None:
        members = np.flatnonzero(unit == plan.dispersed)
        factions = rng.permuted(np.tile(np.arange(FACTIONS), len(members) // FACTIONS + 1))[
            : len(members)
        ]
        own = rng.permutation(n_options)
        orders = np.stack([np.arange(n_options)[::-1], np.arange(n_options), own, own[::-1]]) * STEP
        scores[members] = orders[factions]
        noise[members] = DISPERSED_NOISE
    scores = scores + rng.normal(0.0, 1.0, scores.shape) * noise[:, None]
    ranks = np.argsort(np.argsort(-scores, axis=1, kind="stable"), axis=1, kind="stable") + 1.0
    ranks[rng.random(len(unit)) < NO_RANKING_RATE] = np.nan
    return ranks
