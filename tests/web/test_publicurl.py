"""Links handed out are built from ECLAIRE_BASE_URL or, without it, from the request's host."""

from __future__ import annotations

from django.core import mail
from django.test import override_settings
from django.urls import reverse

from eclaire.web import publicurl
from eclaire.web.collection.links import survey_url


def test_setting_wins(settings, rf):
    settings.ECLAIRE_BASE_URL = "https://eclaire.example.org"
    assert survey_url("T") == "https://eclaire.example.org/s/T/"


def test_without_setting_and_request_the_local_address(settings):
    settings.ECLAIRE_BASE_URL = ""
    assert publicurl.base_url() == "http://127.0.0.1:8000"


@override_settings(ALLOWED_HOSTS=["eclaire.test"])
def test_invitation_mail_uses_the_request_host_and_port(settings, client, world):
    settings.ECLAIRE_BASE_URL = ""
    client.force_login(world.coach)
    response = client.post(
        reverse("accounts:invite", args=["acme"]),
        {"email": "new@acme.fr", "role": "sponsor", "language": "fr"},
        HTTP_HOST="eclaire.test:8123",
    )
    assert response.status_code in (200, 302)
    assert mail.outbox, "an invitation was sent"
    assert "http://eclaire.test:8123/" in mail.outbox[-1].body
    assert "127.0.0.1" not in mail.outbox[-1].body


def test_poster_points_to_the_request_host(settings, client, world):
    from eclaire.web.collection.services import do_open_campaign

    settings.ECLAIRE_BASE_URL = ""
    settings.ALLOWED_HOSTS = ["survey.test"]
    import datetime as dt

    do_open_campaign(world.campaign, today=dt.date(2026, 3, 2))
    client.force_login(world.coach)
    url = reverse("collection:poster", args=["acme", "w1", world.sales.pk])
    page = client.get(url, HTTP_HOST="survey.test:9000").content.decode()
    assert "http://survey.test:9000/u/" in page and "127.0.0.1" not in page


def test_deploy_check_warns_without_the_address(settings):
    from django.core.checks import run_checks

    settings.ECLAIRE_BASE_URL = ""
    ids = [m.id for m in run_checks(include_deployment_checks=True)]
    assert "eclaire.W001" in ids
    settings.ECLAIRE_BASE_URL = "https://eclaire.example.org"
    ids = [m.id for m in run_checks(include_deployment_checks=True)]
    assert "eclaire.W001" not in ids
