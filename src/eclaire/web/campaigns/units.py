"""The unit tree a campaign asks about, in one shape for every reader."""

from __future__ import annotations

from eclaire.web.campaigns.models import Campaign
from eclaire.web.organizations.models import Unit

COLUMNS = ("unit_id", "name", "parent_id", "function", "site_kind")


def campaign_units(campaign: Campaign) -> list[dict[str, str | None]]:
    """Rows ``unit_id, name, parent_id, function, site_kind`` (codes, as in the units file).

    The tree frozen when the campaign opened (``units_snapshot``: database ids for parents) when
    there is one, else the organization's tree as it stands.
    """
    if campaign.units_snapshot:
        snapshot = campaign.units_snapshot
        code_of = {row["id"]: row["code"] for row in snapshot}
        return [
            {
                "unit_id": row["code"],
                "name": row.get("name") or row["code"],
                "parent_id": code_of.get(row.get("parent")),
                "function": row.get("function") or "",
                "site_kind": row.get("site_kind") or "",
            }
            for row in snapshot
        ]
    live = Unit.objects.filter(organization=campaign.organization).values_list(
        "code", "name", "parent__code", "function", "site_kind"
    )
    return [dict(zip(COLUMNS, row, strict=True)) for row in live]
