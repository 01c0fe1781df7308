"""Two waves of a generated organization, stored as ready results, and named users.

Wave 1 is the sample generator's organization (seed 4), whose planted manager clarity gap sits
in ``U012`` (Agence Nantes). Wave 2 is drawn with another seed and, in this test code only, the
members of ``U012`` answer the clarity items 2 points higher (capped at 5) before the
analysis: the figures the individual coaching of that manager targets must improve by more than
the noise. Results are computed once per session and stored as they are in each test database.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import pandas as pd
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from eclaire.core import analyze
from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.sample import generate_sample
from eclaire.web.accounts.models import Membership
from eclaire.web.campaigns.models import Campaign
from eclaire.web.campaigns.services import do_register_instrument
from eclaire.web.organizations.models import Organization, Unit
from eclaire.web.results.models import AnalysisResult, ResultStatus
from eclaire.web.results.stored import clear_cache

TARGET = "U012"
SHIFT = 2
CLARITY = ("CR", "CP", "CC", "CE", "CN")


@cache
def _sample(seed: int) -> Any:
    return generate_sample(units=20, people=260, seed=seed, instrument=load_default_instrument())


def _analyze(sample: Any, responses: pd.DataFrame) -> dict[str, Any]:
    return analyze(
        load_default_instrument(),
        sample.units,
        responses,
        min_group=5,
        declared_priorities=sample.truth["declared_priorities"],
    )


@cache
def wave1() -> dict[str, Any]:
    sample = _sample(4)
    return _analyze(sample, sample.responses)


@cache
def wave2_improved() -> dict[str, Any]:
    sample = _sample(5)
    frame = sample.responses.copy()
    rows = (frame["unit_id"] == TARGET) & ~frame["self"].astype(bool)
    cols = [c for c in frame.columns if c[:2] in CLARITY and c[2:].isdigit()]
    frame.loc[rows, cols] = (frame.loc[rows, cols] + SHIFT).clip(upper=5)
    return _analyze(sample, frame)


@dataclass
class PlanWorld:
    org: Organization
    campaign: Campaign
    users: dict[str, User]
    clients: dict[str, Client]
    data: dict[str, Any]

    def url(self, name: str, **kw: Any) -> str:
        if name == "settings":
            return reverse("plans:settings", kwargs={"slug": "acme"})
        base = {"slug": "acme", "campaign_slug": self.campaign.slug}
        ns = "results" if name in ("overview", "unit", "interfaces") else "plans"
        return reverse(f"{ns}:{name}", kwargs={**base, **kw})

    def store_next_wave(self, data: dict[str, Any], slug: str = "w2") -> Campaign:
        later = Campaign.objects.create(
            organization=self.org,
            slug=slug,
            name="Vague 2",
            instrument=self.campaign.instrument,
            previous=self.campaign,
        )
        _store(later, data)
        return later


def _store(campaign: Campaign, data: dict[str, Any]) -> None:
    AnalysisResult.objects.create(
        campaign=campaign, status=ResultStatus.READY, data=data, computed_at=timezone.now()
    )


def _units(org: Organization, tree: list[dict[str, Any]]) -> None:
    made: dict[str, Unit] = {}
    for row in tree:
        made[row["unit_id"]] = Unit.objects.create(
            organization=org,
            code=row["unit_id"],
            name=row["name"],
            parent=made.get(row["parent_id"]) if row["parent_id"] else None,
            function=row.get("function") or "other",
            site_kind=row.get("site_kind") or "mixed",
        )


@pytest.fixture
def plan_world(db) -> PlanWorld:
    clear_cache()
    data = wave1()
    org = Organization.objects.create(slug="acme", name="Mérandal Distribution")
    _units(org, data["tree"])
    instrument = do_register_instrument("coherence")
    campaign = Campaign.objects.create(
        organization=org, slug="w1", name="Vague 1", instrument=instrument, status="closed"
    )
    _store(campaign, data)
    users, clients = {}, {}
    for role in ("coach", "sponsor", "manager"):
        users[role] = User.objects.create_user(username=f"{role}@x.fr", password="long pass 123")
        unit = Unit.objects.get(organization=org, code=TARGET) if role == "manager" else None
        Membership.objects.create(user=users[role], organization=org, role=role, unit=unit)
        clients[role] = Client(HTTP_ACCEPT_LANGUAGE="en")
        clients[role].force_login(users[role])
    yield PlanWorld(org, campaign, users, clients, data)
    clear_cache()
