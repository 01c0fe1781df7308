"""The statements a survey request sends to the database, pinned so that they cannot creep up.

Every statement is a round trip to the database server (PostgreSQL): a page shown from a personal
link costs one (the secret, its roster line and its draft together), a page saved costs two (that
read, then the update that checks nobody saved in between). On PostgreSQL these two are prepared
on the server once per connection (``survey.compiled.hot_cursor``), Django's own never are. The first save of a survey locks the
campaign, then the secret, before it inserts the draft: in that order, as closing and sending take
them, so that no two of them can wait on each other.
"""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from survey_helpers import Org, answers_for, complete, make_token

from eclaire.web.collection.services import units_snapshot

TRANSACTION_MARKS = ("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT")
"""Transaction bookkeeping: inside the test's transaction, the real server's BEGIN/COMMIT."""


def _statements(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"] for q in queries.captured_queries if not q["sql"].startswith(TRANSACTION_MARKS)
    ]


def _frozen(org: Org) -> Org:
    """The unit tree frozen, as opening a campaign does (the survey then never reads the tree)."""
    org.campaign.units_snapshot = units_snapshot(org.campaign.organization)
    org.campaign.save(update_fields=["units_snapshot"])
    return org


def _count(
    client: Client, method: str, url: str, data: dict[str, object] | None = None
) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data) if method == "POST" else client.get(url)
    assert response.status_code in (200, 303), (url, response.status_code)
    return _statements(queries)


def test_a_page_shown_from_a_personal_link_reads_the_database_once(org: Org) -> None:
    token = make_token(_frozen(org).campaign, org.members[0])
    client = Client()
    client.get(f"/s/{token}/p/1/")  # the open campaign is now kept by this process
    assert len(_count(client, "GET", f"/s/{token}/")) == 1
    assert len(_count(client, "GET", f"/s/{token}/p/1/")) == 1
    client.post(f"/s/{token}/p/1/", answers_for(client.get(f"/s/{token}/p/1/").context))
    assert len(_count(client, "GET", f"/s/{token}/p/2/")) == 1


def test_a_page_save_is_one_read_and_one_update_the_first_one_locks_then_inserts(org: Org) -> None:
    token = make_token(_frozen(org).campaign, org.members[0])
    client = Client()
    page1 = answers_for(client.get(f"/s/{token}/p/1/").context)
    first = _count(client, "POST", f"/s/{token}/p/1/", page1)
    assert [s.split()[0] for s in first] == ["SELECT", "SELECT", "SELECT", "INSERT"]
    assert "campaigns_campaign" in first[1].split("FROM")[1] and "invitation" in first[2]
    page2 = answers_for(client.get(f"/s/{token}/p/2/").context)
    later = _count(client, "POST", f"/s/{token}/p/2/", page2)
    assert [s.split()[0] for s in later] == ["SELECT", "UPDATE"]


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="prepared statements are PostgreSQL's (DATABASE_URL=postgres://...)",
)
def test_on_postgresql_the_lookup_and_the_update_are_prepared_and_nothing_else(org: Org) -> None:
    token = make_token(_frozen(org).campaign, org.members[0])
    client = Client()
    for n in (1, 2):
        client.post(f"/s/{token}/p/{n}/", answers_for(client.get(f"/s/{token}/p/{n}/").context))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    # Hot statements only (the draft's own read as well, when an earlier test of this connection
    # sent a link by e-mail), never one of Django's: the locks, the insert.
    hot = ('SELECT "collection_invitation"', 'SELECT "survey_draft"', 'UPDATE "survey_draft"')
    assert prepared and all(s.startswith(hot) for s in prepared), prepared
    assert {s.split()[0] for s in prepared} == {"SELECT", "UPDATE"}


def test_a_send_takes_the_draft_and_claims_the_secret_in_one_statement_each(org: Org) -> None:
    token = make_token(_frozen(org).campaign, org.members[0])
    client = Client()
    review = complete(client, f"/s/{token}/p/1/")
    sent = _count(client, "POST", review)
    # The secret with its draft; the draft deleted and returned if the campaign is open; the
    # invitation marked finished; the unit's roster (generalization); the response (tests keep
    # no batch: with one, its sealed row waits and the unit's waiting rows are counted).
    assert settings.ECLAIRE_RESPONSE_BATCH <= 1
    assert [s.split()[0] for s in sent if not s.startswith("PRAGMA")] == [
        "SELECT",
        "DELETE",
        "UPDATE",
        "SELECT",
        "INSERT",
    ]
    assert "RETURNING" in sent[1] and "campaigns_campaign" in sent[1]
