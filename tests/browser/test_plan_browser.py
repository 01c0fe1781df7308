"""The action plan in a real Chromium: accept a recommendation, then no serious or critical
axe-core violation on the plan, action and lever-settings pages (coach and manager)."""

from __future__ import annotations

from typing import Any

import pytest
from test_results_pages import _axe, _context, demo  # noqa: F401 (demo: the shared fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _plan(demo: dict[str, Any]) -> str:  # noqa: F811
    return demo["base"].replace("/results/", "/plan/")


def test_coach_accepts_a_recommendation_and_the_pages_pass_axe(browser: Any, demo: dict[str, Any]):  # noqa: F811
    context = _context(browser, demo, "coach", bypass_csp=True)
    page = context.new_page()
    page.goto(_plan(demo))
    problems = _axe(page)
    page.locator("form.decide button[value=accept]").first.click()
    page.wait_for_load_state()
    assert "/plan/" in page.url and page.locator("h1").count() == 1
    problems += _axe(page)
    page.goto(demo["live"] + "/o/" + demo["base"].split("/o/")[1].split("/")[0] + "/levers/")
    problems += _axe(page)
    context.close()
    assert not problems, "\n".join(problems)


def test_manager_plan_page_passes_axe(browser: Any, demo: dict[str, Any]):  # noqa: F811
    context = _context(browser, demo, "manager", bypass_csp=True)
    page = context.new_page()
    response = page.goto(_plan(demo))
    assert response is not None and response.status == 200
    problems = _axe(page)
    context.close()
    assert not problems, "\n".join(problems)
