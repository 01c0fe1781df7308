"""Retention: invitations, one-time codes and drafts go N days after closing; answers stay."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from survey_helpers import Org, build_org, make_code, make_token

from eclaire.cli import main
from eclaire.web.collection.models import AccessCode, Invitation, Mailing
from eclaire.web.collection.services import do_close_campaign
from eclaire.web.collection.tokens import new_token, secret_hash
from eclaire.web.operations.retention import do_apply_retention
from eclaire.web.responses.models import Response
from eclaire.web.results.models import AnalysisResult
from eclaire.web.survey.models import Draft

CLOSED_ON = dt.date(2026, 3, 27)


def _closed_campaign_with_traces(closed_on: dt.date = CLOSED_ON) -> Org:
    """A campaign closed on ``closed_on`` that still holds 7 invitations, 3 codes and a draft."""
    org = build_org()
    campaign = org.campaign
    for person in [org.manager, *org.members]:
        make_token(campaign, person, finished=person.code != "p0")
    for used in (True, False, False):
        make_code(campaign, org.sales, used=used)
    for i in range(6):
        Response.objects.create(campaign=campaign, unit=org.sales, answers={"CR1": 1 + i % 5})
    Mailing.objects.create(campaign=campaign, kind="invitation", sent_on=closed_on, sent=7)
    do_close_campaign(campaign, today=closed_on)
    # a draft left behind (closing deletes them; retention must catch any that remain)
    Draft.objects.create(campaign=campaign, key_hash=secret_hash(new_token()), unit=org.sales)
    return org


def _counts(org: Org) -> tuple[int, ...]:
    c = org.campaign
    return (
        Invitation.objects.filter(campaign=c).count(),
        AccessCode.objects.filter(campaign=c).count(),
        Draft.objects.filter(campaign=c).count(),
    )


def _kept(org: Org) -> tuple[int, ...]:
    c = org.campaign
    return (
        Response.objects.filter(campaign=c).count(),
        AnalysisResult.objects.filter(campaign=c).count(),
        Mailing.objects.filter(campaign=c).count(),
    )


@pytest.mark.django_db
def test_keeps_everything_until_the_period_has_passed() -> None:
    org = _closed_campaign_with_traces()
    on_the_day = CLOSED_ON + dt.timedelta(days=90)
    outcome = do_apply_retention(today=on_the_day, days=90)
    assert outcome.campaigns == () and _counts(org) == (7, 3, 1)


@pytest.mark.django_db
def test_deletes_invitations_codes_and_drafts_the_day_after_the_period_and_keeps_answers() -> None:
    org = _closed_campaign_with_traces()
    kept = _kept(org)
    outcome = do_apply_retention(today=CLOSED_ON + dt.timedelta(days=91), days=90)
    assert _counts(org) == (0, 0, 0)
    assert _kept(org) == kept == (6, 1, 1)
    [purge] = outcome.campaigns
    assert (purge.invitations, purge.access_codes, purge.drafts) == (7, 3, 1)
    assert "deleted 7 invitations, 3 one-time codes, 1 drafts in 1 campaigns" in outcome.describe()


@pytest.mark.django_db
def test_running_it_again_deletes_nothing_more() -> None:
    org = _closed_campaign_with_traces()
    today = CLOSED_ON + dt.timedelta(days=200)
    do_apply_retention(today=today, days=90)
    again = do_apply_retention(today=today, days=90)
    assert again.campaigns == () and _counts(org) == (0, 0, 0) and _kept(org) == (6, 1, 1)


@pytest.mark.django_db
def test_dry_run_counts_and_deletes_nothing() -> None:
    org = _closed_campaign_with_traces()
    outcome = do_apply_retention(today=CLOSED_ON + dt.timedelta(days=91), days=90, dry_run=True)
    assert outcome.total("invitations") == 7 and "would delete" in outcome.describe()
    assert _counts(org) == (7, 3, 1)


@pytest.mark.django_db
def test_open_campaigns_are_never_touched() -> None:
    org = build_org()  # open, whatever its planned closing date
    org.campaign.closes_on = dt.date(2020, 1, 1)
    org.campaign.save()
    make_token(org.campaign, org.members[0])
    assert do_apply_retention(today=dt.date(2026, 12, 1), days=0).campaigns == ()
    assert Invitation.objects.filter(campaign=org.campaign).count() == 1


def test_a_negative_period_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        do_apply_retention(today=dt.date(2026, 1, 1), days=-1)


@pytest.mark.django_db(transaction=True)
def test_command_uses_the_setting_and_prints_counts(settings) -> None:
    settings.ECLAIRE_RETENTION_DAYS = 30
    org = _closed_campaign_with_traces(dt.date.today() - dt.timedelta(days=31))
    dry = CliRunner().invoke(main, ["retention", "--dry-run"], catch_exceptions=False)
    assert dry.exit_code == 0 and "Retention 30 days" in dry.output
    assert "would delete 7 invitations" in dry.output and _counts(org) == (7, 3, 1)
    kept = CliRunner().invoke(main, ["retention", "--days", "60"], catch_exceptions=False)
    assert "in 0 campaigns" in kept.output and _counts(org) == (7, 3, 1)
    done = CliRunner().invoke(main, ["retention"], catch_exceptions=False)
    assert "deleted 7 invitations" in done.output and _counts(org) == (0, 0, 0)


BUILD = """
import datetime as dt, sys
from eclaire.web.bootstrap import migrate, setup_django
setup_django()
migrate()
from eclaire.web.campaigns.models import Campaign, CampaignStatus
from eclaire.web.campaigns.services import do_register_instrument
from eclaire.web.collection.models import AccessCode, Invitation
from eclaire.web.organizations.models import Organization, Person, Unit
org = Organization.objects.create(slug="acme", name="Acme")
unit = Unit.objects.create(organization=org, code="U", name="U", function="other", site_kind="mixed")
campaign = Campaign.objects.create(
    organization=org, slug="w1", name="w1", instrument=do_register_instrument("coherence"),
    status=CampaignStatus.CLOSED, closes_on=dt.date(2020, 1, 1),
)
for i in range(300):
    person = Person.objects.create(organization=org, code=f"p{i}", unit=unit)
    Invitation.objects.create(campaign=campaign, person=person, token_hash=f"{i:04d}" + sys.argv[1])
AccessCode.objects.create(campaign=campaign, unit=unit, code_hash=sys.argv[2])
"""


def _file_bytes(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))


@pytest.mark.slow
def test_on_sqlite_the_deleted_values_leave_the_database_files(tmp_path) -> None:
    db = tmp_path / "eclaire.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "ECLAIRE_SECRET_KEY": "retention-test-" + "k" * 40,
        "PYTHONPATH": str(Path(__file__).resolve().parents[3] / "src"),
    }
    token_mark, code_mark = secrets.token_hex(30), secrets.token_hex(32)
    run = [sys.executable, "-c", BUILD, token_mark, code_mark]
    built = subprocess.run(run, env=env, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    before = _file_bytes(db)
    assert before.count(token_mark.encode()) >= 300 and code_mark.encode() in before
    command = [sys.executable, "-m", "eclaire.cli", "retention", "--days", "0"]
    # a server still connected: the write-ahead log is not merged and removed when retention ends
    with closing(sqlite3.connect(db)) as server:
        server.execute("SELECT count(*) FROM collection_invitation").fetchone()
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        assert "deleted 300 invitations, 1 one-time codes" in done.stdout, done.stderr
        after = _file_bytes(db)
    assert token_mark.encode() not in after and code_mark.encode() not in after
