"""The mirror's echoes reach the levers: shown among the recommendations, acceptable into the plan,
left out for managers (who do not read the mirror page), and nothing changes without an echo."""

from __future__ import annotations

from pathlib import Path

from django.test import RequestFactory
from tests.web.plans.conftest import _sample

from eclaire.core.interchange import write_table
from eclaire.core.sample.signals import generate_signals
from eclaire.web.plans.levers import campaign_levers, report_hooks_for
from eclaire.web.plans.models import Action, ActionStatus
from eclaire.web.signals.mirror import campaign_echoes
from eclaire.web.signals.services import do_import_signals

RULE = "customer_echo_interface"
EVIDENCE_EN = "customers live on the cases handed from one to the other"


def _levers(world, scope=None, data=None):
    request = RequestFactory().get("/")
    return campaign_levers(request, world.campaign, data or world.data, scope, "en")


def _echo_keys(levers) -> set[str]:
    return {r["id"] for r in levers.raw if any(e["rule_id"] == RULE for e in r["evidence"])}


def test_the_echo_is_a_recommendation_the_coach_can_accept(plan_world, signal_file) -> None:
    path, truth = signal_file
    before = _levers(plan_world)
    assert _echo_keys(before) == set()
    do_import_signals(plan_world.campaign, path)
    echoes = campaign_echoes(plan_world.campaign, "en")
    tense = next(e for e in truth["echoes"] if e["pattern"] == "escalations_at_tense_interface")
    assert [(e["from_unit"], e["to_unit"]) for e in echoes] == [
        (tense["from_unit"], tense["to_unit"])
    ]
    after = _levers(plan_world)
    (key,) = _echo_keys(after)
    assert set(key.removeprefix("mediation:").split("+")) == {tense["from_unit"], tense["to_unit"]}
    shown = after.by_key[key]
    echo_evidence = next(e for e in shown["evidence"] if e["rule_id"] == RULE)
    assert EVIDENCE_EN in echo_evidence["text"]
    assert any("of the cases handed over" in f for f in echo_evidence["figures"])
    # the same figures as the mirror page, nothing more
    mirror = plan_world.clients["coach"].get(plan_world.url("plan")).content.decode()
    assert f'value="{key}"' in mirror and EVIDENCE_EN in mirror
    response = plan_world.clients["coach"].post(
        plan_world.url("decide"), {"key": key, "decision": "accept"}
    )
    assert response.status_code == 302
    action = Action.objects.get(campaign=plan_world.campaign, key=key)
    assert action.status == ActionStatus.ACCEPTED and action.lever == "mediation"
    assert set(action.target_units) == {tense["from_unit"], tense["to_unit"]}
    assert RULE in {e["rule_id"] for e in action.recommendation["evidence"]}
    assert any(w["measure"] == "customer_signal" for w in action.watch)
    # the overview's recommendations (the top five) and the report's hooks carry it
    assert shown["rank"] <= 5
    overview = plan_world.clients["coach"].get(plan_world.url("overview")).content.decode()
    assert EVIDENCE_EN in overview
    hooks = report_hooks_for(plan_world.campaign, plan_world.data, "en")
    assert any(EVIDENCE_EN in r["evidence"] for r in hooks["recommendations"])


def test_managers_levers_leave_the_echoes_out(plan_world, signal_file) -> None:
    do_import_signals(plan_world.campaign, signal_file[0])
    everything = {u["unit_id"] for u in plan_world.data["tree"]}
    assert _echo_keys(_levers(plan_world, scope=everything)) == set()
    page = plan_world.clients["manager"].get(plan_world.url("overview")).content.decode()
    assert EVIDENCE_EN not in page


def test_signals_without_an_echo_change_nothing(plan_world, tmp_path: Path) -> None:
    before = _levers(plan_world).raw
    sample = _sample(4)
    frame, truth = generate_signals(sample.units, sample.truth, 4, coherent=True)
    path = tmp_path / "coherent.csv"
    write_table(frame, path)
    do_import_signals(plan_world.campaign, path)
    assert truth["echoes"] == [] and campaign_echoes(plan_world.campaign, "en") == []
    assert _levers(plan_world).raw == before
