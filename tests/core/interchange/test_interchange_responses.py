"""The responses file: columns recognized against the instrument, values, ranks and interfaces."""

from __future__ import annotations

import math

import numpy as np
import pytest
from interchange_helpers import UNIT_IDS, only, problems_of

from eclaire.core.interchange import read_responses
from eclaire.core.interchange.problems import MAX_KEPT

FULL_HEADER = (
    "unit_id,role,tenure_band,contract,customer_facing,self,CR1,CR2,SY_INFO,CHANNEL,"
    "if:SUP:IF_INFO,if:SUP:IF_TRUST,if:DCO:IF_INFO,rank:growth,rank:delivery,rank:quality,text:MSG_PROMISE\n"
)
FULL_ROWS = (
    "ADV,member,lt6m,apprentice,oui,,4,NA,5,email,2,3,,1,2,3,  Livraison sous 48 h  \n"
    "ADV,manager,3to10y,permanent,non,yes,5,4,,meeting,,,4,2,1,,\n"
    "SUP,member,1to3y,fixed_term,1,0,2,,3,,,,NA,,,,Une semaine\n"
)


@pytest.fixture
def read(write, instrument):
    def _read(text: str, **kwargs):
        return read_responses(write("responses.csv", text), instrument, UNIT_IDS, **kwargs)

    return _read


def test_reads_every_kind_of_column_into_the_core_shape(read):
    table = read(FULL_HEADER + FULL_ROWS)
    frame = table.frame
    assert frame.columns.tolist() == FULL_HEADER.strip().split(",")
    assert frame["self"].tolist() == [False, True, False]
    assert frame["customer_facing"].tolist() == ["yes", "no", "yes"]
    assert frame["CR1"].dtype == np.float64 and frame["CR1"].tolist() == [4.0, 5.0, 2.0]
    assert frame["CHANNEL"].tolist()[:2] == ["email", "meeting"]
    assert frame["rank:delivery"].tolist()[:2] == [2.0, 1.0]
    assert frame["text:MSG_PROMISE"][0] == "Livraison sous 48 h"
    assert table.warnings == ()


def test_not_applicable_is_missing_in_the_frame_and_marked_beside_it(read):
    table = read(FULL_HEADER + FULL_ROWS)
    assert math.isnan(table.frame.loc[0, "CR2"])
    assert table.not_applicable.loc[0, "CR2"] and table.not_applicable.loc[2, "if:DCO:IF_INFO"]
    assert int(table.not_applicable.to_numpy().sum()) == 2
    assert "text:MSG_PROMISE" not in table.not_applicable.columns


def test_only_unit_id_and_items_are_required(read):
    table = read("unit_id,CR1,SY_INFO\nADV,4,2\nSUP,,5\n")
    assert table.frame.columns.tolist()[:6] == [
        "unit_id",
        "role",
        "tenure_band",
        "contract",
        "customer_facing",
        "self",
    ]
    assert table.frame["role"].isna().all() and not table.frame["self"].any()
    assert any("role, tenure_band, contract, customer_facing" in w for w in table.warnings)


def test_reads_a_semicolon_file_from_french_excel(read):
    assert len(read("unit_id;CR1;CR2\nADV;4;NA\nSUP;2;3\n").frame) == 2


def test_refuses_a_file_without_unit_id_column(read):
    missing, unknown = problems_of(lambda: read("unit,CR1\nADV,4\n"))
    assert missing.column == "unit_id" and "did you mean 'unit'?" in missing.expected
    assert unknown.column == "unit" and "did you mean 'unit_id'?" in unknown.expected


def test_refuses_an_unknown_item_suggesting_the_closest_code(read):
    problem = only(problems_of(lambda: read("unit_id,CR1,CR_2\nADV,4,3\n")))
    assert (problem.row, problem.column) == (1, "CR_2")
    assert "did you mean 'CR2'?" in problem.expected


def test_suggests_the_text_prefix_for_a_bare_text_question(read):
    problem = only(problems_of(lambda: read("unit_id,MSG_PROMISE\nADV,vite\n")))
    assert "did you mean 'text:MSG_PROMISE'?" in problem.expected


def test_refuses_values_out_of_scale_or_not_integers(read):
    problems = problems_of(lambda: read("unit_id,CR1,SY_INFO\nADV,7,2.5\nSUP,quatre,0\n"))
    assert [(p.row, p.column, p.value) for p in problems] == [
        (2, "CR1", "7"),
        (2, "SY_INFO", "2.5"),
        (3, "CR1", "quatre"),
        (3, "SY_INFO", "0"),
    ]
    assert (
        str(problems[0])
        == "responses.csv, row 2, column CR1 (value '7'): expected an integer from 1 to 5"
    )


