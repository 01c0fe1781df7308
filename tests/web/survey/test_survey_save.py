"""A page save: only a complete page (or one left with "back"), never over a concurrent save,
never for a page another tab has moved, and never once the campaign is closed or the survey sent."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from survey_helpers import Org, answers_for, complete, make_token

from eclaire.web.campaigns.models import Campaign, CampaignStatus
from eclaire.web.collection.services import do_close_campaign
from eclaire.web.responses.models import Response
from eclaire.web.survey import views
from eclaire.web.survey.access import resolve_token
from eclaire.web.survey.flow import load_survey
from eclaire.web.survey.models import Draft
from eclaire.web.survey.services import Saved, do_save_page


def _stored(token: str) -> Draft:
    """The draft of ``token`` as stored, opened with its link's key."""
    access = resolve_token(token)
    assert access is not None
    return load_survey(access).draft


def test_an_incomplete_page_is_shown_again_with_its_errors_and_saves_nothing(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    client = Client()
    data = answers_for(client.get(f"/s/{token}/p/1/").context)
    del data["CR2"]
    page = client.post(f"/s/{token}/p/1/", data)
    assert page.status_code == 200
    assert [q.name for q in page.context["errors"]] == ["CR2"]
    assert not Draft.objects.exists()


def test_a_save_from_a_stale_read_changes_nothing(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    client = Client()
    client.post(f"/s/{token}/p/1/", answers_for(client.get(f"/s/{token}/p/1/").context))
    access = resolve_token(token)
    assert access is not None
    stale = load_survey(access).draft
    fresh = load_survey(access).draft
    assert do_save_page(access, fresh, columns=("CR1",), answers={"CR1": 2}, page=1) is Saved.DONE
    assert do_save_page(access, stale, columns=("CR1",), answers={"CR1": 5}, page=1) is Saved.STALE
    stored = load_survey(access, fresh=True).draft
    assert stored.answers["CR1"] == 2
    assert stored.revision == fresh.revision == 2


def test_two_tabs_saving_at_once_keep_both_pages(org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    token = make_token(org.campaign, org.members[0])
    client = Client()
    client.post(f"/s/{token}/p/1/", answers_for(client.get(f"/s/{token}/p/1/").context))
    page2 = answers_for(client.get(f"/s/{token}/p/2/").context)
    real = views.load_survey
    reads: list[int] = []

    def other_tab_saves_first(access: Any, *, fresh: bool = False) -> Any:
        survey = real(access, fresh=fresh)
        reads.append(survey.draft.revision)
        if len(reads) == 1:  # the other tab saves page 1 again between this read and this save
            other = real(access, fresh=True).draft
            saved = do_save_page(access, other, columns=("CR1",), answers={"CR1": 1}, page=1)
            assert saved is Saved.DONE
        return survey

    monkeypatch.setattr(views, "load_survey", other_tab_saves_first)
    response = client.post(f"/s/{token}/p/2/", page2)
    assert response["Location"] == f"/s/{token}/p/3/"
    assert reads == [1, 2]  # read again after the collision
    stored = _stored(token)
    assert stored.answers["CR1"] == 1  # the other tab's answer survives
    assert stored.answers["CP1"] == int(page2["CP1"])
    assert stored.page == 2


def _keys(client: Client, token: str) -> list[str]:
    """The key of every page of this survey, in order, as the server numbers them now."""
    survey_pages = []
    for n in range(1, 40):
        page = client.get(f"/s/{token}/p/{n}/")
        if page.status_code != 200 or page.context.get("n") != n:
            break
        survey_pages.append(page.context["section"].key)
    return survey_pages


def test_a_tab_left_on_a_page_another_tab_moved_saves_nothing(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    client = Client()
    complete(client, f"/s/{token}/p/1/", units=["LOG", "ADV"])
    before = _keys(client, token)
    pick = before.index("pick") + 1
    second = pick + 2  # the ratings of the second unit picked, left open in a tab
    stale_key = before[second - 1]
    assert stale_key.startswith("if.")
    stale = {**answers_for(client.get(f"/s/{token}/p/{second}/").context), "nav": "back"}
    pick_page = client.get(f"/s/{token}/p/{pick}/")  # another tab drops the first unit
    client.post(f"/s/{token}/p/{pick}/", answers_for(pick_page.context, units=[stale_key[3:]]))
    after = _keys(client, token)
    assert after[second - 2] == stale_key  # the page of the stale tab moved up
    assert after[second - 1] != stale_key
    kept = _stored(token).answers

    response = client.post(f"/s/{token}/p/{second}/", stale)

    assert response["Location"] == f"/s/{token}/p/{second}/"  # shown again as it is now
    assert _stored(token).answers == kept


def test_a_campaign_closed_behind_the_cache_gives_the_plain_page(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    client = Client()
    assert client.get(f"/s/{token}/p/1/").status_code == 200  # the open campaign is now cached
    Campaign.objects.filter(pk=org.campaign.pk).update(status=CampaignStatus.CLOSED)  # no signal
    assert client.get(f"/s/{token}/p/1/").status_code == 404


def test_a_first_save_arriving_after_closing_stores_nothing(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    access = resolve_token(token)
    assert access is not None
    survey = load_survey(access)  # the save was checked while the campaign was open
    do_close_campaign(org.campaign, today=dt.date(2026, 5, 1))
    outcome = do_save_page(access, survey.draft, columns=("CR1",), answers={"CR1": 4}, page=1)
    assert outcome is Saved.GONE
    assert not Draft.objects.exists()


def test_a_save_arriving_after_the_survey_was_sent_leaves_no_draft(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    client = Client()
    access = resolve_token(token)
    assert access is not None
    review = complete(client, f"/s/{token}/p/1/")
    late = load_survey(access, fresh=True)  # a save of another tab, read before the send
    assert client.post(review)["Location"] == "/s/done/"
    assert (
        do_save_page(access, late.draft, columns=("CR1",), answers={"CR1": 1}, page=1)
        is Saved.STALE
    )  # its draft is gone: reading again finds none
    again = load_survey(access, fresh=True)
    outcome = do_save_page(access, again.draft, columns=("CR1",), answers={"CR1": 1}, page=1)
    assert outcome is Saved.GONE
    assert not Draft.objects.exists()
    assert Response.objects.count() == 1
