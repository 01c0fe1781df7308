import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests

from eclaire.core.stats.comparisons import (
    benjamini_hochberg,
    compare_groups,
    hedges_g,
    welch_test,
)


@pytest.fixture(scope="module")
def bhr2000(shared_data):
    return pd.read_csv(shared_data / "multilevel" / "bhr2000.csv")


def two_companies(frame, column, a=1, b=2):
    return frame.loc[frame["GRP"] == a, column], frame.loc[frame["GRP"] == b, column]


def test_hedges_g_matches_pingouin(bhr2000):
    a, b = two_companies(bhr2000, "AP12")
    # reference: pingouin.compute_effsize(eftype="hedges")
    expected = pg.compute_effsize(a, b, eftype="hedges")
    assert hedges_g(a, b) == pytest.approx(expected, abs=1e-12)


def test_hedges_g_drops_missing_values(bhr2000):
    a, b = two_companies(bhr2000, "AF06", 3, 4)
    holed = pd.concat([a, pd.Series([np.nan, np.nan])])
    assert hedges_g(holed, b) == pytest.approx(pg.compute_effsize(a, b, eftype="hedges"))


def test_welch_test_matches_scipy(bhr2000):
    a, b = two_companies(bhr2000, "HRS", 5, 9)
    # reference: scipy.stats.ttest_ind(equal_var=False)
    ref = stats.ttest_ind(a, b, equal_var=False)
    result = welch_test(a, b)
    assert result.t == pytest.approx(ref.statistic, abs=1e-10)
    assert result.df == pytest.approx(ref.df, abs=1e-8)
    assert result.p == pytest.approx(ref.pvalue, abs=1e-12)


def test_welch_test_rejects_a_sample_of_one():
    with pytest.raises(ValueError, match="at least 2 values"):
        welch_test([1.0], [1.0, 2.0])


def test_benjamini_hochberg_matches_statsmodels():
    pvalues = np.array([0.01, 0.04, 0.03, 0.20, 0.001, 0.04, 0.9, 0.5])
    # reference: statsmodels multipletests(method="fdr_bh")
    _, expected, _, _ = multipletests(pvalues, method="fdr_bh")
    np.testing.assert_allclose(benjamini_hochberg(pvalues), expected, atol=1e-15)


def test_benjamini_hochberg_keeps_missing_pvalues_missing():
    pvalues = np.array([0.01, np.nan, 0.04, 0.03])
    out = benjamini_hochberg(pvalues)
    _, expected, _, _ = multipletests([0.01, 0.04, 0.03], method="fdr_bh")
    assert np.isnan(out[1])
    np.testing.assert_allclose(out[[0, 2, 3]], expected)


def test_benjamini_hochberg_rejects_values_outside_zero_one():
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        benjamini_hochberg([0.2, 1.2])


def test_compare_groups_reports_each_variable_with_fdr(bhr2000):
    items = list(bhr2000.columns[1:12])
    table = compare_groups(bhr2000, items, "GRP", 1, 2)
    assert list(table.index) == items
    for item in ["AF06", "AS28"]:
        a, b = two_companies(bhr2000, item)
        assert table.loc[item, "hedges_g"] == pytest.approx(hedges_g(a, b))
        assert table.loc[item, "p"] == pytest.approx(stats.ttest_ind(a, b, equal_var=False).pvalue)
        assert table.loc[item, "diff"] == pytest.approx(a.mean() - b.mean())
    _, expected, _, _ = multipletests(table["p"], method="fdr_bh")
    np.testing.assert_allclose(table["p_fdr"], expected)


def test_compare_groups_rejects_an_absent_group(bhr2000):
    with pytest.raises(ValueError, match="no row"):
        compare_groups(bhr2000, ["AF06"], "GRP", 1, "nowhere")
