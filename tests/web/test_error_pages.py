"""403, 404, 500 and CSRF failure pages in the product's look and the reader's language."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation


@pytest.fixture(autouse=True)
def _not_debug(settings):
    settings.DEBUG = False


def test_404_in_french_by_default_and_in_english(client, world):
    client.force_login(world.coach)
    response = client.get("/o/nowhere/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Cette page n’existe pas" in page or "Cette page n'existe pas" in page
    assert 'class="brand"' in page and "favicon.svg" in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get("/o/nowhere/").content.decode()
    assert "This page does not exist, or is not open to you" in page and 'lang="en"' in page


def test_403_page_for_a_manager_on_an_organizer_page(client, world):
    client.force_login(world.manager)
    response = client.get(reverse("uploads:units", args=["acme"]))
    assert response.status_code == 403
    assert 'class="brand"' in response.content.decode()


def test_csrf_failure_page(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.coach)
    response = client.post(reverse("organization_new"), {"name": "X"}, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 403
    assert "This form has expired" in page and 'class="brand"' in page
    assert "CSRF" not in page  # Django's technical reason is not shown


def test_500_page_renders_without_a_request():
    """Django renders 500.html with no request and no context processors."""
    with translation.override("fr"):
        page = render_to_string("500.html")
    assert "Éclaire" in page and "Erreur 500" in page
