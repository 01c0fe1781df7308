"""The whole diagnostic: schema, determinism, any instrument, differencing, planted patterns."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from eclaire.core import analyze
from eclaire.core.analysis.result_schema import schema_document, validate_result
from eclaire.core.analysis.tree import parents_of
from eclaire.core.instrument_loader import load_default_instrument, load_instrument
from eclaire.core.privacy import suppress_tree

from .planted import PLANTED_SEEDS, planted

DOCS = Path(__file__).resolve().parents[3] / "docs"
BFI_INSTRUMENT = Path(__file__).resolve().parents[2] / "data" / "instruments" / "bfi.yaml"


def _result(seed: int) -> dict:
    sample, _ctx = planted(seed)
    return analyze(
        load_default_instrument(),
        sample.units,
        sample.responses,
        declared_priorities=sample.truth["declared_priorities"],
    )


def test_schema_page_is_the_bundled_schema():
    assert (DOCS / "result.schema.json").read_text(encoding="utf-8") == schema_document()


def test_result_validates_and_is_deterministic():
    first, second = _result(1), _result(1)
    validate_result(first)
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)


def test_result_is_plain_json():
    result = _result(4)
    assert json.loads(json.dumps(result, allow_nan=False)) == result


def test_any_instrument_works_bfi_on_real_data(shared_data):
    """The public BFI data (psych/psychTools, GPL ≥ 2) through an instrument written for it."""
    instrument = load_instrument(BFI_INSTRUMENT)
    bfi = pd.read_csv(shared_data / "bfi" / "bfi.csv")
    bfi["unit_id"] = np.where(bfi["gender"] == 1, "M", "F")
    units = pd.DataFrame(
        {
            "unit_id": ["ALL", "M", "F"],
            "name": ["All", "Men", "Women"],
            "parent_id": [None, "ALL", "ALL"],
            "function": "other",
            "site_kind": "mixed",
        }
    )
    result = analyze(instrument, units, bfi)
    validate_result(result)
    # psychTools "overview" vignette, p. 52–55 (scoreItems): agree .70, consc .72, extra .76,
    # neuro .81, open .60 — within 0.01 (pairwise-complete convention).
    published = {
        "agreeableness": 0.70,
        "conscientiousness": 0.72,
        "extraversion": 0.76,
        "neuroticism": 0.81,
        "openness": 0.60,
    }
    for code, alpha in published.items():
        assert result["reliability"][code]["alpha"] == pytest.approx(alpha, abs=0.01), code
    assert result["units"]["ALL"]["n"] == 2800
    assert result["units"]["M"]["scores"]["agreeableness"]["n"] > 800


def test_any_integer_scale_and_reverse_keyed_items():
    instrument = load_instrument(
        """
id: seven
version: 2
languages: [en]
scales:
  s7: {min: 0, max: 6}
dimensions:
  - code: clarity.roles
    name: {en: Roles}
    items:
      - {code: R1, text: {en: a}, scale: s7}
      - {code: R2, text: {en: b}, scale: s7, reverse: true}
