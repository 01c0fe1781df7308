"""Interface ratings: the raters of a unit, rolled up along the raters' own unit tree.

An entry ``from → to`` of the interface map is the mean rating of ``to`` by the raters found in
the roll-up of ``from``; the same threshold and no-differencing rule as the unit roll-ups
(:func:`eclaire.core.privacy.tree.suppress_tree`) applies, target by target.
"""

from __future__ import annotations

from collections.abc import Mapping

from eclaire.core.privacy.tree import (
    DEFAULT_MIN_GROUP,
    Node,
    TreeDisclosure,
    _build_forest,
    _disclosure,
    _homes,
    _tree,
    check_min_group,
)

__all__ = ["suppress_interfaces"]


def suppress_interfaces(
    parents: Mapping[str, str | None],
    raters: Mapping[str, Mapping[str, int]],
    k: int = DEFAULT_MIN_GROUP,
    *,
    pool: bool = False,
) -> dict[str, TreeDisclosure]:
    """Protect interface ratings rolled up along the raters' unit tree (from-side).

    ``raters[target][unit]`` is the number of direct respondents of ``unit`` who rated
    ``target``. For each target, the from-side roll-ups (the raters in a unit and its descendants,
    and all the organization's raters) follow :func:`suppress_tree` (with ``pool``: a roll-up
    whose few direct raters would be isolated is shown over its sub-units' raters, and those
    few count with the level above; ``TreeDisclosure.homes`` says where, target by target).
    """
    k = check_min_group(k)
    forest = _build_forest(parents)
    out: dict[str, TreeDisclosure] = {}
    for target, direct in raters.items():
        if target not in parents:
            raise ValueError(f"interface target {target!r} is not a unit")
        pooled: dict[str, Node] | None = {} if pool else None
        counts, reasons = _tree(forest, direct, k, (), pooled)
        homes = _homes(forest, reasons, pooled) if pooled else None
        out[target] = _disclosure(counts, reasons, k, pooled, homes)
    return out
