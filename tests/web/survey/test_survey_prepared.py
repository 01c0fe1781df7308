"""The survey's prepared statements on PostgreSQL outlive the loss of their prepared form.

A statement prepared on a connection can fail when run by name: a release migration changed the
type of a column it reads while this server runs, or the server no longer has it (``DEALLOCATE
ALL``, ``DISCARD ALL``, a pooler). Each such failure used to break every later survey request on
the connection until it closed; now the statement is prepared anew. These tests commit their data
(no test transaction), since the migration's ALTER comes from another connection, and close the
connection after, so that what they break stays theirs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.utils import OperationalError, ProgrammingError
from django.test import Client, override_settings
from survey_helpers import Org, answers_for, build_org, make_token

from eclaire.web.survey.access import resolve_token

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="prepared statements are PostgreSQL's (DATABASE_URL=postgres://...)",
)


@pytest.fixture
def org(transactional_db: Any) -> Iterator[Org]:
    connection.close()  # a connection of its own: nothing prepared yet
    yield build_org()
    connection.close()  # its prepared statements may refer to a column type now gone


def _other_connection_runs(sql: str) -> None:
    """``sql`` run by another client of the database, as a release's migration is."""
    import psycopg

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute(sql)


def _prepared() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_a_page_is_shown_after_a_migration_changes_a_column_the_link_lookup_reads(
    org: Org,
) -> None:
    token = make_token(org.campaign, org.members[0])
    client = Client(raise_request_exception=False)
    assert client.get(f"/s/{token}/p/1/").status_code == 200
    assert any('"campaigns_campaign"."name"' in s for s in _prepared())
    try:
        _other_connection_runs(
            'ALTER TABLE "campaigns_campaign" ALTER COLUMN "name" TYPE varchar(300)'
        )
        codes = [client.get(f"/s/{token}/p/1/").status_code for _ in range(3)]
    finally:
        _other_connection_runs(
            'ALTER TABLE "campaigns_campaign" ALTER COLUMN "name" TYPE varchar(200)'
        )
    assert codes == [200, 200, 200]


def test_pages_are_shown_and_saved_after_the_server_forgot_the_prepared_statements(
    org: Org,
) -> None:
    token = make_token(org.campaign, org.members[0])
    client = Client(raise_request_exception=False)
    page1 = answers_for(client.get(f"/s/{token}/p/1/").context)
    assert client.post(f"/s/{token}/p/1/", page1).status_code == 303
    page2 = answers_for(client.get(f"/s/{token}/p/2/").context)
    assert client.post(f"/s/{token}/p/2/", page2).status_code == 303  # the update is prepared
    assert len(_prepared()) >= 2
    # On the wire, unseen by psycopg: what a pooler or another library's DISCARD ALL does.
    connection.connection.pgconn.exec_(b"DEALLOCATE ALL")
    assert _prepared() == []
    assert [client.get(f"/s/{token}/p/2/").status_code for _ in range(3)] == [200, 200, 200]
    assert client.post(f"/s/{token}/p/2/", page2).status_code == 303
    assert client.get(f"/s/{token}/p/3/").status_code == 200


def test_inside_a_transaction_the_failure_is_raised_and_the_rollback_clears_it(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    assert resolve_token(token) is not None
    connection.connection.pgconn.exec_(b"DEALLOCATE ALL")
    with pytest.raises((OperationalError, ProgrammingError)), transaction.atomic():
        resolve_token(token)
    assert resolve_token(token) is not None
    assert resolve_token(token) is not None


def test_with_prepare_off_no_statement_is_prepared(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    client = Client()
    with override_settings(ECLAIRE_PG_PREPARE=False):
        for n in (1, 2):
            page = answers_for(client.get(f"/s/{token}/p/{n}/").context)
            assert client.post(f"/s/{token}/p/{n}/", page).status_code == 303
        assert client.get(f"/s/{token}/p/3/").status_code == 200
        assert _prepared() == []
    assert client.get(f"/s/{token}/p/3/").status_code == 200
    assert _prepared() != []  # the same requests prepare them when it is on
