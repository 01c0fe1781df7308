"""The demo organization: a French industrial distributor of about 250 people, one closed wave."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.interchange import write_table
from eclaire.core.sample import Sample, generate_sample, write_sample
from eclaire.core.sample.signals import generate_signals
from eclaire.web.accounts.models import Membership, MembershipRole
from eclaire.web.campaigns.models import Campaign, CampaignStatus
from eclaire.web.imports import ImportRequest, do_import_file
from eclaire.web.organizations.models import Organization
from eclaire.web.results.services import do_compute
from eclaire.web.signals.services import do_import_signals

DEMO_ORG = "demo"
DEMO_CAMPAIGN = "printemps-2026"
DEMO_USER = "coach@demo.eclaire"
DEMO_PASSWORD = "eclaire-demo"


@dataclass(frozen=True)
class DemoInfo:
    username: str
    password: str
    units: int
    people: int
    responses: int


def build_demo(*, lang: str = "fr", progress: Callable[[str], None] = lambda _m: None) -> DemoInfo:
    """Generate the demo organization and load it through the same imports a coach would use."""
    progress("Generating the demo organization…")
    sample = generate_sample(
        units=24, people=250, seed=2026, instrument=load_default_instrument(), lang=lang
    )
    with tempfile.TemporaryDirectory() as tmp, transaction.atomic():
        write_sample(sample, Path(tmp))
        for kind in ("units", "roster", "responses"):
            progress(f"Importing {kind}…")
            outcome = do_import_file(
                ImportRequest(kind, Path(tmp) / f"{kind}.csv", DEMO_ORG, DEMO_CAMPAIGN)
            )
            if outcome.problems:
                raise RuntimeError(f"the demo data did not import: {outcome.problems}")
        org = Organization.objects.get(slug=DEMO_ORG)
        org.name = sample.truth["company"]["name"]
        org.save(update_fields=["name"])
        Campaign.objects.filter(organization=org, slug=DEMO_CAMPAIGN).update(
            name="Baromètre de cohérence — printemps 2026"
            if lang == "fr"
            else "Coherence survey — spring 2026",
            status=CampaignStatus.CLOSED,
            opens_on=dt.date(2026, 3, 9),
            closes_on=dt.date(2026, 3, 27),
        )
        _demo_coach(org)
        _demo_signals(sample, Path(tmp), progress)
    progress("Computing the diagnostic…")
    campaign = Campaign.objects.get(organization=org, slug=DEMO_CAMPAIGN)
    do_compute(campaign)
    return DemoInfo(
        DEMO_USER, DEMO_PASSWORD, len(sample.units), len(sample.roster), len(sample.responses)
    )


def _demo_signals(sample: Sample, folder: Path, progress: Callable[[str], None]) -> None:
    """Customer signals echoing the planted problems, imported like a coach's file."""
    progress("Importing customer signals…")
    frame, sample.truth["signals"] = generate_signals(sample.units, sample.truth, 2026)
    write_table(frame, folder / "signals.csv")
    campaign = Campaign.objects.get(organization__slug=DEMO_ORG, slug=DEMO_CAMPAIGN)
    outcome = do_import_signals(campaign, folder / "signals.csv")
    if outcome.problems:
        raise RuntimeError(f"the demo signals did not import: {outcome.problems}")


def _demo_coach(org: Organization) -> None:
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(username=DEMO_USER, defaults={"email": DEMO_USER})
    user.set_password(DEMO_PASSWORD)
    user.first_name, user.last_name = "Coach", "Démo"
    user.save()
    Membership.objects.get_or_create(
        user=user, organization=org, defaults={"role": MembershipRole.COACH}
    )
