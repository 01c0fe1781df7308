import itertools

import jsonschema
import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from scipy import stats

from eclaire.core.analysis.context import build_context
from eclaire.core.analysis.priorities_section import (
    priorities_section,
    ranking_matrix,
    tau_distance_matrix,
)
from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.stats.rankings import kendall_tau_distance

from .planted import PLANTED_SEEDS, planted
from .schema_fragments import fragment_schema

OPTIONS = [
    "customer_satisfaction",
    "revenue_growth",
    "margin",
    "quality",
    "on_time_delivery",
    "new_customers",
]
UNITS = pd.DataFrame(
    {
        "unit_id": ["R", "A", "B", "C"],
        "name": ["Root", "Sales", "Plant", "Support"],
        "parent_id": [None, "R", "R", "R"],
        "function": ["management", "sales", "production", "support"],
        "site_kind": ["head_office", "field", "field", "head_office"],
    }
)


@pytest.fixture(scope="module")
def instrument():
    return load_default_instrument()


def rankers(unit, orders):
    """One row per order (a list of option codes, first = rank 1; missing codes unranked)."""
    return [
        {
            "unit_id": unit,
            "self": False,
            **{
                f"rank:{code}": float(order.index(code) + 1) if code in order else np.nan
                for code in OPTIONS
            },
        }
        for order in orders
    ]


def shuffled(rng, n, base=OPTIONS, swaps=1):
    out = []
    for _ in range(n):
        order = list(base)
        for _ in range(swaps):
            i, j = rng.choice(len(order), 2, replace=False)
            order[i], order[j] = order[j], order[i]
        out.append(order)
    return out


def test_kendall_w_and_chi2_match_pingouin_friedman(instrument):
    rng = np.random.default_rng(11)
    orders = shuffled(rng, 12, swaps=2)
    rows = rankers("A", orders) + rankers("B", shuffled(rng, 8))
    out = priorities_section(build_context(instrument, UNITS, pd.DataFrame(rows), min_group=5))
    frame = pd.DataFrame(rankers("A", orders)).filter(like="rank:")
    # reference: pingouin.friedman (Kendall's W with tie correction, Q = m(k − 1)W)
    ref = pg.friedman(frame, method="chisq")
    unit = out["units"]["A"]
    assert unit["kendall_w"] == pytest.approx(ref["W"].iloc[0], abs=1e-4)
    assert unit["chi2"] == pytest.approx(ref["Q"].iloc[0], abs=1e-3)
    assert unit["p"] == pytest.approx(ref["p_unc"].iloc[0], abs=1e-4)
    assert unit["n"] == 12 and unit["df"] == 5


def test_identical_rankings_agree_fully_and_match_the_declared_order(instrument):
    rows = rankers("A", [OPTIONS] * 6) + rankers("B", [OPTIONS[::-1]] * 6)
    out = priorities_section(
        build_context(
            instrument, UNITS, pd.DataFrame(rows), min_group=5, declared_priorities=OPTIONS
        )
    )
    assert out["units"]["A"]["kendall_w"] == 1.0
    assert out["units"]["A"]["consensus"] == OPTIONS
    assert out["units"]["A"]["distance_to_declared"] == 0.0
    assert out["units"]["B"]["distance_to_declared"] == 1.0
    assert out["distances"] == [{"a": "A", "b": "B", "n_a": 6, "n_b": 6, "distance": 1.0}]


def test_unranked_options_share_the_bottom_places(instrument):
    ctx = build_context(
        instrument,
        UNITS,
        pd.DataFrame(rankers("A", [OPTIONS[:3], OPTIONS[:1], OPTIONS]) + rankers("B", [[]])),
    )
    ranks = ranking_matrix(ctx, OPTIONS)
    assert list(ranks.index) == [0, 2]  # one ranked option (row 1) or none (row 3): left out
    assert ranks.iloc[0].tolist() == [1, 2, 3, 5, 5, 5]
    assert ranks.iloc[1].tolist() == [1, 2, 3, 4, 5, 6]


def test_tau_distances_match_kendall_tau_distance_and_scipy():
    rng = np.random.default_rng(5)
    orders = [list(rng.permutation(OPTIONS)) for _ in range(6)]
    matrix = tau_distance_matrix(orders)
    for x, y in itertools.combinations(range(6), 2):
        assert matrix[x, y] == pytest.approx(kendall_tau_distance(orders[x], orders[y]))
        # reference: scipy.stats.kendalltau on positions, distance = (1 − tau) / 2 without ties
        tau = stats.kendalltau(
            [orders[x].index(c) for c in OPTIONS], [orders[y].index(c) for c in OPTIONS]
        ).statistic
        assert matrix[x, y] == pytest.approx((1 - tau) / 2)


