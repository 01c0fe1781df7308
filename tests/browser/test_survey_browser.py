"""A respondent in real Chromium, on a phone-sized screen, with and without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest
from browser_helpers import AXE, PHONE, Org, answer_all, code_for, fill_page, token_for

pytestmark = pytest.mark.browser


def _context(browser: Any, *, js: bool = True, **kw: Any) -> Any:
    return browser.new_context(viewport=PHONE, java_script_enabled=js, locale="fr-FR", **kw)


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_respondent_completes_survey_on_a_phone(
    browser: Any, live_server: Any, org: Org, lang: str, js: bool
) -> None:
    from eclaire.web.responses.models import Response

    token = token_for(org, org.members[0])
    context = _context(browser, js=js)
    page = context.new_page()
    page.goto(f"{live_server.url}/s/{token}/")
    if lang == "en":
        page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == lang
    page.locator("a.btn").click()
    page.wait_for_url("**/p/1/")
    page.wait_for_load_state()  # the URL changes before the page is parsed
    assert page.locator("progress").count() == 1
    answer_all(page)
    page.locator("form.send button").click()
    page.wait_for_url("**/s/done/")
    assert page.locator("h1").inner_text() == ("Merci" if lang == "fr" else "Thank you")
    assert Response.objects.count() == 1
    context.close()


def test_code_respondent_completes_survey_without_javascript(
    browser: Any, live_server: Any, org: Org
) -> None:
    from eclaire.web.responses.models import Response

    code = code_for(org)
    context = _context(browser, js=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/u/poster-vte/")
    page.get_by_label("Votre code").fill(code.lower())
    page.get_by_role("button", name="Commencer").click()
    assert page.get_by_text("À propos de vous").count() == 1
    answer_all(page)
    page.locator("form.send button").click()
    page.wait_for_url("**/s/done/")
    assert Response.objects.count() == 1
    context.close()


def test_resume_after_closing_the_browser(browser: Any, live_server: Any, org: Org) -> None:
    token = token_for(org, org.members[1])
    first = _context(browser)
    page = first.new_page()
    page.goto(f"{live_server.url}/s/{token}/p/1/")
    page.locator("fieldset.q input[type=radio]").nth(1).check()
    for fieldset in page.locator("fieldset.q").all()[1:]:
        fieldset.locator("input[type=radio]").first.check()
    page.locator(".nav button[value=next]").click()
    first.close()
    later = _context(browser)
    page = later.new_page()
    page.goto(f"{live_server.url}/s/{token}/")
    page.get_by_role("link", name="Reprendre là où vous en étiez").click()
    assert page.url.endswith("/p/2/")
    page.get_by_role("button", name="Page précédente").click()
    assert page.locator("fieldset.q input[type=radio]").nth(1).is_checked()
    later.close()


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_double_submit_stores_one_response(
    browser: Any, live_server: Any, org: Org, js: bool
) -> None:
    from eclaire.web.responses.models import Response

    token = token_for(org, org.members[2])
    context = _context(browser, js=js)
    page = context.new_page()
    page.goto(f"{live_server.url}/s/{token}/p/1/")
    answer_all(page)
    review = page.url
    page.locator("form.send button").dblclick()
    page.wait_for_url("**/s/done/")
    page.goto(review)  # back to the review page: the link is spent, nothing to send again
    assert page.locator("form.send").count() == 0
    replay = context.request.post(review)  # the same POST replayed
    assert replay.status == 404
    assert Response.objects.count() == 1
    context.close()


def _axe(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{page.url}: {v['id']} ({v['impact']}) {v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_every_page_type_has_no_serious_accessibility_violation(
    browser: Any, live_server: Any, org: Org
) -> None:
    token = token_for(org, org.manager)
    context = _context(browser, bypass_csp=True)  # axe is injected as an inline script
    page = context.new_page()
    problems: list[str] = []
    seen: set[str] = set()
    page.goto(f"{live_server.url}/s/{token}/")
    problems += _axe(page)
    page.locator("a.btn").click()
    page.locator(".nav button[value=next]").click()  # nothing answered: the error state
    problems += _axe(page)
    for _ in range(60):
        if "/review/" in page.url:
            break
        kind = page.locator("h1").inner_text().split(":")[0]
        if kind not in seen:
            seen.add(kind)
            problems += _axe(page)
        fill_page(page)
        page.locator(".nav button[value=next]").click()
    problems += _axe(page)  # review
    page.locator("form.send button").click()
    problems += _axe(page)  # thanks
    page.goto(f"{live_server.url}/s/{token}/")
    problems += _axe(page)  # plain page
    page.goto(f"{live_server.url}/u/poster-vte/")
    problems += _axe(page)
    page.get_by_role("button", name="Commencer").click()  # empty code: the error state
    problems += _axe(page)
    code = code_for(org)
    page.get_by_label("Votre code").fill(code)
    page.get_by_role("button", name="Commencer").click()
    problems += _axe(page)  # about you
    assert not problems, "\n".join(problems)
    context.close()
