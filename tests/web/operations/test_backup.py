"""SQLite backup and restore: consistent while another thread writes, restored row for row, and
refused where it would destroy data or take a foreign file for a database."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from eclaire.web.operations.backup import (
    BackupError,
    backup_sqlite,
    check_backup,
    holds_data,
    restore_sqlite,
)

ROOT = Path(__file__).resolve().parents[3]
REQUIRED = ["django_migrations", "organizations_organization", "responses_response"]
BUILD = """
import sys
from pathlib import Path
from eclaire.web.bootstrap import migrate, setup_django
setup_django()
migrate()
from eclaire.web.imports import ImportRequest, do_import_file
for kind in ("units", "roster", "responses"):
    request = ImportRequest(
        kind=kind, path=Path(sys.argv[1]) / f"{kind}.csv", org_slug="exemple",
        campaign_slug="v1" if kind == "responses" else None, instrument="coherence",
    )
    if do_import_file(request).problems:
        raise SystemExit(f"could not import {kind}")
"""


def _env(db: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "ECLAIRE_SECRET_KEY": "backup-tests-" + "k" * 40,
        "PYTHONPATH": str(ROOT / "src"),
    }


def _eclaire(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "eclaire.cli", *args]
    return subprocess.run(command, env=_env(db), capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database holding the example organization, built by a separate process."""
    db = tmp_path_factory.mktemp("built") / "eclaire.sqlite3"
    run = [sys.executable, "-c", BUILD, str(ROOT / "docs" / "examples")]
    done = subprocess.run(run, env=_env(db), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture
def live(built: Path, tmp_path: Path) -> Path:
    db = tmp_path / "live.sqlite3"
    shutil.copy(built, db)
    return db


def _dump(path: Path) -> dict[str, list[tuple]]:
    """Every table's schema and rows, in a comparable order."""
    with closing(sqlite3.connect(path)) as connection:
        tables = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).fetchall()
        return {
            name: [(sql,), *sorted(connection.execute(f'SELECT * FROM "{name}"'), key=repr)]
            for name, sql in tables
        }


class Writer(threading.Thread):
    """Commits one row at a time, with a running total kept in another table."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path, self.stop, self.done = path, threading.Event(), 0
        with closing(sqlite3.connect(path)) as c:
            c.executescript(
                "CREATE TABLE ops_writes (n INTEGER PRIMARY KEY, payload BLOB NOT NULL);"
                "CREATE TABLE ops_total (total INTEGER NOT NULL); INSERT INTO ops_total VALUES (0);"
            )

    def run(self) -> None:
        with closing(sqlite3.connect(self.path, timeout=30, isolation_level=None)) as c:
            c.execute("PRAGMA synchronous=OFF")  # no disk flush per commit: more commits a second
            while not self.stop.is_set():
                c.execute("BEGIN IMMEDIATE")
                c.execute("INSERT INTO ops_writes (payload) VALUES (randomblob(2000))")
                c.execute("UPDATE ops_total SET total = total + 1")
                c.execute("COMMIT")
                self.done += 1


def test_backup_while_another_thread_writes_restores_row_for_row(live: Path, tmp_path: Path):
    writer = Writer(live)
    writer.start()
    while writer.done < 2000:  # about 4 MB written before the copy starts
        time.sleep(0.01)
    started_at = writer.done
    summary = backup_sqlite(live, tmp_path / "copy.sqlite3")
    finished_at = writer.done
    time.sleep(0.2)
    writer.stop.set()
    writer.join()
    assert finished_at > started_at and writer.done > finished_at  # writes during and after

    copy = _dump(tmp_path / "copy.sqlite3")
    ns = sorted(row[0] for row in copy["ops_writes"][1:])
    assert started_at <= len(ns) <= finished_at
    assert ns == list(range(1, len(ns) + 1))  # a prefix of the commits, none torn
    assert copy["ops_total"][1:] == [(len(ns),)]
    source = _dump(live)
    for table in set(source) - {"ops_writes", "ops_total"}:
        assert copy[table] == source[table], table
    assert summary.tables == len([t for t in copy if not t.startswith("sqlite_")])
    assert summary.rows >= len(ns) + 21  # the writes and the example organization's responses

    restored = tmp_path / "new" / "restored.sqlite3"
    restore_sqlite(tmp_path / "copy.sqlite3", restored, required_tables=REQUIRED)
    assert _dump(restored) == copy


def test_restore_refuses_a_database_that_holds_data_unless_forced(built, live, tmp_path):
    with closing(sqlite3.connect(live)) as c, c:
        c.execute("DELETE FROM responses_response")
    before = _dump(live)
    assert holds_data(live)
    with pytest.raises(BackupError, match="already holds data: nothing was changed"):
        restore_sqlite(built, live, required_tables=REQUIRED)
    assert _dump(live) == before
    restore_sqlite(built, live, required_tables=REQUIRED, force=True)
    assert _dump(live) == _dump(built)


def test_restore_checks_the_file_is_an_eclaire_sqlite_database(built, live, tmp_path):
    text = tmp_path / "notes.sqlite3"
    text.write_text("not a database")
    other = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(other)) as c:
        c.execute("CREATE TABLE things (x)")
    before = _dump(live)
    with pytest.raises(BackupError, match="is not a SQLite database"):
        restore_sqlite(text, live, required_tables=REQUIRED, force=True)
    with pytest.raises(BackupError, match="not an Éclaire database: tables django_migrations"):
        restore_sqlite(other, live, required_tables=REQUIRED, force=True)
    with pytest.raises(BackupError, match="no such file"):
        check_backup(tmp_path / "missing.sqlite3", REQUIRED)
    assert _dump(live) == before


def test_backup_refuses_to_overwrite_a_file_unless_forced(live, tmp_path):
    out = tmp_path / "copy.sqlite3"
    out.write_text("an older backup")
    with pytest.raises(BackupError, match="already exists"):
        backup_sqlite(live, out)
    assert out.read_text() == "an older backup"
    backup_sqlite(live, out, force=True)
    assert _dump(out) == _dump(live)
    with pytest.raises(BackupError, match="no such directory"):
        backup_sqlite(live, tmp_path / "missing" / "copy.sqlite3")


def test_commands_back_up_and_restore_and_refuse_clearly(live, tmp_path):
    out = tmp_path / "saved.sqlite3"
    done = _eclaire(live, "backup", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "tables" in done.stdout and _dump(out) == _dump(live)

    refused = _eclaire(live, "restore", str(out))
    assert refused.returncode == 2 and "already holds data" in refused.stderr

    fresh = tmp_path / "fresh.sqlite3"
    restored = _eclaire(fresh, "restore", str(out))
    assert restored.returncode == 0, restored.stderr
    assert _dump(fresh) == _dump(out)


def test_commands_on_postgresql_point_to_pg_dump_and_exit_2(tmp_path):
    env = {**_env(tmp_path / "unused"), "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"}
    for args in (["backup", "--out", str(tmp_path / "x")], ["restore", str(tmp_path / "x")]):
        command = [sys.executable, "-m", "eclaire.cli", *args]
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 2 and "pg_dump -Fc" in done.stderr and "pg_restore" in done.stderr
