"""Statistical disclosure control for results: minimum group size and differencing.

Every result Éclaire shows is an aggregate of a *group* of respondents (a unit roll-up, a segment
level inside a group, the raters of an interface). Counts ``n`` are always public; what is protected
is the content (scores, shares, comments) of any group of 1 to ``k - 1`` respondents, whether shown
directly or derived by subtracting shown aggregates from one another (differencing).

The rules, documented with examples in ``docs/privacy.md``:

1. ``k`` (default 5) is an integer of at least 3 (:func:`check_min_group`).
2. A unit's roll-up holds its direct respondents and all its descendants'; a roll-up with fewer
   than ``k`` respondents is suppressed. The organization total is the top roll-up.
3. For every shown roll-up ``v``, the *residual* ``n(v) - sum(n(f))`` over its nearest shown
   descendants ``f`` must be 0 or at least ``k``; otherwise the smallest of those ``f`` (by ``n``,
   then id) is suppressed too, until a fixed point (:func:`suppress_tree`).
4. Inside a group, the suppressed levels of a cut together number 0 or at least ``k``
   (:func:`suppress_partition`); a cut shown beside the unit tree must also nest with the shown
   units (``eclaire.core.privacy.cuts.suppress_cuts``).
5. Interface raters are rolled up along the raters' unit tree (``eclaire.core.privacy.interfaces``).
6. An item answered by fewer than ``k`` in a shown group is hidden (:func:`cell_visible`).

Reference: Hundepool, A. et al. (2012), *Statistical Disclosure Control*, Wiley, ch. 4 and 5
(threshold rule, complementary suppression, disclosure by differencing in hierarchical tables).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from numbers import Integral
from types import MappingProxyType
from typing import TypeAlias

__all__ = [
    "BELOW_THRESHOLD",
    "COMPLEMENTARY",
    "DEFAULT_MIN_GROUP",
    "MIN_GROUP_FLOOR",
    "REQUESTED",
    "UNKNOWN_LEVEL",
    "TreeDisclosure",
    "cell_visible",
    "check_min_group",
    "rollup_counts",
    "suppress_partition",
    "suppress_tree",
]

MIN_GROUP_FLOOR = 3
DEFAULT_MIN_GROUP = 5
UNKNOWN_LEVEL = "unknown"
"""Conventional level for a missing segment value; it is part of every partition."""

BELOW_THRESHOLD = "below_threshold"
COMPLEMENTARY = "complementary"
REQUESTED = "requested"

Node: TypeAlias = str | None
"""A unit id, or ``None`` for the organization (the union of the roots)."""


def check_min_group(k: int) -> int:
    """Return ``k`` if it is a valid minimum group size (an integer of at least 3)."""
    if isinstance(k, bool) or not isinstance(k, Integral):
        raise ValueError(f"the minimum group size k must be an integer, got {k!r}")
    if k < MIN_GROUP_FLOOR:
        raise ValueError(f"the minimum group size k must be at least {MIN_GROUP_FLOOR}, got {k}")
    return int(k)


def _check_count(what: str, n: object) -> int:
    if isinstance(n, bool) or not isinstance(n, Integral) or n < 0:
        raise ValueError(f"{what} must be a non-negative integer, got {n!r}")
    return int(n)


def cell_visible(n: int, k: int = DEFAULT_MIN_GROUP) -> bool:
    """Whether a cell answered by ``n`` respondents of a shown group may be shown (``n >= k``)."""
    return _check_count("the number of answers", n) >= check_min_group(k)


# --- the unit forest ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Forest:
    order: tuple[str, ...]  # pre-order: every unit after its parent, siblings sorted by id
    parent: Mapping[str, str | None]


def _build_forest(parents: Mapping[str, str | None]) -> _Forest:
    children: dict[str | None, list[str]] = {}
    for unit, parent in parents.items():
        if not isinstance(unit, str) or not unit:
            raise ValueError(f"unit ids must be non-empty strings, got {unit!r}")
        if parent is not None and parent not in parents:
            raise ValueError(f"unit {unit!r} has parent {parent!r}, which is not a unit")
        if parent == unit:
            raise ValueError(f"unit {unit!r} is its own parent")
        children.setdefault(parent, []).append(unit)
    order: list[str] = []
    stack = sorted(children.get(None, []), reverse=True)
    while stack:
        unit = stack.pop()
        order.append(unit)
        stack.extend(sorted(children.get(unit, []), reverse=True))
    if len(order) != len(parents):
        stuck = sorted(set(parents) - set(order))
        raise ValueError(f"the unit tree has a cycle through {stuck[:5]}")
    return _Forest(order=tuple(order), parent=dict(parents))


def _rollup(forest: _Forest, direct: Mapping[str, int]) -> dict[Node, int]:
    for unit, n in direct.items():
        if unit not in forest.parent:
            raise ValueError(f"respondents are counted for {unit!r}, which is not a unit")
        _check_count(f"the direct count of {unit!r}", n)
    counts: dict[Node, int] = {unit: int(direct.get(unit, 0)) for unit in forest.order}
    counts[None] = 0
    for unit in reversed(forest.order):  # children before parents
        counts[forest.parent[unit]] += counts[unit]
    return counts


def rollup_counts(parents: Mapping[str, str | None], direct: Mapping[str, int]) -> dict[str, int]:
    """Roll-up ``n`` of each unit: its direct respondents plus all its descendants'.

    ``parents`` maps each unit id to its parent id (``None`` for a root); ``direct`` maps a unit
    id to its number of direct respondents (a missing unit has none).
    """
    counts = _rollup(_build_forest(parents), direct)
    return {unit: n for unit, n in counts.items() if unit is not None}


# --- complementary suppression in a tree -------------------------------------------------------


class _ShownTree:
    """The shown roll-ups as a tree of their own: each shown node's nearest shown descendants
    (its *frontier*) and its residual ``n - sum(frontier n)``. Suppressing a node hands its
    frontier and residual to its nearest shown ancestor, so each step costs its frontier size."""

    def __init__(self, forest: _Forest, counts: Mapping[Node, int], shown: set[Node]) -> None:
        self.counts = counts
        self.shown = shown
        self.up: dict[str, Node] = {}
        self.frontier: dict[Node, set[str]] = {node: set() for node in shown | {None}}
        for unit in forest.order:
            parent = forest.parent[unit]
            self.up[unit] = parent if parent is None or parent in shown else self.up[parent]
            if unit in shown:
                self.frontier[self.up[unit]].add(unit)
        self.residual = {
            node: counts[node] - sum(counts[f] for f in members)
            for node, members in self.frontier.items()
        }
        self.heap = {
            node: [(counts[f], f) for f in members] for node, members in self.frontier.items()
        }
        for entries in self.heap.values():
            heapq.heapify(entries)

    def violates(self, node: Node, k: int) -> bool:
        return node in self.shown and 0 < self.residual[node] < k

    def smallest_in_frontier(self, node: Node) -> str:
        entries = self.heap[node]
        while entries:
            _, unit = entries[0]
            if unit in self.shown and self.up[unit] == node:
                return unit
            heapq.heappop(entries)  # stale: suppressed, or moved under another node
        raise RuntimeError(f"no shown descendant left under {node!r} (internal error)")

    def pool(self, unit: str) -> Node:
        """Keep ``unit`` shown over its shown sub-units only: its residual (its direct members and
        its hidden sub-units') joins its nearest shown ancestor's; return that ancestor."""
        above = self.up[unit]
        self.residual[above] += self.residual[unit]
        self.residual[unit] = 0
        return above

    def suppress(self, unit: str) -> None:
        above = self.up[unit]
        self.shown.discard(unit)
        self.frontier[above].discard(unit)
        for below in self.frontier.pop(unit):
            self.up[below] = above
            self.frontier[above].add(below)
            heapq.heappush(self.heap[above], (self.counts[below], below))
        self.residual[above] += self.residual.pop(unit)
        del self.heap[unit]


@dataclass(frozen=True)
class TreeDisclosure:
    """What may be shown of a unit tree.

    ``counts``: roll-up ``n`` per unit (respondents, always public). ``total``: the organization's
    ``n``. ``suppressed``: units whose results are hidden; ``reasons[unit]`` says why
    (``below_threshold``, ``complementary`` or ``requested``). ``total_suppressed``: whether the
    organization's results are hidden (only when ``total < k``, or on request). ``pooled``: shown
    units whose few direct members (and hidden sub-units) count in an ancestor's results instead
    of theirs; ``homes[unit]``: the unit whose roll-ups count the direct members of ``unit`` as
    its own (``unit`` itself unless it or the shown unit above it was pooled).
    """

    k: int
    counts: Mapping[str, int]
    total: int
    suppressed: frozenset[str]
    reasons: Mapping[str, str]
    total_suppressed: bool
    pooled: frozenset[str] = frozenset()
    homes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickled with plain dicts (a read-only mapping cannot be), read-only again when loaded:
        a forked analysis sends its tree rules back (:mod:`eclaire.core.analysis.forked`)."""
        return _tree_disclosure, (
            self.k,
            dict(self.counts),
            self.total,
            self.suppressed,
            dict(self.reasons),
            self.total_suppressed,
            self.pooled,
            dict(self.homes),
        )

    def home(self, unit: str) -> str:
        """The unit whose roll-ups count the direct members of ``unit``."""
        return self.homes.get(unit, unit)

    def shows(self, unit: str | None) -> bool:
        """Whether the results of ``unit`` (``None``: the organization) may be shown."""
        if unit is None:
            return not self.total_suppressed
        if unit not in self.counts:
            raise ValueError(f"unknown unit {unit!r}")
        return unit not in self.suppressed


def _tree_disclosure(
    k: int,
    counts: dict[str, int],
    total: int,
    suppressed: frozenset[str],
    reasons: dict[str, str],
    total_suppressed: bool,
    pooled: frozenset[str],
    homes: dict[str, str],
) -> TreeDisclosure:
    return TreeDisclosure(
        k,
        MappingProxyType(counts),
        total,
        suppressed,
        MappingProxyType(reasons),
        total_suppressed,
        pooled,
        MappingProxyType(homes),
    )


def _tree(
    forest: _Forest,
    direct: Mapping[str, int],
    k: int,
    also_suppress: Iterable[Node],
    pooled: dict[str, Node] | None = None,
) -> tuple[dict[Node, int], dict[Node, str]]:
    counts = _rollup(forest, direct)
    reasons: dict[Node, str] = {node: BELOW_THRESHOLD for node, n in counts.items() if n < k}
    for node in also_suppress:
        if node not in counts:
            raise ValueError(f"cannot suppress {node!r}, which is not a unit")
        reasons.setdefault(node, REQUESTED)
    shown = set(counts) - set(reasons)
    state = _ShownTree(forest, counts, shown)
    for node in [*reversed(forest.order), None]:  # children before parents, organization last
        if node is not None and forest.parent[node] is not None and state.violates(node, k):
            if pooled is not None and state.up[node] is not None:
                # Pool: the roll-up stays shown over its shown sub-units, and its few direct
                # members count with its nearest shown ancestor (no information is lost).
                pooled[node] = state.pool(node)
                continue
            # Hide the roll-up itself: its shown sub-units keep nearly all its information, and
            # its residual joins its nearest shown ancestor's, where it pools with others.
            state.suppress(node)
            reasons[node] = COMPLEMENTARY
            continue
        while state.violates(node, k):
            unit = state.smallest_in_frontier(node)
            state.suppress(unit)
            reasons[unit] = COMPLEMENTARY
    return counts, reasons


def _homes(forest: _Forest, reasons: Mapping[Node, str], pooled: Mapping[str, Node]) -> dict:
    """Where each unit's direct members count once pooling is done (see ``TreeDisclosure``):
    up from a hidden unit, and from a pooled one to where its residual went."""
    homes: dict[str, str] = {}
    for unit in forest.order:
        node: Node = unit
        while node is not None and (node in reasons or node in pooled):
            node = forest.parent[node] if node in reasons else pooled[node]
        if node is not None and node != unit:
            homes[unit] = node
    return homes


def _disclosure(
    counts: Mapping[Node, int],
    reasons: Mapping[Node, str],
    k: int,
    pooled: Mapping[str, Node] | None = None,
    homes: Mapping[str, str] | None = None,
) -> TreeDisclosure:
    return TreeDisclosure(
        k=k,
        counts=MappingProxyType({u: n for u, n in counts.items() if u is not None}),
        total=counts[None],
        suppressed=frozenset(u for u in reasons if u is not None),
        reasons=MappingProxyType({u: r for u, r in reasons.items() if u is not None}),
        total_suppressed=None in reasons,
        pooled=frozenset(pooled or ()),
        homes=MappingProxyType(dict(homes or {})),
    )


def suppress_tree(
    parents: Mapping[str, str | None],
    direct: Mapping[str, int],
    k: int = DEFAULT_MIN_GROUP,
    *,
    also_suppress: Iterable[str | None] = (),
    pool: bool = False,
) -> TreeDisclosure:
    """Apply the threshold and the no-differencing rule to a unit forest.

    A roll-up with ``n < k`` is suppressed. Then, children before parents and the organization
    last, every shown roll-up ``v`` must have a residual ``n(v) - sum(n(f))`` of 0 or at least
    ``k``, where ``f`` ranges over the nearest shown descendants of ``v`` (a shown grandchild under
    a suppressed child counts: an analyst can subtract it). Where it does not and ``v`` has a
    parent, ``v`` itself is suppressed (its shown sub-units keep nearly all its information) and
    its residual joins that of its nearest shown ancestor, still to be checked, where it pools
    with the residuals of other small roll-ups. At a root unit and at the organization, which
    stay shown, the smallest such ``f`` (by ``n``, then id) is suppressed instead, until the
    residual is 0 or at least ``k``. Each step changes only the residual of a node checked later, so one pass
    reaches the fixed point.

    A shown unit with no shown descendant has residual ``n >= k`` and is never suppressed for its
    own sake. ``also_suppress`` hides units (``None``: the organization) before the rule runs.

    With ``pool``, a unit below a shown ancestor whose residual is too small is not hidden:
    its residual (its few direct members and its hidden sub-units) joins the nearest shown
    ancestor's, and the unit is shown over its shown sub-units only (``TreeDisclosure.pooled``
    and ``homes`` say where each unit's members count). A department with two direct members
    above teams of 14 and 16 is shown over its 30 team members instead of being hidden, and the
    two count in the results of the level above it.
    """
    k = check_min_group(k)
    forest = _build_forest(parents)
    pooled: dict[str, Node] | None = {} if pool else None
    counts, reasons = _tree(forest, direct, k, also_suppress, pooled)
    if not pooled:
        return _disclosure(counts, reasons, k)
    homes = _homes(forest, reasons, pooled)
    return _disclosure(counts, reasons, k, pooled, homes)


# --- segment cuts ------------------------------------------------------------------------------


def suppress_partition(
    counts: Mapping[str, int], k: int = DEFAULT_MIN_GROUP, *, already: Iterable[str] = ()
) -> frozenset[str]:
    """Levels of one cut of one group to suppress.

    ``counts`` maps every level of the segment, including the level of missing values (e.g.
    ``"unknown"``), to its ``n``; together they partition the group. Levels with ``n < k`` and
    the ``already`` suppressed levels are hidden; while the hidden levels together number between
    1 and ``k - 1``, the smallest shown level (by ``n``, then name) is hidden too.
    """
    k = check_min_group(k)
    sizes = {level: _check_count(f"the count of level {level!r}", n) for level, n in counts.items()}
    hidden = {level for level, n in sizes.items() if n < k}
    for level in already:
        if level not in sizes:
            raise ValueError(f"cannot suppress level {level!r}, which is not in the cut")
        hidden.add(level)
    while 0 < sum(sizes[level] for level in hidden) < k:
        shown = [(n, level) for level, n in sizes.items() if level not in hidden]
        if not shown:
            break  # the whole group is below k: everything is hidden already
        hidden.add(min(shown)[1])
    return frozenset(hidden)
