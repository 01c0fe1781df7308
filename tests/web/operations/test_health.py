"""``/healthz``: the database and the task queue, reachable or not, and nothing else."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from django.db.utils import ConnectionHandler
from django.test import Client

from eclaire.web.operations import health

pytestmark = pytest.mark.django_db


def _sqlite_handler(path: Path) -> ConnectionHandler:
    """Real database connections to a file of our choosing, in place of the configured ones."""
    return ConnectionHandler(
        {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}}
    )


def test_reports_ok_when_database_and_queue_are_reachable() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "queue": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_needs_no_login_and_answers_head() -> None:
    assert Client().head("/healthz").status_code == 200
    assert Client().post("/healthz").status_code == 405


def _postgres_nobody_listens() -> ConnectionHandler:
    settings = {"NAME": "eclaire", "USER": "eclaire", "HOST": "127.0.0.1", "PORT": "1"}
    engine = {"ENGINE": "django.db.backends.postgresql", "OPTIONS": {"connect_timeout": 2}}
    return ConnectionHandler({"default": {**engine, **settings}})


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_unreachable_database_gives_503_naming_both_parts(kind, monkeypatch, tmp_path) -> None:
    unreachable = (
        _sqlite_handler(tmp_path / "no-such-directory" / "db.sqlite3")
        if kind == "sqlite"
        else _postgres_nobody_listens()
    )
    monkeypatch.setattr(health, "connections", unreachable)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "unavailable", "queue": "unavailable"}
    unreachable.close_all()


def test_database_without_the_queue_table_gives_503_for_the_queue(monkeypatch, tmp_path) -> None:
    path = tmp_path / "empty.sqlite3"
    sqlite3.connect(path).close()  # a database that opens, but where no worker could poll
    handler = _sqlite_handler(path)
    monkeypatch.setattr(health, "connections", handler)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "queue": "unavailable"}
    handler.close_all()


def test_immediate_backend_has_no_queue_to_reach(settings, tmp_path) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    handler = _sqlite_handler(tmp_path / "empty.sqlite3")
    assert health.queue_status(handler["default"]) == health.OK
    handler.close_all()
