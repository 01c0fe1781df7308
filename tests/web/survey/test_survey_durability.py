"""A crash of the server never loses a saved page: what a respondent saw saved is still there.

The production server (gunicorn, as ``eclaire serve`` starts it) runs on its own database, a
temporary SQLite file, or a fresh PostgreSQL database when DATABASE_URL names a PostgreSQL
server. Respondents save their free-text page again and again, each time with a new text; the
whole server is killed (SIGKILL, no clean shutdown) while they are still saving. The database is
then read directly, without restarting anything.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
import pytest

from eclaire.cli import gunicorn_command

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[3]
HELPER = Path(__file__).with_name("durability_db.py")
RESPONDENTS = 8
LOAD_SECONDS = 1.5
MIN_SAVES = 3
"""Saves acknowledged to every respondent before the kill: the load really ran."""


def _text(respondent: int, attempt: int) -> str:
    return f"réponse 17 · personne {respondent} · envoi {attempt}"


@dataclass
class Respondent:
    """What one respondent's browser saw: its last acknowledged save and how the posting ended."""

    index: int
    url: str
    section: str
    """The key of the page posted, as the page form sends it."""
    acknowledged: int = 0
    """The attempt number of the last save answered 303 (0: none yet)."""
    sent: int = 0
    """The attempt number of the last save sent."""
    cut: str = ""
    """The transport error that ended the posting (the server was gone)."""
    unexpected: str = ""


def _post_until_cut(respondent: Respondent, columns: list[str], deadline: float) -> None:
    with httpx.Client(timeout=10) as client:
        while time.monotonic() < deadline:
            respondent.sent += 1
            text = _text(respondent.index, respondent.sent)
            data = {"nav": "next", "section": respondent.section, **dict.fromkeys(columns, text)}
            try:
                response = client.post(respondent.url, data=data)
            except httpx.TransportError as exc:
                respondent.cut = type(exc).__name__
                return
            if response.status_code != 303:
                respondent.unexpected = f"{response.status_code}: {response.text[:300]}"
                return
            respondent.acknowledged = respondent.sent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture
def server_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of the server and of the helper: their own database, dropped after."""
    given = os.environ.get("DATABASE_URL", "")
    static = tmp_path / "static"  # left empty: whitenoise finds the files where they are
    static.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        ECLAIRE_SECRET_KEY=secrets.token_urlsafe(50),
        ECLAIRE_DEBUG="false",
        ECLAIRE_ALLOWED_HOSTS="127.0.0.1",
        ECLAIRE_STATIC_ROOT=str(static),
        DJANGO_SETTINGS_MODULE="eclaire.web.settings",
    )
    if not given.startswith("postgres"):
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'durable.sqlite3'}"
        yield env
        return
    name = f"eclaire_durability_{secrets.token_hex(4)}"
    env["DATABASE_URL"] = urlparse(given)._replace(path=f"/{name}").geturl()
    _admin(given, f'CREATE DATABASE "{name}"')
    try:
        yield env
    finally:
        _admin(given, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _helper(env: dict[str, str], *args: str, stdin: str = "") -> Any:
    done = subprocess.run(
        [sys.executable, str(HELPER), *args],
        env=env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def _serve(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    """gunicorn in a session of its own, so that one signal reaches the master and its workers."""
    with log.open("wb") as sink:  # a file, not a pipe: a full pipe would stall the workers
        server = subprocess.Popen(
            gunicorn_command("127.0.0.1", port, 2),
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=sink,
            start_new_session=True,
        )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/s/").status_code == 404:
                return server
        except httpx.TransportError:
            time.sleep(0.05)
    _kill(server)
    raise AssertionError("gunicorn did not start: " + log.read_text(errors="replace")[-3000:])


def _kill(server: subprocess.Popen[bytes]) -> None:
    """SIGKILL to the master and every worker: no clean shutdown, as in a crash."""
    with contextlib.suppress(ProcessLookupError):  # already gone, workers included
        os.killpg(server.pid, signal.SIGKILL)
    server.wait(timeout=10)


def _load_then_kill(
    server: subprocess.Popen[bytes], respondents: list[Respondent], columns: list[str], log: Path
) -> None:
    """Every respondent posts until the server is killed, once each has seen a few saves."""
    threads = [
        threading.Thread(
            target=_post_until_cut, args=(r, columns, time.monotonic() + 30), daemon=True
        )
        for r in respondents
    ]
    for thread in threads:
        thread.start()
    started = time.monotonic()
    while time.monotonic() < started + 20 and not all(
        r.unexpected or r.cut or r.acknowledged >= MIN_SAVES for r in respondents
    ):
        time.sleep(0.05)
    time.sleep(max(0.0, started + LOAD_SECONDS - time.monotonic()))
    assert server.poll() is None, "the server stopped by itself: " + log.read_text()[-3000:]
    _kill(server)
    for thread in threads:
        thread.join(timeout=15)
    assert not any(thread.is_alive() for thread in threads), "a client kept posting"


def test_every_acknowledged_save_survives_the_server_killed_under_load(
    server_env: dict[str, str], tmp_path: Path
) -> None:
    """A respondent who saw the next page come up finds the text just saved after a crash."""
    built = _helper(server_env, "build", str(RESPONDENTS))
    tokens: list[str] = built["tokens"]
    columns: list[str] = built["columns"]
    log = tmp_path / "server.log"
    port = _free_port()
    server = _serve(server_env, port, log)
    respondents = [
        Respondent(i, f"http://127.0.0.1:{port}/s/{token}/p/{built['page']}/", built["section"])
        for i, token in enumerate(tokens)
    ]
    try:
        _load_then_kill(server, respondents, columns, log)
    finally:
        _kill(server)

    assert server.returncode == -signal.SIGKILL
    assert [r.unexpected for r in respondents if r.unexpected] == []
    assert [r.acknowledged for r in respondents if r.acknowledged < MIN_SAVES] == []
    # Every respondent was still posting when the server died, and some save was on its way.
    assert [r for r in respondents if not r.cut or r.sent != r.acknowledged + 1] == []
    assert any(r.cut != "ConnectError" for r in respondents), [r.cut for r in respondents]

    stored = _helper(server_env, "read", stdin=json.dumps(tokens))
    for r, token in zip(respondents, tokens, strict=True):
        draft = stored[token]
        # The last text acknowledged, or the one sent after it whose answer the kill cut off.
        kept = [
            n
            for n in (r.acknowledged, r.sent)
            if draft["answers"] == dict.fromkeys(columns, _text(r.index, n))
        ]
        assert kept, (r, draft["answers"])
        assert draft["revision"] == 1 + kept[0]  # each save counted once, none lost between
        assert draft["page"] == built["page"] + 1
