"""The external-mirror page in a real Chromium, on a phone and a laptop: no page overflow, axe-core
clean, no console error, the echo above the tables, light HTML; managers do not see it."""

from __future__ import annotations

from typing import Any

import pytest
from test_results_pages import _axe, _console, _context, demo  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZES = ({"width": 390, "height": 844}, {"width": 1366, "height": 900})


def test_mirror_page_reads_on_phone_and_laptop(browser: Any, demo: dict[str, Any]) -> None:  # noqa: F811
    context = _context(browser, demo, "coach", bypass_csp=False)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: _console(m, page.url, errors))
    url = demo["base"] + "mirror/"
    for size in SIZES:
        page.set_viewport_size(size)
        response = page.goto(url)
        assert response is not None and response.status == 200
        assert len(response.body()) < 150_000
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= size["width"], f"page overflows at {size['width']} px: {width}"
        assert "médiation" in page.locator("#echo-title + ol").inner_text()
    context.close()
    assert not errors, "\n".join(errors)


def test_mirror_page_passes_axe_and_is_for_organizers(browser: Any, demo: dict[str, Any]) -> None:  # noqa: F811
    context = _context(browser, demo, "coach", bypass_csp=True)
    page = context.new_page()
    problems: list[str] = []
    for size in SIZES:
        page.set_viewport_size(size)
        page.goto(demo["base"] + "mirror/")
        problems += _axe(page)
    context.close()
    assert not problems, "\n".join(problems)
    manager = _context(browser, demo, "manager")
    response = manager.new_page().goto(demo["base"] + "mirror/")
    assert response is not None and response.status == 404
    manager.close()
