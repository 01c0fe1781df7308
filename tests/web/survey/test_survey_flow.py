"""A respondent completes the survey with a personal link or a one-time code, and resumes."""

from __future__ import annotations

from django.test import Client
from survey_helpers import Org, complete, make_code, make_token

from eclaire.web.collection.models import AccessCode, Invitation
from eclaire.web.responses.models import Response
from eclaire.web.survey.models import Draft


def test_personal_link_completes_survey_and_stores_one_anonymous_response(org: Org) -> None:
    token = make_token(org.campaign, org.members[2])
    client = Client()
    welcome = client.get(f"/s/{token}/")
    assert welcome.status_code == 200
    review = complete(client, f"/s/{token}/p/1/", units=["LOG", "ADV"])
    sent = client.post(review)
    assert sent.status_code == 303 and sent["Location"] == "/s/done/"
    response = Response.objects.get()
    assert response.unit == org.sales and not response.is_self
    assert response.answers["CR1"] == 4
    assert response.answers["if:LOG:IF_INFO"] == 4 and response.answers["if:ADV:IF_TRUST"] == 4
    assert {response.answers[f"rank:{c}"] for c in org.campaign.declared_priorities} == {1, 2, 3}
    assert response.answers["text:FIRST_CONVERSATION"].startswith("Un service")
    assert Invitation.objects.get().finished
    assert not Draft.objects.exists()


def test_code_completes_survey_with_segment_questions(org: Org) -> None:
    code = make_code(org.campaign, org.sales)
    client = Client()
    entry = client.get("/u/poster-vte/")
    nonce = entry.context["nonce"]
    started = client.post("/u/poster-vte/", {"code": code.lower().replace("-", ""), "nonce": nonce})
    assert started.status_code == 303
    page = client.get(started["Location"])
    assert page.context["section"].kind == "about"
    client.post(
        started["Location"],
        {"nav": "next", "tenure_band": "1to3y", "contract": "permanent", "customer_facing": "yes"},
    )
    review = complete(client, "/u/poster-vte/p/2/")
    assert client.post(review).status_code == 303
    response = Response.objects.get()
    assert response.tenure_band == "1to3y" and response.contract == "permanent"
    assert response.customer_facing is True and response.role == ""
    assert AccessCode.objects.get().used


def test_review_links_every_page_and_counts_the_answers_a_page_lacks(org: Org) -> None:
    token = make_token(org.campaign, org.members[2])
    client = Client()
    review = complete(client, f"/s/{token}/p/1/")
    page1 = client.get(f"/s/{token}/p/1/")
    first = page1.context["questions"][0]
    kept = {"section": page1.context["section"].key, "nav": "back", first.name: "4"}
    assert client.post(f"/s/{token}/p/1/", kept).status_code == 303  # the other answers dropped
    lacking = len(page1.context["questions"]) - 1
    html = client.get(review, HTTP_COOKIE="django_language=en").content.decode()
    assert f'<li><a href="/s/{token}/p/1/">' in html
    assert f"<strong>{lacking} answers missing</strong>" in html
    assert html.count(f'<a href="/s/{token}/p/') == html.count("<li>")
    assert html.count("done</li>") == html.count("<li>") - 1
