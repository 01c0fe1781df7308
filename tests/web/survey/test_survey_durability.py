"""A crash of the server never loses a saved page: what a respondent saw saved is still there.

The production server (gunicorn, as ``eclaire serve`` starts it) runs on its own database, a
temporary SQLite file, or a fresh PostgreSQL database when DATABASE_URL names a PostgreSQL
server. Respondents save their free-text page again and again, each time with a new text; the
whole server is killed (SIGKILL, no clean shutdown) while they are still saving. The database is
then read directly, without restarting anything.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from eclaire.web.drill.servers import (
    free_port,
    kill,
    production_env,
    scratch_postgres,
    start_server,
)

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


@pytest.fixture
def server_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of the server and of the helper: their own database, dropped after."""
    given = os.environ.get("DATABASE_URL", "")
    if not given.startswith("postgres"):
        yield production_env(
            dict(os.environ), tmp_path, f"sqlite:///{tmp_path / 'durable.sqlite3'}"
        )
        return
    with scratch_postgres(given, "eclaire_durability") as url:
        yield production_env(dict(os.environ), tmp_path, url)


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
    kill(server)
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
    port = free_port()
    server = start_server(server_env, port, 2, log, cwd=ROOT)
    respondents = [
        Respondent(i, f"http://127.0.0.1:{port}/s/{token}/p/{built['page']}/", built["section"])
        for i, token in enumerate(tokens)
    ]
    try:
        _load_then_kill(server, respondents, columns, log)
    finally:
        kill(server)

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
