"""Registering the manager's gaps, the family rows and the segment comparisons
(:mod:`eclaire.core.analysis.disclosure`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from eclaire.core.privacy.auditor import Auditor, DisclosureError

from ..context import AnalysisContext
from ..published_groups import rollup_members
from .hiding import _remove

SEGMENT_STATS = ("mean_a", "ci95_a", "mean_b", "ci95_b", "difference", "difference_ci95")


SEGMENT_TESTS = ("hedges_g", "t", "df", "p", "p_adjusted", "significant", "small_sample")


def _hide_manager_row(gaps: dict[str, Any], row: dict[str, Any]) -> Callable[[], None]:
    """Remove a manager row, and the family rows of its unit whose mean holds its dimension:
    with the family's other rows they would give the manager's hidden score back."""

    def hide() -> None:
        _remove(gaps["managers"], row)()
        for family in list(gaps.get("families") or []):
            if family["unit_id"] == row["unit_id"] and row["dimension"] in family["dimensions"]:
                gaps["families"].remove(family)

    return hide


def _managers(ctx: AnalysisContext, result: dict[str, Any], auditor: Auditor) -> None:
    """The team's cell of each manager gap (``perception_gaps.managers``): the unit roll-up's
    respondents with a score, the very group of the unit's cell, so it goes in the cell's
    channel (``dim:<code>``, nested) and any differencing between them is caught."""
    gaps = result.get("perception_gaps") or {}
    rows = gaps.get("managers") or []
    if not rows:
        return
    members = rollup_members(ctx)
    answered: dict[str, np.ndarray] = {}
    for row in list(rows):
        unit, code = row["unit_id"], row["dimension"]
        if code not in answered:
            answered[code] = ctx.scores[code].notna().to_numpy()
        group = members[unit][answered[code][members[unit]]]
        if group.size != row["n_team"]:  # fail closed: the row is not the group registered
            raise DisclosureError(
                f"perception_gaps.managers {unit}/{code}: n_team {row['n_team']} is not the "
                f"{group.size} respondents of the unit's cell"
            )
        auditor.add(
            f"managers/{unit}/{code}",
            f"dim:{code}",
            group,
            nested=True,
            hide=_hide_manager_row(gaps, row),
        )


def _families(ctx: AnalysisContext, result: dict[str, Any], auditor: Auditor) -> None:
    """The group of each family gap's spread (``perception_gaps.families``): the unit roll-up's
    respondents with a family score, nested, in the family's own channel, sums of squares only.

    The row's team value is the mean of the unit's published cells of the family
    (:func:`~eclaire.core.analysis.gaps_section.family_gaps`), already audited in their
    ``dim:<code>`` channels: it publishes no sum of family scores, so nothing combines with the
    cells (``m·F·n − Σ_j D_j`` is a combination of the cells themselves). Its sd,
    interval and prediction interval publish the group's sum of squares about its own mean."""
    rows = (result.get("perception_gaps") or {}).get("families") or []
    if not rows:
        return
    members = rollup_members(ctx)
    answered: dict[str, np.ndarray] = {}
    for row in list(rows):
        codes, unit, family = row["dimensions"], row["unit_id"], row["family"]
        key = ",".join(codes)
        if key not in answered:
            scored = ctx.scores[codes].notna().sum(axis=1).to_numpy()
            answered[key] = scored >= -(-len(codes) // 2)
        auditor.add(
            f"families/{unit}/{family}",
            f"family:{family}",
            members[unit][answered[key][members[unit]]],
            moments=("sumsq",),
            nested=True,
            hide=_remove(rows, row),
        )


def _hide_segment(row: dict[str, Any]) -> Callable[[], None]:
    def hide() -> None:
        for key in (*SEGMENT_STATS, *SEGMENT_TESTS):
            row.pop(key, None)
        row.update(suppressed=True, reason="differencing")

    return hide


def _segments(ctx: AnalysisContext, result: dict[str, Any], auditor: Auditor) -> None:
    chosen = ctx.scratch.get("segments", {})
    for row in result["perception_gaps"]["segments"]:
        if row["suppressed"]:
            continue
        name, code = row["segment"], row["dimension"]
        auditor.add(
            f"segments/{name}/{code}", f"dim:{code}", chosen[(name, code)], hide=_hide_segment(row)
        )


def _segment_units(ctx: AnalysisContext, result: dict[str, Any], auditor: Auditor) -> None:
    """Each side of a department's comparison (``perception_gaps.segment_units``), crossing, in
    the dimension's channel; hidden, the row keeps its unit, segment and dimension only."""
    chosen = ctx.scratch.get("segment_units", {})
    for row in result["perception_gaps"].get("segment_units") or []:
        if row["suppressed"]:
            continue
        unit, name, code = row["unit_id"], row["segment"], row["dimension"]
        groups = chosen[(unit, name, code)]
        if (groups[0].size, groups[1].size) != (row["n_a"], row["n_b"]):  # fail closed
            raise DisclosureError(
                f"perception_gaps.segment_units {unit}/{name}/{code}: n_a, n_b are not the "
                f"{groups[0].size}, {groups[1].size} respondents registered"
            )
        auditor.add(
            f"segment_units/{unit}/{name}/{code}",
            f"dim:{code}",
            groups,
            hide=_hide_segment_unit(row),
        )


def _hide_segment_unit(row: dict[str, Any]) -> Callable[[], None]:
    def hide() -> None:
        for key in ("n_a", "n_b", *SEGMENT_STATS, *SEGMENT_TESTS):
            row.pop(key, None)
        row.update(suppressed=True, reason="differencing")

    return hide


def _drop_orphan_gap_rows(result: dict[str, Any]) -> None:
    """Fail closed: a manager row whose unit cell is not shown leaves (the team's mean and the
    manager's own score with it), whichever figure the audit chose to hide; so does a family
    row missing one of its unit's cells (with the others, it gives the hidden one back)."""
    gaps = result.get("perception_gaps") or {}
    for row in list(gaps.get("managers") or []):
        cells = result["units"].get(row["unit_id"], {}).get("scores", {})
        if row["dimension"] not in cells:
            _hide_manager_row(gaps, row)()
    families = gaps.get("families") or []
    for row in list(families):
        cells = result["units"].get(row["unit_id"], {}).get("scores", {})
        if any(code not in cells for code in row["dimensions"]):
            families.remove(row)
