"""The unit tree of an organization with invited people and response counts, for display."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from eclaire.web.campaigns.models import Campaign
from eclaire.web.organizations.models import Organization, Unit


@dataclass(frozen=True)
class UnitRow:
    unit: Unit
    depth: int
    invited: int
    responses: int | None
    """``None`` when fewer than K people are invited in the unit: counts are not shown then."""


def _walk(children: dict[int | None, list[Unit]], parent: int | None, depth: int):
    for unit in children.get(parent, []):
        yield unit, depth
        yield from _walk(children, unit.pk, depth + 1)


def unit_rows(
    org: Organization, campaign: Campaign | None, *, scope: Unit | None, min_group: int
) -> list[UnitRow]:
    """Units in tree order (within ``scope`` when given), with counts that respect the threshold.

    A unit's own invited people and responses are counted (not its sub-units'), and the number of
    responses is shown only where at least ``min_group`` people are invited.
    """
    units = list(
        Unit.objects.filter(organization=org).annotate(invited=Count("people")).order_by("name")
    )
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    answered: dict[int, int] = {}
    if campaign is not None:
        answered = dict(
            campaign.responses.filter(is_self=False).values_list("unit_id").annotate(n=Count("id"))
        )
    by_pk = {u.pk: u for u in units}
    if scope is not None:
        walked = [(by_pk[scope.pk], 0), *_walk(children, scope.pk, 1)]
    else:
        walked = list(_walk(children, None, 0))
    return [
        UnitRow(u, d, u.invited, answered.get(u.pk, 0) if u.invited >= min_group else None)  # type: ignore[attr-defined]
        for u, d in walked
    ]
