"""The roster: people, their channel of invitation, their unit and segment."""

from __future__ import annotations

import math

from interchange_helpers import UNIT_IDS, only, problems_of

from eclaire.core.interchange import read_roster

HEADER = "person_id,email,phone,unit_id,role,tenure_band,contract,customer_facing,language\n"
ROWS = (
    "P001,e001@exemple.fr,,DCO,manager,3to10y,permanent,oui,fr\n"
    "P002,,+33 6 12 34 56 78,ROANNE,member,lt6m,apprentice,non,fr\n"
    "P003,e003@exemple.fr,06.98.76.54.32,ADV,member,1to3y,fixed_term,TRUE,en\n"
)


def read(write, text: str):
    return read_roster(write("roster.csv", text), UNIT_IDS)


def test_reads_a_roster_with_yes_no_in_french_or_english(write):
    roster = read(write, HEADER + ROWS)
    assert roster["customer_facing"].tolist() == ["yes", "no", "yes"]
    assert math.isnan(roster["email"][1]) and roster["phone"][1] == "+33 6 12 34 56 78"


def test_segment_columns_are_optional(write):
    roster = read(write, "person_id,phone,unit_id\nP9,0612345678,SUP\n")
    assert roster.columns.tolist()[:4] == ["person_id", "email", "phone", "unit_id"]
    assert math.isnan(roster["role"][0])


def test_refuses_a_person_with_neither_email_nor_phone(write):
    problem = only(problems_of(lambda: read(write, HEADER + ROWS + "P004,,,SUP,member,,,,\n")))
    assert (problem.row, problem.column) == (5, "email")
    assert "e-mail or a phone" in problem.expected


def test_refuses_a_roster_without_email_and_phone_columns(write):
    problem = only(problems_of(lambda: read(write, "person_id,unit_id\nP1,SUP\n")))
    assert "'email' or 'phone'" in problem.expected


def test_refuses_a_duplicate_person_and_a_shared_email(write):
    text = HEADER + ROWS + "P001,E001@Exemple.fr,,DCO,member,,,,\n"
    problems = problems_of(lambda: read(write, text))
    assert [(p.row, p.column) for p in problems] == [(5, "person_id"), (5, "email")]
    assert "already in row 2" in problems[1].expected


def test_refuses_malformed_email_and_phone(write):
    text = HEADER + "P1,e001@exemple,,SUP,,,,,\nP2,,06 12,SUP,,,,,\n"
    problems = problems_of(lambda: read(write, text))
    assert [(p.row, p.column) for p in problems] == [(2, "email"), (3, "phone")]


def test_refuses_an_unknown_unit(write):
    problem = only(problems_of(lambda: read(write, HEADER + "P1,a@b.fr,,MACONN,,,,,\n")))
    assert (problem.row, problem.column, problem.value) == (2, "unit_id", "MACONN")
    assert "did you mean 'MACON'?" in problem.expected


def test_refuses_values_outside_the_segment_lists(write):
    text = HEADER + "P1,a@b.fr,,SUP,chef,2y,cdi,peut-être,de\n"
    problems = problems_of(lambda: read(write, text))
    assert [p.column for p in problems] == [
        "role",
        "tenure_band",
        "contract",
        "customer_facing",
        "language",
    ]
    assert "oui/non" in problems[3].expected
