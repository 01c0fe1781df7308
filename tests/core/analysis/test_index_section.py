import math

import jsonschema
import pytest

from eclaire.core.analysis.context import build_context
from eclaire.core.analysis.index_section import (
    DEFAULT_WEIGHTS,
    Component,
    band_of,
    index_section,
)
from eclaire.core.analysis.interfaces_section import interfaces_section
from eclaire.core.analysis.symptoms_section import symptoms_section
from eclaire.core.analysis.units_section import units_section
from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.sample import generate_sample

from .schema_fragments import fragment_schema


@pytest.fixture(scope="module")
def instrument():
    return load_default_instrument()


def _parts(instrument, seed):
    sample = generate_sample(units=60, people=1500, seed=seed, instrument=instrument)
    ctx = build_context(instrument, sample.units, sample.responses)
    return sample, ctx, units_section(ctx), symptoms_section(ctx)


@pytest.fixture(scope="module")
def built(instrument):
    return _parts(instrument, 1)


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("with_interfaces", [False, True])
def test_coherent_unit_ranks_among_the_top_three(instrument, seed, with_interfaces):
    sample, ctx, units, symptoms = _parts(instrument, seed)
    result = index_section(ctx, units, symptoms, interfaces_section(ctx) if with_interfaces else [])
    coherent = sample.truth["patterns"]["coherent_unit"]["unit_id"]
    ranked = sorted(
        (v["value"] for v in result["units"].values() if v.get("value") is not None), reverse=True
    )
    assert result["units"][coherent]["value"] >= ranked[2]
    assert result["units"][coherent]["band"] == "coherent"


def test_value_is_the_weighted_mean_of_the_components(built):
    _, ctx, units, symptoms = built
    result = index_section(ctx, units, symptoms, [])
    for entry in [result["overall"], *result["units"].values()]:
        if entry["suppressed"] or entry["value"] is None:
            continue
        total = sum(
            entry["weights"][c] * entry["components"][c]["value"] for c in entry["components"]
        )
        assert entry["value"] == pytest.approx(total, abs=1e-3)
        assert entry["ci95"][0] <= entry["value"] <= entry["ci95"][1]


def test_absent_interfaces_give_their_weight_to_the_others_in_proportion(built):
    _, ctx, units, symptoms = built
    weights = index_section(ctx, units, symptoms, [])["overall"]["weights"]
    assert "interfaces" not in weights
    assert sum(weights.values()) == pytest.approx(1.0, abs=1e-3)
    assert weights["clarity"] == pytest.approx(0.30 / 0.80, abs=1e-4)
    assert weights["agreement"] == pytest.approx(0.10 / 0.80, abs=1e-4)


def test_clarity_component_rescales_the_mean_of_clarity_means(built):
    _, ctx, units, symptoms = built
    result = index_section(ctx, units, symptoms, [])
    unit_id = next(u for u, v in result["units"].items() if not v["suppressed"])
    means = [c["mean"] for d, c in units[unit_id]["scores"].items() if d.startswith("clarity.")]
    expected = 100 * (sum(means) / len(means) - 1) / 4  # agree5: 1-5
    assert result["units"][unit_id]["components"]["clarity"]["value"] == pytest.approx(
        expected, abs=1e-3
    )


def test_symptoms_component_is_one_minus_the_mean_share(built):
    _, ctx, units, symptoms = built
    result = index_section(ctx, units, symptoms, [])
    shares = [c["share"] for c in symptoms["overall"].values()]
    expected = 100 * (1 - sum(shares) / len(shares))
    assert result["overall"]["components"]["symptoms"]["value"] == pytest.approx(expected, abs=1e-3)


