"""Does a group of raters follow the order its peer groups share? A test on rankings.

Each rater's ranking (a row of average ranks, 1 = first, ties allowed) is correlated with a
**reference order**, the mean ranks of raters *outside* the rater's own group (the Pearson
correlation of the rater's ranks with those mean ranks). The tested group's reference is the mean ranks of every peer
group; each peer group's is the mean ranks of the other peer groups, so that no rater is compared
with an order their own group helped to make.

With ``x̄`` the tested group's mean correlation (``n`` raters, sample variance ``s²``) and
``x̄_j`` (squared standard error ``v_j``) each of the ``J ≥ 2`` peer groups', the test of "the
group follows the order as closely as one more peer group would" (one-sided, low) is a
prediction t:

``t = (x̄ − mean_j x̄_j) / (κ·√(a + b))``, ``a = s²/n``, ``b = τ² + (τ² + mean_j v_j)/J``,

on Welch–Satterthwaite's degrees of freedom ``(a + b)² / (a²/(n − 1) + b²/df_τ)``: the group's own
sampling noise, the peer groups' natural spread ``τ²`` and the uncertainty of their mean.
``τ²`` is the variance of the groups' means within a kind beyond their sampling noise,
pooled over the kinds of groups given (:func:`between_group_variance`: the functions of an
organization; a handful of peer groups alone is too unsteady), ``df_τ = Σ_f (J_f − 1)``.

``κ`` = :data:`INFLATION` (1.4) is calibrated by simulation: the peer groups' means share
their reference orders (each is measured against the others), so their spread under-states
that of a new group, and a group's mean correlation is skewed when concentration differs
between groups. Simulated organizations of four functions of four teams (5 to 24 raters,
Plackett–Luce rankings, a quarter ranking only three options) where each team's
concentration varies (weights times ``exp(N(0, σ))``) gave a standard deviation of the
uninflated t of 1.0 (σ = 0) and 1.3 (σ = 0.3 and 0.6); with ``κ`` the test holds its level:
on 1,500 draws, 0.5 %, 2.3 % and 3.1 % at a nominal 5 %, 0.0 %, 0.27 % and 0.33 % at 0.4 % for
σ = 0, 0.3 and 0.6 (``tests/core/stats/test_order_following.py``; κ = 1.3 gave 0.67 % at 0.4 %
for σ = 0.6).

**Not a valid p-value in general**: κ holds the level only when every kind's groups spread
alike. When the tested kind's groups spread more than the others' (σ = 0.6 there, 0 in three
kinds of eight groups), the rate at a nominal 0.4 % is 1.9 %; at σ = 1.0, 4.8 %
(docs/result/priorities.md). The lever rules do not read it.

The group's own agreement is also given: the mean Spearman correlation between its raters,
``ρ̄ = (mW − 1)/(m − 1)`` for Kendall's W (Kendall, 1948), which, unlike W, does not grow as the
group shrinks; and the median ``ρ̄`` of the peer groups.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
from scipy import stats

__all__ = [
    "INFLATION",
    "OrderFollowing",
    "between_group_variance",
    "group_following",
    "mean_pairwise_correlation",
    "order_following_test",
]


INFLATION = 1.4
"""κ: the prediction t's scale times this (calibrated by simulation, module docstring)."""


class OrderFollowing(NamedTuple):
    """``p`` (one-sided, low); ``mean`` the group's mean correlation with the peers' order and
    ``reference_mean`` the peer groups' mean of theirs; ``tau2`` their between-group variance;
    ``agreement`` the group's ``ρ̄`` and ``reference_agreement`` the median ``ρ̄`` of the peer
    groups; ``groups`` how many peer groups."""

    p: float
    mean: float
    reference_mean: float
    tau2: float
    agreement: float
    reference_agreement: float
    groups: int


def _unit_rows(ranks: np.ndarray) -> np.ndarray:
    """Rows centred and scaled to length 1 (a constant row stays 0): dot products are ρ."""
    centred = ranks - ranks.mean(axis=1, keepdims=True)
    norm = np.linalg.norm(centred, axis=1, keepdims=True)
    return centred / np.where(norm > 0, norm, 1.0)


def mean_pairwise_correlation(ranks: np.ndarray) -> float:
    """``ρ̄``: the mean Spearman correlation over the pairs of rows (NaN under 2 rows)."""
    m = len(ranks)
    if m < 2:
        return float("nan")
    z = _unit_rows(ranks)
    total = z.sum(axis=0)
    return float((total @ total - (z * z).sum()) / (m * (m - 1)))


