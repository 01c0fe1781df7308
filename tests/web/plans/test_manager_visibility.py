"""The coach decides what a manager sees: individual coaching of a manager is held back first."""

from __future__ import annotations

from django.urls import reverse
from tests.web.plans.conftest import TARGET, PlanWorld

from eclaire.web.plans.models import Action, ManagerVisibility
from eclaire.web.plans.report_hooks import shown_to_managers

KEY = f"individual_coaching:{TARGET}"


def _accept(world: PlanWorld, key: str = KEY) -> Action:
    world.clients["coach"].post(world.url("decide"), {"key": key, "decision": "accept"})
    return Action.objects.get(key=key)


def _switch(world: PlanWorld, who: str, key: str, visible: str, **extra: str) -> int:
    data = {"key": key, "visible": visible, **extra}
    return world.clients[who].post(world.url("visibility"), data).status_code


def _export(world: PlanWorld, who: str) -> str:
    url = reverse(
        "results:export",
        kwargs={"slug": "acme", "campaign_slug": "w1", "table": "plan", "fmt": "csv"},
    )
    return world.clients[who].get(url).content.decode("utf-8-sig")


def test_default_holds_back_coaching_of_a_manager_and_shows_the_rest():
    assert not shown_to_managers("individual_coaching:U1", "manager", {})
    assert shown_to_managers("team_coaching:U1", "unit", {})
    assert shown_to_managers("mediation:U1+U2", "pair", {})
    assert shown_to_managers("individual_coaching:U1", "manager", {"individual_coaching:U1": True})
    assert not shown_to_managers("team_coaching:U1", "unit", {"team_coaching:U1": False})


def test_held_back_action_is_absent_from_the_managers_plan_action_export_and_report(
    plan_world: PlanWorld,
):
    action = _accept(plan_world)
    action.adapted_wording = "Talk with the head of Nantes about roles"
    action.save()
    manager = plan_world.clients["manager"]
    assert (
        "Talk with the head of Nantes" not in manager.get(plan_world.url("plan")).content.decode()
    )
    assert manager.get(plan_world.url("action", action_id=action.pk)).status_code == 404
    assert "Talk with the head of Nantes" not in _export(plan_world, "manager")
    report = manager.get("/o/acme/c/w1/report/html/?lang=en").content.decode()
    assert "Individual coaching" not in report
    # The coach and the sponsor still see it everywhere.
    for who in ("coach", "sponsor"):
        assert "Talk with the head of Nantes" in _export(plan_world, who)
        page = plan_world.clients[who].get(plan_world.url("plan")).content.decode()
        assert "Talk with the head of Nantes" in page and "held back" in page


def test_coach_shows_it_then_holds_it_back_again(plan_world: PlanWorld):
    action = _accept(plan_world)
    manager = plan_world.clients["manager"]
    assert _switch(plan_world, "coach", KEY, "yes", next=KEY) == 302
    assert ManagerVisibility.objects.get(key=KEY).visible
    assert manager.get(plan_world.url("action", action_id=action.pk)).status_code == 200
    assert (
        "Individual coaching" in manager.get("/o/acme/c/w1/report/html/?lang=en").content.decode()
    )
    assert _switch(plan_world, "coach", KEY, "no") == 302
    assert manager.get(plan_world.url("action", action_id=action.pk)).status_code == 404


def test_a_manager_cannot_change_what_managers_see(plan_world: PlanWorld):
    assert _switch(plan_world, "manager", KEY, "yes") == 404
    assert not ManagerVisibility.objects.exists()


def test_an_unknown_recommendation_changes_nothing(plan_world: PlanWorld):
    assert _switch(plan_world, "coach", "individual_coaching:NOPE", "yes") == 302
    assert not ManagerVisibility.objects.exists()


def test_the_first_conversation_of_a_manager_never_points_at_a_held_back_one(
    plan_world: PlanWorld,
):
    html = plan_world.clients["manager"].get(plan_world.url("overview")).content.decode()
    assert "Individual coaching" not in html
    _switch(plan_world, "coach", KEY, "yes")
    html = plan_world.clients["manager"].get(plan_world.url("overview")).content.decode()
    assert "Individual coaching" in html