def test_refuses_na_where_the_item_does_not_allow_it(read):
    problem = only(problems_of(lambda: read("unit_id,CR1,CR2\nADV,NA,NA\n")))
    assert (problem.row, problem.column) == (2, "CR1")
    assert "offers no 'not applicable'" in problem.expected


def test_refuses_a_choice_outside_the_options(read):
    problem = only(problems_of(lambda: read("unit_id,CHANNEL\nADV,phone\n")))
    assert (problem.column, problem.value) == ("CHANNEL", "phone")
    assert "email, meeting" in problem.expected


def test_refuses_an_unknown_unit_in_a_row(read):
    problem = only(problems_of(lambda: read("unit_id,CR1\nADV,4\n\nSAV,3\n")))
    assert (problem.row, problem.column, problem.value) == (4, "unit_id", "SAV")


def test_refuses_an_interface_column_to_an_unknown_unit_or_item(read):
    problems = problems_of(lambda: read("unit_id,if:SAV:IF_INFO,if:SUP:IF_INF\nADV,3,4\n"))
    assert [(p.row, p.column, p.value) for p in problems] == [
        (1, "if:SAV:IF_INFO", "SAV"),
        (1, "if:SUP:IF_INF", "IF_INF"),
    ]
    assert "did you mean 'IF_INFO'?" in problems[1].expected


def test_refuses_a_rating_of_ones_own_unit(read):
    problem = only(
        problems_of(lambda: read("unit_id,if:ADV:IF_INFO,if:SUP:IF_INFO\nADV,3,\nADV,,4\n"))
    )
    assert (problem.row, problem.column, problem.value) == (2, "if:ADV:IF_INFO", "ADV")


def test_refuses_more_rated_units_than_the_instrument_allows(read):
    text = "unit_id,if:SUP:IF_INFO,if:DCO:IF_INFO,if:MACON:IF_TRUST\nADV,3,4,\nADV,3,NA,2\n"
    problem = only(problems_of(lambda: read(text)))
    assert (problem.row, problem.column, problem.value) == (3, None, "3 units")
    assert "at most 2" in problem.expected


def test_refuses_a_rank_used_twice_in_a_row(read):
    text = "unit_id,rank:growth,rank:delivery,rank:quality\nADV,1,2,3\nSUP,2,,2\n"
    problem = only(problems_of(lambda: read(text)))
    assert (problem.row, problem.column, problem.value) == (3, "rank:quality", "2")
    assert "rank:growth" in problem.expected


def test_refuses_a_rank_beyond_the_number_of_priorities(read):
    problem = only(problems_of(lambda: read("unit_id,rank:growth,rank:delivery\nADV,4,1\n")))
    assert (problem.column, problem.expected) == ("rank:growth", "a rank from 1 to 3")


def test_declared_priorities_replace_the_default_options(read):
    text = "unit_id,rank:stock,rank:delivery\nADV,1,2\n"
    assert read(text, priority_codes=["stock", "delivery"]).frame["rank:stock"][0] == 1.0
    problem = only(problems_of(lambda: read(text)))
    assert problem.column == "rank:stock"


def test_refuses_a_self_assessment_row_that_is_not_a_manager(read):
    problem = only(
        problems_of(lambda: read("unit_id,role,self,CR1\nADV,member,oui,4\nADV,manager,oui,4\n"))
    )
    assert (problem.row, problem.column) == (2, "role")


def test_refuses_segment_values_outside_their_lists(read):
    problems = problems_of(lambda: read("unit_id,role,tenure_band,self\nADV,boss,5y,maybe\n"))
    assert [p.column for p in problems] == ["role", "tenure_band", "self"]


def test_collects_problems_of_every_row_and_column_before_refusing(read):
    text = "unit_id,CR1,CR3\nSAV,9,1\nADV,4,1\nADV,NA,1\n"
    problems = problems_of(lambda: read(text))
    assert [(p.row, p.column) for p in problems] == [
        (1, "CR3"),
        (2, "unit_id"),
        (2, "CR1"),
        (4, "CR1"),
    ]


def test_keeps_a_bounded_list_but_counts_every_problem(write, instrument):
    rows = "".join("ADV,9\n" for _ in range(MAX_KEPT + 500))
    path = write("responses.csv", "unit_id,CR1\n" + rows)
    with pytest.raises(ValueError) as caught:
        read_responses(path, instrument, UNIT_IDS)
    assert caught.value.total == MAX_KEPT + 500
    assert len(caught.value.problems) == MAX_KEPT
    assert str(caught.value).endswith(f"and {MAX_KEPT + 500 - 50} more")


def test_refuses_repeated_priority_codes_as_an_argument_error(read):
    with pytest.raises(ValueError, match="priority_codes"):
        read("unit_id,CR1\nADV,4\n", priority_codes=["a", "a"])