def _correlations(ranks: np.ndarray, rows: np.ndarray, reference: np.ndarray) -> np.ndarray:
    order = _unit_rows(ranks[reference].mean(axis=0)[None, :])[0]
    return _unit_rows(ranks[rows]) @ order


def group_following(
    ranks: np.ndarray, groups: Sequence[np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """For each group (two or more, of one kind), its raters' mean correlation with the mean
    ranks of the other groups, and the squared standard error of that mean."""
    means, variances, _ = _group_figures(ranks, groups)
    return means, variances


def _group_figures(
    ranks: np.ndarray, groups: Sequence[np.ndarray]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`group_following` and each group's ``ρ̄``, for every group at once: the other
    groups' mean ranks come from the rank sums (all minus the group's), every row is centred
    and scaled once."""
    counts = np.array([len(g) for g in groups])
    label = np.repeat(np.arange(len(groups)), counts)
    values = ranks[np.concatenate(list(groups))]
    z = _unit_rows(values)
    sums = np.add.reduceat(values, np.cumsum(counts) - counts, axis=0)
    orders = _unit_rows((sums.sum(axis=0) - sums) / (counts.sum() - counts)[:, None])
    r = (z * orders[label]).sum(axis=1)
    means = np.bincount(label, r) / counts
    squares = np.bincount(label, (r - means[label]) ** 2)
    variances = _floored(squares / (counts - 1) / counts)
    totals = np.add.reduceat(z, np.cumsum(counts) - counts, axis=0)
    own = np.bincount(label, (z * z).sum(axis=1))
    agreements = ((totals * totals).sum(axis=1) - own) / (counts * (counts - 1))
    return means, variances, agreements


def between_group_variance(
    kinds: Sequence[tuple[np.ndarray, np.ndarray]],
) -> tuple[float, int]:
    """``τ²`` pooled over kinds of groups, and its degrees of freedom: the within-kind variance
    of the groups' means (``Σ_f Σ_j (x̄_j − x̄_f)² / Σ_f (J_f − 1)``) minus the mean of their
    squared standard errors, at least 0. ``kinds`` holds, per kind, the groups' means and
    squared standard errors (:func:`group_following`); a kind of one group adds nothing."""
    squares, df, variances = 0.0, 0, []
    for means, errors in kinds:
        if len(means) < 2:
            continue
        squares += float(((means - means.mean()) ** 2).sum())
        df += len(means) - 1
        variances.extend(np.asarray(errors, dtype="float64").tolist())
    if df == 0:
        return 0.0, 0
    return max(0.0, squares / df - float(np.mean(variances))), df


def order_following_test(
    ranks: np.ndarray,
    group: np.ndarray,
    peers: Sequence[np.ndarray],
    *,
    others: Sequence[tuple[np.ndarray, np.ndarray]] = (),
) -> OrderFollowing:
    """The test of the module docstring. ``ranks``: one row per rater (average ranks);
    ``group``: the tested raters' rows; ``peers``: the rows of each peer group (disjoint from
    ``group`` and from each other); ``others``: the :func:`group_following` figures of the
    other kinds of groups, pooled with the peers' to estimate ``τ²``. Needs 2 raters in the
    group and 2 peer groups of 2."""
    if len(group) < 2 or len(peers) < 2 or min(len(p) for p in peers) < 2:
        raise ValueError(
            "need at least 2 raters in the group and 2 peer groups of at least 2 raters, got "
            f"{len(group)} and {[len(p) for p in peers]}"
        )
    x = _correlations(ranks, group, np.concatenate(list(peers)))
    means, variances, agreements = _group_figures(ranks, peers)
    tau2, df_tau = between_group_variance([(means, variances), *others])
    n = len(x)
    own = float(x.var(ddof=1)) / n
    between = tau2 + (tau2 + float(variances.mean())) / len(peers)
    df = (own + between) ** 2 / (own**2 / (n - 1) + between**2 / max(df_tau, 1))
    scale = INFLATION * np.sqrt(own + between)
    reference = float(means.mean())
    p = float(stats.t.cdf((x.mean() - reference) / scale, df)) if scale > 0 else float("nan")
    return OrderFollowing(
        p=p,
        mean=float(x.mean()),
        reference_mean=reference,
        tau2=tau2,
        agreement=mean_pairwise_correlation(ranks[group]),
        reference_agreement=float(np.median(agreements)),
        groups=len(peers),
    )


def _floored(variances: np.ndarray) -> np.ndarray:
    """A group whose raters all correlate alike (variance 0) is given the smallest positive
    variance of the others (1e-12 when none is positive)."""
    positive = variances[variances > 0]
    return np.maximum(variances, positive.min() if positive.size else 1e-12)
