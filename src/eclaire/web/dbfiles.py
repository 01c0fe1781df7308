"""What SQLite's files keep of past writes, and how a privacy-sensitive write forgets it.

In WAL mode a commit appends whole page images to the ``-wal`` file; they stay there, after
the data they held was changed or deleted, until a checkpoint copies them into the main file
and the log is reset. Read raw, such a log shows which rows one transaction changed together,
e.g. the invitation marked finished and the response inserted by the same submission. Two
settings close this (docs/privacy.md, database files):

- ``PRAGMA secure_delete=ON`` (set on every connection, ``eclaire.web.env``): deleted content
  is overwritten with zeros instead of left in free space;
- ``truncate_log_after_commit()``: after the transaction commits, a ``TRUNCATE`` checkpoint
  copies the log into the main file and empties the ``-wal`` file.

PostgreSQL keeps no such file for a reader of the data directory to diff, but see the limits in
docs/privacy.md. Both are no-ops there.
"""

from __future__ import annotations

from django.db import connection, transaction

CHECKPOINT_WAIT_MS = 250
"""How long a checkpoint waits for readers of the log; a busy one is retried at the next call."""


def truncate_log() -> bool:
    """Checkpoint SQLite's log into the main file and empty it; ``True`` if it was emptied.

    A reader still using the log makes this return ``False`` after a short wait instead of
    blocking the request: the next submission's checkpoint empties it.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return False
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA busy_timeout={CHECKPOINT_WAIT_MS}")
        try:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy, _log_frames, _copied = cursor.fetchone()
        finally:
            cursor.execute(f"PRAGMA busy_timeout={int(previous)}")
    return busy == 0


def truncate_log_after_commit() -> None:
    """Empty SQLite's log once the current transaction has committed (no-op elsewhere)."""
    if connection.vendor == "sqlite":
        transaction.on_commit(truncate_log)
