"""By links alone, from the first page after login, a coach reaches every page of the cycle."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from tests.web.crawl import crawl

from eclaire.web.accounts.models import Membership
from eclaire.web.campaigns.menu import campaign_menu

ResultsWorld = Any  # the ``world`` fixture of conftest.py


def _c(name: str, **kw: str) -> str:
    return reverse(name, kwargs={"slug": "acme", "campaign_slug": "w1", **kw})


def test_coach_reaches_every_page_of_the_cycle_by_links(world: ResultsWorld):
    client = world.clients["coach"]
    # The PDF is rendered by Chromium: found by link, checked elsewhere (test_report_downloads).
    seen = crawl(client, "/", skip=("/report/pdf/",))
    assert len(seen.pages) > 30 and len(seen.files) >= 16
    broken = {p: s for p, s in seen.status.items() if s >= 400}
    assert not broken, {p: (s, seen.found_from[p]) for p, s in broken.items()}

    membership = Membership.objects.get(user=world.coach)
    menu = [i for g in campaign_menu(world.campaign, membership, "") for i in g.items]
    assert len(menu) >= 16
    for item in menu:
        assert item.url.split("#")[0] in seen.pages, item.key

    for lang in ("fr", "en"):
        html = f"/o/acme/c/w1/report/html/?lang={lang}"
        assert html in seen.files and seen.files[html].startswith(b"<!DOCTYPE html>")
        assert f"/o/acme/c/w1/report/pdf/?lang={lang}" in seen.found_from
    assert _c("comments:campaign") in seen.pages
    assert reverse("accounts:invite", kwargs={"slug": "acme"}) in seen.pages
    assert reverse("notifications:preferences") in seen.pages
    # The set-up and the next wave, by links too.
    assert reverse("organization_new") in seen.pages
    for kind in ("units", "roster"):
        assert reverse(f"uploads:{kind}", kwargs={"slug": "acme"}) in seen.pages
    assert any(p.startswith(reverse("collection:campaign_new", args=["acme"])) for p in seen.pages)
    exports = [p for p in seen.files if "/results/export/" in p]
    assert {p.rsplit("/", 1)[1] for p in exports} >= {
        f"{t}.{f}"
        for t in ("heatmap", "symptoms", "units", "interfaces", "gaps", "priorities", "plan")
        for f in ("csv", "xlsx")
    }
    # Every campaign page carries the breadcrumbs and the same menu.
    for path, html in seen.pages.items():
        if path.startswith("/o/acme/c/w1/"):
            assert 'class="crumbs"' in html and 'class="campaign-menu menu-wide"' in html, path


def test_manager_menu_offers_only_what_a_manager_may_open(world: ResultsWorld):
    seen = crawl(world.clients["manager"], "/", skip=("/report/pdf/",))
    assert not {p: s for p, s in seen.status.items() if s >= 400}
    assert _c("results:overview") in seen.pages
    assert _c("collection:campaign") not in seen.found_from
    assert reverse("accounts:invite", kwargs={"slug": "acme"}) not in seen.found_from
    assert _c("notifications:campaign") not in seen.found_from
