import numpy as np
import pytest
from scipy import stats

from eclaire.core.stats.intervals import prediction_interval
from eclaire.core.stats.summary_tests import (
    binomial_above,
    normal_below,
    prediction_above,
    t_above,
    t_below,
)

VALUES = np.array([2.0, 2.5, 3.0, 1.5, 2.0, 3.5, 2.5, 1.0, 2.0, 3.0])


def _summary(x):
    return x.mean(), x.std(ddof=1), x.size


def test_t_below_matches_scipy_one_sample_t_test():
    p = t_below(*_summary(VALUES), 3.0)
    assert p == pytest.approx(stats.ttest_1samp(VALUES, 3.0, alternative="less").pvalue)


def test_t_above_matches_scipy_one_sample_t_test():
    p = t_above(*_summary(VALUES), 2.0)
    assert p == pytest.approx(stats.ttest_1samp(VALUES, 2.0, alternative="greater").pvalue)


def test_t_tests_are_missing_without_a_variance():
    assert np.isnan(t_below(2.0, 0.0, 10, 3.0)) and np.isnan(t_below(2.0, 1.0, 1, 3.0))


def test_binomial_above_matches_scipy_binomtest():
    for k, n, p0 in [(7, 12, 0.3), (0, 5, 0.2), (20, 20, 0.5), (11, 27, 0.25)]:
        expected = stats.binomtest(k, n, p0, alternative="greater").pvalue
        assert binomial_above(k, n, p0) == pytest.approx(expected)


def test_normal_below_reads_a_z_test():
    assert normal_below(1.0, 0.5, 2.0) == pytest.approx(stats.norm.cdf(-2.0))


def test_prediction_interval_matches_its_formula_and_the_test():
    mean, sd, n = _summary(VALUES)
    lo, hi = prediction_interval(mean, sd, n)
    half = stats.t.ppf(0.975, n - 1) * sd * np.sqrt(1 + 1 / n)
    assert (lo, hi) == pytest.approx((mean - half, mean + half))
    # a score on the upper bound has a one-sided p of 2.5 %
    assert prediction_above(hi, mean, sd, n) == pytest.approx(0.025)


def test_prediction_interval_is_missing_for_one_value():
    lo, hi = prediction_interval(3.0, np.nan, 1)
    assert np.isnan(lo) and np.isnan(hi)


@pytest.mark.parametrize(
    "figures",
    [
        (3.1, 0.8, 12, 3.4, 0.9, 30),
        (2.0, 0.0, 5, 2.0, 0.0, 7),
        (4.0, 0.0, 5, 3.0, 0.0, 7),
        (2.5, 1.2, 2, 2.6, 0.3, 400),
        (3.0, 0.5, 9, 3.0, 0.5, 9),
    ],
)
def test_welch_below_is_scipy_ttest_ind_from_stats_to_the_bit(figures):
    from eclaire.core.stats.summary_tests import welch_below

    theirs = stats.ttest_ind_from_stats(*figures, equal_var=False, alternative="less").pvalue
    ours = welch_below(*figures)
    assert type(ours) is type(theirs)
    assert np.asarray(ours).tobytes() == np.asarray(theirs).tobytes()


def test_t_below_vectorized_is_each_value_alone():
    """The lever rules test every link in one call: the same p-values as one call per link."""
    rng = np.random.default_rng(5)
    size = 2000
    mean = rng.uniform(1, 5, size).round(2)
    sd = rng.uniform(0, 2, size).round(2)
    n = rng.integers(0, 400, size)
    sd[::97], n[::89] = 0.0, 1
    together = t_below(mean.tolist(), sd.tolist(), n.tolist(), 3.0).tolist()
    alone = [
        t_below(m, s, k, 3.0)
        for m, s, k in zip(mean.tolist(), sd.tolist(), n.tolist(), strict=True)
    ]
    assert np.array(together).tobytes() == np.array(alone).tobytes()
