"""A page save: only a complete page (or one left with "back"), and never over a concurrent save."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from survey_helpers import Org, answers_for, make_token

from eclaire.web.survey import views
from eclaire.web.survey.models import Draft
from eclaire.web.survey.services import do_save_page


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
    stale = Draft.objects.get()
    fresh = Draft.objects.get()
    assert do_save_page(fresh, columns=("CR1",), answers={"CR1": 2}, page=1)
    assert not do_save_page(stale, columns=("CR1",), answers={"CR1": 5}, page=1)
    stored = Draft.objects.get()
    assert stored.answers["CR1"] == 2
    assert stored.revision == fresh.revision == 2


def test_two_tabs_saving_at_once_keep_both_pages(org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    token = make_token(org.campaign, org.members[0])
    client = Client()
    client.post(f"/s/{token}/p/1/", answers_for(client.get(f"/s/{token}/p/1/").context))
    page2 = answers_for(client.get(f"/s/{token}/p/2/").context)
    real = views.load_survey
    reads: list[int] = []

    def other_tab_saves_first(access: Any) -> Any:
        survey = real(access)
        reads.append(survey.draft.revision)
        if len(reads) == 1:  # the other tab saves page 1 again between this read and this save
            other = real(access)
            assert do_save_page(other.draft, columns=("CR1",), answers={"CR1": 1}, page=1)
        return survey

    monkeypatch.setattr(views, "load_survey", other_tab_saves_first)
    response = client.post(f"/s/{token}/p/2/", page2)
    assert response["Location"] == f"/s/{token}/p/3/"
    assert reads == [1, 2]  # read again after the collision
    stored = Draft.objects.get()
    assert stored.answers["CR1"] == 1  # the other tab's answer survives
    assert stored.answers["CP1"] == int(page2["CP1"])
    assert stored.page == 2
