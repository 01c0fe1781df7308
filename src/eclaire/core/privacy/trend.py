"""Trend deltas: the pair of waves audited together, under people who kept their answers.

A trend entry puts a unit's cell of the previous wave beside its cell of this wave, with both
``n``. Each cell is safe in its own wave, but the pair is a new system: if nobody who answered
both times changed their answers (the attacker's best case), ``n_after·after − n_before·before``
is the sum of the people who joined less those who left. With a unit of 6 becoming 7 and nobody
leaving, that is the newcomer's score, to the decimal.

The model (one per dimension): the compared units (shown in both waves) nest along the current
tree; each one's *residual* (its cell less its nearest compared sub-units) holds, in each wave,
``r_before`` and ``r_after`` people. The most any two waves can share is ``min(r_before,
r_after)`` *stayers*, counted once with the same answers in both; the rest *left* (previous
wave only) or *joined* (this wave only). People who moved between units count as one leaver and
one joiner, which an attacker knowing the move could only do worse with. Every entry is a figure
of the :class:`~eclaire.core.privacy.auditor.Auditor` summing its before group and its after
group (sums and sums of squares: the entries carry sds); the auditor's fail-closed loop
would hide entries until no group of 1 to ``k − 1`` people is isolated; :func:`hidden_trend_cells`
reaches the same fixed point in closed form (the system splits residual by residual).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from eclaire.core.privacy.tree import check_min_group

__all__ = ["hidden_trend_cells", "wave_pair_groups"]

Counts = Mapping[str, tuple[int, int]]
"""Per compared unit, ``(n_before, n_after)`` of its cell on one dimension."""


def _nearest_compared(
    parents: Mapping[str, str | None], compared: set[str]
) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for unit in compared:
        node = parents.get(unit)
        while node is not None and node not in compared:
            node = parents.get(node)
        out[unit] = node
    return out


def wave_pair_groups(
    parents: Mapping[str, str | None], counts: Counts
) -> tuple[int, dict[str, tuple[np.ndarray, np.ndarray]]]:
    """The people of the pair model and, per compared unit, its before and after groups.

    ``parents``: the current unit tree (units of the previous wave that are no longer in it
    count where ``counts`` puts them: a unit compared must be in both waves).
    Returns ``(n_people, {unit: (before_positions, after_positions)})``."""
    compared = set(counts)
    up = _nearest_compared(parents, compared)
    residual = {u: [int(counts[u][0]), int(counts[u][1])] for u in compared}
    for unit, parent in up.items():
        if parent is not None:
            for w in (0, 1):
                residual[parent][w] -= int(counts[unit][w])
    own: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    start = 0
    for unit in sorted(compared):
        before, after = (max(r, 0) for r in residual[unit])  # < 0 only if the tree moved
        stay = min(before, after)
        stayers = np.arange(start, start + stay)
        left = np.arange(start + stay, start + before)
        joined = np.arange(start + before, start + before + after - stay)
        start += before + after - stay
        own[unit] = (np.concatenate([stayers, left]), np.concatenate([stayers, joined]))
    below: dict[str, list[str]] = {u: [u] for u in compared}
    for unit in compared:
        node = up[unit]
        while node is not None:
            below[node].append(unit)
            node = up[node]
    groups = {
        unit: (
            np.sort(np.concatenate([own[v][0] for v in below[unit]])),
            np.sort(np.concatenate([own[v][1] for v in below[unit]])),
        )
        for unit in compared
    }
    return start, groups


def hidden_trend_cells(
    parents: Mapping[str, str | None], cells: Mapping[str, Counts], k: int
) -> set[tuple[str, str]]:
    """The ``(unit, dimension)`` trend entries to hide so that the pair of waves isolates
    nobody. ``cells[dimension][unit] = (n_before, n_after)`` for every entry the trend would
    show.

    In the pair model the span of the entries' groups is spanned, residual by residual, by
    ``stayers ∪ left`` and ``stayers ∪ joined``; a set of people is isolated exactly when some
    residual has people who only left, or only joined (never both: stayers are as many as
    can be), 1 to ``k − 1`` of them (the residuals themselves are 0 or at least ``k`` in each
    wave, by the tree rule). So while a residual's count changed by 1 to ``k − 1``, an entry
    is hidden: the smallest compared sub-unit whose residual, merged into this one, mends it,
    or else the unit itself (its residual then merges into the one above); :func:`wave_pair_groups` and the auditor check the result
    (``tests/core/privacy/test_trend.py``)."""
    k = check_min_group(k)
    hidden: set[tuple[str, str]] = set()
    for code, counts in cells.items():
        shown = dict(counts)
        while shown:
            up = _nearest_compared(parents, set(shown))
            change = {u: int(n[1]) - int(n[0]) for u, n in shown.items()}
            for unit, parent in up.items():
                if parent is not None:
                    change[parent] -= int(shown[unit][1]) - int(shown[unit][0])
            bad = sorted(u for u, d in change.items() if 0 < abs(d) < k)
            if not bad:
                break
            unit = bad[0]
            mending = [  # a sub-unit whose residual, merged into this one, mends it
                c for c, p in up.items() if p == unit and not 0 < abs(change[unit] + change[c]) < k
            ]
            drop = min(mending, key=lambda u: (max(shown[u]), u)) if mending else unit
            hidden.add((drop, code))
            del shown[drop]
    return hidden
