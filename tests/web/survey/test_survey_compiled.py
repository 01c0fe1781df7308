"""The survey's hot-path queries, compiled once, find exactly what their querysets find."""

from __future__ import annotations

from django.db import connection
from survey_helpers import Org, make_token

from eclaire.web.collection.models import Invitation
from eclaire.web.collection.tokens import secret_hash
from eclaire.web.survey.access import _TOKEN_FIELDS, _token_query


def _rows(token: str) -> list[tuple[object, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(*_token_query(secret_hash(token)))
        return cursor.fetchall()


def test_compiled_token_lookup_matches_the_queryset_for_each_token(org: Org) -> None:
    open_ = make_token(org.campaign, org.members[0])
    finished = make_token(org.campaign, org.members[1], finished=True)
    manager = make_token(org.campaign, org.manager)
    for token in (open_, manager):
        expected = Invitation.objects.filter(token_hash=secret_hash(token)).values_list(
            *_TOKEN_FIELDS
        )
        (row,) = _rows(token)
        cf = _TOKEN_FIELDS.index("person__customer_facing")
        assert row[:cf] + row[cf + 1 :] == expected[0][:cf] + expected[0][cf + 1 :]
        assert bool(row[cf]) is expected[0][cf]  # SQLite gives 1 for True
    assert _rows(finished) == []
    assert _rows("not-a-token") == []
    assert _rows(manager)[0][_TOKEN_FIELDS.index("person__role")] == "manager"
