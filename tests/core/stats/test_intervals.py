import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from eclaire.core.stats.intervals import (
    grouped_mean_ci,
    grouped_proportion_ci,
    mean_ci,
    wilson,
)


@pytest.fixture(scope="module")
def bh1996(shared_data):
    return pd.read_csv(shared_data / "multilevel" / "bh1996.csv")


@pytest.fixture(scope="module")
def lq2002(shared_data):
    return pd.read_csv(shared_data / "multilevel" / "lq2002.csv")


def test_mean_ci_matches_scipy_t_interval(shared_data):
    rating = pd.read_csv(shared_data / "attitude" / "attitude.csv")["rating"]
    # reference: scipy.stats.t.interval with the standard error of the mean
    lo, hi = stats.t.interval(0.90, len(rating) - 1, loc=rating.mean(), scale=stats.sem(rating))
    result = mean_ci(rating, level=0.90)
    assert result.mean == pytest.approx(rating.mean())
    assert (result.lo, result.hi) == pytest.approx((lo, hi), abs=1e-12)
    assert result.n == 30


def test_mean_ci_drops_missing_values():
    result = mean_ci([1.0, np.nan, 3.0, None, 5.0])
    lo, hi = stats.t.interval(0.95, 2, loc=3.0, scale=stats.sem([1.0, 3.0, 5.0]))
    assert result == pytest.approx((3.0, lo, hi, 3))


def test_mean_ci_of_one_value_has_no_bounds_and_of_none_no_mean():
    one = mean_ci([4.0])
    assert one.mean == 4.0 and np.isnan(one.lo) and np.isnan(one.hi) and one.n == 1
    assert np.isnan(mean_ci([np.nan]).mean)


@pytest.mark.parametrize("level", [0, 1, 1.5, "0.95"])
def test_mean_ci_rejects_a_level_outside_zero_one(level):
    with pytest.raises(ValueError, match="level"):
        mean_ci([1.0, 2.0], level=level)


def test_grouped_mean_ci_matches_mean_ci_in_every_group(bh1996):
    table = grouped_mean_ci(bh1996, "WBEING", "GRP")
    assert list(table.columns) == ["n", "mean", "sd", "lo", "hi"]
    assert len(table) == 99 and table["n"].sum() == 7382
    # G.WBEING in bh1996 is the group mean stored by the multilevel package (PROVENANCE.md)
    stored = bh1996.groupby("GRP")["G.WBEING"].first()
    np.testing.assert_allclose(table["mean"], stored, atol=1e-8)
    for grp in [1, 50, 99]:
        single = mean_ci(bh1996.loc[bh1996["GRP"] == grp, "WBEING"])
        assert tuple(table.loc[grp, ["mean", "lo", "hi"]]) == pytest.approx(single[:3])


def test_grouped_mean_ci_accepts_a_group_series_on_the_frame_index(bh1996):
    by_name = grouped_mean_ci(bh1996, "LEAD", "GRP")
    by_series = grouped_mean_ci(bh1996[["LEAD"]], "LEAD", bh1996["GRP"])
    pd.testing.assert_frame_equal(by_name, by_series)
    with pytest.raises(ValueError, match="index"):
        grouped_mean_ci(bh1996, "LEAD", bh1996["GRP"].reset_index(drop=True).iloc[::-1])


def test_wilson_matches_statsmodels_over_arrays():
    k = np.array([0, 1, 7, 19, 20, 350])
    n = np.array([20, 20, 20, 20, 20, 1000])
    p, lo, hi = wilson(k, n, level=0.90)
    # reference: statsmodels proportion_confint(method="wilson")
    ref_lo, ref_hi = proportion_confint(k, n, alpha=0.10, method="wilson")
    np.testing.assert_allclose(p, k / n)
    np.testing.assert_allclose(lo, ref_lo, atol=1e-12)
    np.testing.assert_allclose(hi, ref_hi, atol=1e-12)


def test_wilson_returns_floats_for_scalars_and_nan_for_no_trial():
    p, lo, hi = wilson(3, 10)
    assert isinstance(lo, float)
    assert (lo, hi) == pytest.approx(proportion_confint(3, 10, method="wilson"))
    assert np.isnan(wilson(0, 0).lo)


def test_wilson_rejects_more_successes_than_trials():
    with pytest.raises(ValueError, match="0 <= k <= n"):
        wilson([3, 5], [4, 4])


def test_grouped_proportion_ci_gives_share_favourable_per_unit(lq2002):
    frame = lq2002.assign(favourable=(lq2002["LEAD01"] >= 4).astype(int))
    table = grouped_proportion_ci(frame, "favourable", "COMPID")
    counts = frame.groupby("COMPID")["favourable"].agg(["sum", "count"])
    ref_lo, ref_hi = proportion_confint(counts["sum"], counts["count"], method="wilson")
    np.testing.assert_allclose(table["lo"], ref_lo, atol=1e-12)
    np.testing.assert_allclose(table["hi"], ref_hi, atol=1e-12)
    assert table["n"].tolist() == counts["count"].tolist()


def test_grouped_proportion_ci_rejects_values_other_than_zero_and_one(lq2002):
    with pytest.raises(ValueError, match="0/1"):
        grouped_proportion_ci(lq2002, "LEAD01", "COMPID")
