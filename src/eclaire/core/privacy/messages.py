"""Message sides: a unit's side of a contradiction needs at least ``k`` people stating it.

A contradiction between two units shows, for each side, the unit's modal value on a subject
(a delay, a discount…) with how many members state a value and how many the modal one. Stated
by 2 people (one of them modal) in a unit of 5, a side tells what those two wrote: the
threshold applies to the people behind the side (the members stating a value on the subject),
not to the unit. With ``k`` or more of them, the modal value is a share of a group of at least
``k``, like a favourable share. A side below it is not shown at all, nor the contradiction it
would be part of.
"""

from __future__ import annotations

from eclaire.core.privacy.tree import check_min_group

__all__ = ["side_shown"]


def side_shown(n_stating: int, k: int) -> bool:
    """Whether a side whose subject ``n_stating`` members state a value on may be shown."""
    if isinstance(n_stating, bool) or not isinstance(n_stating, int) or n_stating < 0:
        raise ValueError(f"n_stating must be a non-negative integer, got {n_stating!r}")
    return n_stating >= check_min_group(k)
