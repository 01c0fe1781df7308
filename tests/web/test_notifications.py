"""E-mail notifications: who hears what, in which language, once, and how each is turned off.

Time is frozen by giving ``do_notify`` its ``today`` (and, for the command, by fixing
``timezone.localdate``).
"""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User
from django.utils import timezone

from eclaire.cli import main
from eclaire.web.accounts.models import Membership
from eclaire.web.collection.models import Invitation
from eclaire.web.collection.services import do_open_campaign
from eclaire.web.notifications.models import CampaignSetting, Preference, Sent
from eclaire.web.notifications.services import do_notify
from eclaire.web.plans.models import Action, ManagerVisibility
from eclaire.web.results.models import AnalysisResult, ResultStatus

TODAY = dt.date(2026, 6, 10)


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.ECLAIRE_BASE_URL = "https://eclaire.example.org"


@pytest.fixture
def sponsor(world) -> User:
    user = User.objects.create_user(username="rh@x.fr", email="rh@x.fr", password="long pass 123")
    Membership.objects.create(user=user, organization=world.acme, role="sponsor")
    return user


@pytest.fixture
def closed(world):
    campaign = world.campaign
    campaign.status, campaign.closes_on = "closed", TODAY - dt.timedelta(days=1)
    campaign.save()
    AnalysisResult.objects.update_or_create(
        campaign=campaign,
        defaults={"status": ResultStatus.READY, "data": {}, "computed_at": timezone.now()},
    )
    return campaign


@pytest.fixture
def running(world, sponsor):
    """Open, closing in 3 days, 8 people invited and 1 finished (12 %)."""
    do_open_campaign(world.campaign, today=TODAY - dt.timedelta(days=10))
    campaign = world.campaign
    campaign.refresh_from_db()
    campaign.closes_on = TODAY + dt.timedelta(days=3)
    campaign.save()
    Invitation.objects.filter(campaign=campaign, person__code="p0").update(finished=True)
    return campaign


def _to(outbox) -> dict[str, str]:
    return {m.to[0]: m.subject for m in outbox}


def test_results_ready_reaches_every_member_in_their_language_once(world, closed, mailoutbox):
    Preference.objects.create(user=world.manager, language="en")
    outcome = do_notify(TODAY)
    assert outcome.sent == 2
    subjects = _to(mailoutbox)
    assert subjects["coach@x.fr"] == "Résultats prêts : Vague 1"
    assert subjects["manager@x.fr"] == "Results ready: Vague 1"
    assert "https://eclaire.example.org/o/acme/c/w1/results/" in mailoutbox[0].body
    assert "coach@other.fr" not in subjects and "stranger@x.fr" not in subjects
    assert do_notify(TODAY).sent == 0 and len(mailoutbox) == 2


def test_nothing_before_the_result_is_ready_or_long_after_closing(world, closed, mailoutbox):
    AnalysisResult.objects.update(status=ResultStatus.RUNNING)
    assert do_notify(TODAY).sent == 0
    AnalysisResult.objects.update(status=ResultStatus.READY)
    assert do_notify(TODAY + dt.timedelta(days=60)).sent == 0
    assert mailoutbox == []


def test_a_person_or_the_campaign_turns_a_kind_off(world, closed, mailoutbox):
    Preference.objects.create(user=world.coach, results_ready=False)
    assert set(_to(mailoutbox) if do_notify(TODAY).sent else {}) == {"manager@x.fr"}
    Sent.objects.all().delete()
    mailoutbox.clear()
    CampaignSetting.objects.create(campaign=closed, results_ready=False)
    assert do_notify(TODAY).sent == 0 and mailoutbox == []


def test_low_rate_warns_the_coach_and_sponsor_only_in_the_last_days(world, running, mailoutbox):
    assert do_notify(TODAY - dt.timedelta(days=5)).sent == 0  # 8 days before the end
    outcome = do_notify(TODAY)
    assert outcome.sent == 2
    subjects = _to(mailoutbox)
    assert set(subjects) == {"coach@x.fr", "rh@x.fr"}
    assert subjects["coach@x.fr"] == "Taux de réponse à 12 % : Vague 1"
    assert "3 jours" in mailoutbox[0].body and "50 %" in mailoutbox[0].body
    assert do_notify(TODAY + dt.timedelta(days=1)).sent == 0  # once per end date


