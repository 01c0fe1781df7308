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

Prints the medians over the runs. Only 127.0.0.1 is contacted; every phase is bounded in time, and
the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from urllib.parse import urlparse

import httpx

ROOT = Path(__file__).resolve().parents[1]
LUA = Path(__file__).with_suffix(".lua")
PHASE_SECONDS = 5.0
SURVEY_SECONDS = 10.0
MAX_SURVEY_RATE = 100
"""Respondents prepared per client and run: enough for this many complete surveys/s."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _create_postgres(url: str, *, drop: bool = False) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop:
            conn.execute(f'CREATE DATABASE "{name}"')


def _setup(respondents: int) -> list[str]:
    """Migrate and build the campaign in this process; returns the invitation tokens."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from eclaire.web.campaigns.models import Campaign, CampaignStatus
    from eclaire.web.campaigns.services import do_register_instrument
    from eclaire.web.collection.models import Invitation
    from eclaire.web.collection.services import units_snapshot
    from eclaire.web.collection.tokens import new_token, secret_hash
    from eclaire.web.organizations.models import Organization, Person, Unit

    org = Organization.objects.create(slug="bench", name="Bench")
    top = Unit.objects.create(
        organization=org,
        code="DG",
        name="Direction",
        function="management",
        site_kind="head_office",
    )
    units = [
        Unit.objects.create(
            organization=org,
            code=f"U{i}",
            name=f"Unit {i}",
            parent=top,
            function="other",
            site_kind="field",
        )
        for i in range(8)
    ]
    campaign = Campaign.objects.create(
        organization=org,
        slug="w1",
        name="Wave 1",
        instrument=do_register_instrument("coherence"),
        status=CampaignStatus.OPEN,
        declared_priorities=["customer_satisfaction", "margin", "quality"],
    )
    campaign.units_snapshot = units_snapshot(org)  # frozen, as when a campaign opens
    campaign.save(update_fields=["units_snapshot"])
    tokens, invitations = [], []
    people = Person.objects.bulk_create(
        Person(
            organization=org,
            code=f"p{i}",
            unit=units[1 + i % (len(units) - 1)],
            tenure_band="1to3y",
        )
        for i in range(respondents)
    )
    for person in people:
        token = new_token()
        tokens.append(token)
        invitations.append(
            Invitation(campaign=campaign, person=person, token_hash=secret_hash(token))
        )
    Invitation.objects.bulk_create(invitations)
    return tokens


def _pages() -> list[dict[str, object]]:
    """The POST data of every page of a member's survey (default instrument, two units rated)."""
    from eclaire.core.instrument_loader import load_default_instrument
    from eclaire.web.survey.sections import Unit, build_sections

    instrument = load_default_instrument("coherence")
    picked = [Unit("DG", "Direction", None), Unit("U0", "Unit 0", "DG")]
    pages: list[dict[str, object]] = []
    for section in build_sections(instrument, ask_about=False, is_manager=False, picked=picked):
        data: dict[str, object] = {"nav": "next", "section": section.key}
        if section.kind == "pick":
            data["units"] = ["DG", "U0"]
        elif section.kind == "ranking":
            data.update(
                {"rank:customer_satisfaction": "1", "rank:margin": "2", "rank:quality": "3"}
            )
        for name, item in zip(section.columns, section.items, strict=True):
            data[name] = "Entre deux services." if item.kind == "text" else "4"
        pages.append(data)
    return pages


def _wrk(
    base: str, path: str, concurrency: int, seconds: float, *lua_args: str
) -> dict[str, float]:
    """Run wrk (a load generator in C, so the clients leave the CPU to the server)."""
    command = ["wrk", "-t", str(concurrency), "-c", str(concurrency), "-d", f"{seconds:g}s"]
    if lua_args:
        command += ["-s", str(LUA), base, "--", *lua_args, str(concurrency)]
    else:
        command.append(base + path)
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60)
    if not lua_args:
        rate = re.search(r"Requests/sec:\s+([\d.]+)", out.stdout)
        if rate is None:
            raise RuntimeError("wrk printed no rate: " + out.stdout + out.stderr)
        return {"rate": float(rate.group(1))}
    found = re.search(r"^RESULT (.*)$", out.stdout, re.MULTILINE)
    if found is None:
        raise RuntimeError("wrk printed no result: " + out.stdout + out.stderr)
    figures = {k: float(v) for k, v in (kv.split("=") for kv in found.group(1).split())}
    if figures["errors"]:
        raise RuntimeError(f"{figures['errors']:.0f} unexpected answers: " + out.stderr[-1000:])
    return figures


