"""A send answers without waiting on the disk: its process's checkpoint thread empties SQLite's log.

What the database files then hold is checked raw in ``test_survey_raw_files.py``; here, where and
when the checkpoint runs.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from survey_helpers import Org, complete, make_token

from eclaire.web import dbfiles
from eclaire.web.collection.services import do_close_campaign

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's write-ahead log only"
)


@pytest.fixture
def checkpoints(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the threads that ran a checkpoint."""
    ran: list[str] = []

    def recorded() -> bool:
        ran.append(threading.current_thread().name)
        return True

    monkeypatch.setattr(dbfiles, "truncate_log", recorded)
    return ran


def test_a_send_asks_the_checkpoint_thread_and_answers_without_waiting(
    org: Org, checkpoints: list[str], django_capture_on_commit_callbacks: Any
) -> None:
    token = make_token(org.campaign, org.members[0])
    client = Client()
    review = complete(client, f"/s/{token}/p/1/")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(review).status_code == 303
    assert dbfiles.wait_for_checkpoints(timeout=10)
    assert checkpoints == ["eclaire-wal"]


def test_closing_a_campaign_empties_the_log_before_it_returns(
    org: Org, checkpoints: list[str], django_capture_on_commit_callbacks: Any
) -> None:
    import datetime as dt

    with django_capture_on_commit_callbacks(execute=True):
        do_close_campaign(org.campaign, today=dt.date(2026, 1, 1))
    assert checkpoints == [threading.current_thread().name]


def test_checkpoints_asked_while_one_runs_are_served_by_one_more(
    checkpoints: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release = threading.Event(), threading.Event()

    def slow() -> bool:
        checkpoints.append("run")
        started.set()
        release.wait(10)
        return True

    monkeypatch.setattr(dbfiles, "truncate_log", slow)
    queue = dbfiles._Checkpoints()
    queue.ask()
    assert started.wait(10)
    for _ in range(5):
        queue.ask()
    assert not queue.wait(timeout=0.05)
    release.set()
    assert queue.wait(timeout=10)
    assert checkpoints == ["run", "run"]
