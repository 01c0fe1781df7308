"""Session notes reach coaches only; managers see the actions of their scope only."""

from __future__ import annotations

from tests.web.plans.conftest import TARGET, PlanWorld

from eclaire.web.plans.models import Action, Session

SECRET = "Tension with the regional director, said in confidence"


def _action(world: PlanWorld, unit: str, lever: str = "team_coaching") -> Action:
    return Action.objects.create(
        campaign=world.campaign,
        key=f"{lever}:{unit}",
        lever=lever,
        target_kind="unit",
        target_units=[unit],
        title={"fr": f"Coaching collectif {unit}", "en": f"Team coaching {unit}"},
        target_label={"fr": unit, "en": unit},
        status="accepted",
    )


def test_notes_are_shown_to_the_coach_only(plan_world: PlanWorld):
    action = _action(plan_world, TARGET)
    Session.objects.create(
        action=action, held_on="2025-03-01", format="one_to_one", participants=2, notes=SECRET
    )
    url = plan_world.url("action", action_id=action.pk)
    assert SECRET in plan_world.clients["coach"].get(url).content.decode()
    for who in ("sponsor", "manager"):
        html = plan_world.clients[who].get(url).content.decode()
        assert SECRET not in html and "Confidential notes" not in html
        assert "2025" in html  # the session itself is listed


def test_a_sponsor_records_a_session_without_a_notes_field(plan_world: PlanWorld):
    action = _action(plan_world, TARGET)
    html = (
        plan_world.clients["sponsor"]
        .get(plan_world.url("action", action_id=action.pk))
        .content.decode()
    )
    assert 'name="notes"' not in html
    form = {"held_on": "2025-03-01", "format": "team", "participants": 6, "notes": SECRET}
    plan_world.clients["sponsor"].post(plan_world.url("session_new", action_id=action.pk), form)
    assert Session.objects.get().notes == ""  # a field the sponsor does not have is ignored


def test_notes_never_reach_the_report(plan_world: PlanWorld):
    action = _action(plan_world, TARGET)
    Session.objects.create(
        action=action, held_on="2025-03-01", format="one_to_one", participants=2, notes=SECRET
    )
    url = f"/o/acme/c/{plan_world.campaign.slug}/report/html/?lang=en"
    for who in ("coach", "sponsor"):
        response = plan_world.clients[who].get(url)
        assert response.status_code == 200
        assert SECRET not in response.content.decode()


def test_manager_sees_only_the_actions_of_their_scope(plan_world: PlanWorld):
    own, other = _action(plan_world, TARGET), _action(plan_world, "U011")
    pair = Action.objects.create(
        campaign=plan_world.campaign,
        key=f"mediation:{TARGET}+U014",
        lever="mediation",
        target_kind="pair",
        target_units=[TARGET, "U014"],
        title={"en": "Mediation pair"},
    )
    client = plan_world.clients["manager"]
    html = client.get(plan_world.url("plan")).content.decode()
    assert f"Team coaching {TARGET}" in html and "Team coaching U011" not in html
    assert "Mediation pair" not in html
    assert client.get(plan_world.url("action", action_id=own.pk)).status_code == 200
    assert client.get(plan_world.url("action", action_id=other.pk)).status_code == 404
    assert client.get(plan_world.url("action", action_id=pair.pk)).status_code == 404
    assert 'name="decision"' not in html  # read-only
