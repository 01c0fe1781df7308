"""Accept, adapt, record sessions and follow the status of an action on the plan pages."""

from __future__ import annotations

from typing import Any

from tests.web.plans.conftest import TARGET, PlanWorld

from eclaire.web.plans.models import Action, ActionStatus, Session

KEY = f"individual_coaching:{TARGET}"


def _decide(world: PlanWorld, who: str, decision: str, key: str = KEY) -> Any:
    return world.clients[who].post(world.url("decide"), {"key": key, "decision": decision})


def test_plan_page_lists_the_open_recommendations_with_decisions(plan_world: PlanWorld):
    html = plan_world.clients["coach"].get(plan_world.url("plan")).content.decode()
    assert f'value="{KEY}"' in html
    assert 'name="decision" value="adapt"' in html
    assert "Why this recommendation" in html


def test_accept_adapt_sessions_and_status_flow(plan_world: PlanWorld):
    response = _decide(plan_world, "coach", "accept")
    action = Action.objects.get(campaign=plan_world.campaign, key=KEY)
    assert response.status_code == 302 and response["Location"].endswith(f"/plan/{action.pk}/")
    assert action.status == ActionStatus.ACCEPTED
    assert action.lever == "individual_coaching" and action.target_units == [TARGET]
    assert any(w.get("dimension") == "clarity.roles" for w in action.watch)

    edit = plan_world.url("action_update", action_id=action.pk)
    form = {"status": "adapted", "adapted_wording": "", "owner_name": "Claire Martin"}
    response = plan_world.clients["sponsor"].post(edit, form)
    assert response.status_code == 200 and "Write the adapted wording." in response.content.decode()
    form |= {
        "adapted_wording": "Two coaching sessions on priorities",
        "starts_on": "2025-02-01",
        "due_on": "2025-01-01",
    }
    assert (
        "comes before the start" in plan_world.clients["sponsor"].post(edit, form).content.decode()
    )
    form["due_on"] = "2025-06-30"
    assert plan_world.clients["sponsor"].post(edit, form).status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.ADAPTED
    assert action.adapted_wording == "Two coaching sessions on priorities"
    assert str(action.due_on) == "2025-06-30" and action.owner_display == "Claire Martin"

    sessions = plan_world.url("session_new", action_id=action.pk)
    bad = plan_world.clients["coach"].post(
        sessions, {"held_on": "2025-03-01", "format": "one_to_one", "participants": 0}
    )
    assert bad.status_code == 200 and not Session.objects.exists()
    ok = {"held_on": "2025-03-01", "format": "one_to_one", "participants": 2, "notes": "private"}
    assert plan_world.clients["coach"].post(sessions, ok).status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    assert action.sessions.get().participants == 2

    done = form | {"status": "done"}
    assert plan_world.clients["coach"].post(edit, done).status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE

    page = plan_world.clients["coach"].get(plan_world.url("plan") + "?status=done").content.decode()
    assert "Two coaching sessions on priorities" in page
    page = (
        plan_world.clients["coach"]
        .get(plan_world.url("plan") + "?status=declined")
        .content.decode()
    )
    assert "Two coaching sessions on priorities" not in page
    assert f'value="{KEY}"' not in page  # decided: no longer offered


def test_decline_keeps_the_decision_and_a_bad_key_changes_nothing(plan_world: PlanWorld):
    assert _decide(plan_world, "sponsor", "decline").status_code == 302
    assert Action.objects.get(key=KEY).status == ActionStatus.DECLINED
    response = _decide(plan_world, "coach", "accept", key="mediation:NOPE+NADA")
    assert response.status_code == 302 and Action.objects.count() == 1


def test_plan_filter_rejects_an_unknown_status(plan_world: PlanWorld):
    _decide(plan_world, "coach", "accept")
    html = (
        plan_world.clients["coach"].get(plan_world.url("plan") + "?status=bogus").content.decode()
    )
    assert "Select a valid choice" in html


def test_manager_cannot_decide_or_edit(plan_world: PlanWorld):
    assert _decide(plan_world, "manager", "accept").status_code == 404
    _decide(plan_world, "coach", "accept")
    action = Action.objects.get(key=KEY)
    url = plan_world.url("action_update", action_id=action.pk)
    assert plan_world.clients["manager"].post(url, {"status": "done"}).status_code == 404
    url = plan_world.url("session_new", action_id=action.pk)
    form = {"held_on": "2025-03-01", "format": "team", "participants": 3}
    assert plan_world.clients["manager"].post(url, form).status_code == 404
    html = (
        plan_world.clients["manager"]
        .get(plan_world.url("action", action_id=action.pk))
        .content.decode()
    )
    assert "Record a session" not in html
