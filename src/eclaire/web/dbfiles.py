"""What SQLite's files keep of past writes, and how a privacy-sensitive write forgets it.

In WAL mode a commit appends whole page images to the ``-wal`` file; they stay there, after
the data they held was changed or deleted, until a checkpoint copies them into the main file
and the log is reset. Read raw, such a log shows which rows one transaction changed together,
e.g. the invitation marked finished and the response inserted by the same submission. Two
settings close this (docs/privacy.md, database files):

- ``PRAGMA secure_delete=ON`` (set on every connection, ``eclaire.web.env``): deleted content
  is overwritten with zeros instead of left in free space;
- ``truncate_log_after_commit()``: after the transaction commits, a checkpoint copies the log
  into the main file and empties the ``-wal`` file.

That checkpoint waits on the disk (two ``fsync``: 15-20 ms here, a fraction of a millisecond of
CPU), and a sync server worker that waited for it before answering served nobody meanwhile. So
a submission hands it to one thread of its process, with its own connection, and answers at
once: the log is emptied a few milliseconds after the commit, as it was emptied a few
milliseconds after it before, only no longer before the answer leaves. The thread copies the log
first without blocking the other writers (``PASSIVE``, where the waits on the disk are), then
empties it (``TRUNCATE``, with nothing left to copy unless someone wrote meanwhile). A process
that exits waits for the checkpoint asked of it (``atexit``); one killed before it ran leaves
the log to the next submission's checkpoint, as a checkpoint held up by a reader does.
``truncate_log_after_commit(wait=True)`` runs it in the request instead (closing a campaign).

PostgreSQL keeps no such file for a reader of the data directory to diff, but see the limits in
docs/privacy.md. Both are no-ops there.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading

from django.db import connection, transaction

_log = logging.getLogger(__name__)
CHECKPOINT_WAIT_MS = 250
"""How long a checkpoint waits for readers of the log; a busy one is retried at the next call."""


def truncate_log() -> bool:
    """Checkpoint SQLite's log into the main file and empty it; ``True`` if it was emptied.

    A reader still using the log makes this return ``False`` after a short wait: the next
    submission's checkpoint empties it. The copy is done first in ``PASSIVE`` mode, which does
    not keep other connections from writing while it waits on the disk; ``TRUNCATE`` then
    copies what was written meanwhile, if anything, and empties the log.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return False
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA busy_timeout={CHECKPOINT_WAIT_MS}")
        try:
            cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
            cursor.fetchone()
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy, _log_frames, _copied = cursor.fetchone()
        finally:
            cursor.execute(f"PRAGMA busy_timeout={int(previous)}")
    return busy == 0


def truncate_log_after_commit(*, wait: bool = False) -> None:
    """Empty SQLite's log once the current transaction has committed (no-op elsewhere): in this
    process's checkpoint thread, or in this one if ``wait``."""
    if connection.vendor == "sqlite":
        transaction.on_commit(truncate_log if wait else _checkpoints.ask)


class _Checkpoints:
    """The thread of a process that empties the log when asked, with its own connection.

    Requests asked while a checkpoint runs are served by one more checkpoint after it.
    """

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._asked = self._done = 0
        self._pid = 0
        self._thread: threading.Thread | None = None

    def ask(self) -> None:
        with self._changed:
            if self._pid != os.getpid() or self._thread is None or not self._thread.is_alive():
                self._pid, self._asked, self._done = os.getpid(), 0, 0  # new, or forked
                self._thread = threading.Thread(target=self._run, name="eclaire-wal", daemon=True)
                self._thread.start()
            self._asked += 1
            self._changed.notify_all()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until every checkpoint asked so far of this process has run; ``False`` if the
        time ran out first."""
        with self._changed:
            if self._pid != os.getpid():
                return True
            return self._changed.wait_for(lambda: self._done >= self._asked, timeout)

    def _run(self) -> None:
        try:
            while True:
                with self._changed:
                    self._changed.wait_for(lambda: self._asked > self._done)
                    target = self._asked
                try:
                    truncate_log()
                except Exception:  # the next submission's checkpoint tries again
                    _log.exception("emptying SQLite's log failed")
                    connection.close()
                with self._changed:
                    self._done = target
                    self._changed.notify_all()
        finally:
            connection.close()


_checkpoints = _Checkpoints()


def wait_for_checkpoints(timeout: float | None = None) -> bool:
    """Wait until the checkpoints asked by this process have run (tests, and at exit)."""
    return _checkpoints.wait(timeout)


atexit.register(wait_for_checkpoints, 10.0)
