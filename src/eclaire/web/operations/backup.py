"""SQLite backup and restore through SQLite's online backup API.

A backup is a consistent copy of the database at one instant, taken while the server keeps
writing: ``sqlite3.Connection.backup`` copies every page inside one read transaction (in WAL mode
the writers are not blocked), into a temporary file renamed into place once complete and checked.
The copy is a single file (its journal mode is set back to ``DELETE``).

A restore copies a checked backup into the target database with the same API, so a server still
connected to the target sees the restored data, never a half-written file. It refuses a target that
holds data unless asked to replace it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
SETUP_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission"})
"""Tables that ``migrate`` fills by itself: rows there do not make a database 'hold data'."""
BUSY_TIMEOUT_S = 30.0


class BackupError(Exception):
    """A backup or a restore that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class CopySummary:
    path: Path
    tables: int
    rows: int
    size_bytes: int


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        return sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S
        )
    return sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)


def table_names(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    return [name for (name,) in rows]


def _row_counts(connection: sqlite3.Connection) -> dict[str, int]:
    return {
        name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        for name in table_names(connection)
    }


def _summary(path: Path) -> CopySummary:
    with closing(_connect(path, read_only=True)) as connection:
        counts = _row_counts(connection)
    return CopySummary(path, len(counts), sum(counts.values()), path.stat().st_size)


def backup_sqlite(source: Path, out: Path, *, force: bool = False) -> CopySummary:
    """Copy the database ``source`` to the file ``out``, consistently, while others write."""
    if not source.is_file():
        raise BackupError(f"{source}: no database file there.")
    if out.exists() and out.resolve() == source.resolve():
        raise BackupError(f"{out} is the database itself: choose another file.")
    if out.exists() and not force:
        raise BackupError(f"{out} already exists: choose another name, or --force to replace it.")
    if not out.parent.is_dir():
        raise BackupError(f"{out.parent}: no such directory.")
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with closing(_connect(source)) as src, closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            _require_intact(dst, out)
        os.replace(partial, out)
    except sqlite3.Error as exc:
        raise BackupError(f"{out}: the copy failed ({exc}); nothing was written.") from None
    finally:
        partial.unlink(missing_ok=True)
    return _summary(out)


def _require_intact(connection: sqlite3.Connection, name: Path) -> None:
    verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
    if verdict != "ok":
        raise BackupError(f"{name}: the database is damaged ({verdict}).")


def check_backup(path: Path, required_tables: Iterable[str]) -> None:
    """Refuse anything but an intact SQLite database holding every table in ``required_tables``."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file.")
    with path.open("rb") as file:
        if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise BackupError(f"{path} is not a SQLite database.")
    try:
        with closing(_connect(path, read_only=True)) as connection:
            _require_intact(connection, path)
            present = set(table_names(connection))
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} cannot be read as a SQLite database ({exc}).") from None
    missing = sorted(set(required_tables) - present)
    if missing:
        raise BackupError(
            f"{path} is not an Éclaire database: tables {', '.join(missing)} are missing."
        )


def holds_data(path: Path) -> bool:
    """Whether the database at ``path`` has a row anywhere but in the tables ``migrate`` fills."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    with closing(_connect(path)) as connection:
        counts = _row_counts(connection)
    return any(n for name, n in counts.items() if name not in SETUP_TABLES)


def restore_sqlite(
    backup: Path, target: Path, *, required_tables: Iterable[str], force: bool = False
) -> CopySummary:
    """Replace the database ``target`` by the checked backup ``backup``."""
    check_backup(backup, required_tables)
    if backup.resolve() == target.resolve():
        raise BackupError(f"{backup} is the database itself.")
    if holds_data(target) and not force:
        raise BackupError(
            f"{target} already holds data: nothing was changed. "
            "Use --force to replace it with the backup."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with closing(_connect(backup, read_only=True)) as src, closing(_connect(target)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=WAL")
    except sqlite3.Error as exc:
        raise BackupError(f"{target}: the restore failed ({exc}).") from None
    return _summary(target)
