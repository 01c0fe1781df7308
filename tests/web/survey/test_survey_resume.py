"""Answers are never lost: resume from the same link or code, back and forward keep answers."""

from __future__ import annotations

from django.test import Client
from survey_helpers import Org, answers_for, complete, make_code, make_token


def _checked(page, name: str) -> str | None:  # type: ignore[no-untyped-def]
    for q in page.context["questions"]:
        if q.name == name:
            return next((o.value for o in q.options if o.checked), None)
    raise KeyError(name)


def test_resume_after_closing_the_browser_from_the_same_link(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    first = Client()
    for n in (1, 2):
        page = first.get(f"/s/{token}/p/{n}/")
        first.post(f"/s/{token}/p/{n}/", answers_for(page.context))
    later = Client()  # a new browser: no cookie at all
    welcome = later.get(f"/s/{token}/")
    assert f'href="/s/{token}/p/3/"'.encode() in welcome.content
    assert _checked(later.get(f"/s/{token}/p/1/"), "CR1") == "4"


def test_pages_ahead_of_the_first_unsaved_one_redirect_to_it(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    assert Client().get(f"/s/{token}/p/5/")["Location"] == f"/s/{token}/p/1/"


def test_back_and_forward_keep_answers_even_on_an_incomplete_page(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    client = Client()
    page = client.get(f"/s/{token}/p/1/")
    client.post(f"/s/{token}/p/1/", answers_for(page.context))
    back = client.post(f"/s/{token}/p/2/", {"nav": "back", "CP1": "2"})  # CP2, CP3 unanswered
    assert back.status_code == 303 and back["Location"] == f"/s/{token}/p/1/"
    assert _checked(client.get(f"/s/{token}/p/1/"), "CR2") == "4"
    assert _checked(client.get(f"/s/{token}/p/2/"), "CP1") == "2"


def test_code_resumes_when_typed_again_in_another_browser(org: Org) -> None:
    code = make_code(org.campaign, org.sales)
    first = Client()
    nonce = first.get("/u/poster-vte/").context["nonce"]
    start = first.post("/u/poster-vte/", {"code": code, "nonce": nonce})["Location"]
    first.post(
        start, {"nav": "next", "tenure_band": "1to3y", "contract": "", "customer_facing": ""}
    )
    page = first.get("/u/poster-vte/p/2/")
    first.post("/u/poster-vte/p/2/", answers_for(page.context))
    other = Client()
    assert (
        other.get("/u/poster-vte/p/2/")["Location"] == "/u/poster-vte/"
    )  # no cookie: type the code
    nonce = other.get("/u/poster-vte/").context["nonce"]
    again = other.post("/u/poster-vte/", {"code": code, "nonce": nonce})
    assert again["Location"] == "/u/poster-vte/p/3/"
    assert _checked(other.get("/u/poster-vte/p/1/"), "tenure_band") == "1to3y"


def test_code_entry_refuses_a_post_without_the_entry_cookie(org: Org) -> None:
    code = make_code(org.campaign, org.sales)
    forged = Client().post("/u/poster-vte/", {"code": code, "nonce": "x"})
    assert forged.status_code == 200 and forged.context["error"]


def test_a_reminder_link_resumes_the_draft_saved_from_the_first_link(org: Org, mailoutbox) -> None:
    """The reminder's new link opens the draft the first link saved (the draft's secret is kept,
    wrapped, on the invitation: docs/privacy.md), while the first link stops working; the
    submit erases the wrapped secret."""
    import datetime as dt
    import re

    from eclaire.web.collection.models import Invitation, MailingKind
    from eclaire.web.collection.services import do_send
    from eclaire.web.responses.models import Response
    from eclaire.web.survey.models import Draft

    person = org.members[0]
    person.email = "camille.durand@exemple.fr"
    person.save()
    make_token(org.campaign, person)

    def link_sent() -> str:
        mail = [m for m in mailoutbox if person.email in m.to][-1]
        return re.search(r"/s/([A-Za-z0-9_-]+)/", mail.body).group(1)

    do_send(org.campaign, MailingKind.INVITATION, today=dt.date(2026, 3, 9))
    old = link_sent()
    client = Client()
    page = client.get(f"/s/{old}/p/1/")
    data = answers_for(page.context)
    client.post(f"/s/{old}/p/1/", data)
    assert Draft.objects.count() == 1
    do_send(org.campaign, MailingKind.REMINDER, today=dt.date(2026, 3, 20))
    new = link_sent()
    assert new != old
    assert Client().get(f"/s/{old}/").status_code == 404  # the old link no longer opens
    other = Client()
    assert _checked(other.get(f"/s/{new}/p/1/"), "CR1") == str(data["CR1"])  # resumed
    assert Draft.objects.count() == 1  # the same draft, not a new one
    invitation = Invitation.objects.get(person=person)
    assert bytes(invitation.draft_secret)  # kept, wrapped
    # a second reminder still resumes it, and the submit erases the wrapped secret
    do_send(org.campaign, MailingKind.REMINDER, today=dt.date(2026, 3, 25))
    last = Client()
    assert _checked(last.get(f"/s/{link_sent()}/p/1/"), "CR1") == str(data["CR1"])
    assert last.post(complete(last, f"/s/{link_sent()}/p/1/")).status_code == 303
    invitation.refresh_from_db()
    assert invitation.finished and bytes(invitation.draft_secret) == b""
    assert Draft.objects.count() == 0 and Response.objects.count() == 1


def test_the_wrapped_draft_secret_opens_nothing_without_the_server_key(org: Org) -> None:
    from eclaire.web.survey.sealing import new_draft_secret, unwrap_secret, wrap_secret

    secret = new_draft_secret()
    wrapped = wrap_secret(secret, 7, org.campaign.pk)
    assert secret.encode() not in wrapped and bytes.fromhex(secret) not in wrapped
    assert unwrap_secret(wrapped, 7, org.campaign.pk) == secret
    assert unwrap_secret(wrapped, 8, org.campaign.pk) is None  # bound to its invitation
    assert unwrap_secret(b"", 7, org.campaign.pk) is None
