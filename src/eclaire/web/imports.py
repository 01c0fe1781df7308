"""One entry point for the three imports: validate the whole file, then write in one transaction.

The length limits a file is checked against are those of the model fields that store it, and
free texts are capped at the survey form's own limit, so an import stores nothing the database or
the survey would refuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from django.db import models, transaction

from eclaire.core.interchange import (
    FileBytes,
    ImportProblems,
    Problem,
    read_responses,
    read_roster,
    read_units,
)
from eclaire.web.campaigns.models import Campaign
from eclaire.web.campaigns.services import (
    core_instrument,
    do_get_or_create_campaign,
    do_register_instrument,
)
from eclaire.web.organizations.models import Organization, Person, Unit
from eclaire.web.organizations.services import (
    do_get_or_create_organization,
    do_import_roster,
    do_import_units,
)
from eclaire.web.responses.services import DuplicateResponses, do_import_responses
from eclaire.web.survey.forms import MAX_TEXT

_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
UNIT_FIELDS = {"unit_id": "code", "name": "name"}
PERSON_FIELDS = {"person_id": "code", "email": "email", "phone": "phone"}
"""File column -> the model field that stores it (its ``max_length`` bounds the column)."""


@dataclass(frozen=True)
class ImportRequest:
    kind: str
    path: Path | FileBytes
    """A file on disk (the command line) or an upload held in memory (the browser)."""
    org_slug: str
    campaign_slug: str | None = None
    instrument: str = "coherence"
    allow_duplicates: bool = False


@dataclass(frozen=True)
class ImportOutcome:
    count: int = 0
    problems: ImportProblems | None = None
    warnings: tuple[str, ...] = ()


def max_lengths(model: type[models.Model], fields: dict[str, str]) -> dict[str, int]:
    """File column -> the ``max_length`` of the model field that stores it."""
    out = {}
    for column, field in fields.items():
        limit = getattr(model._meta.get_field(field), "max_length", None)
        if limit:
            out[column] = int(limit)
    return out


def _unit_ids(org_slug: str) -> set[str]:
    return set(Unit.objects.filter(organization__slug=org_slug).values_list("code", flat=True))


def do_import_file(request: ImportRequest) -> ImportOutcome:
    """Import one file; on any problem nothing is written and the problems are returned."""
    wrong = _identifier_problems(request)
    if wrong:
        return ImportOutcome(problems=ImportProblems(wrong))
    try:
        with transaction.atomic():
            return _import(request)
    except ImportProblems as problems:
        return ImportOutcome(problems=problems)
    except DuplicateResponses as duplicates:
        return ImportOutcome(problems=_duplicates_problem(request, duplicates))


def _identifier_problems(request: ImportRequest) -> list[Problem]:
    """The organization and campaign identifiers must fit their slug fields."""
    out = []
    for option, value, model in (
        ("--org", request.org_slug, Organization),
        ("--campaign", request.campaign_slug, Campaign),
    ):
        field = model._meta.get_field("slug")
        if value is None or (_SLUG.fullmatch(value) and len(value) <= (field.max_length or 0)):
            continue
        expected = (
            f"an identifier for {option} of at most {field.max_length} letters, digits, "
            "'-' or '_', such as acme or wave-1"
        )
        out.append(Problem(request.path.name, None, None, value, expected))
    return out


def read_file(request: ImportRequest) -> pd.DataFrame:
    """The validated table of a units or roster file, writing nothing; raises ImportProblems.

    The browser shows a preview from it before the same file is imported with
    :func:`do_import_file`, so both go through the same checks as ``eclaire import``.
    """
    if request.kind == "units":
        return read_units(request.path, max_lengths(Unit, UNIT_FIELDS))
    if request.kind == "roster":
        lengths = max_lengths(Person, PERSON_FIELDS)
        return read_roster(request.path, _unit_ids(request.org_slug), lengths)
    raise ValueError(f"no table to read for import kind {request.kind!r}")


def check_file(request: ImportRequest) -> tuple[pd.DataFrame | None, ImportProblems | None]:
    """The validated table, or the problems of the whole file (nothing is written either way)."""
    wrong = _identifier_problems(request)
    if wrong:
        return None, ImportProblems(wrong)
    try:
        return read_file(request), None
    except ImportProblems as problems:
        return None, problems


def _import(request: ImportRequest) -> ImportOutcome:
    if request.kind == "units":
        units = read_file(request)
        org = do_get_or_create_organization(request.org_slug)
        return ImportOutcome(count=do_import_units(org, units))
    if request.kind == "roster":
        roster = read_file(request)
        org = do_get_or_create_organization(request.org_slug)
        return ImportOutcome(count=do_import_roster(org, roster))
    if request.kind == "responses":
        return _import_responses(request)
    raise ValueError(f"unknown import kind {request.kind!r}")


def _import_responses(request: ImportRequest) -> ImportOutcome:
    org: Organization = do_get_or_create_organization(request.org_slug)
    slug = request.campaign_slug or "wave-1"
    campaign = Campaign.objects.filter(organization=org, slug=slug).first()
    if campaign is None:  # the instrument is read (and stored) only for a new campaign
        instrument = do_register_instrument(request.instrument)
        campaign = do_get_or_create_campaign(org, slug, instrument=instrument)
    table = read_responses(
        request.path,
        core_instrument(campaign.instrument),
        _unit_ids(request.org_slug),
        priority_codes=campaign.declared_priorities or None,
        max_text=MAX_TEXT,
    )
    count = do_import_responses(
        campaign, table.frame, table.not_applicable, allow_duplicates=request.allow_duplicates
    )
    return ImportOutcome(count=count, warnings=table.warnings)


def _duplicates_problem(request: ImportRequest, found: DuplicateResponses) -> ImportProblems:
    campaign = request.campaign_slug or "wave-1"
    expected = (
        f"responses not yet in campaign {campaign!r}: {found.repeated:,} of the {found.total:,} "
        "responses of this file are already there (same unit, segments and answers), so "
        "importing it would count them twice; import them anyway with --allow-duplicates"
    )
    return ImportProblems([Problem(request.path.name, None, None, None, expected)])