"""
    )
    rng = np.random.default_rng(0)
    n = 40
    units = pd.DataFrame(
        {
            "unit_id": ["A", "B"],
            "name": ["A", "B"],
            "parent_id": [None, None],
            "function": "sales",
            "site_kind": "field",
        }
    )
    high = rng.integers(4, 7, n)
    responses = pd.DataFrame(
        {
            "unit_id": ["A"] * 20 + ["B"] * 20,
            "R1": high.astype(float),
            "R2": (6 - high).astype(float),
        }
    )
    result = analyze(instrument, units, responses)
    cell = result["units"]["A"]["scores"]["clarity.roles"]
    assert cell["mean"] == pytest.approx(responses["R1"][:20].mean())  # R2 reversed as 0 + 6 − x
    assert result["reliability"]["clarity.roles"]["alpha"] == pytest.approx(1.0)


def _nearest_shown_residuals(
    units: pd.DataFrame, counts: dict[str, int], shown: set[str]
) -> list[int]:
    parents = parents_of(units)
    residuals = []
    for node in [*shown, None]:
        below = [
            u for u in shown if u != node and _nearest_shown_ancestor(u, parents, shown) == node
        ]
        total = (
            counts[node]
            if node is not None
            else sum(counts[u] for u, p in parents.items() if p is None)
        )
        residuals.append(total - sum(counts[u] for u in below))
    return residuals


def _nearest_shown_ancestor(unit, parents, shown):
    node = parents[unit]
    while node is not None and node not in shown:
        node = parents[node]
    return node


def _tempting_organization() -> tuple[pd.DataFrame, pd.DataFrame]:
    """A parent with one direct member beside shown children; small siblings; a deep chain."""
    units = pd.DataFrame(
        {
            "unit_id": ["ORG", "SALES", "LYON", "NANTES", "TINY", "PROD", "LINE1", "LINE2"],
            "name": [
                "Direction",
                "Ventes",
                "Lyon",
                "Nantes",
                "Lille",
                "Production",
                "Ligne 1",
                "Ligne 2",
            ],
            "parent_id": [None, "ORG", "SALES", "SALES", "SALES", "ORG", "PROD", "PROD"],
            "function": [
                "management",
                "sales",
                "sales",
                "sales",
                "sales",
                "production",
                "production",
                "production",
            ],
            "site_kind": "field",
        }
    )
    sizes = {
        "ORG": 1,
        "SALES": 1,
        "LYON": 7,
        "NANTES": 6,
        "TINY": 2,
        "PROD": 0,
        "LINE1": 9,
        "LINE2": 4,
    }
    rng = np.random.default_rng(3)
    rows = [u for u, n in sizes.items() for _ in range(n)]
    items = [i.code for i in load_default_instrument().respondent_items if i.scale]
    answers = rng.integers(1, 6, size=(len(rows), len(items))).astype(float)
    responses = pd.DataFrame(answers, columns=items)
    responses.insert(0, "unit_id", rows)
    return units, responses


def test_no_group_below_k_can_be_derived_by_subtraction():
    units, responses = _tempting_organization()
    result = analyze(load_default_instrument(), units, responses, min_group=5)
    shown = {u for u, e in result["units"].items() if not e["suppressed"]}
    # the n behind the shown figures: a pooled unit (SALES: 1 direct member) is shown over
    # its shown sub-units only, and its direct member counts with the level above
    counts = {
        u: min((c["n"] for c in e.get("scores", {}).values()), default=e["n"])
        for u, e in result["units"].items()
    }
    assert shown, "something must still be shown"
    for residual in _nearest_shown_residuals(units, counts, shown):
        assert residual == 0 or residual >= 5
    for entry in result["units"].values():
        if entry["suppressed"]:
            assert "scores" not in entry
        for cell in entry.get("scores", {}).values():
            assert cell["n"] >= 5
    # the same rule through core's privacy module gives the same hidden units
    direct = responses["unit_id"].value_counts().to_dict()
    parents = parents_of(units)
    expected = suppress_tree(
        parents, {u: int(direct.get(u, 0)) for u in parents}, 5, pool=True
    ).suppressed
    assert {u for u, e in result["units"].items() if e["suppressed"]} == set(expected)


def test_threshold_below_three_is_refused():
    units, responses = _tempting_organization()
    with pytest.raises(ValueError, match="3"):
        analyze(load_default_instrument(), units, responses, min_group=2)


@pytest.mark.parametrize("seed", PLANTED_SEEDS)
def test_every_planted_pattern_is_visible_and_the_coherent_unit_shows_none(seed):
    sample, _ctx = planted(seed)
    result = _result(seed)
    patterns = sample.truth["patterns"]
    # (1) tense interface: the planted pair is among the weakest, and asymmetric
    tense = patterns["tense_interface"]
    leaf = [p for p in result["interfaces"] if not p["suppressed"] and not p["rollup"]]
    pair = next(p for p in leaf if p["from"] == tense["from_unit"] and p["to"] == tense["to_unit"])
    weakest = sorted(p["score"] for p in leaf)
    assert pair["score"] <= weakest[max(2, len(weakest) // 10)]
    assert pair["asymmetry"] is not None and pair["asymmetry"] < -0.5
    # (2) manager self-view far above the team on clarity
    gap = patterns["manager_gap"]["unit_id"]
    gaps = [
        g
        for g in result["perception_gaps"]["managers"]
        if g["unit_id"] == gap and g["dimension"].startswith("clarity.")
    ]
    assert gaps and np.mean([g["gap"] for g in gaps]) > 1.0
    # (3) diverging priorities: lowest Kendall's W among shown units
    ws = {
        u: e["kendall_w"]
        for u, e in result["priorities"]["units"].items()
        if not e.get("suppressed") and e.get("kendall_w") is not None
    }
    assert ws[patterns["priority_disagreement"]["unit_id"]] == min(ws.values())
    # (4) newcomers with low support: a significant negative segment gap
    newcomer = [
        g
        for g in result["perception_gaps"]["segments"]
        if g["segment"] == "newcomers" and g.get("dimension") == "pillar.support"
    ]
    assert newcomer and newcomer[0]["significant"] and newcomer[0]["difference"] < 0
    # (5) meetings without decisions
    meeting = patterns["meetings_without_decisions"]["unit_id"]
    assert result["symptoms"]["units"][meeting]["SY_MEETINGS"]["share"] >= 0.5
    # (6) the coherent unit: none of these, and among the most coherent
    calm = patterns["coherent_unit"]["unit_id"]
    assert result["symptoms"]["units"][calm]["SY_MEETINGS"]["share"] < 0.35
    assert ws[calm] > 0.6
    index = {
        u: v["value"]
        for u, v in result["coherence_index"]["units"].items()
        if v.get("value") is not None
    }
    assert index[calm] >= sorted(index.values())[-3]
