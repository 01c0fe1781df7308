import jsonschema
import numpy as np
import pandas as pd
import pytest

from eclaire.core.analysis.agreement_section import agreement_section, dimension_icc
from eclaire.core.analysis.context import build_context
from eclaire.core.instrument_loader import load_instrument
from eclaire.core.stats.agreement import icc1_icc2

from .schema_fragments import fragment_schema

BH1996_INSTRUMENT = """
id: bh1996
version: 1
languages: [en]
scales:
  wide: {min: 0, max: 24}
dimensions:
  - {code: hrs, name: {en: Work hours}, items: [{code: HRS, text: {en: hours}, scale: wide}]}
  - {code: lead, name: {en: Leadership}, items: [{code: LEAD, text: {en: leadership}, scale: wide}]}
  - {code: cohes, name: {en: Cohesion}, items: [{code: COHES, text: {en: cohesion}, scale: wide}]}
  - {code: wbeing, name: {en: Well-being}, items: [{code: WBEING, text: {en: well-being}, scale: wide}]}
"""


def _lq2002_instrument() -> str:
    lead = ", ".join(
        f"{{code: LEAD{i:02d}, text: {{en: l{i}}}, scale: agree5}}" for i in range(1, 12)
    )
    tsig = ", ".join(
        f"{{code: TSIG{i:02d}, text: {{en: t{i}}}, scale: agree5}}" for i in range(1, 4)
    )
    hostil = ", ".join(
        f"{{code: HOSTIL{i:02d}, text: {{en: h{i}}}, scale: zero4}}" for i in range(1, 6)
    )
    return f"""
id: lq2002
version: 1
languages: [en]
scales:
  agree5: {{min: 1, max: 5}}
  zero4: {{min: 0, max: 4}}
dimensions:
  - {{code: lead, name: {{en: Leadership}}, items: [{lead}]}}
  - {{code: tsig, name: {{en: Task significance}}, items: [{tsig}]}}
  - {{code: hostile, name: {{en: Hostility}}, items: [{hostil}]}}
"""


def _context(tmp_path, yaml_text, frame, group, min_group=5):
    path = tmp_path / "instrument.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    ids = frame[group].astype(str)
    units = pd.DataFrame({"unit_id": sorted(ids.unique()), "parent_id": None})
    return build_context(
        load_instrument(path), units, frame.assign(unit_id=ids), min_group=min_group
    )


@pytest.fixture(scope="module")
def bh1996(shared_data):
    return pd.read_csv(shared_data / "multilevel" / "bh1996.csv")


@pytest.fixture(scope="module")
def lq2002(shared_data):
    return pd.read_csv(shared_data / "multilevel" / "lq2002.csv")


# R multilevel 2.8, ICC1/ICC2 on aov(x ~ as.factor(GRP)), tests/data/multilevel/PROVENANCE.md;
# WBEING ICC(1) 0.04336905 is also published on jasondmarshall.com/multilevel-steps
# (companion to Bliese, 2016, "Multilevel Modeling in R").
@pytest.mark.parametrize(
    ("dimension", "icc1", "icc2"),
    [
        ("hrs", 0.133107, 0.919673),
        ("lead", 0.127028, 0.915613),
        ("cohes", 0.044265, 0.775460),
        ("wbeing", 0.043369, 0.771713),
    ],
)
def test_icc_on_bh1996_companies_matches_r_multilevel(tmp_path, bh1996, dimension, icc1, icc2):
    result = agreement_section(_context(tmp_path, BH1996_INSTRUMENT, bh1996, "GRP"))[dimension]
    assert result["icc1"] == pytest.approx(icc1, abs=1e-4)
    assert result["icc2"] == pytest.approx(icc2, abs=1e-4)
    assert (result["n"], result["n_units"]) == (7382, 99)


