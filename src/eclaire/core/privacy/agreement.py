"""Which groups an agreement index (ICC(1), ICC(2)) may be computed over.

An ICC over units is a function of every entering group's sum and sum of squares. Computed over
each unit's own respondents, it reached a unit hidden as ``complementary``: with a parent of 1
direct respondent above children of 6, 7 and 8 (the 6 hidden), an analyst tries each possible
score of the parent's respondent, derives the hidden child's sum and sum of squares from the
parent's mean and sd less the shown children, and keeps the score that reproduces the published
ICC — a single person's answer, recovered exactly.

The rule: the groups of an ICC are the *residual groups* of the shown cells (each shown roll-up
less its shown sub-units: its own and its hidden sub-units' respondents, 0 or at least ``k`` by
the tree rule). Their sums and sums of squares are already derivable from the shown means and
sds, so the ICC adds no equation an analyst did not have; a residual group under ``k`` (never
expected) is left out.
"""

from __future__ import annotations

import numpy as np

from eclaire.core.privacy.tree import check_min_group

__all__ = ["icc_groups"]


def icc_groups(residual: np.ndarray, answered: np.ndarray, k: int) -> np.ndarray:
    """Per respondent, the ICC group (``residual``'s code) or −1 when left out.

    ``residual``: per respondent, the residual group of the shown cells (−1: none);
    ``answered``: who has a value on the variable; groups under ``k`` answered are left out."""
    k = check_min_group(k)
    residual = np.asarray(residual, dtype=np.int64)
    answered = np.asarray(answered, dtype=bool)
    if residual.shape != answered.shape:
        raise ValueError("residual and answered must have one value per respondent")
    keep = answered & (residual >= 0)
    codes, counts = np.unique(residual[keep], return_counts=True)
    big = codes[counts >= k]
    return np.where(keep & np.isin(residual, big), residual, -1)
