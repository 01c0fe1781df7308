"""One entry point for the three imports: validate the whole file, then write in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from eclaire.core.interchange import ImportProblems, read_responses, read_roster, read_units
from eclaire.web.campaigns.services import (
    core_instrument,
    do_get_or_create_campaign,
    do_register_instrument,
)
from eclaire.web.organizations.models import Organization, Unit
from eclaire.web.organizations.services import (
    do_get_or_create_organization,
    do_import_roster,
    do_import_units,
)
from eclaire.web.responses.services import do_import_responses


@dataclass(frozen=True)
class ImportRequest:
    kind: str
    path: Path
    org_slug: str
    campaign_slug: str | None = None
    instrument: str = "coherence"


@dataclass(frozen=True)
class ImportOutcome:
    count: int = 0
    problems: ImportProblems | None = None


def _unit_ids(org_slug: str) -> set[str]:
    return set(Unit.objects.filter(organization__slug=org_slug).values_list("code", flat=True))


def do_import_file(request: ImportRequest) -> ImportOutcome:
    """Import one file; on any problem nothing is written and the problems are returned."""
    try:
        with transaction.atomic():
            return ImportOutcome(count=_import(request))
    except ImportProblems as problems:
        return ImportOutcome(problems=problems)


def _import(request: ImportRequest) -> int:
    if request.kind == "units":
        units = read_units(request.path)
        return do_import_units(do_get_or_create_organization(request.org_slug), units)
    if request.kind == "roster":
        roster = read_roster(request.path, _unit_ids(request.org_slug))
        return do_import_roster(do_get_or_create_organization(request.org_slug), roster)
    if request.kind == "responses":
        org: Organization = do_get_or_create_organization(request.org_slug)
        campaign = do_get_or_create_campaign(
            org,
            request.campaign_slug or "wave-1",
            instrument=do_register_instrument(request.instrument),
        )
        table = read_responses(
            request.path,
            core_instrument(campaign.instrument),
            _unit_ids(request.org_slug),
            priority_codes=campaign.declared_priorities or None,
        )
        return do_import_responses(campaign, table.frame, table.not_applicable)
    raise ValueError(f"unknown import kind {request.kind!r}")
