"""A real Chromium for the browser tests, and a small organization to answer for.

Without /usr/bin/chromium or axe-core the tests are skipped on a laptop, and fail loudly in CI
(the environment variable CI is set). Install: ``apt-get install chromium`` and
``npm ci --prefix tests/browser``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import AXE, PHONE, Org  # noqa: F401 (PHONE: re-exported for other browser tests)

# Playwright's sync API runs an event loop in the test thread; the ORM calls of the tests are
# still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found: apt-get install chromium"
    if not AXE.exists():
        return f"{AXE} not found: npm ci --prefix tests/browser"
    return None


@pytest.fixture(autouse=True)
def _responses_written_at_once(settings: Any) -> None:
    """As in ``tests/web/conftest.py``: the live server writes each response at its submit, so
    a test can read it at once (the batches of k are tested in ``web/survey``)."""
    settings.ECLAIRE_RESPONSE_BATCH = 1


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    problem = _missing()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {problem}")
        pytest.skip(problem)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def org(transactional_db: Any) -> Org:
    from eclaire.web.campaigns.models import Campaign, CampaignStatus
    from eclaire.web.campaigns.services import do_register_instrument
    from eclaire.web.collection.models import UnitEntry
    from eclaire.web.organizations.models import Organization, Person, Unit

    acme = Organization.objects.create(slug="acme", name="Acme")

    def unit(code: str, name: str, parent: Any = None) -> Any:
        return Unit.objects.create(
            organization=acme,
            code=code,
            name=name,
            parent=parent,
            function="other",
            site_kind="mixed",
        )

    direction = unit("DG", "Direction")
    sales = unit("VTE", "Ventes", direction)
    unit("LOG", "Logistique", direction)
    unit("ADV", "Administration des ventes", direction)
    campaign = Campaign.objects.create(
        organization=acme,
        slug="w1",
        name="Vague 1",
        instrument=do_register_instrument("coherence"),
        status=CampaignStatus.OPEN,
        declared_priorities=["customer_satisfaction", "margin", "quality"],
    )
    manager = Person.objects.create(organization=acme, code="m0", unit=sales, role="manager")
    members = [Person.objects.create(organization=acme, code=f"p{i}", unit=sales) for i in range(6)]
    UnitEntry.objects.create(campaign=campaign, unit=sales, key="poster-vte")
    return Org(campaign, sales, manager, members)
