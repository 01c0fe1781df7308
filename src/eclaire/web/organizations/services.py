"""Writes to organizations, units and the roster, each in one transaction."""

from __future__ import annotations

import pandas as pd
from django.db import transaction

from eclaire.web.organizations.models import Organization, Person, Unit


def do_get_or_create_organization(slug: str, name: str | None = None) -> Organization:
    org, _created = Organization.objects.get_or_create(slug=slug, defaults={"name": name or slug})
    return org


@transaction.atomic
def do_import_units(org: Organization, units: pd.DataFrame) -> int:
    """Create or update the units of a validated units table; returns how many were written.

    Parents are set in a second pass so the file's row order does not matter.
    """
    existing = {u.code: u for u in Unit.objects.filter(organization=org)}
    by_code: dict[str, Unit] = {}
    for row in units.itertuples(index=False):
        unit = existing.get(row.unit_id) or Unit(organization=org, code=row.unit_id)
        unit.name, unit.function, unit.site_kind = row.name, row.function, row.site_kind
        unit.parent = None
        unit.save()
        by_code[row.unit_id] = unit
    for row in units.itertuples(index=False):
        parent_code = row.parent_id if isinstance(row.parent_id, str) and row.parent_id else None
        if parent_code:
            unit = by_code[row.unit_id]
            unit.parent = by_code.get(parent_code) or existing[parent_code]
            unit.save(update_fields=["parent"])
    return len(by_code)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _yes_no(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value:
        return value == "yes"
    return None


@transaction.atomic
def do_import_roster(org: Organization, roster: pd.DataFrame) -> int:
    """Create or update people of a validated roster table; returns how many were written."""
    units = {u.code: u for u in Unit.objects.filter(organization=org)}
    existing = {p.code: p for p in Person.objects.filter(organization=org)}
    new: list[Person] = []
    changed: list[Person] = []
    fields = [
        "email",
        "phone",
        "unit",
        "role",
        "tenure_band",
        "contract",
        "customer_facing",
        "language",
    ]
    for row in roster.to_dict("records"):
        person = existing.get(row["person_id"]) or Person(organization=org, code=row["person_id"])
        person.email, person.phone = _text(row.get("email")), _text(row.get("phone"))
        person.unit = units[row["unit_id"]]
        person.role = _text(row.get("role")) or "member"
        person.tenure_band, person.contract = (
            _text(row.get("tenure_band")),
            _text(row.get("contract")),
        )
        person.customer_facing = _yes_no(row.get("customer_facing"))
        person.language = _text(row.get("language")) or "fr"
        (changed if person.pk else new).append(person)
    Person.objects.bulk_create(new, batch_size=1000)
    Person.objects.bulk_update(changed, fields, batch_size=1000)
    return len(new) + len(changed)
