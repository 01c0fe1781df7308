"""Per-organization thresholds: a coach edits them, others read; they change the levers."""

from __future__ import annotations

from tests.web.plans.conftest import TARGET, PlanWorld

from eclaire.web.plans.models import LeverSettings

KEY = "manager_clarity_gap.min_gap"


def test_every_member_reads_the_thresholds_with_their_defaults(plan_world: PlanWorld):
    for who in ("coach", "sponsor", "manager"):
        html = plan_world.clients[who].get(plan_world.url("settings")).content.decode()
        assert "Smallest gap between manager and team" in html
        assert "points on the 1 to 5 scale" in html and "default 1, from 0 to 4" in html
        assert f'name="{KEY}"' in html and f"<code>{KEY}</code>" not in html
    html = plan_world.clients["sponsor"].get(plan_world.url("settings")).content.decode()
    assert "Only a coach may change" in html and "disabled" in html


def test_only_a_coach_changes_them(plan_world: PlanWorld):
    for who in ("sponsor", "manager"):
        response = plan_world.clients[who].post(plan_world.url("settings"), {KEY: "3"})
        assert response.status_code == 404
    assert not LeverSettings.objects.exists()
    response = plan_world.clients["coach"].post(plan_world.url("settings"), {KEY: "3"})
    assert response.status_code == 302
    assert LeverSettings.objects.get().overrides == {KEY: 3.0}


def test_out_of_range_and_fractional_counts_are_refused(plan_world: PlanWorld):
    client = plan_world.clients["coach"]
    html = client.post(plan_world.url("settings"), {KEY: "9"}).content.decode()
    assert "less than or equal to 4" in html
    html = client.post(
        plan_world.url("settings"), {"manager_clarity_gap.min_dimensions": "2.5"}
    ).content.decode()
    assert "whole number" in html
    assert not LeverSettings.objects.exists()


def test_raising_a_threshold_removes_the_recommendation(plan_world: PlanWorld):
    coach = plan_world.clients["coach"]
    unit_url = plan_world.url("unit", unit_code=TARGET)
    assert "Individual coaching" in coach.get(unit_url).content.decode()
    assert (
        f'value="individual_coaching:{TARGET}"'
        in coach.get(plan_world.url("plan")).content.decode()
    )
    coach.post(plan_world.url("settings"), {KEY: "3.5"})
    assert "Individual coaching" not in coach.get(unit_url).content.decode()
    assert (
        f'value="individual_coaching:{TARGET}"'
        not in coach.get(plan_world.url("plan")).content.decode()
    )


def test_the_french_page_reads_labels_units_and_french_decimals(plan_world: PlanWorld):
    client = plan_world.clients["coach"]
    client.cookies["django_language"] = "fr"
    html = client.get(plan_world.url("settings"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Écart minimal entre le manager et l&#x27;équipe" in html
    assert "Défiance dans les deux sens" in html and "points sur l&#x27;échelle de 1 à 5" in html
    assert "par défaut 2,75" in html and "par défaut 2.75" not in html
