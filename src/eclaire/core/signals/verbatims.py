"""Customers' own words at a hotspot, chosen under the comment rules.

At most ``limit`` texts of the interface's events behind the measure (a contradiction, a late
delivery, an escalation, a complaint, a reopened case), only when the group holds at least ``k`` such texts from at least ``k``
distinct accounts (the comment threshold), in an order fixed by a seed
(:func:`eclaire.core.comments.shuffled`). The caller masks names (:mod:`eclaire.core.masking`)
before anyone reads them.
"""

from __future__ import annotations

import pandas as pd

from eclaire.core.comments import shuffled
from eclaire.core.signals.contradictions import contradiction_flags

__all__ = ["hotspot_verbatims"]


def hotspot_verbatims(
    events: pd.DataFrame,
    from_unit: str,
    to_unit: str,
    measure: str,
    k: int,
    seed: str,
    limit: int = 3,
) -> list[str]:
    at = events[(events["handoff_from_unit"] == from_unit) & (events["handoff_to_unit"] == to_unit)]
    at = at[at["text"].notna() & (at["text"] != "")]
    if measure == "contradiction":
        at = at[contradiction_flags(at["text"])]
    elif measure == "late":
        at = at[at["delay_days"] > 0]
    elif measure in ("escalation", "complaint"):
        at = at[at["kind"] == measure]
    elif measure == "reopen":
        at = at[at["reopened"].astype("boolean").fillna(False)]
    if len(at) < k or (at["account"].notna().any() and at["account"].nunique() < k):
        return []
    distinct = sorted(set(at["text"].astype(str)))
    return shuffled(distinct, seed)[:limit]
