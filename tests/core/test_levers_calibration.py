"""Calibrated lever rules: the false discovery rate across an organization, the effect floors,
the stated error rates under the null, and the targets on organizations the project did not
generate (held-out seeds 1000+ of ``tests/generators/independent.py``; the rules were tuned on
seeds 0-29 only)."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from levers_independent import independent_result
from levers_null import null_result
from statsmodels.stats.multitest import multipletests

from eclaire.core.levers import LEVERS, default_rules, recommend
from eclaire.core.levers.calibration import Finding, at_least, select
from eclaire.core.levers.evaluation import Scores, score_recommendations
from eclaire.core.levers.patterns import priority_divergence
from eclaire.core.result.view import ResultView, Signal

HELD_OUT = (1000, 1001, 1002)
SIZES = (12, 36)


def _finding(i: int, p: float | None, clears: bool = True) -> Finding:
    return Finding(Signal("r", "unit", (f"U{i}",), (), None, False), p, clears)


# -- the selection --------------------------------------------------------------------------
def test_selection_keeps_what_benjamini_hochberg_rejects_as_statsmodels_does():
    rng = np.random.default_rng(1)
    ps = np.concatenate([rng.uniform(size=40), rng.uniform(0, 0.002, size=6)])
    kept = select([_finding(i, p) for i, p in enumerate(ps)], fdr=0.1)
    reject, adjusted, _, _ = multipletests(ps, alpha=0.1, method="fdr_bh")
    assert {f.signal.unit_ids[0] for f in kept} == {f"U{i}" for i in np.flatnonzero(reject)}
    for f in kept:
        assert f.p_adjusted == pytest.approx(adjusted[int(f.signal.unit_ids[0][1:])])


def test_selection_needs_the_effect_floor_as_well_as_the_test():
    kept = select([_finding(0, 1e-9, clears=False), _finding(1, 1e-9)], fdr=0.1)
    assert [f.signal.unit_ids for f in kept] == [("U1",)]


def test_a_finding_without_a_test_fires_on_its_floor_alone():
    kept = select([_finding(0, None), _finding(1, None, clears=False)], fdr=0.1)
    assert [f.signal.unit_ids for f in kept] == [("U0",)]


def test_selection_refuses_an_impossible_rate():
    with pytest.raises(ValueError, match="fdr"):
        select([], fdr=1.5)


def test_at_least_m_of_j_keeps_its_level_under_the_null():
    rng = np.random.default_rng(2)
    for m in (1, 2, 3):
        ps = [at_least(rng.uniform(size=4), m) for _ in range(20000)]
        assert np.mean(np.array(ps) <= 0.05) <= 0.05 + 0.005


def test_at_least_is_missing_with_too_few_figures():
    assert math.isnan(at_least([0.01], 2))


# -- error rates under the null ---------------------------------------------------------------
@pytest.mark.slow
def test_null_organizations_get_few_recommendations():
    """No effect anywhere (``levers_null``): BH across the organization keeps the chance of any
    recommendation at or under the false discovery rate (20 %)."""
    fdr = default_rules().calibration["fdr"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        counts = [len(recommend(null_result(seed, 24))) for seed in range(100, 108)]
    assert np.mean(counts) <= 0.3
    assert np.mean([c > 0 for c in counts]) <= fdr + 0.15  # 8 organizations: binomial slack


# -- targets on the independent generator, held-out seeds -----------------------------------
@pytest.fixture(scope="module")
def held_out_planted() -> Scores:
    scores = Scores()
    for units in SIZES:
        for seed in HELD_OUT:
            generated, result = independent_result(seed, units)
            score_recommendations(recommend(result), generated.truth, result, scores)
    return scores


@pytest.mark.slow
def test_the_coherent_units_of_a_planted_organization_get_nothing(held_out_planted):
    assert held_out_planted.coherent_hits == 0


@pytest.mark.slow
def test_planted_recommendations_are_mostly_right(held_out_planted):
    assert held_out_planted.precision >= 0.85, held_out_planted.false_positives


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="held-out seeds 1000-1009: individual coaching 0.50, team coaching 0.52, mediation "
    "0.90; the power analysis shows even a test on the answers "
    "themselves reaches about 0.5 (manager gap) and 0.7 (meetings) at the level a 36-unit "
    "organization's 20 % FDR needs, and the priority tests miss teams alone in their "
    "function (docs/levers.md, 'What one wave can detect')",
)
def test_every_lever_finds_nine_planted_problems_in_ten(held_out_planted):
    for lever in LEVERS:
        assert held_out_planted.lever_recall(lever) >= 0.9, (lever, held_out_planted.missed)


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "limit"), [("coherent", 0.2), ("null", 0.3)])
def test_coherent_and_null_organizations_get_few_recommendations(kind, limit):
    counts = [
        len(recommend(independent_result(seed, units, kind)[1]))
        for units in SIZES
        for seed in HELD_OUT[:2]
    ]
    assert np.mean(counts) <= limit


# -- like with like, contradictions in any tree -----------------------------------------------
def _flat_result(sides: list[dict]) -> dict:
    tree = [
        {"unit_id": "R", "name": "R", "parent_id": None, "function": "management", "depth": 0},
        {"unit_id": "A", "name": "A", "parent_id": "R", "function": "sales", "depth": 1},
        {"unit_id": "B", "name": "B", "parent_id": "R", "function": "logistics", "depth": 1},
    ]
    units = {u: {"n": 8, "suppressed": False, "scores": {}} for u in ("A", "B")}
    units["R"] = {"n": 16, "suppressed": False, "scores": {}}
    contradiction = {"kind": "delay", "subject": "delivery", "sides": sides}
    return {
        "tree": tree,
        "units": units,
        "dimensions": [],
        "min_group": 5,
        "n_responses": 16,
        "messages": {"contradictions": [contradiction]},
    }


def _side(unit: str, value: float, n: int = 8, n_modal: int = 4) -> dict:
    return {"unit_id": unit, "value": value, "unit": "h", "n": n, "n_modal": n_modal}


def test_a_contradiction_between_two_units_of_a_flat_tree_leads_to_mediation():
    recs = recommend(_flat_result([_side("A", 48.0), _side("B", 168.0)]))
    assert [(r.lever, r.target.unit_ids) for r in recs] == [("mediation", ("A", "B"))]
    assert recs[0].evidence[0].p_adjusted is None  # a stated fact, not a sampling test


def test_a_contradiction_needs_k_respondents_on_each_side():
    assert recommend(_flat_result([_side("A", 48.0), _side("B", 168.0, n=4)])) == []


@pytest.mark.slow
def test_priorities_are_tested_on_teams_only_never_the_root_or_a_roll_up():
    _, result = independent_result(HELD_OUT[0], 36)
    parents = {row["parent_id"] for row in result["tree"]}
    tested = {u for u, e in result["priorities"]["units"].items() if "w_test" in e}
    assert tested and not tested & parents


def _priorities_result(entry: dict) -> dict:
    result = _flat_result([])
    result["priorities"] = {"units": {"A": {"n": 12, "suppressed": False, **entry}}}
    return result


def test_priority_divergence_reads_the_permutation_test_and_its_floor():
    rule = next(r for r in default_rules().rules if r.id == "team_priority_divergence")
    entry = {"kendall_w": 0.15, "w_test": {"p": 0.004, "null_median": 0.3}}
    (finding,) = priority_divergence(ResultView(_priorities_result(entry)), rule)
    assert finding.p == pytest.approx(0.004) and finding.clears_floor is True
    entry = {"kendall_w": 0.3, "w_test": {"p": 0.004, "null_median": 0.3}}
    (finding,) = priority_divergence(ResultView(_priorities_result(entry)), rule)
    assert finding.clears_floor is False  # W above 0.6 x the drawn groups' median


def test_priority_divergence_needs_the_permutation_test():
    rule = next(r for r in default_rules().rules if r.id == "team_priority_divergence")
    entry = {"kendall_w": 0.1}
    assert priority_divergence(ResultView(_priorities_result(entry)), rule) == []


def test_a_problem_undetectable_by_design_is_counted_apart_not_dropped():
    result = _flat_result([_side("A", 48.0), _side("B", 168.0)])
    truth = {
        "problems": [
            {"kind": "message_contradiction", "lever": "mediation", "units": ["A", "B"]},
            {
                "kind": "message_contradiction",
                "lever": "mediation",
                "units": ["A", "R"],
                "undetectable": {"reason": "fewer than k members of a side state its promise"},
            },
        ],
        "coherent_units": [],
    }
    scores = score_recommendations(recommend(result), truth, result)
    assert (scores.found, scores.expected, scores.recall) == (1, 1, 1.0)
    assert (scores.undetectable, scores.undetectable_found) == (1, 0)
    assert scores.recall_all == 0.5
