"""The results pages in a real Chromium: no console error (the content security policy is
enforced), no serious or critical axe-core violation, for every page type, coach and manager."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
"""The same file as conftest.py checks for (the ``browser`` fixture skips or fails without it)."""
PHONE = {"width": 360, "height": 740}

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = (
    "",
    "heatmap/",
    "heatmap/?sort=pillar.trust&order=asc",
    "interfaces/",
    "gaps/",
    "priorities/",
    "trends/",
    "messages/",
)


@pytest.fixture
def demo(transactional_db: Any, live_server: Any) -> Iterator[dict[str, Any]]:
    from eclaire.web.accounts.models import Membership
    from eclaire.web.demo import DEMO_CAMPAIGN, DEMO_ORG, DEMO_USER, build_demo
    from eclaire.web.organizations.models import Unit
    from eclaire.web.results.stored import clear_cache

    clear_cache()
    build_demo()
    coach = get_user_model().objects.get(username=DEMO_USER)
    manager = get_user_model().objects.create_user(
        username="manager@demo.eclaire", password="x" * 12
    )
    dept = (
        Unit.objects.filter(
            organization__slug=DEMO_ORG, parent__isnull=False, children__isnull=False
        )
        .order_by("code")
        .first()
    )
    assert dept is not None
    Membership.objects.create(
        user=manager, organization=dept.organization, role="manager", unit=dept
    )
    base = f"{live_server.url}/o/{DEMO_ORG}/c/{DEMO_CAMPAIGN}/results/"
    yield {
        "coach": coach,
        "manager": manager,
        "base": base,
        "unit": dept.code,
        "live": live_server.url,
    }
    clear_cache()


def _context(browser: Any, demo: dict[str, Any], who: str, **kw: Any) -> Any:
    client = Client()
    client.force_login(demo[who])
    context = browser.new_context(locale="fr-FR", **kw)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": demo["live"]}]
    )
    return context


def _urls(demo: dict[str, Any]) -> list[str]:
    return [demo["base"] + p for p in PAGES] + [demo["base"] + f"units/{demo['unit']}/"]


def _axe(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _console(message: Any, url: str, errors: list[str]) -> None:
    if message.type == "error" and "favicon" not in message.location.get("url", ""):
        errors.append(f"{url}: {message.text}")


@pytest.mark.parametrize("who", ["coach", "manager"])
def test_results_pages_have_no_console_error(browser: Any, demo: dict[str, Any], who: str):
    context = _context(browser, demo, who)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: _console(m, page.url, errors))
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    for url in _urls(demo):
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        assert page.locator("h1").count() == 1
    context.close()
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("who", ["coach", "manager"])
def test_results_pages_pass_axe(browser: Any, demo: dict[str, Any], who: str):
    context = _context(browser, demo, who, bypass_csp=True)  # axe is injected as an inline script
    page = context.new_page()
    problems: list[str] = []
    for url in _urls(demo):
        page.goto(url)
        problems += _axe(page)
    page.set_viewport_size(PHONE)
    page.goto(demo["base"])
    problems += _axe(page)
    context.close()
    assert not problems, "\n".join(problems)


def test_results_pages_work_without_javascript(browser: Any, demo: dict[str, Any]):
    context = _context(browser, demo, "coach", java_script_enabled=False)
    page = context.new_page()
    page.goto(demo["base"] + "heatmap/")
    page.select_option("select[name=sort]", "pillar.trust")
    page.locator("form.filters button[type=submit]").click()
    assert "sort=pillar.trust" in page.url
    assert page.locator("table.heatmap tbody tr").count() > 5
    context.close()


def test_campaign_menu_is_a_disclosure_on_a_phone_without_javascript(
    browser: Any, demo: dict[str, Any]
):
    campaign = demo["base"].removesuffix("results/")
    context = _context(
        browser, demo, "coach", java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    for url in (demo["base"], campaign, campaign + "comments/", campaign + "plan/"):
        page.goto(url)
        assert page.locator("nav.crumbs").is_visible(), url
        assert page.locator(".menu-wide").is_hidden(), url
        overflow = page.evaluate(
            "document.documentElement.scrollWidth > document.documentElement.clientWidth"
        )
        assert not overflow, url
    page.goto(demo["base"])
    heatmap = page.locator(".menu-phone").get_by_role("link", name="Unités × dimensions")
    assert heatmap.is_hidden()
    page.locator(".menu-phone summary").click()
    heatmap.click()
    assert page.url.endswith("/results/heatmap/")
    page.set_viewport_size({"width": 1366, "height": 900})
    assert page.locator(".menu-phone").is_hidden()
    assert page.locator(".menu-wide a[aria-current=page]").inner_text() == "Unités × dimensions"
    context.close()
