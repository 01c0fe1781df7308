"""Writes to organizations, units and the roster, each in one transaction."""

from __future__ import annotations

import pandas as pd
from django.contrib.auth.models import User
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from eclaire.web.organizations.models import Organization, Person, Unit


class UnitTreeError(ValueError):
    """A unit edit that would break the tree (a unit under itself or under its own sub-unit)."""


def do_get_or_create_organization(slug: str, name: str | None = None) -> Organization:
    org, _created = Organization.objects.get_or_create(slug=slug, defaults={"name": name or slug})
    return org


def _free_slug(name: str) -> str:
    base = slugify(name)[:50] or "organization"
    slug, n = base, 2
    while Organization.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def do_create_organization(user: User, name: str) -> Organization:
    """A new organization with ``user`` as its coach; its identifier comes from the name."""
    from eclaire.web.accounts.models import Membership, MembershipRole

    org = Organization.objects.create(slug=_free_slug(name), name=name)
    Membership.objects.create(user=user, organization=org, role=MembershipRole.COACH)
    return org


def descendants(unit: Unit) -> set[int]:
    """Primary keys of the units below ``unit``, at every depth."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in Unit.objects.filter(organization_id=unit.organization_id).values_list(
        "pk", "parent_id"
    ):
        children.setdefault(parent, []).append(pk)
    found: set[int] = set()
    todo = list(children.get(unit.pk, []))
    while todo:
        pk = todo.pop()
        found.add(pk)
        todo.extend(children.get(pk, []))
    return found


@transaction.atomic
def do_update_unit(unit: Unit, *, name: str, parent: Unit | None, function: str) -> Unit:
    """Rename, move or re-classify a unit; refuses a parent outside the organization or below it.

    A campaign already opened keeps its frozen tree; the change applies to the next one.
    """
    if parent is not None:
        if parent.organization_id != unit.organization_id:
            raise UnitTreeError(_("The parent must be a unit of the same organization."))
        if parent.pk == unit.pk or parent.pk in descendants(unit):
            raise UnitTreeError(_("A unit cannot be placed under itself or one of its sub-units."))
    unit.name, unit.parent, unit.function = name, parent, function
    unit.save(update_fields=["name", "parent", "function"])
    return unit


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
