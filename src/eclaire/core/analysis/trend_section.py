"""``trend``: what moved since the previous wave, per unit roll-up and dimension, and overall.

For each unit shown in both waves and each dimension shown in both, the difference of the two
means ``delta = after − before`` (scale points) with its Welch (1947) – Satterthwaite (1946)
95% interval from the summary statistics of each wave (n, mean, sd):
``delta ± t(0.975; df)·√(s²_a/n_a + s²_b/n_b)``. The waves are treated as independent samples:
answers are anonymous, so a person's two answers cannot be paired (with many of the same people
in both waves the interval is conservative). ``changed`` is true when the interval excludes 0.

Many units × dimensions are compared at once: about 5% of the comparisons where nothing moved
will still show ``changed`` by chance. ``n_comparisons`` and ``expected_by_chance`` (0.05 × the
comparisons with an interval) say how many, so a reader does not over-read a single flag.

Only dimensions with the same code in both waves are compared. When the previous result used a
different instrument id, ``note`` is ``different_instrument`` and the dropped dimension codes are
listed.

Privacy: nothing new is published. Both sides are cells already shown in their own wave, read
from the stored results (never a previous-wave group recomputed on today's tree). Two waves' own
reports set side by side say as much as the trend does; what they allow is written in
``docs/privacy.md`` (Trend).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from eclaire.core.stats.differences import _welch_interval

from ._numbers import interval, num

__all__ = ["trend_section", "LEVEL"]

LEVEL = 0.95

Cells = Mapping[str, Mapping[str, Any]]


def _scores_of(entry: Mapping[str, Any] | None) -> Cells:
    if not isinstance(entry, Mapping) or entry.get("suppressed"):
        return {}
    scores = entry.get("scores")
    return scores if isinstance(scores, Mapping) else {}


def _usable(cell: Mapping[str, Any] | None) -> bool:
    return isinstance(cell, Mapping) and all(
        cell.get(key) is not None for key in ("n", "mean", "sd")
    )


def _instrument_id(result: Mapping[str, Any]) -> str | None:
    instrument = result.get("instrument")
    if isinstance(instrument, Mapping):
        return instrument.get("id")
    return instrument if isinstance(instrument, str) else None


def _single_root(tree: Any) -> str | None:
    if not isinstance(tree, Sequence):
        return None
    roots = [
        u.get("unit_id") for u in tree if isinstance(u, Mapping) and u.get("parent_id") is None
    ]
    return roots[0] if len(roots) == 1 else None


def _pairs(after: Cells, before: Cells, dims: set[str]) -> list[tuple[str, Mapping, Mapping]]:
    return [
        (d, before[d], after[d])
        for d in sorted(dims)
        if _usable(after.get(d)) and _usable(before.get(d))
    ]


def _compare(rows: list[tuple[str, str, Mapping, Mapping]]) -> list[dict[str, Any]]:
    """Welch intervals for every (group, dimension, before, after) row in one vectorized call."""
    if not rows:
        return []
    cols = np.array(
        [[a["mean"], a["sd"], a["n"], b["mean"], b["sd"], b["n"]] for _, _, b, a in rows],
        dtype=np.float64,
    )
    mean_a, sd_a, n_a, mean_b, sd_b, n_b = cols.T
    diff, lo, hi = _welch_interval(mean_a, sd_a, n_a, mean_b, sd_b, n_b, LEVEL)
    out = []
    for i, (_, _, before, after) in enumerate(rows):
        changed = bool(np.isfinite(lo[i]) and (lo[i] > 0 or hi[i] < 0))
        out.append(
            {
                "before": num(before["mean"]),
                "after": num(after["mean"]),
                "delta": num(diff[i]),
                "ci95": interval(lo[i], hi[i]),
                "n_before": int(before["n"]),
                "n_after": int(after["n"]),
                "changed": changed,
            }
        )
    return out


def _unit_changes(
    current_units: Mapping[str, Any],
    before_units: Mapping[str, Any],
    dims: set[str],
) -> dict[str, dict[str, Any]]:
    """``{unit_id: {dimension: change}}`` for the units and dimensions shown in both waves."""
    shared = [u for u in current_units if u in before_units]  # tree order
    rows = [
        (u, d, b, a)
        for u in shared
        for d, b, a in _pairs(_scores_of(current_units[u]), _scores_of(before_units[u]), dims)
    ]
    units: dict[str, dict[str, Any]] = {}
    for (unit_id, dim, _, _), cell in zip(rows, _compare(rows), strict=True):
        units.setdefault(unit_id, {})[dim] = cell
    return units


def _overall_cells(
    previous: Mapping[str, Any], current_units: Cells, tree: Sequence[Mapping[str, Any]] | None
) -> tuple[Cells, Cells]:
    """The organization's cells in both waves: the single root of both unit trees."""
    before_root = _single_root(previous.get("tree"))
    after_root = _single_root(tree) if tree is not None else before_root
    if before_root is None or before_root != after_root:
        return {}, {}
    return (
        _scores_of(current_units.get(after_root)),
        _scores_of((previous.get("units") or {}).get(before_root)),
    )


def trend_section(
    current_units: Mapping[str, Any],
    previous: Mapping[str, Any] | None,
    *,
    instrument_id: str | None = None,
    tree: Sequence[Mapping[str, Any]] | None = None,
) -> dict[str, Any] | None:
    """Compare the current ``units`` section with a previous wave's result (``None``: no trend).

    ``previous`` is a previous result (``units.<id>.scores.<dim>`` with n, mean, sd; ``instrument``
    and ``tree`` as written by ``analyze``). ``instrument_id`` is the current instrument's id;
    ``tree`` the current result's tree, whose single root is the organization (when omitted, the
    previous tree's root is taken, if it is still a unit).
    """
    if previous is None:
        return None
    if not isinstance(previous, Mapping) or not isinstance(previous.get("units"), Mapping):
        raise ValueError("previous must be a previous result with a 'units' section")
    before_units = previous["units"]
    dims_after = {d for u in current_units.values() for d in _scores_of(u)}
    dims_before = {d for u in before_units.values() for d in _scores_of(u)}
    dims = dims_after & dims_before
    units = _unit_changes(current_units, before_units, dims)
    after_org, before_org = _overall_cells(previous, current_units, tree)
    overall_rows = [("", d, b, a) for d, b, a in _pairs(after_org, before_org, dims)]
    overall = {row[1]: cell for row, cell in zip(overall_rows, _compare(overall_rows), strict=True)}
    compared = [c for cells in [overall, *units.values()] for c in cells.values()]
    with_ci = sum(1 for c in compared if c["ci95"][0] is not None)
    out: dict[str, Any] = {
        "previous_instrument": _instrument_id(previous),
        "level": LEVEL,
        "dimensions": sorted(dims),
        "overall": overall,
        "units": units,
        "n_comparisons": with_ci,
        "n_changed": sum(1 for c in compared if c["changed"]),
        "expected_by_chance": num((1 - LEVEL) * with_ci),
    }
    before_id = out["previous_instrument"]
    if instrument_id is not None and before_id is not None and before_id != instrument_id:
        out["note"] = "different_instrument"
        out["dropped_dimensions"] = sorted((dims_after | dims_before) - dims)
    return out
