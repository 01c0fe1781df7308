"""Statistical disclosure control: what a result may show without exposing anyone.

One package, one idea per module:

- :mod:`.tree`: the threshold ``k`` and complementary suppression in the unit tree;
- :mod:`.cuts`: segment cuts shown beside the unit tree; :mod:`.interfaces`: interface raters;
- :mod:`.agreement`, :mod:`.messages`, :mod:`.trend`: the rules of those result sections;
- :mod:`.algebra`: exact linear algebra on the incidence of published groups;
- :mod:`.auditor`: every published aggregate registered with its respondents, and the proof
  that no group of 1 to ``k - 1`` respondents can be isolated by combining them;
- :mod:`.loss`: how much the suppression hides (the information-loss figure).

The public names of the former ``eclaire.core.privacy`` module stay importable from here.
"""

from __future__ import annotations

from eclaire.core.privacy.cuts import Cell, CutDisclosure, suppress_cuts
from eclaire.core.privacy.interfaces import suppress_interfaces
from eclaire.core.privacy.tree import (
    BELOW_THRESHOLD,
    COMPLEMENTARY,
    DEFAULT_MIN_GROUP,
    MIN_GROUP_FLOOR,
    REQUESTED,
    UNKNOWN_LEVEL,
    Node,
    TreeDisclosure,
    cell_visible,
    check_min_group,
    rollup_counts,
    suppress_partition,
    suppress_tree,
)

__all__ = [
    "BELOW_THRESHOLD",
    "COMPLEMENTARY",
    "DEFAULT_MIN_GROUP",
    "MIN_GROUP_FLOOR",
    "REQUESTED",
    "UNKNOWN_LEVEL",
    "Cell",
    "CutDisclosure",
    "Node",
    "TreeDisclosure",
    "cell_visible",
    "check_min_group",
    "rollup_counts",
    "suppress_cuts",
    "suppress_interfaces",
    "suppress_partition",
    "suppress_tree",
]