def _trivial(base: str, concurrency: int) -> float:
    return _wrk(base, "/s/", concurrency, PHASE_SECONDS)["rate"]


def _saves(base: str, tokens: Path, pages: Path, concurrency: int) -> dict[str, float]:
    figures = _wrk(base, "", concurrency, PHASE_SECONDS, "save", str(tokens), str(pages))
    return {**figures, "rate": figures["saves"] / figures["seconds"]}


def _surveys(base: str, tokens: Path, pages: Path, concurrency: int) -> dict[str, float]:
    figures = _wrk(base, "", concurrency, SURVEY_SECONDS, "survey", str(tokens), str(pages))
    # The clients move in step, so complete surveys come in waves of about one per client; the
    # rate counts the surveys' requests answered instead, finished surveys or not.
    done = figures["steps"] / figures["per_survey"]
    return {**figures, "rate": done / figures["seconds"]}


def _serve(env: dict[str, str], port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    from eclaire.cli import gunicorn_command

    command = gunicorn_command("127.0.0.1", port, workers)
    with log.open("wb") as sink:  # a file, not a pipe: a full pipe would stall the workers
        server = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=sink
        )
    for _ in range(100):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/s/").status_code == 404:
                return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("gunicorn did not start: " + log.read_text(errors="replace")[-2000:])


def _write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


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
    os.environ.update(
        {
            "DATABASE_URL": url,
            "ECLAIRE_SECRET_KEY": secrets.token_urlsafe(50),
            "ECLAIRE_DEBUG": "false",
            "ECLAIRE_ALLOWED_HOSTS": "127.0.0.1",
            "ECLAIRE_STATIC_ROOT": str(tmp / "static"),
        }
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eclaire.web.settings")
    if url.startswith("postgres"):
        _create_postgres(url)
    per_run = int(MAX_SURVEY_RATE * SURVEY_SECONDS)
    print(f"Preparing {per_run * args.runs + args.concurrency} invitations…", flush=True)
    tokens = _setup(per_run * args.runs + args.concurrency)
    pages = _write_lines(
        tmp / "pages.txt", [urllib.parse.urlencode(p, doseq=True) for p in _pages()]
    )
    spare = _write_lines(tmp / "spare.txt", tokens[: args.concurrency])
    tokens = tokens[args.concurrency :]
    port = _free_port()
    server = _serve(dict(os.environ), port, args.workers, tmp / "server.log")
    base = f"http://127.0.0.1:{port}"
    results: dict[str, list[float]] = {
        k: [] for k in ("trivial", "saves", "p50", "p99", "surveys", "sent")
    }
    try:
        for run in range(args.runs):
            print(
                f"run {run + 1}/{args.runs}: trivial view, page saves, complete surveys…",
                flush=True,
            )
            results["trivial"].append(_trivial(base, args.concurrency))
            saves = _saves(base, spare, pages, args.concurrency)
            results["saves"].append(saves["rate"])
            results["p50"].append(saves["p50"])
            results["p99"].append(saves["p99"])
            batch = _write_lines(
                tmp / f"tokens{run}.txt", tokens[run * per_run : (run + 1) * per_run]
            )
            surveys = _surveys(base, batch, pages, args.concurrency)
            results["surveys"].append(surveys["rate"])
            results["sent"].append(surveys["surveys"])
    finally:
        server.terminate()
        server.wait(timeout=10)
        if url.startswith("postgres"):
            from django.db import connections

            connections.close_all()
            _create_postgres(url, drop=True)
    med = {k: statistics.median(v) for k, v in results.items()}
    engine = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    print(
        f"database: {engine}; gunicorn workers: {args.workers}; clients: {args.concurrency} (wrk); runs: {args.runs}"
    )
    n_pages = len(pages.read_text().split())
    print(f"pages per survey: {n_pages} (each GET + POST), plus welcome, review and send")
    print(f"trivial view (plain page):   {med['trivial']:8.0f} requests/s")
    print(
        f"page saves alone:            {med['saves']:8.0f} saves/s ({100 * med['saves'] / med['trivial']:.0f} % of the trivial view)"
    )
    print(f"page save latency:           p50 {med['p50']:.1f} ms, p99 {med['p99']:.1f} ms")
    print(
        f"complete surveys:            {med['surveys']:8.1f} surveys/s ({med['sent']:.0f} sent in {SURVEY_SECONDS:g} s)"
    )


if __name__ == "__main__":
    main()