# Same source, lq2002 (49 companies, 10-99 soldiers each); scores are item means, as LEAD/TSIG/HOSTILE.
@pytest.mark.parametrize(
    ("dimension", "icc1", "icc2"),
    [("lead", 0.087956, 0.800754), ("tsig", 0.080384, 0.784608), ("hostile", 0.054005, 0.704059)],
)
def test_icc_on_lq2002_items_matches_r_multilevel(tmp_path, lq2002, dimension, icc1, icc2):
    result = agreement_section(_context(tmp_path, _lq2002_instrument(), lq2002, "COMPID"))[
        dimension
    ]
    assert result["icc1"] == pytest.approx(icc1, abs=1e-4)
    assert result["icc2"] == pytest.approx(icc2, abs=1e-4)
    assert (result["n"], result["n_units"]) == (2042, 49)
    assert result["meaningful"] is True and "note" not in result


def test_units_below_the_threshold_do_not_enter(tmp_path, bh1996):
    first = bh1996["GRP"].iloc[0]
    small = bh1996[bh1996["GRP"] == first].head(4)
    cut = pd.concat([bh1996[bh1996["GRP"] != first], small], ignore_index=True)
    ctx = _context(tmp_path, BH1996_INSTRUMENT, cut, "GRP")
    result = agreement_section(ctx)["wbeing"]
    # the 4 left alone at the top would be the organization less the shown units: the rule
    # also hides the smallest unit (complementary), which then does not enter the ICC either
    hidden = {int(u) for u in ctx.disclosure.suppressed}
    assert len(hidden) == 2 and first in hidden
    rest = cut[~cut["GRP"].isin(hidden)]
    expected = icc1_icc2(rest["WBEING"], rest["GRP"])
    assert (result["n_units"], result["n"]) == (97, len(rest))
    assert result["icc1"] == pytest.approx(expected.icc1, abs=1e-4)
    assert result["icc2"] == pytest.approx(expected.icc2, abs=1e-4)


def test_group_effect_with_unreliable_unit_means_is_not_meaningful():
    # 20 units of 5: a clear unit effect (ICC(1) > 0.05) but unit means too noisy (ICC(2) < 0.6)
    rng = np.random.default_rng(3)
    units = pd.Series(np.repeat([f"u{i:02d}" for i in range(20)], 5))
    scores = pd.Series(np.repeat(rng.normal(0, 0.4, 20), 5) + rng.normal(0, 1, 100))
    entry = dimension_icc(scores, units, 5)
    assert entry["icc1"] > 0.05 and entry["icc2"] < 0.6
    assert entry["meaningful"] is False


def test_wbeing_is_not_meaningful_on_bh1996(tmp_path, bh1996):
    result = agreement_section(_context(tmp_path, BH1996_INSTRUMENT, bh1996, "GRP"))
    assert result["wbeing"]["meaningful"] is False  # ICC(1) 0.043 <= 0.05
    assert result["hrs"]["meaningful"] is True


def test_fewer_than_three_units_computes_nothing():
    scores = pd.Series([1.0, 2, 3, 4, 5, 2, 3, 4, 5, 5])
    units = pd.Series(["a"] * 5 + ["b"] * 5)
    entry = dimension_icc(scores, units, 5)
    assert entry == {
        "icc1": None,
        "icc2": None,
        "n_units": 2,
        "n": 10,
        "meaningful": False,
        "note": "too_few_units",
    }


def test_few_units_are_said_to_be_few(tmp_path, lq2002):
    few = lq2002[lq2002["COMPID"].isin(lq2002["COMPID"].unique()[:4])]
    result = agreement_section(_context(tmp_path, _lq2002_instrument(), few, "COMPID"))["lead"]
    assert result["n_units"] == 4 and result["note"] == "few_units" and result["icc1"] is not None


def test_output_matches_its_schema(tmp_path, lq2002):
    result = agreement_section(_context(tmp_path, _lq2002_instrument(), lq2002, "COMPID"))
    jsonschema.validate(result, fragment_schema("agreement"))
