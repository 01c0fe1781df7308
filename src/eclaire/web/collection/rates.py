"""Response rates of a campaign per unit, as counts, hidden wherever a group is too small.

Only counts leave this module: invited and finished people (personal links), printed and used
codes (shared access). A unit's counts are shown only when at least K people are invited (or K
codes printed) there, and the hidden units together must also hold 0 or at least K, so that the
total minus the shown units never singles out a small team (``suppress_partition``, rule 4 of
docs/privacy.md, applied to the units of the frozen tree).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from django.db.models import Count, Q

from eclaire.core.privacy import suppress_partition
from eclaire.web.campaigns.models import Campaign, CampaignStatus
from eclaire.web.collection.models import UnitEntry
from eclaire.web.responses.models import Response

OUTSIDE = "outside"
"""People now in a unit that was not in the tree when the campaign opened."""


@dataclass(frozen=True)
class Count2:
    total: int
    done: int
    shown: bool

    @property
    def rate(self) -> float | None:
        """The share done, 0–1; ``None`` when hidden or empty."""
        return self.done / self.total if self.shown and self.total else None


@dataclass(frozen=True)
class UnitRates:
    unit_id: int
    name: str
    depth: int
    entry_key: str | None
    invitations: Count2
    codes: Count2


@dataclass(frozen=True)
class CampaignRates:
    units: list[UnitRates]
    invitations: Count2
    codes: Count2
    min_group: int


def _tree_order(snapshot: list[dict]) -> Iterator[tuple[dict, int]]:
    children: dict[object, list[dict]] = {}
    ids = {u["id"] for u in snapshot}
    for unit in sorted(snapshot, key=lambda u: u["name"]):
        parent = unit["parent"] if unit["parent"] in ids else None
        children.setdefault(parent, []).append(unit)

    def walk(parent: object, depth: int) -> Iterator[tuple[dict, int]]:
        for unit in children.get(parent, []):
            yield unit, depth
            yield from walk(unit["id"], depth + 1)

    yield from walk(None, 0)


def _counts(pairs: Mapping[str, tuple[int, int]], k: int) -> dict[str, Count2]:
    hidden = suppress_partition({key: total for key, (total, _d) in pairs.items()}, k)
    return {key: Count2(t, d, key not in hidden) for key, (t, d) in pairs.items()}


def campaign_rates(campaign: Campaign, *, min_group: int) -> CampaignRates:
    snapshot = list(campaign.units_snapshot or [])
    known = {str(u["id"]) for u in snapshot}

    def key(unit_id: int | None) -> str:
        return str(unit_id) if str(unit_id) in known else OUTSIDE

    invited: dict[str, tuple[int, int]] = {k: (0, 0) for k in known}
    rows = campaign.invitations.values("person__unit_id").annotate(
        n=Count("id"), done=Count("id", filter=Q(finished=True))
    )
    for row in rows:
        t, d = invited.get(key(row["person__unit_id"]), (0, 0))
        invited[key(row["person__unit_id"])] = (t + row["n"], d + row["done"])
    printed: dict[str, tuple[int, int]] = {k: (0, 0) for k in known}
    for row in campaign.access_codes.values("unit_id").annotate(
        n=Count("id"), done=Count("id", filter=Q(used=True))
    ):
        t, d = printed.get(key(row["unit_id"]), (0, 0))
        printed[key(row["unit_id"])] = (t + row["n"], d + row["done"])
    inv, codes = _counts(invited, min_group), _counts(printed, min_group)
    entries = dict(UnitEntry.objects.filter(campaign=campaign).values_list("unit_id", "key"))
    units = [
        UnitRates(
            u["id"], u["name"], depth, entries.get(u["id"]), inv[str(u["id"])], codes[str(u["id"])]
        )
        for u, depth in _tree_order(snapshot)
    ]
    return CampaignRates(units, _total(invited, min_group), _total(printed, min_group), min_group)


def _total(pairs: Mapping[str, tuple[int, int]], k: int) -> Count2:
    total = sum(t for t, _d in pairs.values())
    done = sum(d for _t, d in pairs.values())
    return Count2(total, done, total >= k)


@dataclass(frozen=True)
class CampaignCounts:
    """The whole campaign's counts: people on the roster, team responses stored, and whether the
    responses came in through personal links or codes (else they were imported from a file)."""

    roster: int
    responses: int
    responses_shown: bool
    through_links: bool

    @property
    def rate(self) -> float | None:
        return self.responses / self.roster if self.responses_shown and self.roster else None


def campaign_counts(campaign: Campaign, rates: CampaignRates) -> CampaignCounts:
    """Counts of the whole campaign (never of a unit). The number of responses is shown once the
    campaign is closed, or while it is open when it reaches the minimum group (``min_group``)."""
    responses = Response.objects.filter(campaign=campaign, is_self=False).count()
    closed = campaign.status == CampaignStatus.CLOSED
    return CampaignCounts(
        roster=campaign.organization.people.count(),
        responses=responses,
        responses_shown=closed or responses >= rates.min_group,
        through_links=bool(rates.invitations.total or rates.codes.total),
    )
