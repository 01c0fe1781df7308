"""Answers reach the responses table by batches of k per unit: no response can be joined to the
invitation finished beside it, by PostgreSQL's ``xmin`` (the transaction that wrote a row).

Before, the submit inserted the response and marked the invitation finished in one transaction:
``SELECT xmin FROM responses_response`` and ``... FROM collection_invitation WHERE finished``
gave the same number for the two rows of one person, during the whole campaign.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from survey_helpers import Org, build_org, complete, make_token

from eclaire.web.collection.models import Invitation
from eclaire.web.collection.services import do_close_campaign
from eclaire.web.responses.models import Response
from eclaire.web.survey.models import Pending

K = 5


@pytest.fixture
def batched(settings: Any) -> int:
    settings.ECLAIRE_RESPONSE_BATCH = K
    return K


def _submit(token: str) -> None:
    client = Client()
    assert client.post(complete(client, f"/s/{token}/p/1/")).status_code == 303


def test_answers_wait_sealed_until_k_of_the_unit_then_are_written_together(
    org: Org, batched: int
) -> None:
    tokens = [make_token(org.campaign, p) for p in org.members]
    for token in tokens[: K - 1]:
        _submit(token)
    assert Response.objects.count() == 0
    assert Pending.objects.count() == K - 1
    for pending in Pending.objects.all():  # nothing readable while it waits
        raw = bytes(pending.sealed)
        assert b"Un service" not in raw and b"CR1" not in raw and b"member" not in raw
    _submit(tokens[K - 1])
    assert Pending.objects.count() == 0
    assert Response.objects.count() == K
    assert Invitation.objects.filter(finished=True).count() == K


def test_closing_writes_what_still_waits(org: Org, batched: int) -> None:
    import datetime as dt

    _submit(make_token(org.campaign, org.members[0]))
    assert Response.objects.count() == 0
    do_close_campaign(org.campaign, today=dt.date(2026, 4, 1))
    assert Response.objects.count() == 1 and Pending.objects.count() == 0


POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")


@pytest.mark.skipif(not POSTGRES, reason="xmin is PostgreSQL's (DATABASE_URL=postgres://...)")
@pytest.mark.django_db(transaction=True)
def test_no_response_shares_its_xmin_with_one_finished_invitation(settings: Any) -> None:
    """Each submit in its own committed transaction, as on a server; then the attacker's query.

    A batch of k responses shares one xmin with the one invitation finished in the same
    transaction (the k-th): its own response is any of the k. No other invitation shares an
    xmin with any response, and no xmin is shared by fewer than k responses."""
    settings.ECLAIRE_RESPONSE_BATCH = K
    org = build_org()
    tokens = [make_token(org.campaign, p) for p in org.members]  # 6 people in one unit
    for token in tokens:
        _submit(token)
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text FROM responses_response")
        responses = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT xmin::text FROM collection_invitation WHERE finished")
        invitations = [row[0] for row in cursor.fetchall()]
    assert len(invitations) == 6 and len(responses) == K  # the 6th waits for its batch
    by_xmin: dict[str, int] = {}
    for xmin in responses:
        by_xmin[xmin] = by_xmin.get(xmin, 0) + 1
    assert all(n >= K for n in by_xmin.values()), by_xmin
    shared = [x for x in invitations if x in by_xmin]
    assert len(shared) <= 1  # the invitation finished with the batch: 1 chance in k
    for xmin in invitations:  # no invitation is alone with a response
        assert by_xmin.get(xmin, 0) in (0, *range(K, 100))
