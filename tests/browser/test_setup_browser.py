"""Setting up an organization in a real Chromium, by links only after logging in: create the
organization, upload a units file with an error, correct it, confirm, upload the roster, run a
first campaign, then open the next wave linked to it. Every new page passes axe-core and has no
horizontal overflow on a phone.

Set ECLAIRE_SCREENSHOTS=/some/dir to keep a screenshot of each page at 390×844 and 1366×900.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import AXE

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SIZES = {"phone": {"width": 390, "height": 844}, "desk": {"width": 1366, "height": 900}}
UNITS_BAD = (
    "unit_id,name,parent_id,function,site_kind\n"
    "DG,Direction,,management,head_office\n"
    "VTE,Ventes,DG,salez,field\n"  # unknown function
    "ADV,Administration des ventes,DG,sales_admin,head_office\n"
)
UNITS_GOOD = UNITS_BAD.replace("salez", "sales")


def _roster_xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "roster"
    sheet.append(["person_id", "email", "unit_id", "role", "language"])
    sheet.append(["m1", "m1@acme.test", "VTE", "manager", "fr"])
    for i in range(7):
        sheet.append([f"v{i}", f"v{i}@acme.test", "VTE", "member", "fr"])
    for i in range(6):
        sheet.append([f"a{i}", f"a{i}@acme.test", "ADV", "member", "en"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def coach(transactional_db: Any) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(
        username="coach@eclaire.test", password="a long password 123", is_staff=True
    )


class Checks:
    """axe-core and overflow on every page visited; screenshots when asked."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.problems: list[str] = []
        self.shots = os.environ.get("ECLAIRE_SCREENSHOTS")

    def look(self, name: str) -> None:
        page = self.page
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        self.problems += [
            f"{name}: {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        for size_name, size in SIZES.items():
            page.set_viewport_size(size)
            wide = page.evaluate("document.documentElement.scrollWidth")
            if size_name == "phone" and wide > size["width"]:
                self.problems.append(f"{name}: {wide}px wide at {size['width']}px")
            if self.shots:
                Path(self.shots).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=f"{self.shots}/{name}-{size_name}.png", full_page=True)
        page.set_viewport_size(SIZES["desk"])


def _upload(page: Any, name: str, data: bytes, mime: str) -> None:
    page.set_input_files("input[type=file]", {"name": name, "mimeType": mime, "buffer": data})
    page.locator("main form[enctype] button[type=submit]").click()
    page.wait_for_load_state()


def test_coach_sets_up_an_organization_by_links(browser: Any, live_server: Any, coach: Any):
    from eclaire.web.campaigns.models import Campaign
    from eclaire.web.organizations.models import Person, Unit

    context = browser.new_context(locale="fr-FR", bypass_csp=True, viewport=SIZES["desk"])
    page = context.new_page()
    checks = Checks(page)
    page.goto(f"{live_server.url}/accounts/login/")  # the only address typed
    page.fill("#id_username", coach.username)
    page.fill("#id_password", "a long password 123")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()

    page.get_by_role("link", name="Créer une organisation").click()
    checks.look("organization-new")
    page.fill("#id_name", "Acme Test")
    page.get_by_role("button", name="Créer l’organisation").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Acme Test"

    page.get_by_role("link", name="Importer les unités").click()
    checks.look("units-upload")
    _upload(page, "units.csv", UNITS_BAD.encode(), "text/csv")
    problems = page.locator("table.problems tbody tr")
    assert problems.count() == 1
    assert "salez" in problems.first.inner_text() and "function" in problems.first.inner_text()
    checks.look("units-problems")
    assert not Unit.objects.filter(organization__slug="acme-test").exists()

    _upload(page, "units.csv", UNITS_GOOD.encode(), "text/csv")
    assert page.locator("table.tree tbody tr").count() == 3
    checks.look("units-preview")
    assert not Unit.objects.filter(organization__slug="acme-test").exists()
    page.get_by_role("button", name="Confirmer l’import").click()
    page.wait_for_load_state()
    assert Unit.objects.filter(organization__slug="acme-test").count() == 3
    checks.look("organization")

    page.get_by_role("link", name="Importer l’effectif").click()
    _upload(page, "roster.xlsx", _roster_xlsx(), XLSX)
    checks.look("roster-preview")
    page.get_by_role("button", name="Confirmer l’import").click()
    page.wait_for_load_state()
    assert Person.objects.filter(organization__slug="acme-test").count() == 14

    page.locator("a[href$='/units/ADV/edit/']").click()
    checks.look("unit-edit")
    page.fill("#id_name", "ADV Lyon")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state()
    assert Unit.objects.get(organization__slug="acme-test", code="ADV").name == "ADV Lyon"

    # a first campaign, opened then closed, so that the next one has a previous wave
    page.get_by_role("link", name="Nouvelle campagne").click()
    assert page.locator("#id_previous option").count() == 1  # only "none": nothing closed yet
    page.fill("#id_name", "Vague 1")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Ouvrir la campagne").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Clore la campagne").click()
    page.wait_for_load_state()

    page.get_by_role("link", name="Nouvelle vague").click()
    checks.look("campaign-new-wave")
    first = Campaign.objects.get(organization__slug="acme-test", name="Vague 1")
    assert page.locator("#id_previous").input_value() == str(first.pk)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    second = Campaign.objects.exclude(pk=first.pk).get(organization__slug="acme-test")
    assert second.previous == first and second.name == "Vague 1 · vague suivante"

    page.locator("a.brand").click()
    page.get_by_role("link", name="Acme Test").click()
    waves = page.locator("main table").first.locator("tbody tr")
    assert waves.count() == 2
    checks.look("organization-waves")

    response = page.goto(f"{live_server.url}/o/acme-test/nowhere/")
    assert response is not None and response.status == 404
    checks.look("error-404")
    context.close()
    assert not checks.problems, "\n".join(checks.problems)
