"""Submission counts once; closed, used and unknown secrets look the same; guessing is limited."""

from __future__ import annotations

import re

from django.test import Client
from survey_helpers import Org, answers_for, complete, make_code, make_token

from eclaire.web.campaigns.models import CampaignStatus
from eclaire.web.collection.models import Invitation
from eclaire.web.responses.models import Response
from eclaire.web.survey import ratelimit
from eclaire.web.survey.access import resolve_token
from eclaire.web.survey.flow import load_survey
from eclaire.web.survey.models import Draft, Pending
from eclaire.web.survey.services import Submitted, do_submit


def test_submit_replayed_three_times_stores_exactly_one_response(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    client = Client()
    review = complete(client, f"/s/{token}/p/1/")
    statuses = [client.post(review).status_code for _ in range(3)]
    assert statuses == [303, 404, 404]
    assert Response.objects.count() == 1
    assert Invitation.objects.get().finished


def test_response_holds_no_secret_person_or_time(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    client = Client()
    client.post(complete(client, f"/s/{token}/p/1/"))
    fields = {f.name for f in Response._meta.get_fields()}
    assert fields == {
        "id",
        "campaign",
        "unit",
        "role",
        "tenure_band",
        "contract",
        "customer_facing",
        "is_self",
        "answers",
    }
    stored = Response.objects.values()[0]
    assert token not in str(stored) and Invitation.objects.get().token_hash not in str(stored)


def test_manager_answers_team_survey_then_optional_self_assessment(org: Org) -> None:
    token = make_token(org.campaign, org.manager)
    client = Client()
    welcome = client.get(f"/s/{token}/")
    assert welcome.context["survey"].access.is_manager
    review = complete(client, f"/s/{token}/p/1/")
    assert client.post(review).status_code == 303
    team = Response.objects.get(is_self=False)
    mine = Response.objects.get(is_self=True)
    assert team.role == ""  # the unit's only manager: kept role would single them out
    assert mine.role == "manager" and mine.unit == org.sales
    core_self = {"CR1", "CP1", "CC2", "PT1", "PA3"}
    assert core_self <= set(mine.answers) and not any(c.startswith("self:") for c in team.answers)
    assert not any(c.startswith(("if:", "SY_", "text:", "rank:")) for c in mine.answers)


def test_manager_who_skips_the_self_assessment_stores_only_the_team_response(org: Org) -> None:
    token = make_token(org.campaign, org.manager)
    client = Client()
    n = 1
    while True:
        url = f"/s/{token}/p/{n}/"
        page = client.get(url)
        if page.context["section"].kind == "self":
            saved = client.post(url, {"nav": "next"})
        else:
            from survey_helpers import answers_for

            saved = client.post(url, answers_for(page.context))
        assert saved.status_code == 303
        if saved["Location"].endswith("/review/"):
            break
        n += 1
    client.post(f"/s/{token}/review/")
    assert list(Response.objects.values_list("is_self", flat=True)) == [False]


def _body(response) -> bytes:  # type: ignore[no-untyped-def]
    return response.content


def test_closed_used_and_unknown_links_give_the_same_plain_page(org: Org) -> None:
    used = make_token(org.campaign, org.members[0], finished=True)
    open_token = make_token(org.campaign, org.members[1])
    client = Client()
    unknown = client.get("/s/not-a-real-token-at-all-000000000/")
    used_page = client.get(f"/s/{used}/")
    org.campaign.status = CampaignStatus.CLOSED
    org.campaign.save()
    closed = client.get(f"/s/{open_token}/")
    closed_page = client.get(f"/s/{open_token}/p/2/")
    bad_entry = client.get("/u/nope/")
    closed_entry = client.get("/u/poster-vte/")
    pages = [unknown, used_page, closed, closed_page, bad_entry, closed_entry]
    assert {p.status_code for p in pages} == {404}
    assert len({p.content for p in pages}) == 1
    assert b"csrf" not in unknown.content.lower()


def test_used_and_unknown_codes_give_the_same_answer(org: Org) -> None:
    used = make_code(org.campaign, org.sales, used=True)
    client = Client()

    def attempt(code: str) -> bytes:
        nonce = client.get("/u/poster-vte/").context["nonce"]
        body = client.post("/u/poster-vte/", {"code": code, "nonce": nonce}).content
        body = re.sub(rb'name="nonce" value="[^"]+"', b"", body)
        return re.sub(rb'name="code" value="[^"]*"', b"", body)  # what was typed is shown back

    assert attempt(used) == attempt("ZZZZZ-ZZZZZ")


def test_twenty_failed_attempts_then_429_with_retry_after_but_valid_links_still_open(
    org: Org,
) -> None:
    client = Client()
    for i in range(ratelimit.MAX_FAILURES):
        assert client.get(f"/s/guess-{i}/").status_code == 404
    blocked = client.get("/s/guess-more/")
    assert blocked.status_code == 429 and blocked["Retry-After"] == str(ratelimit.WINDOW_SECONDS)
    token = make_token(org.campaign, org.members[0])
    assert client.get(f"/s/{token}/").status_code == 200  # same address, a valid link


def test_code_guesses_count_towards_the_limit_and_a_valid_code_still_enters(org: Org) -> None:
    client = Client()
    for _ in range(ratelimit.MAX_FAILURES):
        nonce = client.get("/u/poster-vte/").context["nonce"]
        client.post("/u/poster-vte/", {"code": "AAAAA-AAAAA", "nonce": nonce})
    nonce = client.get("/u/poster-vte/").context["nonce"]
    guess = client.post("/u/poster-vte/", {"code": "AAAAA-AAAAB", "nonce": nonce})
    assert guess.status_code == 429
    nonce = client.get("/u/poster-vte/").context["nonce"]
    code = make_code(org.campaign, org.sales)
    assert client.post("/u/poster-vte/", {"code": code, "nonce": nonce}).status_code == 303


def test_survey_pages_send_no_referrer_and_are_not_cached(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    for url in (f"/s/{token}/", f"/s/{token}/p/1/", "/s/nothing/", "/u/poster-vte/", "/s/done/"):
        response = Client().get(url)
        assert response["Referrer-Policy"] == "no-referrer", url
        assert response["Cache-Control"] == "no-store", url


def test_an_address_over_the_limit_still_resumes_a_valid_draft_and_still_counts_failures(
    org: Org,
) -> None:
    """Behind one shared address, someone's wrong links never keep a colleague from their
    draft; the wrong links go on counting (and refused) while the valid one is served."""
    token = make_token(org.campaign, org.members[0])
    colleague = Client()
    page = colleague.get(f"/s/{token}/p/1/")
    colleague.post(f"/s/{token}/p/1/", answers_for(page.context))
    guesser = Client()
    for i in range(ratelimit.MAX_FAILURES + 5):
        guesser.get(f"/s/guess-{i}/")
    assert ratelimit.is_blocked(colleague.get("/").wsgi_request)
    resumed = colleague.get(f"/s/{token}/")
    assert resumed.status_code in (200, 302, 303)
    assert colleague.get(f"/s/{token}/p/2/").status_code == 200  # page 1 was saved: resumed
    assert guesser.get("/s/guess-again/").status_code == 429
    assert Client().post(complete(colleague, f"/s/{token}/p/1/")).status_code == 303


def test_a_send_whose_invitation_was_finished_meanwhile_keeps_the_draft(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    complete(Client(), f"/s/{token}/p/1/")
    access = resolve_token(token)
    assert access is not None
    Invitation.objects.update(finished=True)  # another send of the same link came first
    assert do_submit(access) is Submitted.GONE
    assert Draft.objects.filter(key_hash=access.key_hash).exists()
    assert not Response.objects.exists() and not Pending.objects.exists()


def test_a_send_to_a_campaign_closed_meanwhile_stores_nothing(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    complete(Client(), f"/s/{token}/p/1/")
    access = resolve_token(token)
    assert access is not None
    org.campaign.status = CampaignStatus.CLOSED
    org.campaign.save(update_fields=["status"])
    assert do_submit(access) is Submitted.GONE
    assert not Invitation.objects.get().finished
    assert not Response.objects.exists() and not Pending.objects.exists()


def test_a_send_stores_the_draft_it_takes_not_an_older_one_read_before(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    client = Client()
    complete(client, f"/s/{token}/p/1/")
    access = resolve_token(token)
    assert access is not None
    read = load_survey(access).draft  # what the send's request read first
    first = client.get(f"/s/{token}/p/1/").context
    changed = {**answers_for(first), first["questions"][0].name: "1"}
    assert client.post(f"/s/{token}/p/1/", changed).status_code == 303  # another tab, meanwhile
    assert do_submit(access, read=read) is Submitted.DONE
    stored = Response.objects.get(is_self=False).answers
    assert stored[first["questions"][0].name] == 1
    assert read.answers[first["questions"][0].name] != 1
