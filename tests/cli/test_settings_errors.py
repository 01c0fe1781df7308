"""A wrong or missing setting ends any ``eclaire`` command with one line on stderr and status 2.

Each case runs the command as a person would, in a fresh process (Django reads its settings once
per process) with none of the test run's variables.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def _eclaire(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ECLAIRE_", "DJANGO_", "PYTEST_", "DATABASE_URL"))
    }
    clean["PYTHONPATH"] = str(SRC)
    return subprocess.run(
        [sys.executable, "-m", "eclaire.cli", *args],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _assert_one_line(run: subprocess.CompletedProcess[str], *words: str) -> None:
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    for word in words:
        assert word in lines[0]


def test_bad_boolean_setting_is_one_line(tmp_path):
    run = _eclaire(tmp_path, "manage", "check", ECLAIRE_DEBUG="perhaps")
    _assert_one_line(run, "ECLAIRE_DEBUG='perhaps'", "true or false")


def test_unknown_database_scheme_is_one_line(tmp_path):
    run = _eclaire(tmp_path, "manage", "check", DATABASE_URL="mysql://root@localhost/x")
    _assert_one_line(run, "DATABASE_URL", "expected sqlite")


def test_postgres_without_secret_key_refuses_to_start(tmp_path):
    run = _eclaire(tmp_path, "manage", "check", DATABASE_URL="postgres://u@127.0.0.1:1/x")
    _assert_one_line(run, "ECLAIRE_SECRET_KEY is not set", "PostgreSQL")


def test_unreachable_database_is_one_line(tmp_path):
    run = _eclaire(
        tmp_path,
        "remind",
        "--org",
        "acme",
        "--campaign",
        "wave-1",
        DATABASE_URL="postgres://u@127.0.0.1:1/x",
        ECLAIRE_SECRET_KEY="k" * 50,
    )
    _assert_one_line(run, "DATABASE_URL cannot be used")


def test_local_sqlite_needs_no_secret_and_keeps_one_beside_the_database(tmp_path):
    first = _eclaire(tmp_path, "manage", "check")
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "eclaire.sqlite3.secret-key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    key = key_file.read_text()
    second = _eclaire(tmp_path, "manage", "check")
    assert second.returncode == 0, second.stderr
    assert key_file.read_text() == key


def test_impossible_sample_is_one_line(tmp_path):
    run = _eclaire(tmp_path, "sample", "--units", "12", "--people", "60", "--out", "s")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "people must be at least" in run.stderr.strip().splitlines()[-1]
