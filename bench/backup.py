"""Time ``eclaire backup`` and ``restore`` on a SQLite database while another thread keeps writing.

The database is the one given (e.g. the demo's ``demo/eclaire-demo.sqlite3``), copied, then grown
with a table of random rows to the requested size. For each run: the time of the backup, the
commits the writer made while it ran (WAL mode: a backup does not block writers), and the time of
a restore of that backup into a new file. Printed: medians over the runs, sizes in MB.

    .venv/bin/python bench/backup.py demo/eclaire-demo.sqlite3 [--mb 200] [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import tempfile
import threading
import time
from contextlib import closing
from pathlib import Path

from eclaire.web.operations.backup import backup_sqlite, restore_sqlite


def _grow(path: Path, megabytes: int) -> None:
    with closing(sqlite3.connect(path)) as c, c:
        c.execute("PRAGMA journal_mode=WAL")
        c.execute("CREATE TABLE bench_rows (n INTEGER PRIMARY KEY, payload BLOB)")
        c.executemany(
            "INSERT INTO bench_rows (payload) VALUES (randomblob(4000))",
            [()] * (megabytes * 250),
        )


def _writer(path: Path, stop: threading.Event, commits: list[int]) -> None:
    with closing(sqlite3.connect(path, timeout=30, isolation_level=None)) as c:
        c.execute("PRAGMA synchronous=NORMAL")
        while not stop.is_set():
            c.execute("INSERT INTO bench_rows (payload) VALUES (randomblob(500))")
            commits[0] += 1


def run(source: Path, megabytes: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "live.sqlite3"
        shutil.copy(source, db)
        _grow(db, megabytes)
        size = db.stat().st_size / 1e6
        backups, restores, during = [], [], []
        stop, commits = threading.Event(), [0]
        thread = threading.Thread(target=_writer, args=(db, stop, commits), daemon=True)
        thread.start()
        for i in range(runs):
            out = Path(tmp) / f"copy-{i}.sqlite3"
            before, t0 = commits[0], time.perf_counter()
            backup_sqlite(db, out)
            backups.append(time.perf_counter() - t0)
            during.append(commits[0] - before)
            t0 = time.perf_counter()
            restore_sqlite(out, Path(tmp) / f"restored-{i}.sqlite3", required_tables=[])
            restores.append(time.perf_counter() - t0)
            (Path(tmp) / f"restored-{i}.sqlite3").unlink()
            out.unlink()
        stop.set()
        thread.join()
    print(f"database {size:.0f} MB, {runs} runs, a writer committing all along")
    print(f"  backup   median {statistics.median(backups):.2f} s")
    print(f"  writer commits during a backup: median {statistics.median(during):.0f}")
    print(f"  restore  median {statistics.median(restores):.2f} s (into a new file)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", type=Path)
    parser.add_argument("--mb", type=int, default=200, help="Grow the copy by about this much.")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    run(args.database, args.mb, args.runs)
