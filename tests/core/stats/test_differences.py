import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import confint_proportions_2indep
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

from eclaire.core.stats.differences import (
    grouped_mean_difference_ci,
    mean_difference_ci,
    proportion_difference_ci,
)


@pytest.fixture(scope="module")
def bh1996(shared_data):
    return pd.read_csv(shared_data / "multilevel" / "bh1996.csv")


def test_mean_difference_ci_matches_statsmodels_welch_interval(bh1996):
    a = bh1996.loc[bh1996["GRP"] == 1, "WBEING"]
    b = bh1996.loc[bh1996["GRP"] == 2, "WBEING"]
    result = mean_difference_ci(a, b, level=0.90)
    # reference: statsmodels CompareMeans.tconfint_diff(usevar="unequal")
    compare = CompareMeans(DescrStatsW(a.to_numpy()), DescrStatsW(b.to_numpy()))
    lo, hi = compare.tconfint_diff(alpha=0.10, usevar="unequal")
    assert result.diff == pytest.approx(a.mean() - b.mean())
    assert (result.lo, result.hi) == pytest.approx((lo, hi), abs=1e-12)


def test_mean_difference_ci_rejects_a_sample_of_one():
    with pytest.raises(ValueError, match="at least 2 values"):
        mean_difference_ci([1.0, 2.0], [3.0, np.nan])


def test_proportion_difference_ci_matches_statsmodels_newcombe():
    k_a, n_a = np.array([12, 0, 40, 25]), np.array([30, 15, 40, 80])
    k_b, n_b = np.array([20, 3, 35, 25]), np.array([35, 15, 50, 60])
    result = proportion_difference_ci(k_a, n_a, k_b, n_b)
    np.testing.assert_allclose(result.diff, k_a / n_a - k_b / n_b)
    for i in range(len(k_a)):
        # reference: statsmodels confint_proportions_2indep(method="newcomb")
        lo, hi = confint_proportions_2indep(k_a[i], n_a[i], k_b[i], n_b[i], method="newcomb")
        assert (result.lo[i], result.hi[i]) == pytest.approx((lo, hi), abs=1e-12)


def test_proportion_difference_ci_returns_floats_for_scalars():
    result = proportion_difference_ci(5, 20, 9, 20)
    assert isinstance(result.lo, float) and result.lo < result.diff < result.hi


def test_grouped_mean_difference_ci_matches_the_single_interval_per_unit(bh1996):
    # two "waves" built by splitting each company's soldiers by row parity
    wave_a, wave_b = bh1996.iloc[::2], bh1996.iloc[1::2]
    wave_b = wave_b[wave_b["GRP"] != 99]  # one unit did not answer the second wave
    table = grouped_mean_difference_ci(wave_a, wave_b, "LEAD", "GRP")
    assert list(table.columns) == ["n_a", "n_b", "mean_a", "mean_b", "diff", "lo", "hi"]
    for grp in [1, 42, 98]:
        a = wave_a.loc[wave_a["GRP"] == grp, "LEAD"]
        b = wave_b.loc[wave_b["GRP"] == grp, "LEAD"]
        single = mean_difference_ci(a, b)
        assert tuple(table.loc[grp, ["diff", "lo", "hi"]]) == pytest.approx(tuple(single))
    assert table.loc[99, "n_b"] == 0 and np.isnan(table.loc[99, "diff"])
