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

Privacy: both sides are cells shown in their own wave, but the pair says more than either: if
the people who answered both times kept their answers, ``n_after·after − n_before·before`` is
what the newcomers (or the leavers) answered. With ``min_group``, the pair of waves is audited
(:mod:`eclaire.core.privacy.trend`): an entry is left out while some unit's residual (its cell
less its compared sub-units) gained or lost 1 to ``k − 1`` people; the organization's entry
follows its root unit's. The counts (``n_comparisons``…) are over the entries shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from eclaire.core.privacy.trend import hidden_trend_cells
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


def _parents_of(tree: Sequence[Mapping[str, Any]] | None) -> dict[str, str | None]:
    if not isinstance(tree, Sequence):
        return {}
    return {
        str(u["unit_id"]): u.get("parent_id")
        for u in tree
        if isinstance(u, Mapping) and u.get("unit_id") is not None
    }


def _audited(
    rows: list[tuple[str, str, Mapping, Mapping]],
    tree: Sequence[Mapping[str, Any]] | None,
    min_group: int | None,
) -> tuple[list[tuple[str, str, Mapping, Mapping]], set[tuple[str, str]]]:
    """The rows the pair of waves lets through, and the ``(unit, dimension)`` left out."""
    if min_group is None:
        return rows, set()
    cells: dict[str, dict[str, tuple[int, int]]] = {}
    for unit, dim, before, after in rows:
        cells.setdefault(dim, {})[unit] = (int(before["n"]), int(after["n"]))
    hidden = hidden_trend_cells(_parents_of(tree), cells, min_group)
    return [r for r in rows if (r[0], r[1]) not in hidden], hidden


def _unit_changes(
    current_units: Mapping[str, Any],
    before_units: Mapping[str, Any],
    dims: set[str],
    tree: Sequence[Mapping[str, Any]] | None = None,
    min_group: int | None = None,
) -> tuple[dict[str, dict[str, Any]], set[tuple[str, str]]]:
    """``{unit_id: {dimension: change}}`` for the units and dimensions shown in both waves (and
    let through by the audit of the pair), and the entries left out."""
    shared = [u for u in current_units if u in before_units]  # tree order
    rows = [
        (u, d, b, a)
        for u in shared
        for d, b, a in _pairs(_scores_of(current_units[u]), _scores_of(before_units[u]), dims)
    ]
    rows, hidden = _audited(rows, tree, min_group)
    units: dict[str, dict[str, Any]] = {}
    for (unit_id, dim, _, _), cell in zip(rows, _compare(rows), strict=True):
        units.setdefault(unit_id, {})[dim] = cell
    return units, hidden


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
    min_group: int | None = None,
) -> dict[str, Any] | None:
    """Compare the current ``units`` section with a previous wave's result (``None``: no trend).

    ``previous`` is a previous result (``units.<id>.scores.<dim>`` with n, mean, sd; ``instrument``
    and ``tree`` as written by ``analyze``). ``instrument_id`` is the current instrument's id;
    ``tree`` the current result's tree, whose single root is the organization (when omitted, the
    previous tree's root is taken, if it is still a unit). ``min_group``: the threshold k of
    the pair of waves (the larger of the two results'); ``None`` skips the audit of the pair
    (for figures that are not published).
    """
    if previous is None:
        return None
    if not isinstance(previous, Mapping) or not isinstance(previous.get("units"), Mapping):
        raise ValueError("previous must be a previous result with a 'units' section")
    before_units = previous["units"]
    dims_after = {d for u in current_units.values() for d in _scores_of(u)}
    dims_before = {d for u in before_units.values() for d in _scores_of(u)}
    dims = dims_after & dims_before
    if min_group is not None and isinstance(previous.get("min_group"), int):
        min_group = max(min_group, previous["min_group"])
    units, hidden = _unit_changes(current_units, before_units, dims, tree, min_group)
    after_org, before_org = _overall_cells(previous, current_units, tree)
    root = _single_root(tree) if tree is not None else _single_root(previous.get("tree"))
    overall_rows = [
        ("", d, b, a) for d, b, a in _pairs(after_org, before_org, dims) if (root, d) not in hidden
    ]
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
    if min_group is not None:
        out["hidden_by_audit"] = len(hidden)
    before_id = out["previous_instrument"]
    if instrument_id is not None and before_id is not None and before_id != instrument_id:
        out["note"] = "different_instrument"
        out["dropped_dimensions"] = sorted((dims_after | dims_before) - dims)
    return out
