import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from statsmodels.multivariate.factor import Factor

from eclaire.core.stats.reliability import (
    cronbach_alpha,
    feldt_ci,
    grouped_cronbach_alpha,
    mcdonald_omega,
    one_factor_loadings,
    reverse_items,
)

BFI_REVERSED = ["A1", "C4", "C5", "E1", "E2", "O2", "O5"]
BFI_SCALES = {
    "agree": "A",
    "conscientious": "C",
    "extraversion": "E",
    "neuroticism": "N",
    "openness": "O",
}


@pytest.fixture(scope="module")
def bfi(shared_data):
    raw = pd.read_csv(shared_data / "bfi" / "bfi.csv")
    return reverse_items(raw, BFI_REVERSED, 1, 6)


def bfi_scale(frame, scale):
    prefix = BFI_SCALES[scale]
    return frame[[f"{prefix}{i}" for i in range(1, 6)]]


@pytest.fixture(scope="module")
def attitude(shared_data):
    return pd.read_csv(shared_data / "attitude" / "attitude.csv").drop(columns="department")


def test_alpha_matches_pingouin_on_its_long_format_example(shared_data):
    long = pd.read_csv(shared_data / "pingouin-reliability" / "cronbach_alpha.csv")
    wide = long.pivot(index="Subj", columns="Items", values="Scores")
    result = cronbach_alpha(wide)
    # pingouin tests/test_reliability.py l.24-26: alpha 0.5917188485995826, CI [0.195, 0.840]
    assert result.alpha == pytest.approx(0.5917188485995826, abs=1e-12)
    assert result.ci95 == pytest.approx((0.195, 0.840), abs=5e-4)
    assert (result.n, result.k) == (15, 10)
    reference, _ = pg.cronbach_alpha(wide)
    assert result.alpha == pytest.approx(reference, abs=1e-12)


def test_alpha_uses_pairwise_covariances_with_missing_answers(shared_data):
    path = shared_data / "pingouin-reliability" / "cronbach_wide_missing.csv"
    items = pd.read_csv(path, encoding="utf-8-sig")  # the file starts with a BOM
    result = cronbach_alpha(items)
    # pingouin docstring / test_reliability.py l.37, = psych::alpha(use="pairwise"):
    # 0.732660835214447, CI [0.435, 0.909] (Feldt on the 12 respondents with any answer)
    assert result.alpha == pytest.approx(0.732660835214447, abs=1e-12)
    assert result.alpha == pytest.approx(pg.cronbach_alpha(items)[0], abs=1e-12)
    lo, hi = feldt_ci(result.alpha, 12, result.k)
    assert (float(lo), float(hi)) == pytest.approx((0.435, 0.909), abs=5e-4)


def test_feldt_interval_uses_the_pairwise_n_with_missing_answers(shared_data):
    path = shared_data / "pingouin-reliability" / "cronbach_wide_missing.csv"
    items = pd.read_csv(path, encoding="utf-8-sig")
    result = cronbach_alpha(items)
    present = items.notna()
    pairs = [
        int((present[a] & present[b]).sum())
        for i, a in enumerate(items.columns)
        for b in items.columns[i + 1 :]
    ]
    assert result.n_pairwise == pytest.approx(np.mean(pairs))
    assert result.n_pairwise < result.n
    lo, hi = feldt_ci(result.alpha, np.mean(pairs), result.k)
    assert result.ci95 == pytest.approx((float(lo), float(hi)))
    assert result.ci95[0] < 0.435 and result.ci95[1] > 0.909  # wider than with n = 12


def test_alpha_counts_respondents_with_at_least_one_answer(shared_data):
    path = shared_data / "pingouin-reliability" / "cronbach_wide_missing.csv"
    items = pd.read_csv(path, encoding="utf-8-sig")
    padded = pd.concat([items, pd.DataFrame(np.nan, index=[100, 101], columns=items.columns)])
    result = cronbach_alpha(padded)
    assert result.n == 12
    assert result.alpha == pytest.approx(0.732660835214447, abs=1e-12)


# psychTools "overview" vignette, section 5.4 (p. 52-55), scoreItems(keys.list, bfi), raw alpha
@pytest.mark.parametrize(
    ("scale", "published"),
    [
        ("agree", 0.70),  # vignette §5.4: agree raw alpha 0.70
        ("conscientious", 0.72),  # vignette §5.4: conscientious 0.72 (median-imputed)
        ("extraversion", 0.76),  # vignette §5.4: extraversion 0.76
        ("neuroticism", 0.81),  # vignette §5.4: neuroticism 0.81
        ("openness", 0.60),  # vignette §5.4: openness 0.60
    ],
)
def test_alpha_matches_psych_on_bfi_scales(bfi, scale, published):
    result = cronbach_alpha(bfi_scale(bfi, scale))
    # psych imputes item medians, we use pairwise covariances: PROVENANCE.md allows ±0.01
    assert result.alpha == pytest.approx(published, abs=0.01)
    assert result.n == 2800


def test_alpha_falls_when_reverse_keyed_items_are_not_reversed(shared_data):
    raw = pd.read_csv(shared_data / "bfi" / "bfi.csv")
    # bfi/PROVENANCE.md, "Suggested checks": unreversed agree 0.43, openness -0.13
    assert cronbach_alpha(bfi_scale(raw, "agree")).alpha == pytest.approx(0.43, abs=0.01)
    assert cronbach_alpha(bfi_scale(raw, "openness")).alpha == pytest.approx(-0.13, abs=0.01)


