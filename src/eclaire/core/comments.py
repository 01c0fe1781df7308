"""Which free-text comments may be shown, and where: each text once, in a group of at least k.

A comment belongs to its author's unit. Comments are shown per unit roll-up, but a parent's
comments minus a child's comments would reveal the comments of the rest of the parent (the
*residual*), so showing every text at every level is a differencing leak. Instead:

1. The number of respondents who wrote a text for the question is counted per unit and passed
   to :func:`eclaire.core.privacy.suppress_tree` with ``k`` = the comment threshold. Its rule
   guarantees that the residual of every shown roll-up is 0 or at least ``k``.
2. Each text is placed **once**, at the lowest shown roll-up containing its author's unit (the
   unit itself if shown, else its nearest shown ancestor, else the organization if shown, else
   nowhere). The texts placed at a roll-up are exactly its residual: 0 or at least ``k`` texts.

No text is repeated at an ancestor, so no subtraction between groups isolates anyone.
Within a group the texts are shuffled by a seed (:func:`shuffled`), so order says nothing about
who answered first.

Reference: Hundepool, A. et al. (2012), *Statistical Disclosure Control*, Wiley, ch. 4 and 5.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from eclaire.core.privacy import TreeDisclosure, suppress_tree

__all__ = ["Placement", "place_comments", "shuffled"]

T = TypeVar("T")


@dataclass(frozen=True)
class Placement(Generic[T]):
    """Texts grouped where they may be shown.

    ``groups[unit]`` (``None``: the organization) holds the texts placed at that shown roll-up;
    ``disclosure`` is the tree rule applied to the counts of writers (its ``counts`` are public).
    """

    disclosure: TreeDisclosure
    groups: Mapping[str | None, Sequence[T]]


def _placed_at(unit: str, parents: Mapping[str, str | None], shown: TreeDisclosure) -> str | None:
    node: str | None = unit
    while node is not None and not shown.shows(node):
        node = parents[node]
    return node


def place_comments(
    parents: Mapping[str, str | None], texts: Mapping[str, Sequence[T]], k: int
) -> Placement[T]:
    """Place each text at the lowest shown roll-up containing its unit (see the module doc).

    ``parents``: unit id → parent id (``None`` for a root). ``texts``: unit id → the texts written
    by its direct respondents (one per respondent). ``k``: the comment threshold (at least 3).
    Texts of units missing from ``parents`` raise ``ValueError``.
    """
    unknown = set(texts) - set(parents)
    if unknown:
        raise ValueError(f"texts of units not in the tree: {sorted(unknown)}")
    disclosure = suppress_tree(parents, {u: len(t) for u, t in texts.items()}, k)
    groups: dict[str | None, list[T]] = {}
    for unit, written in texts.items():
        if not written:
            continue
        node = _placed_at(unit, parents, disclosure)
        if node is None and disclosure.total_suppressed:
            continue
        groups.setdefault(node, []).extend(written)
    return Placement(disclosure=disclosure, groups=groups)


def shuffled(items: Sequence[T], seed: str, key: Sequence[str] | None = None) -> list[T]:
    """``items`` in an order fixed by ``seed`` alone, not by the order they were given in.

    Items are first sorted by ``key`` (strings, one per item; by default ``str(item)``) so that
    the same set always gives the same order, then shuffled with a generator seeded by a SHA-256
    of ``seed``.
    """
    keys = [str(i) for i in items] if key is None else list(key)
    if len(keys) != len(items):
        raise ValueError("key must have one string per item")
    ordered = [item for _k, _n, item in sorted(zip(keys, range(len(items)), items, strict=True))]
    digest = hashlib.sha256(seed.encode()).digest()
    random.Random(int.from_bytes(digest[:8], "big")).shuffle(ordered)
    return ordered