def test_interfaces_count_where_the_unit_rates_and_is_rated_once_and_skip_hidden_ones(built):
    _, ctx, units, symptoms = built
    unit_id = next(u for u, v in units.items() if not v["suppressed"])
    links = [
        {
            "from": unit_id,
            "to": "X",
            "n": 8,
            "suppressed": False,
            "score": 4.0,
            "ci95": [3.5, 4.5],
            "rollup": False,
        },
        {
            "from": "Y",
            "to": unit_id,
            "n": 6,
            "suppressed": False,
            "score": 2.0,
            "ci95": [1.5, 2.5],
            "rollup": False,
        },
        {
            "from": "Z",
            "to": unit_id,
            "n": 3,
            "suppressed": True,
            "score": None,
            "ci95": [None, None],
            "rollup": False,
        },
        {
            "from": "Y",
            "to": "X",
            "n": 9,
            "suppressed": False,
            "score": 1.0,
            "ci95": [0.5, 1.5],
            "rollup": False,
        },
        # a department's roll-up repeats raters already in Y's entry: not counted again
        {
            "from": "D",
            "to": unit_id,
            "n": 12,
            "suppressed": False,
            "score": 1.0,
            "ci95": [0.5, 1.5],
            "rollup": True,
        },
    ]
    result = index_section(ctx, units, symptoms, links)
    component = result["units"][unit_id]["components"]["interfaces"]
    assert component["value"] == pytest.approx(100 * (3.0 - 1) / 4)  # mean of 4.0 and 2.0 on 1-5
    assert component["ci95"] == pytest.approx([100 * 1.5 / 4, 100 * 2.5 / 4])
    assert result["units"][unit_id]["weights"]["interfaces"] == pytest.approx(0.20)
    overall = result["overall"]["components"]["interfaces"]["value"]
    assert overall == pytest.approx(100 * ((4.0 + 2.0 + 1.0) / 3 - 1) / 4, abs=1e-3)


def test_hidden_units_show_only_their_n(instrument):
    sample = generate_sample(units=60, people=1500, seed=1, instrument=instrument)
    leaf = sorted(set(sample.units["unit_id"]) - set(sample.units["parent_id"].dropna()))[0]
    responses = sample.responses
    few = responses.index[responses["unit_id"].eq(leaf)][2:]  # leave the leaf 2 respondents
    ctx = build_context(instrument, sample.units, responses.drop(few))
    units, symptoms = units_section(ctx), symptoms_section(ctx)
    result = index_section(ctx, units, symptoms, [])
    hidden = [u for u, v in units.items() if v["suppressed"]]
    assert hidden
    for unit_id in hidden:
        assert result["units"][unit_id] == {"n": units[unit_id]["n"], "suppressed": True}


def test_another_component_can_be_added_with_its_weight(built):
    _, ctx, units, symptoms = built
    weights = {**DEFAULT_WEIGHTS, "message_drift": 0.10}
    extra = {"message_drift": {None: Component(40.0, 30.0, 50.0)}}
    result = index_section(ctx, units, symptoms, [], weights=weights, extra=extra)
    assert result["overall"]["components"]["message_drift"] == {"value": 40.0, "ci95": [30.0, 50.0]}
    assert result["weights"]["message_drift"] == 0.1
    unit_id = next(u for u, v in result["units"].items() if not v["suppressed"])
    assert "message_drift" not in result["units"][unit_id]["weights"]


@pytest.mark.parametrize("weights", [{"clarity": -1.0}, {"clarity": math.nan}, {"mood": 0.5}])
def test_rejects_bad_weights(built, weights):
    _, ctx, units, symptoms = built
    with pytest.raises(ValueError, match="weights"):
        index_section(ctx, units, symptoms, [], weights=weights)


def test_rejects_interfaces_that_are_not_a_list(built):
    _, ctx, units, symptoms = built
    with pytest.raises(ValueError, match="list of interface entries"):
        index_section(ctx, units, symptoms, {"pairs": []})


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (0, "fragile"),
        (49.99, "fragile"),
        (50, "uneven"),
        (69.99, "uneven"),
        (70, "coherent"),
        (100, "coherent"),
        (None, None),
    ],
)
def test_bands_split_at_fifty_and_seventy(value, band):
    assert band_of(value) == band


def test_output_matches_its_schema(built):
    _, ctx, units, symptoms = built
    jsonschema.validate(index_section(ctx, units, symptoms, []), fragment_schema("coherence_index"))
