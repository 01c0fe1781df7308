import jsonschema
import pytest
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

from eclaire.core.analysis.context import build_context
from eclaire.core.analysis.trend_section import trend_section
from eclaire.core.analysis.units_section import units_section
from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.sample import generate_sample

from .schema_fragments import fragment_schema


@pytest.fixture(scope="module")
def instrument():
    return load_default_instrument()


@pytest.fixture(scope="module")
def sample(instrument):
    return generate_sample(units=30, people=800, seed=4, instrument=instrument)


def _wave(instrument, sample, responses):
    ctx = build_context(instrument, sample.units, responses)
    tree = [{"unit_id": u, "parent_id": ctx.parents[u]} for u in ctx.order]
    return ctx, {"instrument": {"id": instrument.id}, "tree": tree, "units": units_section(ctx)}


@pytest.fixture(scope="module")
def before(instrument, sample):
    return _wave(instrument, sample, sample.responses)


@pytest.fixture(scope="module")
def after(instrument, sample):
    raised = sample.responses.copy()
    for item in instrument.dimension(
        "pillar.support"
    ).items:  # support raised by a point everywhere
        step = -1 if item.reverse else 1
        raised[item.code] = (raised[item.code] + step).clip(1, 5)
    return _wave(instrument, sample, raised)


def test_identical_waves_show_no_change(before):
    _, result = before
    trend = trend_section(result["units"], result, instrument_id="coherence", tree=result["tree"])
    cells = [c for unit in trend["units"].values() for c in unit.values()] + list(
        trend["overall"].values()
    )
    assert cells and all(c["changed"] is False and c["delta"] == 0 for c in cells)
    assert trend["n_changed"] == 0 and "note" not in trend


def test_raised_support_is_flagged_and_other_dimensions_are_not(before, after):
    _, old = before
    _, new = after
    trend = trend_section(new["units"], old, instrument_id="coherence", tree=new["tree"])
    support = trend["overall"]["pillar.support"]
    assert support["changed"] is True and support["delta"] > 0.5 and support["ci95"][0] > 0
    assert trend["overall"]["clarity.roles"]["changed"] is False
    units = [cells["pillar.support"] for cells in trend["units"].values()]
    assert sum(c["changed"] for c in units) / len(units) > 0.8
    assert all(
        not cells[d]["changed"]
        for cells in trend["units"].values()
        for d in cells
        if d != "pillar.support"
    )


def test_interval_is_welch_on_the_two_waves(before, after):
    old_ctx, old = before
    new_ctx, new = after
    trend = trend_section(new["units"], old, instrument_id="coherence", tree=new["tree"])
    root = old["tree"][0]["unit_id"]
    a = new_ctx.scores["pillar.support"].dropna()
    b = old_ctx.scores["pillar.support"].dropna()
    lo, hi = CompareMeans(DescrStatsW(a), DescrStatsW(b)).tconfint_diff(usevar="unequal")
    cell = trend["units"][root]["pillar.support"]
    # inputs are the rounded (4 decimals) means and sds of each result
    assert cell["ci95"] == pytest.approx([lo, hi], abs=1e-3)
    assert (cell["n_before"], cell["n_after"]) == (len(b), len(a))
    assert trend["overall"]["pillar.support"] == cell  # the single root is the organization


def test_only_units_shown_in_both_waves_are_compared(before):
    _, result = before
    previous = {**result, "units": dict(result["units"])}
    shown = [u for u, v in result["units"].items() if not v["suppressed"]]
    hidden = [u for u, v in result["units"].items() if v["suppressed"]]
    previous["units"][shown[-1]] = {"n": 3, "suppressed": True}
    trend = trend_section(result["units"], previous, instrument_id="coherence")
    assert shown[-1] not in trend["units"]
    assert not set(hidden) & set(trend["units"])


def test_different_instrument_compares_same_codes_and_says_so(before):
    _, result = before
    previous = {
        **result,
        "instrument": {"id": "coherence-2023"},
        "units": {
            u: {
                **v,
                "scores": {
                    ("pillar.care" if d == "pillar.support" else d): c
                    for d, c in v.get("scores", {}).items()
                },
            }
            for u, v in result["units"].items()
            if not v["suppressed"]
        },
    }
    trend = trend_section(result["units"], previous, instrument_id="coherence")
    assert trend["note"] == "different_instrument"
    assert trend["dropped_dimensions"] == ["pillar.care", "pillar.support"]
    assert "pillar.support" not in trend["dimensions"] and "clarity.roles" in trend["dimensions"]


def test_expected_changes_by_chance_are_stated(before):
    _, result = before
    trend = trend_section(result["units"], result, instrument_id="coherence")
    assert trend["expected_by_chance"] == pytest.approx(0.05 * trend["n_comparisons"])


def test_no_previous_wave_gives_none(before):
    assert trend_section(before[1]["units"], None) is None


def test_rejects_a_previous_result_without_units(before):
    with pytest.raises(ValueError, match="'units'"):
        trend_section(before[1]["units"], {"instrument": {"id": "coherence"}})


def test_output_matches_its_schema(before, after):
    trend = trend_section(
        after[1]["units"], before[1], instrument_id="coherence", tree=after[1]["tree"]
    )
    jsonschema.validate(trend, fragment_schema("trend"))
    jsonschema.validate(None, fragment_schema("trend"))
