"""Survey under load: concurrent respondents against the production server (gunicorn).

    .venv/bin/python bench/survey_load.py [--concurrency 16] [--runs 3] [--workers 2]
        [--database-url postgres://postgres@127.0.0.1:5432/eclaire_bench]

Needs ``wrk`` (Debian package ``wrk``): a load generator written in C, driven by
``bench/survey_load.lua``. A Python client would take most of the two cores from the server it
measures (seen here: httpx with 16 threads used about 1.5 cores), and the figures would be the
client's. Builds a fresh database (a temporary SQLite file by default; the PostgreSQL database named
in the URL is created and dropped by the script), a campaign on the default instrument with one
invitation per respondent, starts gunicorn on 127.0.0.1 as ``eclaire serve`` does, then per run:

1. trivial view: the plain page (``/s/``), GET in a loop → requests/s;
2. page saves alone: each client saves page 1 of its own survey in a loop → saves/s, p50/p99;
3. complete surveys: each client walks its respondents through every page (GET then POST of each
   page, the review, the send) for a fixed time → surveys/s, counted as the survey requests
   answered divided by the requests of one survey (the surveys sent are printed too).

Prints the medians over the runs, then what each request cost in CPU: the server's processes
(gunicorn's master and workers) and, on PostgreSQL, the database's processes serving this
database, read from ``/proc`` before and after each phase. On a machine shared with other work
the rates move with the load; these CPU figures much less. Only 127.0.0.1 is contacted; every
phase is bounded in time, and the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
LUA = Path(__file__).with_suffix(".lua")
PHASE_SECONDS = 5.0
SURVEY_SECONDS = 10.0
MAX_SURVEY_RATE = 100
"""Respondents prepared per client and run: enough for this many complete surveys/s."""


def create_postgres(url: str, *, drop: bool = False) -> None:
    """(Re)create the database named in ``url``, or drop it."""
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop:
            conn.execute(f'CREATE DATABASE "{name}"')


def prepare(tmp: Path, url: str, respondents: int) -> tuple[list[str], Path]:
    """Point this process at ``url``, migrate, build the drill campaign; tokens and pages file."""
    os.environ.update(
        {
            "DATABASE_URL": url,
            "ECLAIRE_SECRET_KEY": secrets.token_urlsafe(50),
            "ECLAIRE_DEBUG": "false",
            "ECLAIRE_ALLOWED_HOSTS": "127.0.0.1",
            "ECLAIRE_STATIC_ROOT": str(tmp / "static"),
            "DJANGO_SETTINGS_MODULE": "eclaire.web.settings",
        }
    )
    if url.startswith("postgres"):
        create_postgres(url)
    import django

    django.setup()
    from django.core.management import call_command

    from eclaire.web.drill.campaign import build_campaign, page_bodies

    call_command("migrate", verbosity=0)
    tokens = build_campaign(respondents, slug="bench").tokens
    bodies = [urllib.parse.urlencode(p, doseq=True) for p in page_bodies()]
    return tokens, write_lines(tmp / "pages.txt", bodies)


def finish(url: str) -> None:
    if url.startswith("postgres"):
        from django.db import connections

        connections.close_all()
        create_postgres(url, drop=True)


def _cpu_seconds(pid: int) -> tuple[float, str, int]:
    """user + system CPU seconds, command line and session of a live process (0, "", -1 if gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except (OSError, IndexError):
        return 0.0, "", -1
    return (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK"), cmdline, int(stat[3])


def server_cpu(session: int, database: str) -> dict[str, float]:
    """CPU seconds so far of the server (the processes of its session) and of the PostgreSQL
    processes serving ``database`` (their process title names it; empty for SQLite)."""
    out = {"server": 0.0, "database": 0.0}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        seconds, cmdline, sid = _cpu_seconds(int(entry.name))
        if sid == session:
            out["server"] += seconds
        elif database and cmdline.startswith("postgres:") and f" {database} " in cmdline:
            out["database"] += seconds
    return out


def wrk(base: str, path: str, concurrency: int, seconds: float, *lua_args: str) -> dict[str, float]:
    """Run wrk (a load generator in C, so the clients leave the CPU to the server)."""
    command = ["wrk", "-t", str(concurrency), "-c", str(concurrency), "-d", f"{seconds:g}s"]
    if lua_args:
        command += ["-s", str(LUA), base, "--", *lua_args, str(concurrency)]
    else:
        command.append(base + path)
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60)
    if not lua_args:
        rate = re.search(r"Requests/sec:\s+([\d.]+)", out.stdout)
        count = re.search(r"(\d+) requests in", out.stdout)
        if rate is None or count is None:
            raise RuntimeError("wrk printed no rate: " + out.stdout + out.stderr)
        return {"rate": float(rate.group(1)), "requests": float(count.group(1))}
    found = re.search(r"^RESULT (.*)$", out.stdout, re.MULTILINE)
    if found is None:
        raise RuntimeError("wrk printed no result: " + out.stdout + out.stderr)
    figures = {k: float(v) for k, v in (kv.split("=") for kv in found.group(1).split())}
    if figures["errors"]:
        raise RuntimeError(f"{figures['errors']:.0f} unexpected answers: " + out.stderr[-1000:])
    return figures


def trivial(base: str, concurrency: int) -> dict[str, float]:
    return wrk(base, "/s/", concurrency, PHASE_SECONDS)


def saves(base: str, tokens: Path, pages: Path, concurrency: int) -> dict[str, float]:
    figures = wrk(base, "", concurrency, PHASE_SECONDS, "save", str(tokens), str(pages))
    return {**figures, "rate": figures["saves"] / figures["seconds"]}


def surveys(base: str, tokens: Path, pages: Path, concurrency: int) -> dict[str, float]:
    figures = wrk(base, "", concurrency, SURVEY_SECONDS, "survey", str(tokens), str(pages))
    # The clients move in step, so complete surveys come in waves of about one per client; the
    # rate counts the surveys' requests answered instead, finished surveys or not.
    done = figures["steps"] / figures["per_survey"]
    return {**figures, "rate": done / figures["seconds"]}


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def measured(
    cpu: Callable[[], dict[str, float]], phase: Callable[..., dict[str, float]], *args: Any
) -> dict[str, float]:
    """Run ``phase(*args)``; its figures with the CPU seconds it took (``cpu`` reads them)."""
    before = cpu()
    figures = dict(phase(*args))
    after = cpu()
    return {**figures, **{f"cpu_{k}": after[k] - before[k] for k in after}}


def per_request_cpu(
    tri: dict[str, float], sav: dict[str, float], sur: dict[str, float]
) -> dict[str, float]:
    """Milliseconds of CPU per trivial view, per page save and per complete survey (the idle
    requests of clients out of respondents counted as trivial views), server and database."""
    out = {}
    for side in ("server", "database"):
        one = tri[f"cpu_{side}"] / tri["requests"]
        idle = sur["requests"] - sur["steps"]
        out[f"{side}_trivial"] = 1000 * one
        out[f"{side}_save"] = 1000 * sav[f"cpu_{side}"] / sav["requests"]
        done = sur["steps"] / sur["per_survey"]
        out[f"{side}_survey"] = 1000 * (sur[f"cpu_{side}"] - idle * one) / done
    return out


def print_cpu(med: dict[str, float], postgres: bool) -> None:
    trivial_ms = med["server_trivial"] + med["database_trivial"]
    survey_ms = med["server_survey"] + med["database_survey"]
    print("CPU per request (ms; server = gunicorn's processes, database = PostgreSQL's):")
    for label, key in (
        ("trivial view", "trivial"),
        ("page save", "save"),
        ("complete survey", "survey"),
    ):
        line = f"  {label + ':':17s} server {med[f'server_{key}']:7.2f}"
        if postgres:
            line += f", database {med[f'database_{key}']:6.2f}"
        print(line)
    print(f"  a complete survey costs {survey_ms / trivial_ms:.0f} trivial views of CPU")


def print_summary(med: dict[str, float]) -> None:
    print(f"trivial view (plain page):   {med['trivial']:8.0f} requests/s")
    print(
        f"page saves alone:            {med['saves']:8.0f} saves/s"
        f" ({100 * med['saves'] / med['trivial']:.0f} % of the trivial view)"
    )
    print(f"page save latency:           p50 {med['p50']:.1f} ms, p99 {med['p99']:.1f} ms")
    print(
        f"complete surveys:            {med['surveys']:8.1f} surveys/s"
        f" ({med['sent']:.0f} sent in {SURVEY_SECONDS:g} s),"
        f" one costs {med['trivial'] / med['surveys']:.0f} trivial views"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk not found: install it (Debian: apt-get install wrk), then run again.")
    tmp = Path(tempfile.mkdtemp(prefix="eclaire-bench-"))
    url = args.database_url or f"sqlite:///{tmp / 'bench.sqlite3'}"
    per_run = int(MAX_SURVEY_RATE * SURVEY_SECONDS)
    print(f"Preparing {per_run * args.runs + args.concurrency} invitations…", flush=True)
    tokens, pages = prepare(tmp, url, per_run * args.runs + args.concurrency)
    spare = write_lines(tmp / "spare.txt", tokens[: args.concurrency])
    tokens = tokens[args.concurrency :]
    from eclaire.web.drill.servers import free_port, kill, start_server

    port = free_port()
    server = start_server(dict(os.environ), port, args.workers, tmp / "server.log", cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    results: dict[str, list[float]] = {
        k: [] for k in ("trivial", "saves", "p50", "p99", "surveys", "sent")
    }
    database = urlparse(url).path.lstrip("/") if url.startswith("postgres") else ""

    def cpu() -> dict[str, float]:
        return server_cpu(server.pid, database)

    try:
        for run in range(args.runs):
            print(
                f"run {run + 1}/{args.runs}: trivial view, page saves, complete surveys…",
                flush=True,
            )
            tri = measured(cpu, trivial, base, args.concurrency)
            results["trivial"].append(tri["rate"])
            saved = measured(cpu, saves, base, spare, pages, args.concurrency)
            for key, value in (("saves", saved["rate"]), ("p50", saved["p50"])):
                results[key].append(value)
            results["p99"].append(saved["p99"])
            batch = write_lines(
                tmp / f"tokens{run}.txt", tokens[run * per_run : (run + 1) * per_run]
            )
            done = measured(cpu, surveys, base, batch, pages, args.concurrency)
            results["surveys"].append(done["rate"])
            results["sent"].append(done["surveys"])
            for key, value in per_request_cpu(tri, saved, done).items():
                results.setdefault(key, []).append(value)
    finally:
        kill(server, signal.SIGTERM)
        finish(url)
    engine = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    print(
        f"database: {engine}; gunicorn workers: {args.workers};"
        f" clients: {args.concurrency} (wrk); runs: {args.runs} (medians)"
    )
    n_pages = len(pages.read_text().split())
    print(f"pages per survey: {n_pages} (each GET + POST), plus welcome, review and send")
    med = {k: statistics.median(v) for k, v in results.items()}
    print_summary(med)
    print_cpu(med, postgres=bool(database))


if __name__ == "__main__":
    main()
