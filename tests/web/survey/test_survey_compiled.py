"""The survey's hot-path queries, compiled once, find exactly what their querysets find."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.models import Q, QuerySet
from django.test import Client
from survey_helpers import Org, answers_for, make_token

from eclaire.web.collection.models import Invitation
from eclaire.web.collection.tokens import secret_hash
from eclaire.web.survey.access import _TOKEN_FIELDS, DRAFT_COLUMNS, _token_query, resolve_token
from eclaire.web.survey.compiled import compile_once
from eclaire.web.survey.flow import load_survey
from eclaire.web.survey.models import Draft
from eclaire.web.survey.sealing import draft_keys


def _rows(token: str) -> list[tuple[object, ...]]:
    """The token lookup's rows, without the draft's columns read beside it."""
    with connection.cursor() as cursor:
        cursor.execute(*_token_query(secret_hash(token), draft_keys(token).locator))
        return [row[: len(_TOKEN_FIELDS)] for row in cursor.fetchall()]


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


def test_token_lookup_reads_the_draft_as_stored_and_none_before_the_first_save(org: Org) -> None:
    token = make_token(org.campaign, org.members[0])
    other = make_token(org.campaign, org.members[1])
    before = resolve_token(token)
    assert before is not None and before.draft_row == (None,) * len(DRAFT_COLUMNS)
    assert load_survey(before).draft.pk is None
    client = Client()
    client.post(f"/s/{token}/p/1/", answers_for(client.get(f"/s/{token}/p/1/").context))
    client.post(f"/s/{other}/p/1/", answers_for(client.get(f"/s/{other}/p/1/").context))
    stored = Draft.objects.get(key_hash=before.key_hash)
    after = resolve_token(token)
    assert after is not None
    read = load_survey(after).draft
    assert [getattr(read, c) for c in DRAFT_COLUMNS] == [getattr(stored, c) for c in DRAFT_COLUMNS]
    assert read.content.answers["CR1"] == 4 and read.revision == 1
    assert [getattr(load_survey(after, fresh=True).draft, c) for c in DRAFT_COLUMNS] == [
        getattr(stored, c) for c in DRAFT_COLUMNS
    ]


def test_a_compiled_query_binds_each_value_wherever_it_is_used(org: Org) -> None:
    @compile_once
    def either(first: str, second: str) -> QuerySet[Any, Any]:
        return Invitation.objects.filter(
            Q(token_hash=first) | Q(token_hash=second) | Q(campaign__name=first)
        ).values_list("person__code", flat=True)

    tokens = {make_token(org.campaign, p): p.code for p in org.members[:3]}
    (a, b, _c) = tokens
    with connection.cursor() as cursor:
        cursor.execute(*either(secret_hash(a), secret_hash(b)))
        found = sorted(code for (code,) in cursor.fetchall())
    assert found == sorted([tokens[a], tokens[b]])
    with pytest.raises(ValueError, match="takes 2 values"):
        either(secret_hash(a))
