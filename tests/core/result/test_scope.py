"""scoped_result: a manager keeps their subtree; organization-wide figures are dropped."""

from __future__ import annotations

import copy
import json
from typing import Any

from eclaire.core.result.scope import scoped_result


def _data() -> dict[str, Any]:
    cell = {"n": 10, "mean": 3.5, "sd": 0.5, "ci95": [3.1, 3.9]}
    change = {
        "before": 3.0,
        "after": 3.5,
        "delta": 0.5,
        "ci95": [0.1, 0.9],
        "n_before": 9,
        "n_after": 10,
        "changed": True,
    }
    return {
        "n_responses": 40,
        "n_self_assessments": 3,
        "min_group": 5,
        "tree": [
            {"unit_id": "R", "name": "Root", "parent_id": None, "depth": 0},
            {"unit_id": "A", "name": "Sales", "parent_id": "R", "depth": 1},
            {"unit_id": "A1", "name": "Sales North", "parent_id": "A", "depth": 2},
            {"unit_id": "A2", "name": "Sales South", "parent_id": "A", "depth": 2},
            {"unit_id": "B", "name": "Logistics", "parent_id": "R", "depth": 1},
        ],
        "units": {
            "R": {"n": 40, "suppressed": False, "scores": {"clarity.roles": cell}},
            "A": {"n": 22, "suppressed": False, "scores": {"clarity.roles": cell}},
            "A1": {"n": 3, "suppressed": True, "reason": "below_threshold"},
            "A2": {"n": 19, "suppressed": False, "scores": {"clarity.roles": cell}},
            "B": {"n": 18, "suppressed": False, "scores": {"clarity.roles": cell}},
        },
        "agreement": {"clarity.roles": {"icc1": 0.2}},
        "reliability": {"clarity.roles": {"alpha": 0.8}},
        "interfaces": [
            {"from": "A2", "to": "B", "rollup": False, "n": 8, "suppressed": False, "score": 3.0},
            {"from": "B", "to": "A", "rollup": False, "n": 7, "suppressed": False, "score": 2.5},
            {"from": "B", "to": "R", "rollup": False, "n": 7, "suppressed": False, "score": 2.5},
        ],
        "perception_gaps": {
            "managers": [{"unit_id": "A"}, {"unit_id": "B"}],
            "families": [{"unit_id": "A"}, {"unit_id": "B"}],
            "segments": [{"segment": "field"}],
        },
        "priorities": {
            "declared": ["x", "y"],
            "options": ["x", "y"],
            "overall": {"n": 40},
            "units": {"R": {"n": 40}, "A": {"n": 22}, "B": {"n": 18}},
            "distances": [
                {"a": "A", "b": "B", "n_a": 22, "n_b": 18, "distance": 0.5},
                {"a": "A1", "b": "A2", "n_a": 3, "n_b": 19, "distance": 0.1},
            ],
            "distances_total": 2,
        },
        "symptoms": {
            "overall": {"SY": {"n": 40}},
            "units": {"A": {"SY": {"n": 22}}, "B": {"SY": {"n": 18}}},
        },
        "coherence_index": {"overall": {"n": 40}, "units": {"A": {"n": 22}, "B": {"n": 18}}},
        "trend": {
            "level": 0.95,
            "overall": {"clarity.roles": change},
            "units": {"A": {"clarity.roles": change}, "B": {"clarity.roles": change}},
            "n_comparisons": 3,
            "n_changed": 3,
            "expected_by_chance": 0.15,
        },
    }


def test_coach_and_sponsor_get_the_whole_result_unchanged():
    data = _data()
    assert scoped_result(data, None) is data


def test_manager_keeps_only_units_of_their_subtree():
    out = scoped_result(_data(), {"A", "A1", "A2"})
    assert [u["unit_id"] for u in out["tree"]] == ["A", "A1", "A2"]
    assert set(out["units"]) == {"A", "A1", "A2"}
    assert set(out["symptoms"]["units"]) == set(out["coherence_index"]["units"]) == {"A"}
    assert set(out["priorities"]["units"]) == set(out["trend"]["units"]) == {"A"}
    assert [g["unit_id"] for g in out["perception_gaps"]["managers"]] == ["A"]
    assert [g["unit_id"] for g in out["perception_gaps"]["families"]] == ["A"]
    assert out["priorities"]["distances"] == [
        {"a": "A1", "b": "A2", "n_a": 3, "n_b": 19, "distance": 0.1}
    ]
    assert "Logistics" not in json.dumps(out["tree"]) and "Root" not in json.dumps(out["tree"])


def test_manager_keeps_interfaces_touching_the_scope_and_names_the_partner():
    out = scoped_result(_data(), {"A", "A1", "A2"})
    assert [(e["from"], e["to"]) for e in out["interfaces"]] == [("A2", "B"), ("B", "A")]
    assert out["partner_names"] == [{"unit_id": "B", "name": "Logistics", "function": None}]


def test_manager_loses_organization_wide_figures():
    out = scoped_result(_data(), {"A", "A1", "A2"})
    assert out["coherence_index"]["overall"] is None
    assert out["symptoms"]["overall"] == {} and out["trend"]["overall"] == {}
    assert out["priorities"]["overall"] is None
    assert out["perception_gaps"]["segments"] == [] and out["agreement"] == {}
    assert out["n_self_assessments"] is None
    assert out["reliability"] == {"clarity.roles": {"alpha": 0.8}}  # describes the questionnaire


def test_counts_are_recounted_for_the_scope():
    out = scoped_result(_data(), {"A", "A1", "A2"})
    assert out["n_responses"] == 22  # the scope's top roll-up
    assert (out["trend"]["n_comparisons"], out["trend"]["n_changed"]) == (1, 1)
    assert out["trend"]["expected_by_chance"] == 0.05


def test_suppressed_entries_stay_suppressed():
    out = scoped_result(_data(), {"A", "A1", "A2"})
    assert out["units"]["A1"] == {"n": 3, "suppressed": True, "reason": "below_threshold"}


def test_the_input_is_not_modified():
    data = _data()
    before = copy.deepcopy(data)
    scoped_result(data, {"B"})
    assert data == before


def test_a_manager_without_scope_sees_nothing():
    out = scoped_result(_data(), set())
    assert out["units"] == {} and out["interfaces"] == [] and out["n_responses"] == 0
