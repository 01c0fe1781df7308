"""The error pages (403, 404, 500, expired form) on a 390 px phone: no page overflow, axe-core
clean, in French and English, signed in or not."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from test_results_pages import _axe

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def people(transactional_db: Any, settings: Any) -> dict[str, Any]:
    from eclaire.web.accounts.models import Membership
    from eclaire.web.organizations.models import Organization, Unit

    settings.ROOT_URLCONF = "error_urls"
    acme = Organization.objects.create(slug="acme-industrie-du-grand-sud-ouest", name="Acme")
    unit = Unit.objects.create(
        organization=acme, code="VTE", name="Ventes", function="sales", site_kind="field"
    )
    users = {}
    for role in ("coach", "manager"):
        user = get_user_model().objects.create_user(username=f"{role}@acme.fr", password="x" * 12)
        Membership.objects.create(
            user=user, organization=acme, role=role, unit=unit if role == "manager" else None
        )
        users[role] = user
    return users


def _signed_in(browser: Any, live: str, user: Any, lang: str) -> Any:
    context = browser.new_context(locale=lang, viewport=PHONE, bypass_csp=True)
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"].value
        context.add_cookies([{"name": "sessionid", "value": cookie, "url": live}])
    return context


def _check(page: Any, status: int, expected: int, what: str) -> list[str]:
    problems = [] if status == expected else [f"{what}: status {status}, not {expected}"]
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        problems.append(f"{what}: the page is {width} px wide on a {PHONE['width']} px phone")
    if page.locator("h1").count() != 1:
        problems.append(f"{what}: no heading")
    return problems + _axe(page)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_error_pages_fit_a_phone(browser: Any, live_server: Any, people: dict[str, Any], lang: str):
    live = live_server.url
    slug = "acme-industrie-du-grand-sud-ouest"
    problems: list[str] = []
    for who in (None, "coach", "manager"):
        context = _signed_in(browser, live, people.get(who or ""), lang)
        page = context.new_page()
        long_path = "/o/" + slug + "/c/" + "une-campagne-qui-n-existe-pas-" * 4 + "/results/"
        # Signed out, an organization's address leads to the login page instead.
        for path in ("/nowhere/",) if who is None else ("/nowhere/", long_path):
            response = page.goto(live + path)
            problems += _check(page, response.status, 404, f"{who} 404 {path}")
        response = page.goto(live + "/fail-on-purpose/")
        problems += _check(page, response.status, 500, f"{who} 500")
        if who == "manager":
            response = page.goto(live + f"/o/{slug}/import/units/")
            problems += _check(page, response.status, 403, "manager 403")
        if who == "coach":
            page.goto(live + "/organizations/new/")
            context.clear_cookies(name="csrftoken")
            page.locator("main form input[name=name]").fill("Autre")
            with page.expect_response(lambda r: r.request.method == "POST") as sent:
                page.locator("main form button[type=submit]").click()
            problems += _check(page, sent.value.status, 403, "coach expired form")
        context.close()
    assert not problems, "\n".join(problems)
