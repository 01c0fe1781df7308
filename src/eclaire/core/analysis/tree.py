"""The unit tree as plain mappings, and respondents spread over every roll-up that contains them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

__all__ = [
    "parents_of",
    "ancestry",
    "expand_to_rollups",
    "children_of",
    "rollup_positions",
    "tree_order",
]


def parents_of(units: pd.DataFrame) -> dict[str, str | None]:
    """``unit_id → parent_id`` (``None`` for a root) from a units table."""
    parents: dict[str, str | None] = {}
    for unit_id, parent in zip(units["unit_id"].astype(str), units["parent_id"], strict=True):
        parents[unit_id] = parent if isinstance(parent, str) and parent else None
    return parents


def children_of(parents: Mapping[str, str | None]) -> dict[str | None, list[str]]:
    children: dict[str | None, list[str]] = {}
    for unit_id, parent in parents.items():
        children.setdefault(parent, []).append(unit_id)
    for ids in children.values():
        ids.sort()
    return children


def tree_order(parents: Mapping[str, str | None]) -> list[str]:
    """Unit ids depth first, siblings by id: the order of every table in the result."""
    children = children_of(parents)
    order: list[str] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        unit_id = stack.pop()
        order.append(unit_id)
        stack.extend(reversed(children.get(unit_id, [])))
    return order


def ancestry(parents: Mapping[str, str | None]) -> dict[str, tuple[str, ...]]:
    """For each unit, itself and its ancestors up to the root."""
    out: dict[str, tuple[str, ...]] = {}
    for unit_id in parents:
        chain = [unit_id]
        parent = parents[unit_id]
        while parent is not None:
            if parent in chain:
                raise ValueError(f"cycle in the unit tree through {parent!r}")
            chain.append(parent)
            parent = parents.get(parent)
        out[unit_id] = tuple(chain)
    return out


def expand_to_rollups(unit_ids: pd.Series, parents: Mapping[str, str | None]) -> pd.DataFrame:
    """Rows ``(row, rollup)``: each response once for its unit and once for each ancestor.

    ``row`` is the positional index of the response, so any per-response frame can be taken
    with ``frame.iloc[rows]`` and grouped by ``rollup`` — vectorized, no loop over respondents.
    """
    chains = ancestry(parents)
    codes, uniques = pd.factorize(unit_ids.astype(str))
    lengths = np.array([len(chains[u]) for u in uniques], dtype=np.int64)
    per_row = lengths[codes]
    rows = np.repeat(np.arange(len(codes)), per_row)
    flat = (
        np.concatenate([np.array(chains[u], dtype=object) for u in uniques])
        if len(uniques)
        else np.array([], dtype=object)
    )
    offsets = (
        np.concatenate([[0], np.cumsum(lengths)[:-1]])
        if len(uniques)
        else np.array([], dtype=np.int64)
    )
    within = np.arange(len(rows)) - np.repeat(np.cumsum(per_row) - per_row, per_row)
    rollup = flat[np.repeat(offsets[codes], per_row) + within]
    return pd.DataFrame({"row": rows, "rollup": rollup})


def rollup_positions(
    unit_ids: pd.Series, parents: Mapping[str, str | None], order: Sequence[str]
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs of :func:`expand_to_rollups`, in the same order, as two integer arrays: the
    response's position and the roll-up's position in ``order``."""
    position = {u: i for i, u in enumerate(order)}
    chains = ancestry(parents)
    codes, uniques = pd.factorize(unit_ids.astype(str))
    ladders = [np.array([position[a] for a in chains[u]], dtype=np.int64) for u in uniques]
    lengths = np.array([len(ladder) for ladder in ladders], dtype=np.int64)
    per_row = lengths[codes]
    rows = np.repeat(np.arange(len(codes), dtype=np.int64), per_row)
    if not len(uniques):
        return rows, np.empty(0, dtype=np.int64)
    flat = np.concatenate(ladders)
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    within = np.arange(len(rows)) - np.repeat(np.cumsum(per_row) - per_row, per_row)
    return rows, flat[np.repeat(offsets[codes], per_row) + within]
