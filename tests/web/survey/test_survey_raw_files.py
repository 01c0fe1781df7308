"""Whoever reads the raw SQLite files, during or after a campaign, cannot join a person to answers.

A server process runs a campaign on its own SQLite file (WAL mode, as in production) and keeps
its connection open, as a running server does: the write-ahead log is then still there. The test
reads the bytes of the main file and of the ``-wal`` file, as a thief of the disk would, and
looks for anything that ties an invitation (a person) to a response or to a draft.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
SERVER = Path(__file__).with_name("raw_files_db.py")


class Server:
    def __init__(self, database: Path) -> None:
        env = {
            **os.environ,
            "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{SERVER.parent}",
            "DATABASE_URL": f"sqlite:///{database}",
            "ECLAIRE_SECRET_KEY": "raw-files-test-" + "x" * 40,
            "ECLAIRE_DEBUG": "false",
            # each response written at its submit, to find its bytes in the files (the batches
            # of test_survey_batches.py only delay them, sealed, and hold no person)
            "ECLAIRE_RESPONSE_BATCH": "1",
            "ECLAIRE_ALLOWED_HOSTS": "testserver",
            "ECLAIRE_TASK_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "ECLAIRE_STATIC_ROOT": str(database.parent),
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        self.database = database
        self.process = subprocess.Popen(
            [sys.executable, str(SERVER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=database.parent,
        )

    def line(self) -> str:
        assert self.process.stdout is not None
        out = self.process.stdout.readline()
        if not out:
            raise RuntimeError(f"the server process ended ({self.process.wait()})")
        return out

    def say(self, word: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(word + "\n")
        self.process.stdin.flush()

    def files(self) -> tuple[bytes, bytes]:
        wal = self.database.with_name(self.database.name + "-wal")
        return self.database.read_bytes(), wal.read_bytes() if wal.exists() else b""


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(tmp_path / "eclaire.sqlite3")
    yield running
    running.say("exit")
    running.process.wait(timeout=30)


def _invitation_values(run: dict[str, Any]) -> set[str]:
    """The values of invitation rows long enough to identify one (keys, hashes)."""
    return {v for row in run["invitations"] for v in row if len(v) >= 16}


def _assert_no_join(run: dict[str, Any], main: bytes, wal: bytes) -> None:
    both = main + wal
    started = run["markers"][run["in_progress"]].encode()
    assert started not in both, "a draft's answers are readable in the database files"
    for i in run["submitted"]:
        marker = run["markers"][i].encode()
        assert main.count(marker) == run["texts"], (
            "a submitted answer is stored in its response only"
        )
        assert marker not in wal, "the log still holds a submission's pages"
    assert not any(value.encode() in wal for value in _invitation_values(run)), (
        "the log still holds invitation pages, written beside a response"
    )
    assert not (_invitation_values(run) & {v for row in run["drafts"] for v in row}), (
        "a draft row holds a value of an invitation row"
    )


@pytest.mark.slow
def test_raw_database_files_join_no_person_to_answers(server: Server) -> None:
    run = json.loads(server.line())
    assert run["texts"] > 0
    assert len(run["drafts"]) == 1  # the respondent who has not submitted yet
    _assert_no_join(run, *server.files())

    server.say("close")
    assert server.line().strip() == "closed"
    main, wal = server.files()
    _assert_no_join(run, main, wal)
    locator = next(v for v in run["drafts"][0] if re.fullmatch("[0-9a-f]{64}", v))
    assert locator.encode() not in main + wal, "a deleted draft is zeroed, not left in free pages"
