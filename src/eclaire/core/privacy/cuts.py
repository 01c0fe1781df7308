"""Segment cuts shown beside the unit tree, without differencing.

A cut splits a group (a unit roll-up or the organization) by a segment (tenure band, site kind...),
the missing-value level included. Rule 4 of ``eclaire.core.privacy`` protects one cut of one group
on its own; but a cut also meets the unit roll-ups around it. Two attacks follow:

- a level nested in a shown sub-unit: all 20 field staff sit in unit F of 21, so
  ``F - org.field`` isolates F's one head-office member;
- levels minus sub-units: ``P.newcomer - A.newcomer - B.newcomer`` isolates P's direct newcomer.

The rule here: a group's cut is shown only if every shown unit inside it lies within one level
(the cut and the shown units then *nest*; otherwise the group is *crossing* and its cut is hidden
whole). Nested shown sets are a tree, and the residual rule of :func:`suppress_tree` on that tree
leaves every set an analyst can derive at 0 or at least ``k`` respondents (each derivable set is a
union of residuals). Leaf units and groups whose sub-units carry a unit attribute (site kind) keep
their cuts; a person attribute (tenure) is shown above a unit only when its shown sub-units are
hidden or uniform.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TypeAlias

from eclaire.core.privacy.tree import (
    COMPLEMENTARY,
    DEFAULT_MIN_GROUP,
    REQUESTED,
    Node,
    TreeDisclosure,
    _build_forest,
    _disclosure,
    _Forest,
    _rollup,
    _tree,
    check_min_group,
)

__all__ = ["Cell", "CutDisclosure", "suppress_cuts"]

Cell: TypeAlias = tuple[Node, str]
"""A level of a segment inside a group (a unit roll-up, or ``None``: the organization)."""

_SEP = "\x1f"  # joins a group and a level into the id of a level node of the refined forest


@dataclass(frozen=True)
class CutDisclosure:
    """What may be shown of one segment cut in several groups of a unit tree.

    ``tree``: the units' disclosure (it may hide more units than :func:`suppress_tree` alone).
    ``counts[(group, level)]``: ``n`` of that level in that group (``None``: the organization),
    for every requested group. ``suppressed``: hidden cells. ``crossing``: shown groups whose
    whole cut is hidden because a shown unit inside them mixes levels.
    """

    tree: TreeDisclosure
    levels: tuple[str, ...]
    counts: Mapping[Cell, int]
    suppressed: frozenset[Cell]
    crossing: frozenset[Node]

    def shows(self, group: str | None, level: str) -> bool:
        if (group, level) not in self.counts:
            raise ValueError(f"no cut was requested for ({group!r}, {level!r})")
        return (group, level) not in self.suppressed


def _cell_id(group: Node, level: str) -> str:
    return f"{group or ''}{_SEP}{level}"


@dataclass(frozen=True)
class _Cut:
    forest: _Forest
    levels: tuple[str, ...]
    direct_levels: Mapping[str, Mapping[str, int]]
    counts: Mapping[Node, int]  # roll-up n per unit, None: the organization
    level_counts: Mapping[Cell, int]  # roll-up n per (unit, level)
    children: Mapping[Node, list[str]]

    def level_of(self, unit: str) -> str | None:
        """The one level holding all of ``unit``'s roll-up, or None if it mixes levels."""
        for level in self.levels:
            if self.level_counts[(unit, level)] == self.counts[unit]:
                return level
        return None

    def crosses(self, group: Node, hidden: set[Node]) -> bool:
        """Whether a shown unit inside ``group`` mixes levels (the cut would not nest)."""
        stack = list(self.children.get(group, []))
        while stack:
            unit = stack.pop()
            if self.level_of(unit) is None:
                if unit not in hidden:
                    return True
                stack.extend(self.children.get(unit, []))
        return False

    def refine(self, cut_at: set[Node]) -> tuple[_Forest, dict[str, int]]:
        """The forest with each cut group's levels as nodes between it and its sub-units.

        A unit that mixes levels just below such a layer (always a hidden one) is dissolved into
        it: its direct members join the level nodes, and its children face the layer."""
        parents: dict[str, str | None] = {}
        direct: dict[str, int] = {}
        for group in cut_at:
            for level in self.levels:
                parents[_cell_id(group, level)] = group
                direct[_cell_id(group, level)] = 0
        dissolved: dict[Node, Node] = {}  # mixed unit -> the cut group it was dissolved into
        for unit in self.forest.order:
            above, mine = self.forest.parent[unit], self.direct_levels.get(unit, {})
            if above in cut_at or above in dissolved:
                group = above if above in cut_at else dissolved[above]
                home = self.level_of(unit) if self.counts[unit] else self.levels[0]
                if home is None:
                    dissolved[unit] = group
                    for lvl, n in mine.items():
                        direct[_cell_id(group, lvl)] += n
                    continue
                parents[unit] = _cell_id(group, home)
            else:
                parents[unit] = above
            direct[unit] = 0 if unit in cut_at else sum(mine.values())
            for lvl, n in mine.items() if unit in cut_at else ():
                direct[_cell_id(unit, lvl)] += n
        return _build_forest(parents), direct


