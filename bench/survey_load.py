"""Survey under load: concurrent respondents against the production server (gunicorn).

    .venv/bin/python bench/survey_load.py [--respondents 300] [--concurrency 16] [--runs 3]
        [--database-url postgres://postgres@127.0.0.1:5432/eclaire_bench] [--workers 2]

Builds a fresh database (a temporary SQLite file by default; the PostgreSQL database named in the
URL is created and dropped by the script), a campaign on the default instrument with one
invitation per respondent, starts ``gunicorn -w 2`` on 127.0.0.1, then per run:

1. trivial view: the plain page (``/s/``), GET in a loop for a few seconds → requests/s;
2. page saves alone: each client saves page 1 of its own survey in a loop → saves/s;
3. complete surveys: each client answers every page (GET then POST each page, review, send).

Prints medians over the runs: surveys/s, page saves/s against the trivial view's requests/s, and
p50/p99 of a page save (POST + 303) during the complete surveys. Only 127.0.0.1 is contacted; every
phase is bounded in time and count, and the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

import httpx

ROOT = Path(__file__).resolve().parents[1]
PHASE_SECONDS = 5.0


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
    campaign.units_snapshot = [  # frozen as when a campaign opens (collection.services)
        {"id": u.pk, "code": u.code, "name": u.name, "parent": u.parent_id} for u in [top, *units]
    ]
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
        data: dict[str, object] = {"nav": "next"}
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


def _run_threads(concurrency: int, work: Callable[[int], None]) -> float:
    errors: list[BaseException] = []

    def guarded(i: int) -> None:
        try:
            work(i)
        except BaseException as exc:  # reported once all threads are done
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(i,)) for i in range(concurrency)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise RuntimeError(f"{len(errors)} client(s) failed; first: {errors[0]!r}")
    return time.perf_counter() - start


def _trivial(base: str, concurrency: int) -> float:
    counts = [0] * concurrency
    deadline = time.perf_counter() + PHASE_SECONDS

    def work(i: int) -> None:
        with httpx.Client(base_url=base) as client:
            while time.perf_counter() < deadline:
                client.get("/s/")
                counts[i] += 1

    elapsed = _run_threads(concurrency, work)
    return sum(counts) / elapsed


def _saves(base: str, tokens: list[str], page: dict[str, object], concurrency: int) -> float:
    counts = [0] * concurrency
    deadline = time.perf_counter() + PHASE_SECONDS

    def work(i: int) -> None:
        with httpx.Client(base_url=base) as client:
            while time.perf_counter() < deadline:
                response = client.post(f"/s/{tokens[i]}/p/1/", data=page)
                if response.status_code != 303:
                    raise RuntimeError(f"page save answered {response.status_code}")
                counts[i] += 1

    elapsed = _run_threads(concurrency, work)
    return sum(counts) / elapsed


def _surveys(
    base: str, tokens: list[str], pages: list[dict[str, object]], concurrency: int
) -> tuple[float, list[float]]:
    latencies: list[float] = []
    lock = threading.Lock()
    queue = list(tokens)

    def one(client: httpx.Client, token: str) -> None:
        client.get(f"/s/{token}/")
        mine = []
        for n, data in enumerate(pages, start=1):
            client.get(f"/s/{token}/p/{n}/")
            start = time.perf_counter()
            response = client.post(f"/s/{token}/p/{n}/", data=data)
            mine.append(time.perf_counter() - start)
            if response.status_code != 303:
                raise RuntimeError(f"page {n} answered {response.status_code}")
        client.get(f"/s/{token}/review/")
        if client.post(f"/s/{token}/review/").headers.get("location") != "/s/done/":
            raise RuntimeError("the survey was not sent")
        with lock:
            latencies.extend(mine)

    def work(_i: int) -> None:
        with httpx.Client(base_url=base) as client:
            while True:
                with lock:
                    if not queue:
                        return
                    token = queue.pop()
                one(client, token)

    elapsed = _run_threads(concurrency, work)
    return len(tokens) / elapsed, latencies


def _serve(env: dict[str, str], port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "eclaire.web.wsgi:application",
        "-w",
        str(workers),
        "-b",
        f"127.0.0.1:{port}",
    ]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=300, help="complete surveys per run")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    respondents = min(args.respondents, 5000)
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
    tokens = _setup(respondents * args.runs + args.concurrency)
    pages = _pages()
    port = _free_port()
    server = _serve(dict(os.environ), port, args.workers, tmp / "server.log")
    base = f"http://127.0.0.1:{port}"
    results: dict[str, list[float]] = {
        "trivial": [],
        "saves": [],
        "surveys": [],
        "p50": [],
        "p99": [],
    }
    try:
        spare, tokens = tokens[: args.concurrency], tokens[args.concurrency :]
        for run in range(args.runs):
            results["trivial"].append(_trivial(base, args.concurrency))
            results["saves"].append(_saves(base, spare, pages[0], args.concurrency))
            batch = tokens[run * respondents : (run + 1) * respondents]
            rate, latencies = _surveys(base, batch, pages, args.concurrency)
            cuts = statistics.quantiles(latencies, n=100)
            results["surveys"].append(rate)
            results["p50"].append(cuts[49] * 1000)
            results["p99"].append(cuts[98] * 1000)
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
        f"database: {engine}; gunicorn workers: {args.workers}; clients: {args.concurrency}; runs: {args.runs}"
    )
    print(f"pages per survey: {len(pages)} (each GET + POST), plus welcome, review and send")
    print(f"trivial view (plain page):   {med['trivial']:8.0f} requests/s")
    print(
        f"page saves alone:            {med['saves']:8.0f} saves/s ({100 * med['saves'] / med['trivial']:.0f} % of the trivial view)"
    )
    print(f"complete surveys:            {med['surveys']:8.1f} surveys/s ({respondents} per run)")
    print(f"page save during surveys:    p50 {med['p50']:.1f} ms, p99 {med['p99']:.1f} ms")


if __name__ == "__main__":
    main()
