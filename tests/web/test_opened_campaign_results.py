"""A campaign opened through the app (unit tree frozen) still computes and shows its results."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse

from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.sample import generate_sample, write_sample
from eclaire.web.accounts.models import Membership
from eclaire.web.campaigns.models import Campaign
from eclaire.web.campaigns.units import campaign_units
from eclaire.web.collection.services import do_open_campaign
from eclaire.web.imports import ImportRequest, do_import_file
from eclaire.web.organizations.models import Unit
from eclaire.web.results.models import ResultStatus
from eclaire.web.results.services import do_compute


@pytest.fixture
def opened(db, tmp_path: Path, django_user_model) -> Campaign:
    sample = generate_sample(units=20, people=240, seed=6, instrument=load_default_instrument())
    write_sample(sample, tmp_path)
    for kind in ("units", "roster"):
        assert (
            do_import_file(ImportRequest(kind, tmp_path / f"{kind}.csv", "acme")).problems is None
        )
    assert (
        do_import_file(
            ImportRequest("responses", tmp_path / "responses.csv", "acme", "w1")
        ).problems
        is None
    )
    campaign = Campaign.objects.get(organization__slug="acme", slug="w1")
    do_open_campaign(campaign, today=dt.date(2026, 3, 9))
    campaign.refresh_from_db()
    coach = django_user_model.objects.create_user(
        "coach@acme.fr", "coach@acme.fr", "a long password 123"
    )
    Membership.objects.create(user=coach, organization=campaign.organization, role="coach")
    return campaign


def test_frozen_tree_reads_as_unit_codes(opened):
    rows = {r["unit_id"]: r for r in campaign_units(opened)}
    child = Unit.objects.filter(organization=opened.organization, parent__isnull=False).first()
    assert rows[child.code]["parent_id"] == child.parent.code


def test_frozen_tree_does_not_follow_later_edits(opened):
    unit = Unit.objects.get(organization=opened.organization, code="U011")
    unit.name = "Renamed later"
    unit.save()
    assert {r["unit_id"]: r["name"] for r in campaign_units(opened)}["U011"] != "Renamed later"


def test_results_and_comments_work_after_opening(opened, client):
    assert do_compute(opened).status == ResultStatus.READY
    client.force_login(opened.organization.memberships.get().user)
    args = ["acme", "w1"]
    assert client.get(reverse("results:overview", args=args)).status_code == 200
    assert client.get(reverse("comments:campaign", args=args)).status_code == 200