def test_alpha_matches_psych_on_attitude_with_feldt_interval(attitude):
    result = cronbach_alpha(attitude)
    # psychTools vignette p. 42-43, alpha(attitude): raw_alpha 0.84, Feldt 0.74 to 0.92
    assert round(result.alpha, 2) == 0.84
    assert tuple(round(b, 2) for b in result.ci95) == (0.74, 0.92)
    # attitude/PROVENANCE.md recomputation: 0.8431, Feldt [0.739, 0.916]
    assert result.alpha == pytest.approx(0.8431, abs=5e-5)
    assert result.ci95 == pytest.approx((0.739, 0.916), abs=5e-4)


def test_miskeyed_items_drop_alpha_on_attitude(attitude):
    miskeyed = reverse_items(attitude, ["complaints", "critical"], 0, 100)
    result = cronbach_alpha(miskeyed)
    # psychTools vignette p. 43, alpha(attitude, keys=c("complaints","critical")):
    # raw_alpha 0.18, Feldt CI -0.36 to 0.56
    assert round(result.alpha, 2) == 0.18
    assert tuple(round(b, 2) for b in result.ci95) == (-0.36, 0.56)


def test_alpha_rejects_fewer_than_two_items_or_text_columns(attitude):
    with pytest.raises(ValueError, match="at least 2 items"):
        cronbach_alpha(attitude[["rating"]])
    with pytest.raises(ValueError, match="numeric"):
        cronbach_alpha(attitude.assign(rating=attitude["rating"].astype(str)))


def test_grouped_alpha_matches_alpha_within_each_group(shared_data):
    bhr = pd.read_csv(shared_data / "multilevel" / "bhr2000.csv")
    items = list(bhr.columns[1:12])
    rng = np.random.default_rng(7)
    holed = bhr.copy()
    holed[items] = holed[items].mask(rng.random(holed[items].shape) < 0.05)
    table = grouped_cronbach_alpha(holed, items, "GRP")
    assert list(table.columns) == ["n", "k", "alpha", "lo", "hi"]
    for grp in [1, 2, 40, 99]:
        single = cronbach_alpha(holed.loc[holed["GRP"] == grp, items])
        row = table.loc[grp]
        assert row["alpha"] == pytest.approx(single.alpha, abs=1e-10)
        assert (row["lo"], row["hi"]) == pytest.approx(single.ci95, abs=1e-10)
        assert row["n"] == single.n


def test_grouped_alpha_is_missing_for_a_group_of_one():
    frame = pd.DataFrame({"g": ["a", "a", "a", "b"], "x": [1, 2, 3, 1], "y": [1, 3, 3, 2]})
    table = grouped_cronbach_alpha(frame, ["x", "y"], "g")
    assert np.isnan(table.loc["b", "alpha"]) and table.loc["b", "n"] == 1
    assert not np.isnan(table.loc["a", "alpha"])


@pytest.mark.parametrize("scale", list(BFI_SCALES))
def test_omega_matches_an_independent_one_factor_fit(bfi, scale):
    items = bfi_scale(bfi, scale)
    corr = items.corr().to_numpy()
    # statsmodels iterated principal axis, run to convergence, reaches the minres solution
    pa = Factor(corr=corr, n_factor=1, method="pa", nobs=len(items)).fit(maxiter=1000, tol=1e-12)
    np.testing.assert_allclose(one_factor_loadings(corr), np.abs(pa.loadings[:, 0]), atol=1e-6)
    # statsmodels maximum likelihood: another estimator, so a small tolerance
    ml = np.abs(Factor(corr=corr, n_factor=1, method="ml", nobs=len(items)).fit().loadings[:, 0])
    omega_ml = ml.sum() ** 2 / (ml.sum() ** 2 + (1 - ml**2).sum())
    assert mcdonald_omega(items) == pytest.approx(omega_ml, abs=0.005)


# psychTools vignette p. 55, reliability(keys.list, r.bfi): omega.tot (Schmid-Leiman, 3 factors)
@pytest.mark.parametrize(
    ("scale", "published_omega_tot"),
    [
        ("agree", 0.75),
        ("conscientious", 0.77),
        ("extraversion", 0.82),
        ("neuroticism", 0.85),
        ("openness", 0.70),
    ],
)
def test_omega_lies_between_alpha_and_psych_multi_factor_omega_on_bfi_scales(
    bfi, scale, published_omega_tot
):
    items = bfi_scale(bfi, scale)
    omega = mcdonald_omega(items)
    assert omega >= cronbach_alpha(items).alpha - 0.01
    # one general factor leaves out the group factors psych counts as true variance
    assert omega <= published_omega_tot + 0.01


def test_omega_needs_three_items(attitude):
    with pytest.raises(ValueError, match="at least 3 items"):
        mcdonald_omega(attitude[["rating", "complaints"]])


def test_reverse_items_scores_max_plus_min_minus_answer():
    frame = pd.DataFrame({"a": [1, 2, np.nan, 6], "b": [1, 1, 1, 1]})
    out = reverse_items(frame, ["a"], 1, 6)
    assert out["a"].tolist()[:2] == [6, 5] and np.isnan(out["a"].iloc[2]) and out["a"].iloc[3] == 1
    assert out["b"].tolist() == [1, 1, 1, 1]
    assert frame["a"].iloc[0] == 1  # the caller's frame is untouched


def test_reverse_items_rejects_answers_outside_the_scale():
    with pytest.raises(ValueError, match="outside"):
        reverse_items(pd.DataFrame({"a": [0, 3]}), ["a"], 1, 5)
    with pytest.raises(ValueError, match="no column"):
        reverse_items(pd.DataFrame({"a": [1, 3]}), ["z"], 1, 5)
