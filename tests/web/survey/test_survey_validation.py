"""Validation: errors tied to their fields, N/A, the interface block, ranking without JavaScript."""

from __future__ import annotations

from django.test import Client
from survey_helpers import Org, answers_for, make_token

from eclaire.web.organizations.models import Unit
from eclaire.web.survey.access import resolve_token
from eclaire.web.survey.flow import load_survey


def _walk_to(client: Client, token: str, kind: str, **kw: object) -> str:
    n = 1
    while True:
        url = f"/s/{token}/p/{n}/"
        page = client.get(url)
        if page.context["section"].kind == kind:
            return url
        client.post(url, answers_for(page.context, **kw))  # type: ignore[arg-type]
        n += 1


def test_missing_answers_show_a_summary_linked_to_fields_described_and_invalid(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    page = Client().post(f"/s/{token}/p/1/", {"nav": "next", "CR1": "3"})
    html = page.content.decode()
    assert page.status_code == 200 and page.context["errors"]
    assert '<div class="errsum" role="alert"' in html and 'href="#q1-0"' in html
    assert '<fieldset class="q bad" aria-describedby="q1-e"><legend>' in html
    assert 'id="q1-e"' in html and 'id="q1-0" name="CR2" value="1" aria-invalid="true"' in html
    assert 'name="CR1" value="3" checked' in html  # what was answered is kept on screen
    assert "<title>Erreur\u00a0:" in html or "<title>Error:" in html


def test_not_applicable_is_stored_as_na(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    client = Client()
    url = f"/s/{token}/p/3/"
    for n in (1, 2):
        page = client.get(f"/s/{token}/p/{n}/")
        client.post(f"/s/{token}/p/{n}/", answers_for(page.context))
    client.post(url, {"nav": "next", "CC1": "4", "CC2": "NA", "CC3": "2"})
    access = resolve_token(token)
    assert access is not None
    assert load_survey(access).draft.answers["CC2"] == "NA"


def test_interface_block_enforces_max_units_and_never_offers_own_unit(org: Org) -> None:
    for i in range(4):
        Unit.objects.create(
            organization=org.campaign.organization,
            code=f"X{i}",
            name=f"Atelier {i}",
            parent=org.direction,
            function="production",
            site_kind="field",
        )
    token = make_token(org.campaign, org.members[0])
    client = Client()
    url = _walk_to(client, token, "pick")
    page = client.get(url)
    offered = [o.value for _t, opts in page.context["questions"][0].groups for o in opts]
    assert "VTE" not in offered and {"DG", "LOG", "ADV"} <= set(offered)
    too_many = client.post(url, {"nav": "next", "units": ["LOG", "ADV", "DG", "X0", "X1", "X2"]})
    assert too_many.status_code == 200
    assert "5" in too_many.context["questions"][0].error
    assert [q.name for q in too_many.context["errors"]] == ["units"]
    ok = client.post(url, {"nav": "next", "units": ["LOG", "X0"]})
    assert ok.status_code == 303
    assert client.get(ok["Location"]).context["section"].unit.code == "LOG"


def test_own_unit_posted_anyway_is_refused(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    client = Client()
    url = _walk_to(client, token, "pick")
    assert client.post(url, {"nav": "next", "units": ["VTE"]}).status_code == 200


def test_ranking_without_javascript_refuses_duplicate_ranks(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    client = Client()
    url = _walk_to(client, token, "ranking", units=[])
    dup = client.post(
        url,
        {"nav": "next", "rank:customer_satisfaction": "1", "rank:margin": "1", "rank:quality": "2"},
    )
    assert dup.status_code == 200
    errors = {q.name for q in dup.context["errors"]}
    assert errors == {"rank:customer_satisfaction", "rank:margin"}
    html = dup.content.decode()
    assert 'aria-describedby="r0-e" aria-invalid="true"' in html
    skipped = client.post(url, {"nav": "next"})  # no rank at all: skipping is allowed
    assert skipped.status_code == 303


def test_free_text_is_limited_and_reminds_not_to_name_anyone(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    client = Client()
    url = _walk_to(client, token, "texts", units=[])
    page = client.get(url)
    assert 'maxlength="1000"' in page.content.decode() and page.context["section"].kind == "texts"
    assert b'class="note"' in page.content
    data = answers_for(page.context)
    data[next(k for k in data if k.startswith("text:"))] = "x" * 1001
    assert client.post(url, data).status_code == 200


def test_a_page_checked_again_and_again_keeps_each_sends_errors_and_language(org: Org) -> None:
    """The fields of a page are shared by the forms of every request (survey.forms): what one
    send got wrong, and the language it was told in, never reach another."""
    first, second = (make_token(org.campaign, m) for m in org.members[:2])
    french, english = Client(), Client()
    english.cookies["django_language"] = "en"
    wrong = french.post(f"/s/{first}/p/1/", {"nav": "next", "CR1": "3"})
    assert "Choisissez une réponse." in wrong.content.decode()
    right = english.post(f"/s/{second}/p/1/", answers_for(english.get(f"/s/{second}/p/1/").context))
    assert right.status_code == 303
    again = english.post(f"/s/{second}/p/1/", {"nav": "next", "CR2": "9"})
    html = again.content.decode()
    assert "Choose an answer." in html and "Choisissez" not in html
    assert 'name="CR1" value="3" checked' not in html  # nothing of the other send
    every = {q.name for q in again.context["questions"]}
    assert {q.name for q in again.context["errors"]} == every  # CR2 out of range, others missing
