"""The heatmap of the demo with a population chosen, in a real Chromium, on a phone and a laptop:
the departments' rows under the organization's, and the note on those not shown."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from tests.browser.test_results_pages import _context, demo  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZES = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 900}}
SHOTS = os.environ.get("ECLAIRE_SCREENSHOTS")
"""A folder to save the screenshots in (to look at them), or unset."""


def _segment_rows(page: Any, panel: str = "symptoms") -> list[str]:
    return page.locator(f"#panel-{panel} ~ div tr.segment th").all_inner_texts()


@pytest.mark.parametrize("size", SIZES)
def test_heatmap_shows_department_rows_of_a_population(
    browser: Any,
    demo: dict[str, Any],  # noqa: F811
    size: str,
):
    context = _context(browser, demo, "coach", viewport=SIZES[size])
    page = context.new_page()
    page.goto(demo["base"] + "heatmap/?segment=newcomers")
    names = _segment_rows(page)
    assert names[0].startswith("Les nouveaux arrivants") and "organisation" in names[0]
    departments = [n for n in names[2:] if " · " in n]
    assert any(n.startswith("Direction commerciale · ") for n in departments), names
    assert len(departments) % 2 == 0 and len(departments) >= 4
    assert page.locator(".segment-note").count() == 1
    # the demo's root has a manager's family rows: departments are not cut on clarity and
    # pillars, and their rows are left out of that panel
    assert len(_segment_rows(page, "pillars")) == 2
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"heatmap-newcomers-{size}.png"), full_page=True)
    page.goto(demo["base"] + "heatmap/?segment=field")
    field = [n for n in _segment_rows(page)[2:] if " · " in n]
    # the demo's departments are each all field or all head office (mixed sites count as
    # unknown): no department is cut, and none is said to be hidden
    assert field == [] and page.locator(".segment-note").count() == 0
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"heatmap-field-{size}.png"), full_page=True)
    context.close()
