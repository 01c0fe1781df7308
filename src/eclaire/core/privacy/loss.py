"""How much a result hides: the information-loss figure.

Suppression protects small groups, but it also hides groups that were big enough: a department
of 30 hidden because two people sit directly in it, field against head office hidden because a
few field people sit with the head office. The loss is the share of respondents who belong to at
least one *large* group (``2k`` people or more: a unit roll-up, a level of a segment comparison,
the raters of an interface) whose result is hidden. Small groups (under ``2k``) do not count:
hiding them is the price of the threshold, not a loss the rules could have avoided.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from eclaire.core.privacy.tree import check_min_group

__all__ = ["information_loss"]


def information_loss(n: int, hidden_groups: Iterable[np.ndarray], k: int) -> float:
    """Share (0–1) of the ``n`` respondents in at least one hidden group of ``2k`` or more.

    ``hidden_groups``: member positions (``0..n-1``) of every group whose result is hidden."""
    k = check_min_group(k)
    if n < 0:
        raise ValueError(f"the number of respondents must be non-negative, got {n}")
    lost = np.zeros(n, dtype=bool)
    for group in hidden_groups:
        members = np.asarray(group, dtype=np.int64)
        if members.size >= 2 * k:
            lost[members] = True
    return float(lost.mean()) if n else 0.0