def test_low_rate_respects_the_campaigns_threshold(world, running, mailoutbox):
    CampaignSetting.objects.create(campaign=running, low_rate_below=10)
    assert do_notify(TODAY).sent == 0
    CampaignSetting.objects.filter(campaign=running).update(low_rate_below=50, low_rate=False)
    assert do_notify(TODAY).sent == 0 and mailoutbox == []


def _action(world, kind: str, units: list[str], owner: User | None) -> Action:
    world.campaign.status, world.campaign.closes_on = "closed", TODAY - dt.timedelta(days=90)
    world.campaign.save()
    return Action.objects.create(
        campaign=world.campaign,
        key=f"{'individual' if kind == 'manager' else 'team'}_coaching:{units[0]}",
        lever="individual_coaching" if kind == "manager" else "team_coaching",
        target_kind=kind,
        target_units=units,
        title={"fr": "Clarifier les priorités", "en": "Clarify the priorities"},
        owner_user=owner,
        due_on=TODAY + dt.timedelta(days=2),
        status="accepted",
    )


def test_an_action_due_reaches_its_owner_before_and_after_the_date(world, mailoutbox):
    Preference.objects.create(user=world.manager, language="en")
    action = _action(world, "unit", ["VTE"], world.manager)
    assert do_notify(TODAY).sent == 1
    assert mailoutbox[0].to == ["manager@x.fr"]
    assert mailoutbox[0].subject.startswith("Action due on") and "Clarify" in mailoutbox[0].subject
    assert f"/o/acme/c/w1/plan/{action.pk}/" in mailoutbox[0].body
    assert do_notify(TODAY + dt.timedelta(days=1)).sent == 0
    assert do_notify(TODAY + dt.timedelta(days=3)).sent == 1  # overdue: one more notice
    assert mailoutbox[1].subject.startswith("Action overdue")
    action.status = "done"
    action.save()
    assert do_notify(TODAY + dt.timedelta(days=9)).sent == 0


def test_a_manager_never_hears_of_an_action_held_back_from_them(world, mailoutbox):
    _action(world, "manager", ["VTE"], world.manager)
    do_notify(TODAY)
    assert [m.to[0] for m in mailoutbox] == ["coach@x.fr"]
    ManagerVisibility.objects.create(
        campaign=world.campaign, key="individual_coaching:VTE", visible=True
    )
    Sent.objects.all().delete()
    mailoutbox.clear()
    do_notify(TODAY)
    assert [m.to[0] for m in mailoutbox] == ["manager@x.fr"]


@pytest.mark.django_db(transaction=True)
def test_the_command_for_cron(world, closed, mailoutbox, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    runner = CliRunner()
    result = runner.invoke(main, ["notify", "--dry-run"], catch_exceptions=False)
    assert result.exit_code == 0 and "Would send 2 notices (results_ready 2)." in result.output
    assert mailoutbox == []
    result = runner.invoke(main, ["notify"], catch_exceptions=False)
    assert result.exit_code == 0 and "Sent 2 notices" in result.output
    assert len(mailoutbox) == 2
    result = runner.invoke(main, ["notify"], catch_exceptions=False)
    assert "Sent 0 notices (none)." in result.output


def test_preferences_page_saves_the_choices(world, client):
    client.force_login(world.manager)
    response = client.post(
        "/accounts/notifications/",
        {"language": "en", "results_ready": "on", "action_due": "on"},
    )
    assert response.status_code == 302
    found = Preference.objects.get(user=world.manager)
    assert (found.language, found.results_ready, found.low_rate, found.action_due) == (
        "en",
        True,
        False,
        True,
    )


def test_campaign_notifications_are_the_organizers(world, client):
    url = "/o/acme/c/w1/notifications/"
    client.force_login(world.manager)
    assert client.post(url, {"low_rate_below": 10}).status_code == 403
    client.force_login(world.coach)
    data = {"low_rate": "on", "low_rate_below": 30, "low_rate_days": 4, "action_due_days": 7}
    assert client.post(url, data).status_code == 302
    found = CampaignSetting.objects.get(campaign=world.campaign)
    assert (found.results_ready, found.low_rate, found.low_rate_below) == (False, True, 30)
    assert client.post(url, data | {"low_rate_below": 150}).status_code == 200
