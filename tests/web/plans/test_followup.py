"""Before and after at the next wave, for the figures an action targeted."""

from __future__ import annotations

from tests.web.plans.conftest import TARGET, PlanWorld, wave1, wave2_improved

from eclaire.web.plans.followup import compare
from eclaire.web.plans.models import Action

KEY = f"individual_coaching:{TARGET}"


def _accept(world: PlanWorld) -> Action:
    world.clients["coach"].post(world.url("decide"), {"key": KEY, "decision": "accept"})
    return Action.objects.get(key=KEY)


def test_improvement_larger_than_the_noise_at_the_next_wave(plan_world: PlanWorld):
    action = _accept(plan_world)
    plan_world.store_next_wave(wave2_improved())
    rows = compare(action.watch, wave1(), wave2_improved(), "en")
    assert len(rows) == 5 and all(r["changed"] for r in rows)
    assert all(r["verdict"].startswith("Better, by more than the noise") for r in rows)
    # Individual coaching of this manager is held back from them until the coach shows it.
    plan_world.clients["coach"].post(plan_world.url("visibility"), {"key": KEY, "visible": "yes"})
    html = (
        plan_world.clients["manager"]
        .get(plan_world.url("action", action_id=action.pk))
        .content.decode()
    )
    assert html.count("Better, by more than the noise") == 5
    before = wave1()["units"][TARGET]["scores"]["clarity.roles"]
    assert f"n = {before['n']}" in html


def test_no_change_on_identical_data(plan_world: PlanWorld):
    action = _accept(plan_world)
    plan_world.store_next_wave(wave1())
    html = (
        plan_world.clients["coach"]
        .get(plan_world.url("action", action_id=action.pk))
        .content.decode()
    )
    assert html.count("No change larger than the noise") == 5
    assert "+0.00" not in html and "0.00" in html


def test_a_group_hidden_in_either_wave_is_not_measurable(plan_world: PlanWorld):
    action = _accept(plan_world)
    hidden = {
        **wave1(),
        "units": {
            **wave1()["units"],
            TARGET: {"n": 3, "suppressed": True, "reason": "below_threshold"},
        },
    }
    rows = compare(action.watch, wave1(), hidden, "en")
    assert rows and all(r["hidden"] == "not measurable (n < 5)" for r in rows)


def test_without_a_later_wave_the_page_says_so(plan_world: PlanWorld):
    action = _accept(plan_world)
    html = (
        plan_world.clients["coach"]
        .get(plan_world.url("action", action_id=action.pk))
        .content.decode()
    )
    assert "No later wave has a result yet" in html
