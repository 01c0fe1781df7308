"""The distribution functions return scipy.stats' values bit for bit, edge cases included."""

import itertools

import numpy as np
import pytest
from scipy import stats

from eclaire.core.stats import distributions as d

X = [-np.inf, -1e300, -40.0, -3.2, -1.0, -0.0, 0.0, 1e-300, 0.3, 1.0, 2.5, 40.0, 1e300, np.inf]
X = [*X, np.nan]
Q = [-0.5, 0.0, 1e-300, 1e-12, 0.025, 0.05, 0.3, 0.5, 0.7, 0.975, 0.995, 1 - 1e-12, 1.0, 1.5]
Q = [*Q, np.nan]
DF = [-1.0, 0.0, 0.5, 1.0, 2.0, 3.0, 7.0, 29.0, 200.0, 1e6, np.inf, np.nan]


def _same(ours, theirs):
    ours, theirs = np.asarray(ours), np.asarray(theirs)
    assert ours.shape == theirs.shape
    assert ours.dtype == theirs.dtype
    # bit for bit (NaN equal to NaN, 0.0 different from −0.0)
    assert ours.tobytes() == theirs.tobytes(), (ours, theirs)


def _grid(*axes):
    columns = list(zip(*itertools.product(*axes), strict=True))
    return [np.array(c, dtype="float64") for c in columns]


def test_t_sf_cdf():
    x, df = _grid(X, DF)
    _same(d.t_sf(x, df), stats.t.sf(x, df))
    _same(d.t_cdf(x, df), stats.t.cdf(x, df))


def test_t_ppf():
    q, df = _grid(Q, DF)
    _same(d.t_ppf(q, df), stats.t.ppf(q, df))


def test_norm():
    _same(d.norm_cdf(np.array(X)), stats.norm.cdf(np.array(X)))
    _same(d.norm_ppf(np.array(Q)), stats.norm.ppf(np.array(Q)))
    _same(d.norm_isf(np.array(Q)), stats.norm.isf(np.array(Q)))


def test_f():
    x, dfn, dfd = _grid(X, DF, DF)
    _same(d.f_sf(x, dfn, dfd), stats.f.sf(x, dfn, dfd))
    q, dfn, dfd = _grid(Q, DF, DF)
    _same(d.f_isf(q, dfn, dfd), stats.f.isf(q, dfn, dfd))


def test_chi2():
    x, df = _grid(X, DF)
    _same(d.chi2_sf(x, df), stats.chi2.sf(x, df))


def test_binom():
    k = [-np.inf, -2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0, 7.0, 9.0, 10.0, 11.0, 40.0, np.inf, np.nan]
    n = [-1.0, 0.0, 1.0, 2.5, 10.0, 11.0, 300.0, np.nan]
    p = [-0.1, 0.0, 1e-9, 0.05, 0.3, 0.5, 0.999, 1.0, 1.1, np.nan]
    kk, nn, pp = _grid(k, n, p)
    _same(d.binom_sf(kk, nn, pp), stats.binom.sf(kk, nn, pp))


@pytest.mark.parametrize(
    ("ours", "theirs", "args"),
    [
        (d.t_sf, stats.t.sf, (1.7, 12)),
        (d.t_cdf, stats.t.cdf, (-0.4, 3)),
        (d.t_ppf, stats.t.ppf, (0.975, 9)),
        (d.norm_cdf, stats.norm.cdf, (0.3,)),
        (d.norm_ppf, stats.norm.ppf, (0.975,)),
        (d.norm_isf, stats.norm.isf, (0.025,)),
        (d.f_sf, stats.f.sf, (2.2, 4, 30)),
        (d.f_isf, stats.f.isf, (0.025, 29, 290)),
        (d.chi2_sf, stats.chi2.sf, (7.5, 4)),
        (d.binom_sf, stats.binom.sf, (3, 20, 0.1)),
    ],
)
def test_scalars_are_numpy_scalars_like_scipy(ours, theirs, args):
    a, b = ours(*args), theirs(*args)
    assert type(a) is type(b)
    _same(a, b)


def test_random_values():
    rng = np.random.default_rng(5)
    x = rng.normal(0, 3, 5000)
    q = rng.uniform(0, 1, 5000)
    df = rng.uniform(0.5, 400, 5000)
    dfd = np.round(rng.uniform(1, 3000, 5000))
    _same(d.t_sf(x, df), stats.t.sf(x, df))
    _same(d.t_ppf(q, df), stats.t.ppf(q, df))
    _same(d.f_sf(x**2, df, dfd), stats.f.sf(x**2, df, dfd))
    _same(d.f_isf(q, df, dfd), stats.f.isf(q, df, dfd))
    _same(d.chi2_sf(x**2, df), stats.chi2.sf(x**2, df))
    n = np.round(rng.uniform(1, 500, 5000))
    k = np.floor(rng.uniform(-1, 1, 5000) * n)
    _same(d.binom_sf(k, n, q), stats.binom.sf(k, n, q))