def _prepare(
    parents: Mapping[str, str | None], direct_levels: Mapping[str, Mapping[str, int]]
) -> _Cut:
    forest = _build_forest(parents)
    if any(_SEP in unit for unit in parents):
        raise ValueError("unit ids must not contain the control character \\x1f")
    levels = tuple(sorted({level for row in direct_levels.values() for level in row}))
    if not levels:
        raise ValueError("the cut has no level: give each unit's counts per level")
    level_counts: dict[Cell, int] = {}
    for level in levels:
        rolled = _rollup(forest, {u: row.get(level, 0) for u, row in direct_levels.items()})
        level_counts.update(((node, level), n) for node, n in rolled.items())
    counts = _rollup(forest, {unit: sum(row.values()) for unit, row in direct_levels.items()})
    children: dict[Node, list[str]] = {}
    for unit in forest.order:
        children.setdefault(forest.parent[unit], []).append(unit)
    return _Cut(forest, levels, direct_levels, counts, level_counts, children)


def suppress_cuts(
    parents: Mapping[str, str | None],
    direct_levels: Mapping[str, Mapping[str, int]],
    k: int = DEFAULT_MIN_GROUP,
    *,
    groups: Iterable[str | None] | None = None,
) -> CutDisclosure:
    """Protect one segment cut shown in ``groups`` (default: the organization and every unit)
    together with the unit roll-ups.

    ``direct_levels[unit][level]`` counts the direct respondents of ``unit`` at each level, the
    missing-value level included. Until nothing changes: the unit tree follows
    :func:`suppress_tree`; each shown requested group that is not crossing gets its levels as
    nodes between it and its sub-units, and :func:`suppress_tree` runs on that refined forest
    (this contains rule 4: a group's hidden levels, less the shown units inside them, number 0 or
    at least ``k``); units hidden there are hidden in the unit tree at the next round. The cells
    of a hidden or crossing group are hidden.
    """
    k = check_min_group(k)
    cut = _prepare(parents, direct_levels)
    requested = set(cut.counts) if groups is None else set(groups)
    for group in requested - set(cut.counts):
        raise ValueError(f"cannot cut {group!r}, which is not a unit")
    direct = {unit: sum(row.values()) for unit, row in direct_levels.items()}
    forced: set[Node] = set()
    while True:
        _, reasons = _tree(cut.forest, direct, k, forced)
        hidden = set(reasons)
        cut_at = {group for group in requested - hidden if not cut.crosses(group, hidden)}
        refined, refined_direct = cut.refine(cut_at)
        kept = {node for node in hidden if node is None or node in refined.parent}
        _, refined_reasons = _tree(refined, refined_direct, k, kept)
        newly = {n for n in refined_reasons if n is None or _SEP not in n} - hidden
        if not newly:
            break
        forced |= newly
    cells = {(g, lvl): cut.level_counts[(g, lvl)] for g in requested for lvl in cut.levels}
    shown = {(g, lvl) for g in cut_at for lvl in cut.levels}
    shown -= {(g, lvl) for g, lvl in shown if _cell_id(g, lvl) in refined_reasons}
    unit_reasons = {u: COMPLEMENTARY if r == REQUESTED else r for u, r in reasons.items()}
    return CutDisclosure(
        tree=_disclosure(cut.counts, unit_reasons, k),
        levels=cut.levels,
        counts=MappingProxyType(cells),
        suppressed=frozenset(set(cells) - shown),
        crossing=frozenset(requested - hidden - cut_at),
    )
