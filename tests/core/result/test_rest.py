"""The rest of the organization: everyone outside a unit, recovered from two shown cells and
checked against the raw answers (scipy's t interval, statsmodels' Wilson interval)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from eclaire.core.result.rest import rest_label, rest_mean, rest_scores, rest_share
from eclaire.core.result.view import ResultView


def _cell(x: np.ndarray) -> dict[str, Any]:
    """A score cell as the analysis writes it (rounded to 4 decimals)."""
    lo, hi = stats.t.interval(0.95, x.size - 1, loc=x.mean(), scale=stats.sem(x))
    return {
        "n": int(x.size),
        "mean": round(float(x.mean()), 4),
        "sd": round(float(x.std(ddof=1)), 4),
        "ci95": [round(lo, 4), round(hi, 4)],
    }


def test_rest_mean_matches_the_t_interval_of_the_people_outside_the_unit() -> None:
    rng = np.random.default_rng(7)
    unit = rng.normal(2.6, 0.7, 17).clip(1, 5)
    rest = rng.normal(3.4, 0.8, 168).clip(1, 5)
    got = rest_mean(_cell(np.concatenate([unit, rest])), _cell(unit), k=5)
    assert got is not None
    lo, hi = stats.t.interval(0.95, rest.size - 1, loc=rest.mean(), scale=stats.sem(rest))
    assert got.n == 168
    assert got.value == pytest.approx(rest.mean(), abs=1e-3)
    assert (got.low, got.high) == pytest.approx((lo, hi), abs=2e-3)


def test_rest_share_matches_the_wilson_interval_of_the_people_outside_the_unit() -> None:
    top = {"n": 185, "share": round(41 / 185, 4)}
    part = {"n": 17, "share": round(9 / 17, 4)}
    got = rest_share(top, part, k=5)
    assert got is not None
    lo, hi = proportion_confint(32, 168, method="wilson")
    assert got.n == 168 and got.value == pytest.approx(32 / 168)
    assert (got.low, got.high) == pytest.approx((lo, hi), abs=1e-9)


def test_no_rest_is_given_for_fewer_than_k_people() -> None:
    top = {"n": 20, "mean": 3.0, "sd": 1.0}
    part = {"n": 17, "mean": 3.1, "sd": 1.0}
    assert rest_mean(top, part, k=5) is None
    assert rest_share({"n": 20, "share": 0.5}, {"n": 17, "share": 0.5}, k=5) is None


def _result(unit_suppressed: bool = False, scoped: bool = False) -> dict[str, Any]:
    cell = {"n": 185, "mean": 3.3, "sd": 0.8, "ci95": [3.18, 3.42]}
    mine = {"n": 17, "mean": 2.6, "sd": 0.6, "ci95": [2.29, 2.91]}
    data: dict[str, Any] = {
        "min_group": 5,
        "dimensions": [{"code": "clarity.roles", "family": "clarity", "name": {"fr": "Rôles"}}],
        "tree": [
            {"unit_id": "ORG", "name": "Direction générale", "parent_id": None, "depth": 0},
            {"unit_id": "NAN", "name": "Agence Nantes", "parent_id": "ORG", "depth": 1},
        ],
        "units": {
            "ORG": {"n": 185, "suppressed": False, "scores": {"clarity.roles": cell}},
            "NAN": {"n": 17, "suppressed": False, "scores": {"clarity.roles": mine}}
            if not unit_suppressed
            else {"n": 17, "suppressed": True, "reason": "complementary"},
        },
    }
    if scoped:
        data["scope"] = {"roots": ["ORG"], "dropped": []}
    return data


def test_a_unit_is_compared_with_the_rest_not_with_the_top_unit_that_contains_it() -> None:
    view = ResultView(_result())
    rest = rest_scores(view, "NAN")["clarity.roles"]
    assert rest.n == 168
    assert rest.value == pytest.approx((185 * 3.3 - 17 * 2.6) / 168)
    assert rest.value > 3.3  # the top unit's 3.3 is pulled down by the unit itself
    assert rest_scores(view, "ORG") == {}  # the top has nothing outside it in the view
    assert rest_label(view, "fr") == "le reste de l'organisation"
    assert rest_label(ResultView(_result(scoped=True)), "en") == "the rest of Direction générale"


def test_a_hidden_unit_gets_no_rest_figure() -> None:
    assert rest_scores(ResultView(_result(unit_suppressed=True)), "NAN") == {}


def test_compare_with_rest_calls_a_difference_clear_past_1_96_standard_errors() -> None:
    from eclaire.core.result.rest import compare_with_rest
    from eclaire.core.result.view import Z95, Estimate

    # se = 0.1 on each side: the difference must exceed 1.96·√0.02 ≈ 0.277 to be clear.
    half = Z95 * 0.1
    rest = Estimate(3.5, 100, 3.5 - half, 3.5 + half)
    assert compare_with_rest(Estimate(3.2, 17, 3.2 - half, 3.2 + half), rest) == "lower"
    assert compare_with_rest(Estimate(3.25, 17, 3.25 - half, 3.25 + half), rest) == "same"
    assert compare_with_rest(Estimate(3.8, 17, 3.8 - half, 3.8 + half), rest) == "higher"
    assert compare_with_rest(Estimate(3.8, 17), rest) is None
    assert compare_with_rest(None, rest) is None


def test_the_comparison_reads_in_both_languages() -> None:
    from eclaire.core.result.words import Words

    ref = "the rest of the organization"
    assert Words("en").compared("score", "lower", ref) == "clearly lower than " + ref
    assert (
        Words("fr").compared("share", "higher", "le reste") == "nettement plus souvent que le reste"
    )
    assert Words("fr").compared("score", "same", "le reste") == "sans écart net avec le reste"
    assert Words("en").compared("score", None, ref) == ""
