"""Importing files into the database: what is stored, what the database's limits refuse, repeats."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from eclaire.web.imports import ImportRequest, do_import_file
from eclaire.web.organizations.models import Person, Unit
from eclaire.web.responses.models import Response
from eclaire.web.survey.forms import MAX_TEXT

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
META = {"unit_id", "role", "tenure_band", "contract", "customer_facing", "self"}

pytestmark = pytest.mark.django_db


def _import(kind: str, path: Path, **kwargs: object):
    return do_import_file(ImportRequest(kind, path, "exemple", "v1", **kwargs))  # type: ignore[arg-type]


def _org_with_units_and_roster() -> None:
    for kind in ("units", "roster"):
        assert _import(kind, EXAMPLES / f"{kind}.csv").problems is None


def _answers_in_file(path: Path) -> Counter[str]:
    """Each row's filled answer cells as the stored JSON: numbers as numbers, 'NA' kept."""
    out: Counter[str] = Counter()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            cells = {k: v.strip() for k, v in row.items() if k not in META and v.strip()}
            answers = {k: int(v) if v.isdigit() else v for k, v in cells.items()}
            out[json.dumps(answers, sort_keys=True)] += 1
    return out


def test_stored_answers_are_the_cells_of_the_file():
    _org_with_units_and_roster()
    outcome = _import("responses", EXAMPLES / "responses.csv")
    assert outcome.problems is None and outcome.count == 21
    stored = Counter(
        json.dumps(a, sort_keys=True) for a in Response.objects.values_list("answers", flat=True)
    )
    assert stored == _answers_in_file(EXAMPLES / "responses.csv")
    assert any('"NA"' in key for key in stored)


def test_importing_the_same_responses_again_is_refused_and_changes_nothing():
    _org_with_units_and_roster()
    assert _import("responses", EXAMPLES / "responses.csv").count == 21
    outcome = _import("responses", EXAMPLES / "responses.xlsx")
    assert outcome.problems is not None
    [problem] = outcome.problems.problems
    assert "21 of the 21 responses" in problem.expected and "--allow-duplicates" in problem.expected
    assert Response.objects.count() == 21


def test_a_file_that_only_partly_repeats_stored_responses_is_refused(tmp_path):
    _org_with_units_and_roster()
    lines = (EXAMPLES / "responses.csv").read_text(encoding="utf-8-sig").splitlines()
    first = tmp_path / "first.csv"
    first.write_text("\n".join(lines[:6]) + "\n", encoding="utf-8")
    assert _import("responses", first).count == 5
    outcome = _import("responses", EXAMPLES / "responses.csv")
    assert outcome.problems is not None
    assert "5 of the 21 responses" in outcome.problems.problems[0].expected
    assert Response.objects.count() == 5


def test_allow_duplicates_imports_the_same_responses_twice():
    _org_with_units_and_roster()
    _import("responses", EXAMPLES / "responses.csv")
    outcome = _import("responses", EXAMPLES / "responses.csv", allow_duplicates=True)
    assert outcome.problems is None and Response.objects.count() == 42


def test_unit_names_are_bounded_by_the_model_field(tmp_path):
    limit = Unit._meta.get_field("name").max_length
    text = "unit_id,name,function,site_kind\nA,{},sales,field\n"
    (tmp_path / "too_long.csv").write_text(text.format("é" * (limit + 1)), encoding="utf-8")
    (tmp_path / "just_fits.csv").write_text(text.format("é" * limit), encoding="utf-8")
    refused = _import("units", tmp_path / "too_long.csv")
    assert refused.problems is not None
    assert f"at most {limit} characters" in str(refused.problems)
    assert Unit.objects.count() == 0
    assert _import("units", tmp_path / "just_fits.csv").problems is None
    assert Unit.objects.get(code="A").name == "é" * limit


def test_person_ids_and_phones_are_bounded_by_the_model_fields(tmp_path):
    _import("units", EXAMPLES / "units.csv")
    code_limit = Person._meta.get_field("code").max_length
    path = tmp_path / "roster.csv"
    path.write_text(f"person_id,phone,unit_id\n{'P' * (code_limit + 1)},0102030405,DCO\n")
    outcome = _import("roster", path)
    assert outcome.problems is not None
    assert [p.column for p in outcome.problems.problems] == ["person_id"]
    assert Person.objects.count() == 0


def test_a_nul_character_in_a_free_text_is_refused_before_the_database(tmp_path):
    _org_with_units_and_roster()
    path = tmp_path / "responses.csv"
    path.write_text("unit_id,text:MSG_PROMISE\nDCO,48 h\x00\n", encoding="utf-8")
    outcome = _import("responses", path)
    assert outcome.problems is not None
    assert (outcome.problems.problems[0].row, outcome.problems.problems[0].column) == (
        2,
        "text:MSG_PROMISE",
    )
    assert Response.objects.count() == 0


def test_free_texts_are_stored_capped_at_the_survey_limit(tmp_path):
    _org_with_units_and_roster()
    path = tmp_path / "responses.csv"
    path.write_text(f"unit_id,text:MSG_PROMISE\nDCO,{'x' * (MAX_TEXT + 50)}\n", encoding="utf-8")
    outcome = _import("responses", path)
    assert outcome.problems is None
    assert any("cut to" in w for w in outcome.warnings)
    assert Response.objects.get().answers["text:MSG_PROMISE"] == "x" * MAX_TEXT


@pytest.mark.parametrize("org, campaign", [("a" * 61, "v1"), ("acme corp", "v1"), ("acme", "v 1")])
def test_identifiers_that_do_not_fit_are_refused_before_anything_is_written(org, campaign):
    outcome = do_import_file(ImportRequest("units", EXAMPLES / "units.csv", org, campaign))
    assert outcome.problems is not None
    assert "identifier for --" in outcome.problems.problems[0].expected
    assert Unit.objects.count() == 0
