"""Server time of the results pages for a large organization, from a stored analysis.

    .venv/bin/python bench/results_pages.py [--units 400] [--people 26700] [--requests 30]

Generates an organization with the sample generator (about 75% of the roster answer, so the
default gives about 20,000 respondents in 400 units), imports it into a temporary SQLite database
through the same imports a coach uses, computes the analysis once with ``do_compute``, then
requests each page ``--requests`` times through Django's test client as a logged-in coach (the
full middleware stack: sessions, CSRF, CSP, locale). The first request of each page is a warm-up
(it decodes the stored result into the per-process cache) and is reported apart. Prints the median
and 95th percentile per page, in milliseconds. Target: p95 under 300 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _setup(tmp: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ.setdefault("ECLAIRE_SECRET_KEY", "bench-only-secret")
    os.environ["ECLAIRE_ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eclaire.web.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _build(tmp: Path, units: int, people: int) -> tuple[str, float, int]:
    from eclaire.core.instrument_loader import load_default_instrument
    from eclaire.core.sample import generate_sample, write_sample
    from eclaire.web.campaigns.models import Campaign
    from eclaire.web.imports import ImportRequest, do_import_file
    from eclaire.web.results.services import do_compute

    sample = generate_sample(
        units=units, people=people, seed=7, instrument=load_default_instrument()
    )
    write_sample(sample, tmp)
    for kind in ("units", "roster", "responses"):
        outcome = do_import_file(ImportRequest(kind, tmp / f"{kind}.csv", "bench", "w1"))
        if outcome.problems:
            sys.exit(f"import failed: {outcome.problems}")
    campaign = Campaign.objects.get(organization__slug="bench", slug="w1")
    start = time.perf_counter()
    stored = do_compute(campaign)
    if stored.status != "ready":
        sys.exit(f"analysis failed: {stored.error}")
    return "/o/bench/c/w1/results/", time.perf_counter() - start, stored.data["n_responses"]


def _time(client, url: str, n: int) -> tuple[float, list[float]]:  # type: ignore[no-untyped-def]
    def once() -> float:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            sys.exit(f"{url}: HTTP {response.status_code}")
        return elapsed

    first = once()
    return first, [once() for _ in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--units", type=int, default=400)
    parser.add_argument("--people", type=int, default=26700)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        _setup(tmp)
        from django.contrib.auth import get_user_model
        from django.test import Client

        from eclaire.web.accounts.models import Membership
        from eclaire.web.organizations.models import Organization

        start = time.perf_counter()
        base, compute_s, n = _build(tmp, args.units, args.people)
        print(
            f"organization: {args.units} units, {n} respondents; "
            f"build {time.perf_counter() - start:.1f} s (analysis {compute_s:.1f} s)"
        )
        user = get_user_model().objects.create_user(username="coach@bench", password="x" * 16)
        Membership.objects.create(
            user=user, organization=Organization.objects.get(slug="bench"), role="coach"
        )
        client = Client(HTTP_ACCEPT_LANGUAGE="fr")
        client.force_login(user)
        print(
            f"{'page':<28}{'first':>9}{'p50':>9}{'p95':>9}{'bytes':>10}  (ms, {args.requests} requests)"
        )
        for label, path in (
            ("overview", ""),
            ("heatmap", "heatmap/"),
            ("heatmap sorted", "heatmap/?sort=pillar.support&order=asc"),
            ("interfaces", "interfaces/"),
        ):
            first, times = _time(client, base + path, args.requests)
            p95 = statistics.quantiles(times, n=20, method="inclusive")[18]
            size = len(client.get(base + path).content)
            print(f"{label:<28}{first:>9.0f}{statistics.median(times):>9.0f}{p95:>9.0f}{size:>10}")


if __name__ == "__main__":
    main()
