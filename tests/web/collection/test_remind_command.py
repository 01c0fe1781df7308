"""``eclaire remind``: counts printed, only unfinished people written to, --dry-run sends nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from eclaire.cli import main
from eclaire.web.collection.models import Invitation, MailingKind
from eclaire.web.collection.services import do_send

TODAY = dt.date(2026, 3, 2)  # the day the shared fixture opens the campaign

pytestmark = pytest.mark.django_db(transaction=True)


def _run(*args: str):
    return CliRunner().invoke(main, ["remind", *args], catch_exceptions=False)


@pytest.fixture
def invited(world, opened, mailoutbox):
    do_send(opened, MailingKind.INVITATION, today=TODAY)
    Invitation.objects.filter(person__code__in=["p0", "p1"]).update(finished=True)
    mailoutbox.clear()
    return opened


def test_dry_run_counts_and_sends_nothing(invited, mailoutbox):
    result = _run("--org", "acme", "--campaign", "w1", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Would send 6 reminders; 2 finished, not written to." in result.output
    assert mailoutbox == []


def test_remind_writes_to_unfinished_people_only(invited, mailoutbox):
    result = _run("--org", "acme", "--campaign", "w1")
    assert result.exit_code == 0, result.output
    assert "Sent 6 reminders; 2 finished, not written to." in result.output
    assert "6/6" in result.output
    assert {m.to[0] for m in mailoutbox} == {
        f"{c}@acme.fr" for c in ("p2", "p3", "p4", "p5", "a0", "a1")
    }


def test_unknown_campaign_is_a_clear_error(world):
    result = CliRunner().invoke(main, ["remind", "--org", "acme", "--campaign", "nope"])
    assert result.exit_code == 2
    assert "No campaign 'nope'" in result.output


def test_campaign_not_open_is_a_clear_error(world):
    result = CliRunner().invoke(main, ["remind", "--org", "acme", "--campaign", "w1"])
    assert result.exit_code == 2
