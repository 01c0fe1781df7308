"""Invitations and reminders: in the person's language, a working link, no token kept in clear."""

from __future__ import annotations

import datetime as dt
import re

from django.db import connection
from django.urls import reverse

from eclaire.web.collection.links import survey_url, unit_entry_url
from eclaire.web.collection.models import Invitation, Mailing, MailingKind
from eclaire.web.collection.services import do_send
from eclaire.web.collection.tokens import secret_hash
from eclaire.web.organizations.models import Person

TODAY = dt.date(2026, 3, 2)  # the day the shared fixture opens the campaign
LINK = re.compile(r"http://testserver\.example/s/([A-Za-z0-9_-]{32})/")


def tokens_in(outbox) -> list[str]:
    return [t for message in outbox for t in LINK.findall(message.body)]


def _all_text_in_database() -> str:
    """Every row of every table, as text: what a database dump would show."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def test_links_have_the_survey_shapes(settings):
    assert survey_url("abc") == "http://testserver.example/s/abc/"
    assert unit_entry_url("k1") == "http://testserver.example/u/k1/"


def test_invitations_in_french_and_english(world, opened, mailoutbox):
    Person.objects.filter(code="p1").update(language="en")
    outcome = do_send(opened, MailingKind.INVITATION, today=TODAY)
    assert outcome.sent == 8 and len(mailoutbox) == 8
    by_address = {m.to[0]: m for m in mailoutbox}
    english, french = by_address["p1@acme.fr"], by_address["p0@acme.fr"]
    assert "anonymous" in english.body and "10 minutes" in english.body
    assert "Acme Industrie" in english.subject
    assert "anonymes" in french.body and "10 minutes" in french.body
    html, mimetype = french.alternatives[0]
    assert mimetype == "text/html" and 'lang="fr"' in html
    assert tokens_in([french])[0] in html


def test_tokens_are_long_and_stored_only_as_hashes(world, opened, mailoutbox):
    do_send(opened, MailingKind.INVITATION, today=TODAY)
    tokens = tokens_in(mailoutbox)
    assert len(tokens) == 8 and len(set(tokens)) == 8
    dump = _all_text_in_database()
    for token in tokens:
        assert len(token) * 6 >= 128
        assert token not in dump
        assert Invitation.objects.filter(token_hash=secret_hash(token)).count() == 1


def test_invite_writes_once_and_records_counts_only(world, opened, mailoutbox):
    do_send(opened, MailingKind.INVITATION, today=TODAY)
    again = do_send(opened, MailingKind.INVITATION, today=TODAY)
    assert again.sent == 0 and len(mailoutbox) == 8
    assert set(opened.invitations.values_list("sent_count", "last_sent_on")) == {(1, TODAY)}
    assert list(Mailing.objects.values_list("kind", "sent")) == [("invitation", 8)]


def test_reminders_go_only_to_unfinished_people_with_a_new_link(world, opened, mailoutbox):
    do_send(opened, MailingKind.INVITATION, today=TODAY)
    first = {m.to[0]: tokens_in([m])[0] for m in mailoutbox}
    Invitation.objects.filter(person__code__in=["p0", "p1", "p2"]).update(finished=True)
    mailoutbox.clear()
    outcome = do_send(opened, MailingKind.REMINDER, today=TODAY)
    assert outcome.sent == 5 and outcome.finished == 3
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        f"{c}@acme.fr" for c in ("p3", "p4", "p5", "a0", "a1")
    )
    message = mailoutbox[0]
    assert "Rappel" in message.subject
    assert "seul ce lien pouvait les lire" in message.body  # a draft opens with its own link only
    new = tokens_in([message])[0]
    assert new != first[message.to[0]]
    assert Invitation.objects.filter(token_hash=secret_hash(new)).exists()
    assert not Invitation.objects.filter(token_hash=secret_hash(first[message.to[0]])).exists()
    assert set(opened.invitations.values_list("sent_count", flat=True)) == {1}


def test_remind_button_shows_a_count(client, world, opened, mailoutbox):
    do_send(opened, MailingKind.INVITATION, today=TODAY)
    Invitation.objects.filter(person__code="p0").update(finished=True)
    client.force_login(world.coach)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.post(reverse("collection:remind", args=["acme", "w1"]), follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["7 reminders sent to people who have not finished."]


def test_invite_button_on_a_draft_says_why_nothing_happened(client, world, mailoutbox):
    client.force_login(world.coach)
    response = client.post(reverse("collection:invite", args=["acme", "w1"]), follow=True)
    assert len(mailoutbox) == 0
    assert len(list(response.context["messages"])) == 1


def test_a_refused_email_keeps_the_previous_link(world, opened, mailoutbox, monkeypatch):
    from eclaire.web.collection import mail

    before = dict(Invitation.objects.values_list("pk", "token_hash"))

    def refuse(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(mail, "send_survey_link", refuse)
    outcome = do_send(opened, MailingKind.INVITATION, today=TODAY)
    assert (outcome.sent, outcome.failed) == (0, 8)
    assert dict(Invitation.objects.values_list("pk", "token_hash")) == before
    assert Invitation.objects.filter(sent_count=0).count() == 8
