"""Past one machine: the survey served by one app server, then by two behind a round robin.

    .venv/bin/python bench/two_servers.py [--runs 3] [--workers 2] [--concurrency 16]
        [--database-url postgres://postgres@127.0.0.1:5432/eclaire_two_servers]

Needs ``wrk`` and a PostgreSQL server (the database named in the URL is created and dropped by
the script). Builds the campaign of ``bench/survey_load.py``, starts gunicorn app servers
as ``eclaire serve`` runs them, on ports of 127.0.0.1, then per run:

1. one server (``--workers`` gunicorn workers): the trivial view (``/s/``), then complete surveys,
   ``--concurrency`` clients on it;
2. two servers with ``--workers`` each: the same, the clients split in two halves, one per server
   (two wrk processes at once: the simplest round robin, by connection);
3. two servers with half the workers each: as many processes as one server, spread over two;

and prints the medians, one server next to two. Servers and clients share this machine's cores:
two servers can only be faster where cores are to spare, so on a small machine they are not. On a
machine busy with other work, more processes win a larger share of its cores, which flatters the
two-server lines: line 3, with as many processes as line 1, is the fair comparison there.
The crash half of the story (one server killed mid-load, every acknowledged answer kept, the
analysis on a task worker meanwhile) is ``tests/web/deploy/test_two_servers.py``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from urllib.parse import urlparse

import survey_load
from survey_load import ROOT, SURVEY_SECONDS, finish, prepare, surveys, trivial, write_lines

PER_PHASE = int(survey_load.MAX_SURVEY_RATE * SURVEY_SECONDS)
"""Respondents prepared per phase and run (enough for this many complete surveys/s)."""


def _reachable(url: str) -> bool:
    import psycopg

    try:
        psycopg.connect(
            urlparse(url)._replace(path="/postgres").geturl(), connect_timeout=5
        ).close()
    except psycopg.OperationalError:
        return False
    return True


def _at_once(jobs: list[Callable[[], float]]) -> float:
    """Run the load generators together; the sum of their rates."""
    with ThreadPoolExecutor(len(jobs)) as pool:
        return sum(pool.map(lambda job: job(), jobs))


def _survey_rate(base: str, tokens: Path, pages: Path, concurrency: int) -> float:
    return surveys(base, tokens, pages, concurrency)["rate"]


def _phase(
    bases: list[str], tokens: list[str], pages: Path, tmp: Path, clients: int
) -> tuple[float, float]:
    """Trivial view and complete surveys with the clients split evenly over ``bases``."""
    share = len(tokens) // len(bases)
    files = [
        write_lines(tmp / f"tokens{i}.txt", tokens[i * share : (i + 1) * share])
        for i in range(len(bases))
    ]
    per = clients // len(bases)
    rate = _at_once([partial(trivial, b, per) for b in bases])
    done = _at_once(
        [partial(_survey_rate, b, f, pages, per) for b, f in zip(bases, files, strict=True)]
    )
    return rate, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/eclaire_two_servers"
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk not found: install it (Debian: apt-get install wrk), then run again.")
    if not args.database_url.startswith("postgres"):
        sys.exit("two app servers share one database server: give a postgres:// URL")
    if not _reachable(args.database_url):
        print(f"skipped: no PostgreSQL server answers at {args.database_url}")
        return
    tmp = Path(tempfile.mkdtemp(prefix="eclaire-two-servers-"))
    print(f"Preparing {3 * PER_PHASE * args.runs} invitations…", flush=True)
    tokens, pages = prepare(tmp, args.database_url, 3 * PER_PHASE * args.runs)
    from eclaire.web.drill.servers import free_port, kill, start_server

    half = max(args.workers // 2, 1)
    setups = {"one": [args.workers], "two": [args.workers] * 2, "two halves": [half] * 2}
    servers, bases = [], {}
    for name, counts in setups.items():
        bases[name] = []
        for workers in counts:
            port = free_port()
            log = tmp / f"server{len(servers)}.log"
            servers.append(start_server(dict(os.environ), port, workers, log, cwd=ROOT))
            bases[name].append(f"http://127.0.0.1:{port}")
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in setups}
    try:
        for run in range(args.runs):
            print(f"run {run + 1}/{args.runs}: {', '.join(setups)}…", flush=True)
            for i, name in enumerate(setups):
                start = (run * len(setups) + i) * PER_PHASE
                batch = tokens[start : start + PER_PHASE]
                results[name].append(_phase(bases[name], batch, pages, tmp, args.concurrency))
    finally:
        for server in servers:
            kill(server, signal.SIGTERM)
        finish(args.database_url)
    print(
        f"PostgreSQL; clients: {args.concurrency} (wrk, split over the servers); runs:"
        f" {args.runs} (medians); cores: {os.cpu_count()}"
    )
    print("app servers × gunicorn workers   trivial view req/s   complete surveys/s")
    for name, counts in setups.items():
        trivial_rate = statistics.median(r[0] for r in results[name])
        survey_rate = statistics.median(r[1] for r in results[name])
        shape = f"{len(counts)} × {counts[0]}"
        print(f"{name:12s} {shape:19s} {trivial_rate:18.0f} {survey_rate:20.1f}")


if __name__ == "__main__":
    main()
