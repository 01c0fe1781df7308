"""Reading any interchange file: encodings, delimiters, workbooks, header and row numbers."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from interchange_helpers import only, problems_of

from eclaire.core.interchange import ImportProblems, Problem, read_units
from eclaire.core.interchange.problems import MAX_SHOWN

UNITS = (
    "unit_id,name,parent_id,function,site_kind\n"
    "DIR,Direction générale,,management,head_office\n"
    "DCO,Direction commerciale,DIR,sales,mixed\n"
    "MACON,Entrepôt de Mâcon,DIR,logistics,field\n"
)


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _rows(text: str) -> list[list[object]]:
    return [line.split(",") for line in text.strip().splitlines()]


def test_problem_reads_as_file_row_column_value_expected():
    problem = Problem("responses.csv", 14, "CP2", "7", "an integer from 1 to 5")
    assert (
        str(problem)
        == "responses.csv, row 14, column CP2 (value '7'): expected an integer from 1 to 5"
    )


def test_problem_in_a_workbook_names_sheet_and_cell():
    problem = Problem(
        "r.xlsx", 14, "CP2", "7", "an integer from 1 to 5", sheet="responses", cell="D14"
    )
    assert str(problem).startswith("r.xlsx, sheet responses, cell D14, row 14, column CP2")


def test_import_problems_lists_fifty_then_says_how_many_more():
    problems = [Problem("f.csv", n, "A", "x", "y") for n in range(2, 102)]
    text = str(ImportProblems(problems, total=300))
    assert text.splitlines()[0].startswith("300 problems in f.csv")
    assert len(text.splitlines()) == 1 + MAX_SHOWN + 1
    assert text.splitlines()[-1].strip() == f"and {300 - MAX_SHOWN} more"


def test_reads_utf8_with_byte_order_mark(write):
    units = read_units(write("units.csv", "\ufeff" + UNITS))
    assert list(units.columns)[0] == "unit_id"
    assert units["name"].tolist()[2] == "Entrepôt de Mâcon"


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_sniffs_semicolon_and_tab_delimiters(write, delimiter):
    units = read_units(write("units.csv", UNITS.replace(",", delimiter)))
    assert units["unit_id"].tolist() == ["DIR", "DCO", "MACON"]


def test_keeps_a_quoted_delimiter_inside_a_cell(write):
    text = UNITS.replace("Direction commerciale", '"Ventes; grands comptes"').replace(",", ";")
    assert read_units(write("units.csv", text))["name"][1] == "Ventes; grands comptes"


def test_refuses_latin1_naming_the_row_and_csv_utf8(write):
    problem = only(problems_of(lambda: read_units(write("units.csv", UNITS, encoding="latin-1"))))
    assert problem.row == 2
    assert problem.value == "Direction générale"
    assert "not UTF-8" in problem.expected and "CSV UTF-8" in problem.expected


def test_refuses_utf16(write):
    problem = only(problems_of(lambda: read_units(write("units.csv", UNITS, encoding="utf-16"))))
    assert "UTF-16" in problem.expected


@pytest.mark.parametrize("text", ["", "\n\n  \n", ",,,\n , ,\n"])
def test_refuses_an_empty_file(write, text):
    assert (
        "file is empty" in only(problems_of(lambda: read_units(write("units.csv", text)))).expected
    )


def test_refuses_a_header_without_rows(write):
    problem = only(
        problems_of(lambda: read_units(write("units.csv", UNITS.splitlines()[0] + "\n")))
    )
    assert "at least one data row" in problem.expected


def test_refuses_a_repeated_column_on_the_header_row(write):
    text = "unit_id,name,function,site_kind,name\nDIR,Direction,management,head_office,Bis\n"
    problem = only(problems_of(lambda: read_units(write("units.csv", text))))
    assert (problem.row, problem.column) == (1, "name")
    assert "each column once" in problem.expected and "column 2" in problem.expected


def test_refuses_a_row_with_more_cells_than_the_header(write):
    text = UNITS + "ADV,ADV,DCO,sales_admin,head_office,extra\n"
    problem = only(problems_of(lambda: read_units(write("units.csv", text))))
    assert (problem.row, problem.value) == (5, "extra")


def test_row_numbers_count_blank_rows_like_a_spreadsheet(write):
    text = UNITS + "\n\nADV,ADV,DCO,sales_admin,nowhere\n"
    problem = only(problems_of(lambda: read_units(write("units.csv", text))))
    assert (problem.row, problem.column, problem.value) == (7, "site_kind", "nowhere")


def test_ignores_trailing_empty_columns_and_rows(write):
    text = UNITS.replace("\n", ";;\n").replace(",", ";") + ";;;;;;\n"
    assert len(read_units(write("units.csv", text))) == 3


def test_refuses_values_under_a_nameless_column(write):
    text = "unit_id,name,function,site_kind,\nDIR,Direction,management,head_office,oops\n"
    problem = only(problems_of(lambda: read_units(write("units.csv", text))))
    assert problem.row == 1 and "no name" in problem.expected


def test_reads_the_sheet_named_after_the_kind(tmp_path):
    path = _workbook(tmp_path / "org.xlsx", {"notes": [["hello"]], "units": _rows(UNITS)})
    assert read_units(path)["unit_id"].tolist() == ["DIR", "DCO", "MACON"]


def test_reads_the_only_sheet_whatever_its_name(tmp_path):
    path = _workbook(tmp_path / "org.xlsx", {"Feuil1": _rows(UNITS)})
    assert len(read_units(path)) == 3


def test_refuses_several_sheets_none_named_after_the_kind(tmp_path):
    path = _workbook(tmp_path / "org.xlsx", {"Feuil1": _rows(UNITS), "Feuil2": []})
    problem = only(problems_of(lambda: read_units(path)))
    assert "'units'" in problem.expected and "'Feuil1', 'Feuil2'" in problem.expected


def test_workbook_problems_give_sheet_and_cell(tmp_path):
    rows = _rows(UNITS)
    rows[2][4] = "siège"
    problem = only(problems_of(lambda: read_units(_workbook(tmp_path / "u.xlsx", {"units": rows}))))
    assert (problem.sheet, problem.cell, problem.row) == ("units", "E3", 3)
    assert "sheet units, cell E3, row 3, column site_kind (value 'siège')" in str(problem)


def test_reads_numbers_and_booleans_typed_in_a_workbook(tmp_path):
    rows = [
        ["unit_id", "name", "function", "site_kind"],
        [101, "Usine de Roanne", "production", "field"],
    ]
    units = read_units(_workbook(tmp_path / "units.xlsx", {"units": rows}))
    assert units["unit_id"].tolist() == ["101"]


def test_refuses_an_xlsx_that_is_not_a_workbook(write):
    problem = only(problems_of(lambda: read_units(write("units.xlsx", UNITS))))
    assert "not one" in problem.expected and "Excel workbook" in problem.expected


def test_refuses_an_old_xls_and_an_unknown_suffix(write):
    assert ".xls" in only(problems_of(lambda: read_units(write("units.xls", UNITS)))).expected
    assert ".json" in only(problems_of(lambda: read_units(write("units.json", UNITS)))).expected


def test_refuses_a_missing_file(tmp_path):
    assert (
        "readable file" in only(problems_of(lambda: read_units(tmp_path / "absent.csv"))).expected
    )
