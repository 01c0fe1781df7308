"""The pictures of the gaps and priorities pages in a real Chromium, on a phone and a laptop:
no horizontal page overflow, the pictures drawn and readable (labels of at least 12 px at 390 px
would need a wider phone: the text is checked at no less than 10 px rendered), and the summary
cards of the key-messages page."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZES = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 900}}
PAGES = {
    "gaps": "gaps/",
    "priorities": "priorities/",
    "messages": "messages/",
    "interfaces": "interfaces/",
}
SHOTS = os.environ.get("ECLAIRE_SCREENSHOTS")
"""A folder to keep full-page screenshots in (for a person to look at), or nothing."""


@pytest.fixture
def demo(transactional_db: Any, live_server: Any) -> Iterator[dict[str, Any]]:
    from eclaire.web.demo import DEMO_CAMPAIGN, DEMO_ORG, DEMO_USER, build_demo
    from eclaire.web.results.stored import clear_cache

    clear_cache()
    build_demo()
    yield {
        "coach": get_user_model().objects.get(username=DEMO_USER),
        "base": f"{live_server.url}/o/{DEMO_ORG}/c/{DEMO_CAMPAIGN}/results/",
        "live": live_server.url,
    }
    clear_cache()


def _context(browser: Any, demo: dict[str, Any], viewport: dict[str, int]) -> Any:
    client = Client()
    client.force_login(demo["coach"])
    context = browser.new_context(locale="fr-FR", viewport=viewport)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": demo["live"]}]
    )
    return context


@pytest.mark.parametrize("size", sorted(SIZES))
def test_picture_pages_fit_the_screen(browser: Any, demo: dict[str, Any], size: str):
    viewport = SIZES[size]
    context = _context(browser, demo, viewport)
    page = context.new_page()
    for name, path in PAGES.items():
        response = page.goto(demo["base"] + path)
        assert response is not None and response.status == 200
        if name == "messages":
            assert page.locator(".summary-card").count() >= 2
        else:
            assert page.locator(".picture svg.chart").count() >= 1, name
        # Open every fold: the pictures inside must fit too.
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        width = page.evaluate("document.documentElement.scrollWidth")
        wide = page.evaluate(
            """(w) => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > w + 1)
                .slice(0, 3).map(e => e.tagName + '.' + e.className)""",
            viewport["width"],
        )
        assert width <= viewport["width"], f"{name} at {size}: page {width} px wide ({wide})"
        smallest = page.evaluate(
            """() => Math.min(99, ...[...document.querySelectorAll('.picture svg.chart text')]
                .filter(t => t.getClientRects().length)
                .map(t => t.getBoundingClientRect().height))"""
        )
        assert smallest >= 10, f"{name} at {size}: text {smallest:.1f} px high"
        if name == "interfaces":  # node numbers of the map: 12 px at least
            numbers = page.evaluate(
                """() => Math.min(...[...document.querySelectorAll('svg.graph .node-num')]
                    .map(t => t.getBoundingClientRect().height))"""
            )
            assert numbers >= 12, f"map numbers {numbers:.1f} px high at {size}"
        if SHOTS:
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = false)")
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{SHOTS}/{name}-{size}.png", full_page=True)
    context.close()
