"""A draft opens only with its link: nothing stored finds it from an invitation or reads it."""

from __future__ import annotations

import pytest
from django.test import Client
from survey_helpers import Org, answers_for, make_code, make_token

from eclaire.web.collection.models import Invitation
from eclaire.web.survey.access import resolve_token
from eclaire.web.survey.flow import load_survey
from eclaire.web.survey.models import Draft
from eclaire.web.survey.sealing import DraftContent, UnreadableDraft, draft_keys, seal, unseal


def _save_first_page(token: str) -> dict[str, str]:
    client = Client()
    data = answers_for(client.get(f"/s/{token}/p/1/").context)
    client.post(f"/s/{token}/p/1/", data)
    return data


def test_a_stored_draft_holds_no_answer_and_no_value_of_its_invitation(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    _save_first_page(token)
    row = Draft.objects.values().get()
    invitation = Invitation.objects.values().get()
    stored = bytes(row.pop("sealed"))
    assert b"CR1" not in stored and b"member" not in stored
    identifying = {str(v) for v in invitation.values() if len(str(v)) >= 16}  # hashes, keys
    assert identifying and not {str(v) for v in row.values()} & identifying
    access = resolve_token(token)
    assert access is not None
    assert load_survey(access).draft.answers["CR1"] == 4


def test_another_link_cannot_open_a_draft(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    other = make_token(org.campaign, org.members[1])
    _save_first_page(token)
    draft = Draft.objects.get()
    with pytest.raises(UnreadableDraft):
        unseal(draft_keys(other), org.campaign.pk, draft.sealed)
    with pytest.raises(UnreadableDraft):  # bound to its campaign too
        unseal(draft_keys(token), org.campaign.pk + 1, draft.sealed)


def test_each_save_seals_with_a_fresh_nonce(db: object) -> None:
    keys = draft_keys("a-secret-token")
    content = DraftContent(answers={"CR1": 4}, page=1)
    first, second = seal(keys, 1, content), seal(keys, 1, content)
    assert first != second
    assert unseal(keys, 1, first) == unseal(keys, 1, second) == content


def test_the_sealing_key_is_never_shown(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    access = resolve_token(token)
    assert access is not None
    assert access.keys.sealing.hex() not in repr(access)
    assert repr(access.keys.sealing) not in repr(access)


def test_an_empty_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="secret"):
        draft_keys("")


def test_a_code_typed_again_after_the_cookie_was_lost_finds_its_draft(org: Org) -> None:
    code = make_code(org.campaign, org.sales)
    first = Client()
    entry = first.get("/u/poster-vte/")
    nonce = entry.context["nonce"]
    page = first.post("/u/poster-vte/", {"code": code, "nonce": nonce})
    assert page.status_code == 303
    url = page["Location"]
    first.post(url, answers_for(first.get(url).context))
    saved_page = Draft.objects.get()
    assert b"CR1" not in bytes(saved_page.sealed)

    again = Client()  # another browser: no cookie
    nonce = again.get("/u/poster-vte/").context["nonce"]
    resumed = again.post("/u/poster-vte/", {"code": code.lower(), "nonce": nonce})
    assert url.endswith("/p/1/")
    assert resumed["Location"] == url.replace("/p/1/", "/p/2/")  # past the page already saved
