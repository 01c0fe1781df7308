"""A manager, by every link they can follow, never meets a recommendation held back from them."""

from __future__ import annotations

from tests.web.crawl import crawl
from tests.web.plans.conftest import TARGET, PlanWorld

from eclaire.web.plans.models import Action

KEY = f"individual_coaching:{TARGET}"
WORDS = ("Individual coaching", "Coaching individuel", "individual_coaching")


def _everything(world: PlanWorld) -> tuple[str, set[str]]:
    seen = crawl(world.clients["manager"], "/", skip=("/report/pdf/",))
    assert not {p: s for p, s in seen.status.items() if s >= 400}
    reports = [p for p in seen.files if "/report/html/" in p]
    assert len(reports) == 2  # French and English
    text = "".join(seen.pages.values()) + "".join(
        seen.files[p].decode("utf-8", "replace") for p in reports
    )
    return text, set(seen.found_from)


def test_held_back_recommendation_is_nowhere_a_manager_can_click(plan_world: PlanWorld):
    plan_world.clients["coach"].post(plan_world.url("decide"), {"key": KEY, "decision": "accept"})
    action = Action.objects.get(key=KEY)
    text, found = _everything(plan_world)
    assert not any(w in text for w in WORDS)
    assert plan_world.url("action", action_id=action.pk) not in found

    plan_world.clients["coach"].post(plan_world.url("visibility"), {"key": KEY, "visible": "yes"})
    text, found = _everything(plan_world)
    assert "Individual coaching" in text
    assert plan_world.url("action", action_id=action.pk) in found
