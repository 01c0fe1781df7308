"""The first conversation and the recommendations on the results pages and in the report."""

from __future__ import annotations

import re

from django.utils.html import escape
from tests.web.plans.conftest import TARGET, PlanWorld, wave1

from eclaire.core.levers.section import levers_section


def _get(world: PlanWorld, who: str, url: str, lang: str) -> str:
    response = world.clients[who].get(url, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200, url
    return response.content.decode()


def test_overview_shows_the_first_conversation_and_top_recommendations_in_both_languages(
    plan_world: PlanWorld,
):
    section = levers_section(wave1())
    first = section["first_conversation"]
    for lang, heading in (("en", "Opening questions"), ("fr", "Questions d’ouverture")):
        html = _get(plan_world, "coach", plan_world.url("overview"), lang)
        assert heading in html
        assert escape(first["opener"][lang]) in html
        assert escape(first["questions"][0][lang]) in html
        assert (
            3
            <= html.count("<li>", html.index(heading), html.index("</ol>", html.index(heading)))
            <= 5
        )
        for rec in section["recommendations"][:3]:
            assert escape(rec["target"]["label"][lang]) in html
        assert html.count('class="recommendation"') == min(5, len(section["recommendations"]))


def test_unit_page_explains_its_recommendation_with_n_and_interval(plan_world: PlanWorld):
    html = _get(plan_world, "coach", plan_world.url("unit", unit_code=TARGET), "en")
    details = re.search(r"<details>.*?</details>", html, re.S)
    assert details and "Why this recommendation" in details.group(0)
    assert "n = 16" in details.group(0) and "95% interval" in details.group(0)


def test_interfaces_page_lists_the_mediations(plan_world: PlanWorld):
    html = _get(plan_world, "coach", plan_world.url("interfaces"), "en")
    assert "Recommended mediations between units" in html and "Mediation" in html


def _show_to_managers(world: PlanWorld, key: str) -> None:
    response = world.clients["coach"].post(world.url("visibility"), {"key": key, "visible": "yes"})
    assert response.status_code == 302


def test_manager_sees_recommendations_about_their_scope_only(plan_world: PlanWorld):
    # The only recommendation of the scope is individual coaching of this manager: held back
    # from them until the coach shows it.
    html = _get(plan_world, "manager", plan_world.url("overview"), "en")
    assert html.count('class="recommendation"') == 0 and "Individual coaching" not in html
    _show_to_managers(plan_world, f"individual_coaching:{TARGET}")
    html = _get(plan_world, "manager", plan_world.url("overview"), "en")
    assert html.count('class="recommendation"') == 1
    assert "Individual coaching" in html and "Mediation" not in html


def test_report_download_carries_the_levers_in_the_page_language(plan_world: PlanWorld):
    first = levers_section(wave1())["first_conversation"]
    for lang in ("fr", "en"):
        url = f"/o/acme/c/w1/report/html/?lang={lang}"
        html = plan_world.clients["coach"].get(url).content.decode()
        assert escape(first["questions"][0][lang][:30]) in html
    manager_report = "/o/acme/c/w1/report/html/?lang=en"
    html = plan_world.clients["manager"].get(manager_report).content.decode()
    assert "Individual coaching" not in html and "Mediation" not in html
    _show_to_managers(plan_world, f"individual_coaching:{TARGET}")
    html = plan_world.clients["manager"].get(manager_report).content.decode()
    assert "Individual coaching" in html and "Mediation" not in html


def test_a_figure_without_a_value_reads_back_from_its_dict():
    from eclaire.core.result.view import Figure
    from eclaire.web.plans.report_hooks import to_figure

    figure = Figure("contradiction", None, n=8, unit_id="A", other_unit_id="B")
    assert to_figure(figure.to_dict()) == figure
