from pathlib import Path

import jsonschema
import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from statsmodels.multivariate.factor import Factor

from eclaire.core.analysis.context import build_context
from eclaire.core.analysis.reliability_section import reliability_section
from eclaire.core.instrument_loader import load_instrument

from .schema_fragments import fragment_schema

BFI_INSTRUMENT = Path(__file__).resolve().parents[2] / "data" / "instruments" / "bfi.yaml"
BFI_REVERSED = ["A1", "C4", "C5", "E1", "E2", "O2", "O5"]
ONE_UNIT = pd.DataFrame({"unit_id": ["ORG"], "parent_id": [None], "name": ["Organization"]})


@pytest.fixture(scope="module")
def bfi_raw(shared_data):
    return pd.read_csv(shared_data / "bfi" / "bfi.csv")


@pytest.fixture(scope="module")
def bfi_result(bfi_raw):
    ctx = build_context(load_instrument(BFI_INSTRUMENT), ONE_UNIT, bfi_raw.assign(unit_id="ORG"))
    return reliability_section(ctx)


def _reversed_scale(raw, prefix):
    items = raw[[f"{prefix}{i}" for i in range(1, 6)]].astype(float)
    for code in BFI_REVERSED:
        if code in items.columns:
            items[code] = 7 - items[code]
    return items


# psychTools vignette "overview" (psychTools 2.5.3), section 5.4, p. 52-55: scoreItems(keys.list, bfi),
# raw alpha. psych imputes item medians first; pairwise-complete covariances (ours) differ by < 0.01
# (tests/data/bfi/PROVENANCE.md).
@pytest.mark.parametrize(
    ("dimension", "prefix", "published_alpha"),
    [
        ("agreeableness", "A", 0.70),
        ("conscientiousness", "C", 0.72),
        ("extraversion", "E", 0.76),
        ("neuroticism", "N", 0.81),
        ("openness", "O", 0.60),
    ],
)
def test_alpha_on_bfi_matches_psych_and_pingouin(
    bfi_result, bfi_raw, dimension, prefix, published_alpha
):
    entry = bfi_result[dimension]
    assert entry["alpha"] == pytest.approx(published_alpha, abs=0.01)
    items = _reversed_scale(bfi_raw, prefix)
    scored = items.loc[items.notna().sum(axis=1) >= 3]  # the respondents with a score (3 of 5)
    alpha, ci = pg.cronbach_alpha(scored)  # pairwise, Feldt interval
    assert entry["alpha"] == pytest.approx(alpha, abs=1e-4)
    assert entry["alpha_ci95"] == pytest.approx(list(ci), abs=1e-3)  # pingouin rounds to 3 places
    assert entry["n"] == len(scored) and entry["k_items"] == 5
    assert entry["items"] == [f"{prefix}{i}" for i in range(1, 6)]


@pytest.mark.parametrize("prefix,dimension", [("A", "agreeableness"), ("O", "openness")])
def test_omega_matches_an_independent_one_factor_fit_on_bfi(bfi_result, bfi_raw, prefix, dimension):
    items = _reversed_scale(bfi_raw, prefix)
    ml = np.abs(
        Factor(corr=items.corr().to_numpy(), n_factor=1, method="ml", nobs=len(items))
        .fit()
        .loadings[:, 0]
    )
    omega_ml = ml.sum() ** 2 / (ml.sum() ** 2 + (1 - ml**2).sum())
    assert bfi_result[dimension]["omega"] == pytest.approx(omega_ml, abs=0.005)


def test_reverse_keyed_items_are_reversed_before_alpha(bfi_result, bfi_raw, tmp_path):
    # Without reversal the same items give agree 0.43 and openness -0.13 (PROVENANCE.md)
    text = BFI_INSTRUMENT.read_text(encoding="utf-8").replace(", reverse: true", "")
    path = tmp_path / "bfi_unreversed.yaml"
    path.write_text(text, encoding="utf-8")
    ctx = build_context(load_instrument(path), ONE_UNIT, bfi_raw.assign(unit_id="ORG"))
    unreversed = reliability_section(ctx)
    assert unreversed["openness"]["alpha"] < 0 < bfi_result["openness"]["alpha"]
    assert (
        unreversed["openness"]["low"] is True
        and unreversed["openness"]["note"] == "low_reliability"
    )
    assert unreversed["agreeableness"]["alpha"] == pytest.approx(0.43, abs=0.01)


def test_flags_few_respondents_below_thirty(bfi_raw):
    ctx = build_context(
        load_instrument(BFI_INSTRUMENT), ONE_UNIT, bfi_raw.head(20).assign(unit_id="ORG")
    )
    entry = reliability_section(ctx)["neuroticism"]
    assert entry["n"] == 20 and entry["low"] is True and entry["note"] == "few_respondents"
    assert entry["alpha"] is not None


def test_good_scale_with_enough_respondents_is_not_flagged(bfi_result):
    assert bfi_result["neuroticism"]["low"] is False and "note" not in bfi_result["neuroticism"]


def test_shows_only_n_below_the_anonymity_threshold(bfi_raw):
    ctx = build_context(
        load_instrument(BFI_INSTRUMENT), ONE_UNIT, bfi_raw.head(4).assign(unit_id="ORG")
    )
    entry = reliability_section(ctx)["agreeableness"]
    assert entry == {
        "n": 4,
        "items": ["A1", "A2", "A3", "A4", "A5"],
        "k_items": 5,
        "suppressed": True,
    }


def test_missing_answers_follow_the_pairwise_convention(bfi_raw):
    # 364 respondents miss at least one item; n counts those with a score (3 of 5 items)
    raw = bfi_raw.copy()
    raw.loc[:9, ["C1", "C2", "C3", "C4", "C5"]] = np.nan
    raw.loc[10:14, ["C1", "C2", "C3", "C4"]] = np.nan  # one item answered: no score
    ctx = build_context(load_instrument(BFI_INSTRUMENT), ONE_UNIT, raw.assign(unit_id="ORG"))
    entry = reliability_section(ctx)["conscientiousness"]
    items = _reversed_scale(raw, "C")
    scored = items.loc[items.notna().sum(axis=1) >= 3]
    assert entry["n"] == int(ctx.scores["conscientiousness"].notna().sum()) == len(scored)
    alpha, _ = pg.cronbach_alpha(scored)
    assert entry["alpha"] == pytest.approx(alpha, abs=1e-4)


def test_output_matches_its_schema(bfi_result):
    jsonschema.validate(bfi_result, fragment_schema("reliability"))
