"""What an import would change, from the validated table, before anything is written."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from eclaire.web.organizations.models import Organization, Person, SiteKind, Unit, UnitFunction


@dataclass(frozen=True)
class UnitLine:
    code: str
    name: str
    parent: str | None
    function: str
    site_kind: str
    depth: int
    is_new: bool


@dataclass(frozen=True)
class UnitsPreview:
    lines: list[UnitLine]
    new: int
    updated: int
    kept: int
    """Units of the organization absent from the file: they stay as they are."""


@dataclass(frozen=True)
class RosterPreview:
    total: int
    new: int
    updated: int
    kept: int
    """People already on the roster and absent from the file: they stay."""
    managers: int
    without_email: int
    by_unit: list[tuple[str, str, int]]
    """(unit code, unit name, people in the file) in the order of the unit tree."""


def _tree_order(codes: list[str], parent_of: dict[str, str | None]) -> list[tuple[str, int]]:
    children: dict[str | None, list[str]] = {}
    for code in codes:
        parent = parent_of.get(code)
        children.setdefault(parent if parent in parent_of else None, []).append(code)
    out: list[tuple[str, int]] = []
    todo = [(code, 0) for code in reversed(children.get(None, []))]
    while todo:
        code, depth = todo.pop()
        out.append((code, depth))
        todo.extend((child, depth + 1) for child in reversed(children.get(code, [])))
    return out


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def units_preview(org: Organization, units: pd.DataFrame) -> UnitsPreview:
    existing = set(Unit.objects.filter(organization=org).values_list("code", flat=True))
    rows = {r["unit_id"]: r for r in units.to_dict("records")}
    parent_of = {code: _text(r["parent_id"]) for code, r in rows.items()}
    lines = [
        UnitLine(
            code,
            str(rows[code]["name"]),
            parent_of[code],
            str(UnitFunction(rows[code]["function"]).label),
            str(SiteKind(rows[code]["site_kind"]).label),
            depth,
            code not in existing,
        )
        for code, depth in _tree_order(list(rows), parent_of)
    ]
    new = sum(line.is_new for line in lines)
    return UnitsPreview(lines, new, len(lines) - new, len(existing - set(rows)))


def roster_preview(org: Organization, roster: pd.DataFrame) -> RosterPreview:
    existing = set(Person.objects.filter(organization=org).values_list("code", flat=True))
    people = set(roster["person_id"])
    counts = Counter(roster["unit_id"])
    units = Unit.objects.filter(organization=org).values_list("code", "name", "parent__code")
    names = {code: name for code, name, _parent in units}
    order = _tree_order(list(names), {code: parent for code, _name, parent in units})
    by_unit = [(code, names[code], counts[code]) for code, _depth in order if counts[code]]
    return RosterPreview(
        total=len(roster),
        new=len(people - existing),
        updated=len(people & existing),
        kept=len(existing - people),
        managers=int((roster["role"] == "manager").sum()),
        without_email=int(roster["email"].map(lambda v: not _text(v)).sum()),
        by_unit=by_unit,
    )
