"""The units file: columns, ids, parents, the tree, function and site kind."""

from __future__ import annotations

import math

from interchange_helpers import only, problems_of

from eclaire.core.interchange import read_units

HEADER = "unit_id,name,parent_id,function,site_kind\n"
ROWS = (
    "DIR,Direction générale,,management,head_office\n"
    "DCO,Direction commerciale,DIR,sales,mixed\n"
    "ADV,ADV,DCO,sales_admin,head_office\n"
    "ROANNE,Usine de Roanne,DIR,production,field\n"
)


def test_reads_units_with_roots_as_missing_parents(write):
    units = read_units(write("units.csv", HEADER + ROWS))
    assert list(units.columns) == ["unit_id", "name", "parent_id", "function", "site_kind"]
    assert math.isnan(units["parent_id"][0])
    assert units["parent_id"].tolist()[1:] == ["DIR", "DCO", "DIR"]


def test_accepts_codes_in_any_letter_case_and_lowers_them(write):
    units = read_units(write("units.csv", HEADER + "DIR,Direction,,Management,Head_Office\n"))
    assert (units["function"][0], units["site_kind"][0]) == ("management", "head_office")


def test_parent_column_is_optional(write):
    text = "unit_id,name,function,site_kind\nDIR,Direction,management,head_office\n"
    assert math.isnan(read_units(write("units.csv", text))["parent_id"][0])


def test_refuses_a_missing_required_column(write):
    text = "unit_id,name,parent_id,function\nDIR,Direction,,management\n"
    problem = only(problems_of(lambda: read_units(write("units.csv", text))))
    assert problem.column == "site_kind" and "required" in problem.expected


def test_refuses_an_unknown_column_suggesting_the_closest(write):
    text = "unit_id,name,parent_id,function,site_type\nDIR,Direction,,management,field\n"
    problems = problems_of(lambda: read_units(write("units.csv", text)))
    unknown = next(p for p in problems if p.column == "site_type")
    assert unknown.row == 1 and "did you mean 'site_kind'?" in unknown.expected


def test_refuses_a_duplicate_unit_id_naming_the_first_row(write):
    text = HEADER + ROWS + "ADV,Administration des ventes,DCO,sales_admin,head_office\n"
    problem = only(problems_of(lambda: read_units(write("units.csv", text))))
    assert (problem.row, problem.column, problem.value) == (6, "unit_id", "ADV")
    assert "already in row 4" in problem.expected


def test_refuses_an_id_with_a_colon_or_a_space(write):
    text = HEADER + "DIR,Direction,,management,head_office\nSUP CLIENT,Support,DIR,support,mixed\n"
    problem = only(problems_of(lambda: read_units(write("units.csv", text))))
    assert (problem.row, problem.column) == (3, "unit_id")


def test_refuses_an_empty_id_or_name(write):
    text = HEADER + ROWS + ",Support client,DIR,support,mixed\nSUP,,DIR,support,mixed\n"
    problems = problems_of(lambda: read_units(write("units.csv", text)))
    assert [(p.row, p.column) for p in problems] == [(6, "unit_id"), (7, "name")]


def test_refuses_an_unknown_parent(write):
    text = HEADER + ROWS + "MACON,Entrepôt de Mâcon,DIRECTION,logistics,field\n"
    problem = only(problems_of(lambda: read_units(write("units.csv", text))))
    assert (problem.row, problem.column, problem.value) == (6, "parent_id", "DIRECTION")
    assert "did you mean 'DIR'?" in problem.expected


def test_refuses_a_cycle_naming_its_units(write):
    text = (
        HEADER + "DIR,Direction,,management,head_office\n"
        "DCO,Commerce,SUP,sales,mixed\nADV,ADV,DCO,sales_admin,head_office\nSUP,Support,ADV,support,mixed\n"
    )
    problem = only(problems_of(lambda: read_units(write("units.csv", text))))
    assert (problem.row, problem.column) == (3, "parent_id")
    assert "DCO (Commerce) -> SUP (Support) -> ADV (ADV) -> DCO (Commerce)" in problem.expected


def test_refuses_a_unit_that_is_its_own_parent(write):
    text = HEADER + "DIR,Direction,DIR,management,head_office\n"
    assert (
        "DIR (Direction) -> DIR (Direction)"
        in only(problems_of(lambda: read_units(write("u.csv", text)))).expected
    )


def test_refuses_function_and_site_kind_outside_their_lists(write):
    text = HEADER + ROWS + "SUP,Support client,DIR,suport,remote\n"
    problems = problems_of(lambda: read_units(write("units.csv", text)))
    assert [(p.row, p.column, p.value) for p in problems] == [
        (6, "function", "suport"),
        (6, "site_kind", "remote"),
    ]
    assert "did you mean 'support'?" in problems[0].expected


def test_collects_every_problem_of_the_file_before_refusing(write):
    text = HEADER + "DIR,Direction,,management,head_office\nA,,NOPE,sales,field\nA,Bis,DIR,x,y\n"
    problems = problems_of(lambda: read_units(write("units.csv", text)))
    assert {(p.row, p.column) for p in problems} == {
        (3, "name"),
        (3, "parent_id"),
        (4, "unit_id"),
        (4, "function"),
        (4, "site_kind"),
    }