def test_unit_below_k_shows_only_n_and_cannot_be_derived(instrument):
    rng = np.random.default_rng(2)
    rows = (
        rankers("A", shuffled(rng, 9))
        + rankers("B", shuffled(rng, 7))
        + rankers("C", [OPTIONS] * 3)
    )
    out = priorities_section(build_context(instrument, UNITS, pd.DataFrame(rows), min_group=5))
    assert out["units"]["C"] == {"n": 3, "suppressed": True, "reason": "below_threshold"}
    # R = A + B + C: with R, A and B all shown, C's three rankings would follow
    shown = [u for u in "RAB" if not out["units"][u]["suppressed"]]
    assert len(shown) < 3


def test_respondents_who_skip_the_ranking_reopen_no_differencing_channel(instrument):
    # every unit is shown in the units section (A 9, B 7), but only 3 of B rank: showing both
    # R and A would give B's three rankings
    rng = np.random.default_rng(4)
    rows = rankers("A", shuffled(rng, 9)) + rankers("B", shuffled(rng, 3)) + rankers("B", [[]] * 4)
    out = priorities_section(build_context(instrument, UNITS, pd.DataFrame(rows), min_group=5))
    assert out["units"]["R"]["suppressed"] or out["units"]["A"]["suppressed"]


def test_declared_priority_outside_the_options_is_a_clear_error(instrument):
    ctx = build_context(
        instrument,
        UNITS,
        pd.DataFrame(rankers("A", [OPTIONS] * 5)),
        declared_priorities=["margin", "world_peace"],
    )
    with pytest.raises(ValueError, match="world_peace"):
        priorities_section(ctx)


def test_partial_declared_order_is_compared_on_its_codes(instrument):
    ctx = build_context(
        instrument,
        UNITS,
        pd.DataFrame(rankers("A", [OPTIONS] * 5)),
        declared_priorities=["margin", "customer_satisfaction"],
    )
    assert priorities_section(ctx)["units"]["A"]["distance_to_declared"] == 1.0


@pytest.mark.parametrize("seed", PLANTED_SEEDS)
def test_planted_divergent_unit_has_the_lowest_agreement(seed):
    sample, ctx = planted(seed)
    patterns = sample.truth["patterns"]
    out = priorities_section(ctx)["units"]
    divergent = out[patterns["priority_disagreement"]["unit_id"]]
    others = [
        e["kendall_w"]
        for u, e in out.items()
        if not e["suppressed"] and u != patterns["priority_disagreement"]["unit_id"]
    ]
    assert divergent["kendall_w"] < 0.2 < min(others)
    coherent = out[patterns["coherent_unit"]["unit_id"]]
    assert coherent["kendall_w"] > 0.8 and coherent["distance_to_declared"] <= 0.2


FUNCTION_TEAMS = pd.DataFrame(
    {
        "unit_id": ["R", "S1", "S2", "S3", "S4", "P"],
        "name": ["Root", "Sales 1", "Sales 2", "Sales 3", "Sales 4", "Plant"],
        "parent_id": [None, "R", "R", "R", "R", "R"],
        "function": ["management", "sales", "sales", "sales", "sales", "production"],
        "site_kind": ["head_office", "field", "field", "field", "field", "field"],
    }
)


def test_w_test_compares_a_team_with_the_other_teams_of_its_function(instrument):
    # Three sales teams rank close to one order; the fourth in orders of their own; the plant,
    # alone of its function, is compared with groups drawn from every team.
    rng = np.random.default_rng(5)
    rows = [r for unit in ("S1", "S2", "S3") for r in rankers(unit, shuffled(rng, 10))]
    scattered = [list(rng.permutation(OPTIONS)) for _ in range(20)]
    rows += rankers("S4", scattered) + rankers("P", shuffled(rng, 8, OPTIONS[::-1]))
    ctx = build_context(instrument, FUNCTION_TEAMS, pd.DataFrame(rows), min_group=5)
    units = priorities_section(ctx)["units"]
    low, same = units["S4"]["w_test"], units["S1"]["w_test"]
    assert low["reference"] == same["reference"] == "function"
    assert low["p"] < 0.05 < same["p"]
    assert units["S4"]["kendall_w"] < low["null_median"]
    assert units["P"]["w_test"]["reference"] == "teams"
    jsonschema.validate(priorities_section(ctx), fragment_schema("priorities"))


def test_output_matches_its_schema():
    _, ctx = planted(PLANTED_SEEDS[0])
    jsonschema.validate(priorities_section(ctx), fragment_schema("priorities"))
