"""Report downloads: coach and sponsor get the organization, a manager their scope, others 404."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from eclaire.web.results.services import do_compute
from eclaire.web.results.stored import clear_cache


@pytest.fixture
def computed(world):
    clear_cache()
    stored = do_compute(world.campaign)
    assert stored.status == "ready", stored.error
    return world


def _get(user, name: str, slug: str = "acme", campaign: str = "w1", **query):
    client = Client()
    client.force_login(user)
    return client.get(reverse(name, kwargs={"slug": slug, "campaign": campaign}), query)


def test_coach_downloads_the_html_report_as_an_attachment(computed) -> None:
    response = _get(computed.coach, "report_html", lang="en")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="eclaire-acme-w1-en.html"'
    body = response.content.decode()
    assert "Acme Industrie" in body and "Vague 1" in body and "Summary" in body


def test_a_bad_language_falls_back_to_french(computed) -> None:
    response = _get(computed.coach, "report_html", lang="xx")
    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()


def test_manager_gets_a_report_of_their_scope_only(computed) -> None:
    response = _get(computed.manager, "report_html", lang="en")
    assert response.status_code == 200
    assert "-vte-en.html" in response["Content-Disposition"]
    body = response.content.decode()
    assert "Ventes Sud-Est" in body
    assert "Direction générale" not in body


def test_stranger_and_wrong_campaign_get_404(computed) -> None:
    assert _get(computed.stranger, "report_html").status_code == 404
    assert _get(computed.coach, "report_html", campaign="nope").status_code == 404
    assert _get(computed.coach, "report_pdf", slug="other").status_code == 404


def test_no_ready_result_is_404(world) -> None:
    clear_cache()
    assert _get(world.coach, "report_html").status_code == 404


def test_anonymous_visitor_is_sent_to_login(computed) -> None:
    response = Client().get(reverse("report_html", kwargs={"slug": "acme", "campaign": "w1"}))
    assert response.status_code == 302


@pytest.mark.slow
def test_coach_downloads_the_pdf(computed) -> None:
    response = _get(computed.coach, "report_pdf", lang="fr")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="eclaire-acme-w1-fr.pdf"'
    assert response.content.startswith(b"%PDF")
