"""Imports never crash: a seeded corpus of damaged files, each accepted or refused with reasons.

For every damaged file (``tests/interchange_mutations.py``, made from the example files): the
import either succeeds, or returns problems that each say what was expected, and then no table of
the database has changed. Any other exception fails the test; the mutant's name replays it.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from django.apps import apps

from eclaire.web.imports import ImportRequest, do_import_file
from interchange_mutations import mutants

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
PER_KIND = 100

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


@pytest.mark.parametrize("kind", ["units", "roster", "responses"])
def test_damaged_files_are_accepted_or_refused_with_reasons_and_change_nothing(tmp_path, kind):
    for setup in ("units", "roster"):
        assert do_import_file(ImportRequest(setup, EXAMPLES / f"{setup}.csv", "ex")).count > 0
    source = (EXAMPLES / f"{kind}.csv").read_bytes()
    seed = {"units": 11, "roster": 12, "responses": 13}[kind]
    outcomes = {"accepted": 0, "refused": 0}
    for mutant in mutants(source, random.Random(seed), PER_KIND):
        path = tmp_path / f"{kind}{mutant.suffix}"
        path.write_bytes(mutant.data)
        before = _row_counts()
        outcome = do_import_file(ImportRequest(kind, path, "ex", "w1", allow_duplicates=True))
        if outcome.problems is None:
            outcomes["accepted"] += 1
            continue
        outcomes["refused"] += 1
        problems = outcome.problems.problems
        assert problems and all(p.expected for p in problems), mutant.name
        assert not str(outcome.problems).startswith("0 "), mutant.name
        assert _row_counts() == before, mutant.name
    assert outcomes["refused"] > PER_KIND // 2, outcomes
