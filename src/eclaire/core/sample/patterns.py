"""Which units carry the planted patterns, and how strong each pattern is.

The units are chosen from the structure only (the first suitable team of a preferred function), so
they are the same for every seed of a given size. Effect sizes are in points of a 1–5 scale and are
deliberately clear but not extreme: a reader of the sample should find each pattern with plain
pandas, and an analysis with an anonymity threshold of 5 should find it too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from eclaire.core.instrument import Instrument
from eclaire.core.sample.organization import Organization

__all__ = ["Effects", "EFFECTS", "Plan", "choose_plan", "MIN_PLANTED_RESPONDENTS"]

MIN_PLANTED_RESPONDENTS = 16
"""Members who answer in every planted unit: comfortably above an anonymity threshold of 5."""

MEETINGS_ITEM = "SY_MEETINGS"
DECISIONS_ITEM = "SY_DECISIONS"
ONBOARDING_ITEM = "SY_ONBOARDING"
SUPPORT_DIMENSION = "pillar.support"
NEWCOMER_BANDS = ("lt6m", "6to12m")


@dataclass(frozen=True)
class Effects:
    """Planted effect sizes, in scale points (a positive number is a better answer)."""

    tense_interface: float = -1.0
    """Sales units rating production units, on every interface item."""
    tense_pair_extra: float = -0.3
    """Added for the named sales → production pair."""
    gap_team_clarity: float = -0.8
    """The team of the over-confident manager, on clarity."""
    gap_self_clarity: float = 2.0
    """That manager's self-view above the team's view, on clarity (others: about +0.2);
    the ceiling of the scale brings the gap seen in the answers to about 1.5–1.8."""
    gap_min_expected: float = 1.2
    """The least gap, in scale points, that the answers show for that manager."""
    newcomer_support: float = -1.0
    """Newcomers on the support pillar, everywhere but in the coherent unit."""
    meetings: float = 1.9
    """Answer points added to SY_MEETINGS in the meeting unit (a higher answer is worse)."""
    coherent_climate: float = 0.7
    """Climate of the coherent unit on every dimension."""
    coherent_interface: float = 0.6
    """Ratings between the coherent unit and any partner, both ways."""


EFFECTS = Effects()


@dataclass(frozen=True)
class Plan:
    """Unit indices (rows of the units frame) of each planted pattern; ``None`` when the
    instrument lacks what the pattern needs."""

    tense_from: int | None
    tense_to: int | None
    manager_gap: int | None
    dispersed: int | None
    meetings: int | None
    coherent: int
    coherent_partner: int | None
    newcomers: bool

    def planted_units(self) -> list[int]:
        units = (
            self.tense_from,
            self.tense_to,
            self.manager_gap,
            self.dispersed,
            self.meetings,
            self.coherent,
        )
        return [u for u in units if u is not None]

    def min_sizes(self, response_rate: float) -> dict[int, int]:
        """Head count that gives each planted unit its respondents at ``response_rate``."""
        n = math.ceil(MIN_PLANTED_RESPONDENTS / response_rate) + 1
        sizes = dict.fromkeys(self.planted_units(), n)
        if self.coherent_partner is not None:
            sizes[self.coherent_partner] = max(sizes.get(self.coherent_partner, 0), n)
        return sizes


def choose_plan(org: Organization, instrument: Instrument) -> Plan:
    """Pick the planted units for what ``instrument`` can measure."""
    codes = {item.code for item in instrument.iter_items()}
    families = {dim.family for dim in instrument.dimensions}
    has_self_clarity = any(
        dim.family == "clarity" and any(i.self_text is not None for i in dim.items)
        for dim in instrument.dimensions
    )
    ranking = instrument.ranking
    used: set[int] = {0}  # the direction générale carries no pattern
    pick = _Picker(org, used)
    has_interface = bool(instrument.interface_items)
    tense_from = pick(("sales",)) if has_interface else None
    tense_to = pick(("production",)) if has_interface else None
    meetings = (
        pick(("marketing", "sales_admin", "it", "finance")) if MEETINGS_ITEM in codes else None
    )
    dispersed = (
        pick(("support", "sales_admin", "production"))
        if ranking is not None and len(ranking.options) >= 3
        else None
    )
    coherent = pick(("sales_admin", "finance", "support", "logistics"))
    manager_gap = pick(("sales", "production", "logistics")) if has_self_clarity else None
    if coherent is None:
        raise ValueError("the organization is too small to hold every planted pattern")
    partner = _coherent_partner(org, coherent, used) if has_interface else None
    return Plan(
        tense_from=tense_from,
        tense_to=tense_to,
        manager_gap=manager_gap,
        dispersed=dispersed,
        meetings=meetings,
        coherent=coherent,
        coherent_partner=partner,
        newcomers="pillar" in families
        and any(d.code == SUPPORT_DIMENSION for d in instrument.dimensions),
    )


class _Picker:
    """Hands out unused teams, the first of the first preferred function that has one."""

    def __init__(self, org: Organization, used: set[int]) -> None:
        self.functions = org.units["function"].to_numpy()
        self.is_team = org.is_team
        self.used = used

    def __call__(self, preferred: tuple[str, ...]) -> int | None:
        for function in preferred:
            for i in np.flatnonzero((self.functions == function) & self.is_team):
                if int(i) not in self.used:
                    self.used.add(int(i))
                    return int(i)
        free = [int(i) for i in np.flatnonzero(self.is_team) if int(i) not in self.used]
        if not free:
            return None
        self.used.add(free[0])
        return free[0]


PARTNER_OF = {
    "logistics": "sales_admin",
    "sales_admin": "logistics",
    "support": "production",
    "finance": "sales_admin",
}


def _coherent_partner(org: Organization, coherent: int, used: set[int]) -> int | None:
    """The unit the coherent unit works with most, for a measurable good interface: a team of
    the natural partner function, else of another operational function, carrying no pattern."""
    functions = org.units["function"].to_numpy()
    wanted = (PARTNER_OF.get(str(functions[coherent]), "sales"), "sales", "support", "logistics")
    for function in wanted:
        for i in np.flatnonzero((functions == function) & org.is_team):
            if int(i) != coherent and int(i) not in used:
                return int(i)
    free = [i for i in range(1, len(functions)) if i != coherent and i not in used]
    return free[0] if free else None
