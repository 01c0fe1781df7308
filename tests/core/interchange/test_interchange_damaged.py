"""Damaged files: each one is accepted as documented or refused with a reason, never a traceback."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from interchange_helpers import only, problems_of

from eclaire.core.interchange import read_responses, read_roster, read_units

UNITS = (
    "unit_id,name,parent_id,function,site_kind\n"
    "DIR,Direction générale,,management,head_office\n"
    "DCO,Direction commerciale,DIR,sales,mixed\n"
    "MACON,Entrepôt de Mâcon,DIR,logistics,field\n"
)
ROSTER_HEAD = "person_id,email,phone,unit_id\n"


def _workbook_bytes(text: str) -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "units"
    for line in text.strip().splitlines():
        book.active.append(line.split(","))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rezip(data: bytes, change) -> bytes:
    """The workbook with each member's bytes passed through ``change(name, bytes)``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, change(info.filename, src.read(info.filename)))
    return out.getvalue()


def _flip_inside_sheet(data: bytes) -> bytes:
    """One byte flipped in the middle of the compressed sheet, as a bad copy would do."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    local_header = 30 + len(info.filename.encode()) + len(info.extra)
    at = info.header_offset + local_header + info.compress_size // 2
    return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]


def _file_level_problem(path: Path) -> str:
    problem = only(problems_of(lambda: read_units(path)))
    assert problem.row is None and problem.column is None
    return problem.expected


def test_workbook_with_a_flipped_byte_gets_one_file_level_problem(tmp_path):
    path = tmp_path / "units.xlsx"
    path.write_bytes(_flip_inside_sheet(_workbook_bytes(UNITS)))
    expected = _file_level_problem(path)
    assert "damaged" in expected and "save it again" in expected


def test_workbook_with_broken_xml_gets_one_file_level_problem(tmp_path):
    def break_sheet(name: str, content: bytes) -> bytes:
        return content.replace(b"</sheetData>", b"</sheetDat>") if "sheet1" in name else content

    path = tmp_path / "units.xlsx"
    path.write_bytes(_rezip(_workbook_bytes(UNITS), break_sheet))
    assert "XML content is broken" in _file_level_problem(path)


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9])
def test_workbook_cut_short_is_refused_as_a_file(tmp_path, keep):
    data = _workbook_bytes(UNITS)
    path = tmp_path / "units.xlsx"
    path.write_bytes(data[: int(len(data) * keep)])
    assert "cut short" in _file_level_problem(path)


def test_a_delimiter_at_the_end_of_each_data_row_is_accepted(write):
    text = UNITS.replace("\n", ",\n").replace("site_kind,\n", "site_kind\n")
    assert read_units(write("units.csv", text))["unit_id"].tolist() == ["DIR", "DCO", "MACON"]


def test_blank_lines_before_the_header_are_skipped_and_still_counted(write):
    text = "\n;;\n  \n" + UNITS + "ADV,ADV,DCO,sales_admin,nowhere\n"
    problem = only(problems_of(lambda: read_units(write("units.csv", text))))
    assert (problem.row, problem.column, problem.value) == (8, "site_kind", "nowhere")


def test_an_unclosed_quote_names_its_row_and_column(write):
    text = UNITS.replace("Direction commerciale", '"Direction commerciale')
    problem = only(problems_of(lambda: read_units(write("units.csv", text))))
    assert (problem.row, problem.column) == (3, "name")
    assert "closing quote" in problem.expected
    assert problem.value == "Direction commerciale,DIR,sales,mixed"


def test_a_file_cut_mid_row_is_refused_naming_the_row(write):
    text = UNITS + "ADV,Administration des ve"
    problem = only(problems_of(lambda: read_units(write("units.csv", text))))
    assert problem.row == 5 and "cut short" in problem.expected
    assert "2 of the 5 cells" in problem.expected


def test_a_complete_last_row_without_line_break_is_accepted(write):
    assert len(read_units(write("units.csv", UNITS.rstrip("\n")))) == 3


def test_a_file_cut_inside_a_quoted_cell_is_refused(write):
    problem = only(problems_of(lambda: read_units(write("units.csv", UNITS + 'ADV,"Admin'))))
    assert problem.row == 5 and "closing quote" in problem.expected


@pytest.mark.parametrize("mark", ["N/A", "-", "n/a", "--"])
def test_a_phone_written_as_a_mark_is_a_row_problem(write, mark):
    text = ROSTER_HEAD + f"P1,,{mark},DIR\nP2,,{mark},DIR\nP3,p3@exemple.fr,,DIR\n"
    problems = problems_of(lambda: read_roster(write("roster.csv", text), {"DIR"}))
    assert [(p.row, p.column, p.value) for p in problems] == [
        (2, "phone", mark),
        (3, "phone", mark),
    ]
    assert "leave the cell empty" in problems[0].expected


def test_a_nul_character_is_refused_with_its_row_and_column(write):
    text = UNITS.replace("Entrepôt", "Entre\x00pôt")
    problem = only(problems_of(lambda: read_units(write("units.csv", text))))
    assert (problem.row, problem.column) == (4, "name")
    assert "NUL" in problem.expected and "\x00" not in str(problem)


def test_cells_longer_than_the_limit_are_refused(write):
    text = UNITS.replace("Entrepôt de Mâcon", "x" * 201)
    problem = only(problems_of(lambda: read_units(write("units.csv", text), {"name": 200})))
    assert (problem.row, problem.column) == (4, "name")
    assert problem.expected == "at most 200 characters (this cell has 201)"
    assert len(read_units(write("units.csv", text), {"name": 201})) == 3


def test_a_length_limit_below_one_is_an_argument_error(write):
    with pytest.raises(ValueError, match="at least 1"):
        read_units(write("units.csv", UNITS), {"name": 0})


def test_free_texts_are_cut_to_the_cap_with_a_warning(write, instrument):
    head = "unit_id,text:MSG_PROMISE\n"
    text = head + "DCO," + "a" * 12 + "\nDCO,court\nDCO," + "b" * 11 + "\n"
    table = read_responses(write("responses.csv", text), instrument, {"DCO"}, max_text=10)
    assert table.frame["text:MSG_PROMISE"].tolist() == ["a" * 10, "court", "b" * 10]
    [warning] = [w for w in table.warnings if "free texts" in w]
    assert "2 free texts longer than 10 characters" in warning and "rows 2, 4" in warning


def test_free_texts_are_kept_whole_without_a_cap(write, instrument):
    text = "unit_id,text:MSG_PROMISE\nDCO," + "a" * 5000 + "\n"
    table = read_responses(write("responses.csv", text), instrument, {"DCO"})
    assert table.frame["text:MSG_PROMISE"][0] == "a" * 5000
