"""Validating a large responses file against writing it to the database.

    .venv/bin/python bench/import_write.py [--rows 20000] [--repeats 3]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/import_write.py

Generates an organization with the sample generator (the responses repeated when more rows are
asked than 100,000 people give), imports its units and roster, then, ``--repeats`` times:
validates the responses CSV (``read_responses``, what ``eclaire import`` does before writing) and
writes the validated table into a fresh campaign (``do_import_responses``: the answers built
column by column, the check for responses already stored, ``bulk_create``). Prints the median of
each and their ratio; the target is a write within 3 times the validation. Without
``DATABASE_URL`` the database is a temporary SQLite file.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd


def _setup(tmp: Path) -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    os.environ.setdefault("ECLAIRE_SECRET_KEY", "bench-only-secret")
    from eclaire.web.bootstrap import migrate, setup_django

    setup_django()
    migrate()


def _sample_files(tmp: Path, rows: int) -> None:
    from eclaire.core.instrument_loader import load_default_instrument
    from eclaire.core.sample import generate_sample, write_sample

    people = min(100_000, max(100, math.ceil(rows / 0.72)))
    sample = generate_sample(units=60, people=people, seed=5, instrument=load_default_instrument())
    times = math.ceil(rows / len(sample.responses))
    responses = pd.concat([sample.responses] * times, ignore_index=True).iloc[:rows]
    marks = pd.concat([sample.not_applicable] * times, ignore_index=True).iloc[:rows]
    write_sample(dataclasses.replace(sample, responses=responses, not_applicable=marks), tmp)


def _import_org(tmp: Path, org: str) -> None:
    from eclaire.web.imports import ImportRequest, do_import_file

    for kind in ("units", "roster"):
        outcome = do_import_file(ImportRequest(kind, tmp / f"{kind}.csv", org))
        if outcome.problems:
            sys.exit(f"{kind} did not import: {outcome.problems}")


def _one_round(tmp: Path, org: str, campaign_slug: str) -> tuple[float, float, int]:
    from django.db import transaction

    from eclaire.core.interchange import read_responses
    from eclaire.web.campaigns.services import (
        core_instrument,
        do_get_or_create_campaign,
        do_register_instrument,
    )
    from eclaire.web.imports import _unit_ids
    from eclaire.web.organizations.models import Organization
    from eclaire.web.responses.services import do_import_responses
    from eclaire.web.survey.forms import MAX_TEXT

    campaign = do_get_or_create_campaign(
        Organization.objects.get(slug=org), campaign_slug, instrument=do_register_instrument()
    )
    instrument = core_instrument(campaign.instrument)
    start = time.perf_counter()
    table = read_responses(
        tmp / "responses.csv",
        instrument,
        _unit_ids(org),
        priority_codes=campaign.declared_priorities or None,
        max_text=MAX_TEXT,
    )
    validated = time.perf_counter()
    with transaction.atomic():
        count = do_import_responses(campaign, table.frame, table.not_applicable)
    return validated - start, time.perf_counter() - validated, count


def _repeat(tmp: Path, org: str) -> float:
    """Time to validate the file again and find it already in the campaign (nothing written)."""
    from eclaire.web.imports import ImportRequest, do_import_file

    start = time.perf_counter()
    outcome = do_import_file(ImportRequest("responses", tmp / "responses.csv", org, "w0"))
    if outcome.problems is None:
        sys.exit("the same responses were imported twice")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        _setup(tmp)
        from django.db import connection

        import eclaire.web.results.services  # noqa: F401  (its imports are not the write's cost)

        _sample_files(tmp, args.rows)
        org = f"bench-{os.getpid()}"
        _import_org(tmp, org)
        rounds = [_one_round(tmp, org, f"w{i}") for i in range(args.repeats)]
        validate = statistics.median(r[0] for r in rounds)
        write = statistics.median(r[1] for r in rounds)
        print(f"{connection.vendor}: {rounds[0][2]:,} responses, {args.repeats} rounds")
        print(f"  validate  median {validate:6.2f} s  ({[round(r[0], 2) for r in rounds]})")
        print(f"  write     median {write:6.2f} s  ({[round(r[1], 2) for r in rounds]})")
        print(f"  write / validate = {write / validate:.2f} (target: at most 3)")
        print(f"  refusing the same file again: {_repeat(tmp, org):.2f} s (validate and compare)")


if __name__ == "__main__":
    main()
