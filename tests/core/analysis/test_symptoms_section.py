import jsonschema
import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from eclaire.core.analysis.context import build_context
from eclaire.core.analysis.symptoms_section import symptoms_section
from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.sample import generate_sample

from .schema_fragments import fragment_schema

SYMPTOMS = [
    "SY_MEETINGS",
    "SY_PRIORITIES",
    "SY_INFO",
    "SY_DECISIONS",
    "SY_ONBOARDING",
    "SY_MISUNDERSTANDINGS",
    "SY_COMPENSATION",
]


@pytest.fixture(scope="module")
def instrument():
    return load_default_instrument()


@pytest.fixture(scope="module")
def sample(instrument):
    return generate_sample(units=60, people=1500, seed=1, instrument=instrument)


@pytest.fixture(scope="module")
def ctx(instrument, sample):
    return build_context(instrument, sample.units, sample.responses)


@pytest.fixture(scope="module")
def result(ctx):
    return symptoms_section(ctx)


def _members(sample, unit_id):
    """Team responses of a unit roll-up: the unit and every unit under it."""
    parents = dict(zip(sample.units["unit_id"], sample.units["parent_id"], strict=True))
    inside = {u for u in parents if _chain(parents, u) & {unit_id}}
    team = sample.responses[~sample.responses["self"].astype(bool)]
    return team[team["unit_id"].isin(inside)]


def _chain(parents, unit):
    chain = set()
    while isinstance(unit, str) and unit:
        chain.add(unit)
        unit = parents.get(unit)
    return chain


def _expected(frame, code):
    answered = frame[code].notna()
    k, n = int((frame[code] >= 4).sum()), int(answered.sum())  # 4 = often, 5 = very often on freq5
    lo, hi = proportion_confint(k, n, alpha=0.05, method="wilson")
    return n, k / n, lo, hi


@pytest.mark.parametrize("code", SYMPTOMS)
def test_overall_share_matches_pandas_and_statsmodels_wilson(result, sample, code):
    team = sample.responses[~sample.responses["self"].astype(bool)]
    n, share, lo, hi = _expected(team, code)
    cell = result["overall"][code]
    assert cell["n"] == n
    assert cell["share"] == pytest.approx(share, abs=1e-4)
    assert cell["ci95"] == pytest.approx([lo, hi], abs=1e-4)


def test_unit_roll_up_share_counts_the_unit_and_its_descendants(result, sample, ctx):
    parents = [
        u
        for u in ctx.order
        if u in result["units"] and any(p == u for p in ctx.parents.values()) and result["units"][u]
    ]
    unit_id = parents[0]
    for code, cell in result["units"][unit_id].items():
        n, share, lo, hi = _expected(_members(sample, unit_id), code)
        assert (cell["n"], cell["share"]) == (n, pytest.approx(share, abs=1e-4))
        assert cell["ci95"] == pytest.approx([lo, hi], abs=1e-4)


def test_planted_meeting_unit_has_the_highest_meetings_share(result, sample):
    unit_id = sample.truth["patterns"]["meetings_without_decisions"]["unit_id"]
    shares = {
        u: cells["SY_MEETINGS"]["share"]
        for u, cells in result["units"].items()
        if "SY_MEETINGS" in cells
    }
    assert shares[unit_id] == max(shares.values())
    assert shares[unit_id] >= 0.5 > result["overall"]["SY_MEETINGS"]["share"]


def test_hidden_units_are_absent_and_cells_have_at_least_k_answers(result, ctx):
    assert ctx.disclosure.suppressed or ctx.disclosure.pooled, "the sample has small groups"
    assert not set(result["units"]) & set(ctx.disclosure.suppressed)
    for cells in result["units"].values():
        assert all(cell["n"] >= ctx.k for cell in cells.values())


def _tiny(instrument, answers_b):
    """P (no direct respondents) with children A (6) and B (6); B answers SY_MEETINGS only `answers_b` times."""
    units = pd.DataFrame({"unit_id": ["P", "A", "B"], "parent_id": [None, "P", "P"]})
    rows = [{"unit_id": "A", "self": False, "SY_MEETINGS": 4.0, "SY_INFO": 2.0} for _ in range(6)]
    rows += [
        {
            "unit_id": "B",
            "self": False,
            "SY_MEETINGS": 5.0 if i < answers_b else np.nan,
            "SY_INFO": 3.0,
        }
        for i in range(6)
    ]
    return build_context(instrument, units, pd.DataFrame(rows))


def test_hides_an_item_cell_that_would_reveal_a_small_group_by_subtraction(instrument):
    result = symptoms_section(_tiny(instrument, answers_b=4))
    # B's 4 answers are below k; showing P (10 answers) and A (6) would give B's by subtraction
    assert "SY_MEETINGS" not in result["units"]["B"]
    assert "SY_MEETINGS" not in result["units"]["A"]
    assert result["units"]["P"]["SY_MEETINGS"]["n"] == 10
    assert result["units"]["A"]["SY_INFO"]["n"] == 6  # the other item is untouched


def test_shows_every_cell_when_each_child_has_k_answers(instrument):
    result = symptoms_section(_tiny(instrument, answers_b=6))
    assert result["units"]["B"]["SY_MEETINGS"] == {
        "n": 6,
        "share": 1.0,
        "ci95": pytest.approx([0.6097, 1.0], abs=1e-4),
    }


def test_output_matches_its_schema(result):
    jsonschema.validate(result, fragment_schema("symptoms"))
