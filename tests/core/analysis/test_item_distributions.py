"""The answers behind a cell: per item, over exactly the cell's respondents, never a residual
of fewer than k people who answered, and registered with the disclosure audit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from eclaire.core.analysis.analyze import analyze
from eclaire.core.analysis.context import build_context
from eclaire.core.analysis.disclosure import register_result
from eclaire.core.analysis.units_section import units_section
from eclaire.core.instrument_loader import load_default_instrument

ITEMS = ("CR1", "CR2", "CR3")  # clarity.roles, agree5 (1 to 5)


@pytest.fixture(scope="module")
def instrument():
    return load_default_instrument()


def _frame(skip_cr1: tuple[int, ...] = (), seed: int = 4) -> tuple[pd.DataFrame, pd.DataFrame]:
    """P (17 respondents: rows 0-4 direct, 5-10 in A, 11-16 in B); rows ``skip_cr1`` skip CR1."""
    units = pd.DataFrame(
        {"unit_id": ["P", "A", "B"], "parent_id": [None, "P", "P"], "name": ["P", "A", "B"]}
    )
    rng = np.random.default_rng(seed)
    homes = ["P"] * 5 + ["A"] * 6 + ["B"] * 6
    answers = {code: rng.integers(1, 6, len(homes)).astype(float) for code in ITEMS}
    answers["CR1"][list(skip_cr1)] = np.nan
    return units, pd.DataFrame({"unit_id": homes, **answers})


def _units(instrument, skip_cr1: tuple[int, ...] = ()) -> tuple[dict, pd.DataFrame]:
    units, responses = _frame(skip_cr1)
    ctx = build_context(instrument, units, responses, min_group=5)
    return units_section(ctx), responses


def test_each_item_counts_every_answer_of_the_cells_respondents(instrument):
    section, responses = _units(instrument)
    cell = section["A"]["scores"]["clarity.roles"]
    team = responses[responses["unit_id"] == "A"]
    for code in ITEMS:
        expected = [int((team[code] == level).sum()) for level in range(1, 6)]
        assert cell["items"][code] == {"counts": expected, "missing": 0}
    whole = section["P"]["scores"]["clarity.roles"]
    assert whole["items"]["CR2"]["counts"] == [
        int((responses["CR2"] == level).sum()) for level in range(1, 6)
    ]


def test_not_answered_is_counted_so_every_item_sums_to_the_cell_n(instrument):
    section, _responses = _units(instrument, skip_cr1=(5,))  # one of A's 6
    for unit in ("P", "A", "B"):
        cell = section[unit]["scores"]["clarity.roles"]
        for code in ITEMS:
            answers = cell["items"][code]
            assert sum(answers["counts"]) + answers["missing"] == cell["n"]
    assert section["P"]["scores"]["clarity.roles"]["items"]["CR1"]["missing"] == 1
    assert section["A"]["scores"]["clarity.roles"]["items"]["CR1"]["missing"] == 1


def test_no_answers_where_the_people_who_answered_would_leave_a_small_residual(instrument):
    section, _responses = _units(instrument, skip_cr1=(0, 1, 2))  # P's own: 5 scored, 2 on CR1
    cells = {u: section[u]["scores"].get("clarity.roles") for u in ("P", "A", "B")}
    assert all(c is not None for c in cells.values())  # the cells themselves stay
    with_items = [u for u, c in cells.items() if "items" in c]
    assert with_items != ["P", "A", "B"]
    if "P" in with_items:
        children = [u for u in ("A", "B") if u in with_items]
        answered = [sum(cells[u]["items"]["CR1"]["counts"]) for u in ("P", *children)]
        residual = answered[0] - sum(answered[1:])
        assert residual == 0 or residual >= 5


def test_hidden_cells_get_no_answers(instrument):
    units, responses = _frame()
    responses = responses[responses["unit_id"] != "B"].copy()
    responses.loc[responses["unit_id"] == "A", "unit_id"] = ["A"] * 3 + ["B"] * 3
    ctx = build_context(instrument, units, responses, min_group=5)
    section = units_section(ctx)
    assert section["A"]["suppressed"] and section["B"]["suppressed"]
    assert "items" in section["P"]["scores"]["clarity.roles"]


def test_the_answers_are_audited_in_each_items_channel(instrument):
    units, responses = _frame(skip_cr1=(5,))
    result = analyze(instrument, units, responses, min_group=5, messages=False)
    assert result["privacy"]["hidden_by_audit"] == 0
    assert "items" in result["units"]["P"]["scores"]["clarity.roles"]
    ctx = build_context(instrument, units, responses, min_group=5)
    keys = {f.key: f for f in register_result(ctx, result).figures}
    figure = keys["units/P/clarity.roles/items/CR1"]
    assert figure.channel == "item:CR1" and figure.n == 16  # the 17 scored, less one skip
    assert keys["units/A/clarity.roles/items/CR2"].n == 6
