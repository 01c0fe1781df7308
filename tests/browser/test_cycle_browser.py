"""The whole cycle of a wave in a real Chromium, by links and forms only after typing the login
address: open a campaign, send the invitations and print one-time codes, answer as respondents
(personal links from the e-mails, codes from the printed sheet), close, let the task worker
compute the results as the product does, read the overview, download the report and an export,
accept a recommendation, open the next wave; then the manager does not see the recommendation
about themself that the coach holds back by default.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "a long password 123"
DESK = {"width": 1366, "height": 900}
KEY = "individual_coaching:VTE"  # the recommendation about the manager of the sales team
HELD = f"form.visibility input[name=key][value='{KEY}']"
LINK = re.compile(r"https?://\S+/s/[\w-]+/")

# The radio button each respondent picks (0 = the first) on the team questions and on the
# manager's self-assessment: the sales team rates low (not all alike), its manager rates themself
# at the top, logistics sits in between.
FILL = """([level, selfLevel]) => {
  document.querySelectorAll('main form > fieldset.q').forEach((set) => {
    const radios = set.querySelectorAll('input[type=radio]');
    if (!radios.length) return;
    const at = radios[0].name.startsWith('self:') ? selfLevel : level;
    radios[Math.min(at, radios.length - 1)].checked = true;
  });
  document.querySelectorAll('input[type=checkbox]').forEach((box, i) => { box.checked = i < 2; });
  document.querySelectorAll('.rank select').forEach((sel, i) => { sel.selectedIndex = i + 1; });
  document.querySelectorAll('textarea').forEach((area) => { area.value = 'Les délais.'; });
}"""


@pytest.fixture
def world(transactional_db: Any) -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from eclaire.web.accounts.models import Membership
    from eclaire.web.campaigns.models import Campaign
    from eclaire.web.campaigns.services import do_register_instrument
    from eclaire.web.organizations.models import Organization, Person, Unit

    acme = Organization.objects.create(slug="acme", name="Acme")

    def unit(code: str, name: str, function: str, parent: Any = None) -> Any:
        return Unit.objects.create(
            organization=acme,
            code=code,
            name=name,
            parent=parent,
            function=function,
            site_kind="mixed",
        )

    top = unit("DG", "Direction", "management")
    sales = unit("VTE", "Ventes", "sales", top)
    unit("LOG", "Logistique", "logistics", top)
    Person.objects.create(
        organization=acme, code="m0", unit=sales, role="manager", email="m0@acme.test"
    )
    for i in range(5):
        Person.objects.create(organization=acme, code=f"v{i}", unit=sales, email=f"v{i}@acme.test")
    Campaign.objects.create(
        organization=acme,
        slug="w1",
        name="Vague 1",
        instrument=do_register_instrument("coherence"),
        declared_priorities=["customer_satisfaction", "margin", "quality"],
    )
    users = get_user_model().objects
    coach = users.create_user(username="coach@acme.test", password=PASSWORD, is_staff=True)
    Membership.objects.create(user=coach, organization=acme, role="coach")
    manager = users.create_user(username="m0@acme.test", password=PASSWORD)
    Membership.objects.create(user=manager, organization=acme, role="manager", unit=sales)
    return {"coach": coach, "manager": manager}


def _log_in(page: Any, who: str) -> None:
    page.fill("#id_username", who)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def _answer(page: Any, levels: tuple[int, int]) -> None:
    """From the first survey page to the thank-you page, every page filled at ``levels``."""
    for _ in range(60):
        if "/review/" in page.url:
            break
        page.evaluate(FILL, levels)
        page.locator(".nav button[value=next]").click()
        page.wait_for_load_state()
    page.locator("form.send button").click()
    page.wait_for_url("**/s/done/")


def _download(page: Any, link: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.locator(link).first.click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def test_a_whole_wave_by_links_only(
    browser: Any, live_server: Any, world: dict[str, Any], tmp_path: Path
):
    from django.core import mail
    from django.core.management import call_command

    from eclaire.web.campaigns.models import Campaign
    from eclaire.web.plans.models import Action
    from eclaire.web.responses.models import Response

    context = browser.new_context(locale="fr-FR", viewport=DESK, accept_downloads=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")  # the only address typed by the coach
    _log_in(page, world["coach"].username)
    page.get_by_role("link", name="Acme").first.click()
    page.get_by_role("link", name="Vague 1", exact=True).first.click()
    page.get_by_role("button", name="Ouvrir la campagne").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Envoyer les invitations").click()
    page.wait_for_load_state()
    links = {m.to[0]: LINK.search(m.body).group(0) for m in mail.outbox}  # type: ignore[union-attr]
    assert len(links) == 6, sorted(links)

    # Logistics has no e-mail addresses: the coach prints one-time codes for it.
    page.fill("input[id^=count-]:near(:text('Logistique'))", "5")
    page.locator("tr", has_text="Logistique").get_by_role("button", name="Imprimer").click()
    page.wait_for_load_state()
    entry = page.locator("p.url").first.inner_text().strip()
    codes = [c.strip() for c in page.locator("p.code").all_inner_texts()]
    assert len(codes) == 5 and entry.startswith(live_server.url)
    page.get_by_role("link", name="Retour à la campagne").click()

    # Respondents, each in a browser of their own, through the pages of the survey.
    for address, link in links.items():
        person = browser.new_context(locale="fr-FR")
        respondent = person.new_page()
        respondent.goto(link)
        respondent.locator("a.btn").click()
        _answer(respondent, (1, 4) if address.startswith("m0") else (int(address[1]) % 2, 0))
        person.close()
    for code in codes:
        person = browser.new_context(locale="fr-FR")
        respondent = person.new_page()
        respondent.goto(entry)
        respondent.get_by_label("Votre code").fill(code)
        respondent.get_by_role("button", name="Commencer").click()
        _answer(respondent, (2, 0))
        person.close()

    page.get_by_role("button", name="Clore la campagne").click()
    page.wait_for_load_state()
    assert Response.objects.filter(is_self=False).count() == 11  # held-back batches written
    call_command("db_worker", "--batch")  # the worker the product runs beside the web server
    page.get_by_role("link", name="Lire les résultats").click()
    assert page.locator("[role=status]").count() == 0, page.locator("[role=status]").inner_text()

    name, body = _download(page, ".report-buttons a[href*='/html/'][hreflang=fr]")
    assert name.endswith(".html") and b"Acme" in body and b"Ventes" in body
    name, body = _download(page, ".report-buttons a[href*='/pdf/'][hreflang=fr]")
    assert name.endswith(".pdf") and body.startswith(b"%PDF")

    page.get_by_role("link", name="Unités × dimensions").first.click()
    name, body = _download(page, ".downloads a[href$='.csv']")
    text = body.decode("utf-8-sig")
    assert name.endswith(".csv") and "Ventes" in text and "Logistique" in text

    page.get_by_role("link", name="Plan d’action").first.click()
    about_manager = page.locator("li.recommendation").filter(has=page.locator(HELD))
    assert about_manager.count() == 1, page.locator("main").inner_text()
    lever = about_manager.locator("strong").first.inner_text()
    assert about_manager.get_by_role("button", name="Montrer au manager").count() == 1
    about_manager.locator("form.decide button[value=accept]").click()
    page.wait_for_load_state()
    assert Action.objects.get().key == KEY
    assert lever in page.locator("main").inner_text()  # the coach still reads it

    page.get_by_role("link", name="Réglages de la campagne").first.click()
    page.get_by_role("link", name="Nouvelle vague").click()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    first = Campaign.objects.get(slug="w1")
    assert Campaign.objects.exclude(pk=first.pk).get().previous == first
    context.close()

    context = browser.new_context(locale="fr-FR", viewport=DESK)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    _log_in(page, world["manager"].username)
    page.get_by_role("link", name="Acme").first.click()
    page.get_by_role("link", name="Résultats · Vague 1", exact=True).first.click()
    page.get_by_role("link", name="Plan d’action").first.click()
    assert page.locator("h1").count() == 1 and lever not in page.locator("main").inner_text()
    page.get_by_role("link", name="Vue d’ensemble").first.click()
    assert "Ventes" in page.locator("main").inner_text()
    assert lever not in page.locator("main").inner_text()
    context.close()
