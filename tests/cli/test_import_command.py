"""``eclaire import``: whole-file validation, one transaction, nothing written on any problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from eclaire.cli import main
from eclaire.web.organizations.models import Organization, Person, Unit
from eclaire.web.responses.models import Response

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"

pytestmark = pytest.mark.django_db(transaction=True)


def _run(*args: str):
    return CliRunner().invoke(main, ["import", *args], catch_exceptions=False)


def _counts() -> tuple[int, int, int, int]:
    return (
        Organization.objects.count(),
        Unit.objects.count(),
        Person.objects.count(),
        Response.objects.count(),
    )


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_imports_the_three_example_files(suffix):
    for kind in ("units", "roster"):
        result = _run(kind, str(EXAMPLES / f"{kind}.{suffix}"), "--org", "exemple")
        assert result.exit_code == 0, result.output
    result = _run(
        "responses", str(EXAMPLES / f"responses.{suffix}"), "--org", "exemple", "--campaign", "v1"
    )
    assert result.exit_code == 0, result.output
    org = Organization.objects.get(slug="exemple")
    assert org.units.count() == 10
    assert Unit.objects.get(organization=org, code="DCO").parent.code == "DG"
    assert Response.objects.filter(campaign__organization=org).count() == 21
    assert Response.objects.filter(is_self=True).count() == 2


def test_reimporting_units_updates_instead_of_duplicating():
    for _ in range(2):
        assert _run("units", str(EXAMPLES / "units.csv"), "--org", "exemple").exit_code == 0
    assert Unit.objects.filter(organization__slug="exemple").count() == 10


def _broken(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


BROKEN_UNITS = {
    "cycle": (
        "unit_id,name,parent_id,function,site_kind\nA,Alpha,B,sales,field\nB,Beta,A,sales,field\n",
        ["cycle"],
    ),
    "unknown_parent": (
        "unit_id,name,parent_id,function,site_kind\nA,Alpha,ZZ,sales,field\n",
        ["row 2", "parent_id", "ZZ"],
    ),
    "bad_function": (
        "unit_id,name,parent_id,function,site_kind\nA,Alpha,,vente,field\n",
        ["row 2", "function", "vente"],
    ),
    "duplicate_id": (
        "unit_id,name,parent_id,function,site_kind\nA,Alpha,,sales,field\nA,Alpha bis,,sales,field\n",
        ["row 3", "unit_id", "A"],
    ),
    "missing_column": ("unit_id,name,parent_id,function\nA,Alpha,,sales\n", ["site_kind"]),
    "empty": ("", ["empty"]),
}


@pytest.mark.parametrize("case", sorted(BROKEN_UNITS))
def test_broken_units_file_is_refused_with_row_and_column_and_nothing_is_written(tmp_path, case):
    text, expected = BROKEN_UNITS[case]
    before = _counts()
    result = _run("units", str(_broken(tmp_path, f"{case}.csv", text)), "--org", "acme")
    assert result.exit_code == 1
    for fragment in expected:
        assert fragment.lower() in result.output.lower(), result.output
    assert "Nothing was written" in result.output
    assert _counts() == before


def test_latin1_file_is_refused_with_advice(tmp_path):
    path = _broken(
        tmp_path,
        "units.csv",
        "unit_id,name,parent_id,function,site_kind\nA,Entrepôt de Mâcon,,logistics,field\n",
        "latin-1",
    )
    result = _run("units", str(path), "--org", "acme")
    assert result.exit_code == 1
    assert "UTF-8" in result.output
    assert Organization.objects.filter(slug="acme").count() == 0


def test_responses_out_of_scale_or_unknown_unit_change_nothing(tmp_path):
    assert _run("units", str(EXAMPLES / "units.csv"), "--org", "exemple").exit_code == 0
    good = (EXAMPLES / "responses.csv").read_text(encoding="utf-8-sig").splitlines()
    header = good[0].split(",")
    row = good[1].split(",")
    row[header.index("CR1")] = "7"
    other = good[2].split(",")
    other[0] = "NOWHERE"
    path = _broken(
        tmp_path, "responses.csv", "\n".join([good[0], ",".join(row), ",".join(other)]) + "\n"
    )
    before = _counts()
    result = _run("responses", str(path), "--org", "exemple", "--campaign", "v1")
    assert result.exit_code == 1
    assert "row 2" in result.output and "CR1" in result.output and "'7'" in result.output
    assert "row 3" in result.output and "NOWHERE" in result.output
    assert _counts() == before
    assert not Organization.objects.get(slug="exemple").campaigns.exists()


def test_wrong_sheet_is_named(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Feuil1"
    book.create_sheet("Feuil2")
    path = tmp_path / "units.xlsx"
    book.save(path)
    result = _run("units", str(path), "--org", "acme")
    assert result.exit_code == 1
    assert "Feuil1" in result.output and "Feuil2" in result.output


def test_spreadsheet_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "units.xlsx"
    shutil.copy(EXAMPLES / "units.csv", path)
    result = _run("units", str(path), "--org", "acme")
    assert result.exit_code == 1
    assert "Nothing was written" in result.output


def test_reimporting_responses_is_refused_unless_allow_duplicates():
    for kind in ("units", "roster"):
        assert _run(kind, str(EXAMPLES / f"{kind}.csv"), "--org", "exemple").exit_code == 0
    args = ("responses", str(EXAMPLES / "responses.csv"), "--org", "exemple", "--campaign", "v1")
    assert _run(*args).exit_code == 0
    again = _run(*args)
    assert again.exit_code == 1
    assert "already there" in again.output and "--allow-duplicates" in again.output
    assert Response.objects.count() == 21
    assert _run(*args, "--allow-duplicates").exit_code == 0
    assert Response.objects.count() == 42


def test_warnings_are_printed_after_a_successful_import(tmp_path):
    assert _run("units", str(EXAMPLES / "units.csv"), "--org", "exemple").exit_code == 0
    path = _broken(tmp_path, "responses.csv", "unit_id,CR1\nDCO,4\n")
    result = _run("responses", str(path), "--org", "exemple", "--campaign", "v1")
    assert result.exit_code == 0
    assert "Warning:" in result.output and "cannot be cut" in result.output
