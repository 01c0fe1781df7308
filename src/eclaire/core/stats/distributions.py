"""Tails and quantiles of the t, normal, F, chi-square and binomial distributions.

Each function returns exactly what the ``scipy.stats`` method named in its docstring returns
(same bits, same NaN, same value at the ends of the support): it calls the same
``scipy.special`` function that method calls, and handles the arguments outside the method's
domain the way its generic wrapper does. Importing ``scipy.stats`` costs about a second of
CPU (it builds the documentation of a hundred distributions); ``scipy.special`` a tenth of it.
``tests/core/stats/test_distributions.py`` compares every function with ``scipy.stats`` on a
grid that includes the edge cases.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import special

# The binomial tail scipy.stats.binom.sf calls (Boost's, through scipy.special's ufuncs);
# scipy.special.bdtrc is another algorithm, whose last bits differ.
from scipy.special._ufuncs import _binom_sf

__all__ = [
    "binom_sf",
    "chi2_sf",
    "f_isf",
    "f_sf",
    "norm_cdf",
    "norm_isf",
    "norm_ppf",
    "t_cdf",
    "t_ppf",
    "t_sf",
]


def _float(value: Any) -> np.ndarray:
    return np.asarray(value, dtype="float64")


def _out(values: np.ndarray) -> Any:
    return values[()] if values.ndim == 0 else values


def _tail(value: np.ndarray, x: np.ndarray, ok: np.ndarray, low: float, high: float) -> Any:
    """The wrapper of ``rv_continuous.sf`` around ``value`` on the open support
    ``(low, high)``: NaN for bad shapes (``ok`` false) or NaN ``x``; 1 for ``x ≤ low``,
    0 for ``x ≥ high``."""
    with np.errstate(invalid="ignore"):
        inside = (low < x) & (x < high)
        out = np.where(ok & inside, value, 0.0)
        out = np.where(ok & (x <= low), 1.0, out)
    out = np.where(~ok | np.isnan(x), np.nan, out)
    return _out(out)


def _quantile(value: np.ndarray, q: np.ndarray, ok: np.ndarray) -> np.ndarray:
    """The wrapper of ``rv_continuous.ppf``/``isf`` around ``value`` for ``0 < q < 1``, with
    its ``· scale + loc`` (which turns −0.0 into 0.0); NaN elsewhere (the ends are set by
    :func:`_ppf_ends` and :func:`_isf_ends`)."""
    with np.errstate(invalid="ignore"):
        inside = ok & (q > 0) & (q < 1)
        out = np.where(inside, value * 1.0 + 0.0, np.nan)
    return out


def _ppf_ends(out: np.ndarray, q: np.ndarray, ok: np.ndarray, low: float, high: float) -> Any:
    out = np.where(ok & (q == 0), low, out)
    out = np.where(ok & (q == 1), high, out)
    return _out(out)


def _isf_ends(out: np.ndarray, q: np.ndarray, ok: np.ndarray, low: float, high: float) -> Any:
    out = np.where(ok & (q == 1), low, out)
    out = np.where(ok & (q == 0), high, out)
    return _out(out)


def _positive(*values: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        ok = np.ones(np.broadcast_shapes(*(v.shape for v in values)), dtype=bool)
        for v in values:
            ok = ok & (v > 0)
    return ok


def t_sf(x: Any, df: Any) -> Any:
    """``scipy.stats.t.sf(x, df)``."""
    x, df = _float(x), _float(df)
    with np.errstate(invalid="ignore"):
        return _tail(special.stdtr(df, -x), x, _positive(df), -np.inf, np.inf)


def t_cdf(x: Any, df: Any) -> Any:
    """``scipy.stats.t.cdf(x, df)``."""
    x, df = _float(x), _float(df)
    ok = _positive(df)
    with np.errstate(invalid="ignore"):
        value = special.stdtr(df, x)
        inside = (-np.inf < x) & (x < np.inf)
        out = np.where(ok & inside, value, 0.0)
        out = np.where(ok & (x >= np.inf), 1.0, out)
    out = np.where(~ok | np.isnan(x), np.nan, out)
    return _out(out)


def t_ppf(q: Any, df: Any) -> Any:
    """``scipy.stats.t.ppf(q, df)``."""
    q, df = _float(q), _float(df)
    ok = _positive(df)
    with np.errstate(invalid="ignore"):
        out = _quantile(special.stdtrit(df, q), q, ok)
    return _ppf_ends(out, q, ok, -np.inf, np.inf)


def norm_cdf(x: Any) -> Any:
    """``scipy.stats.norm.cdf(x)``."""
    x = _float(x)
    ok = np.ones(x.shape, dtype=bool)
    value = special.ndtr(x)
    with np.errstate(invalid="ignore"):
        inside = (-np.inf < x) & (x < np.inf)
        out = np.where(inside, value, 0.0)
        out = np.where(x >= np.inf, 1.0, out)
    out = np.where(~ok | np.isnan(x), np.nan, out)
    return _out(out)


def norm_ppf(q: Any) -> Any:
    """``scipy.stats.norm.ppf(q)``."""
    q = _float(q)
    ok = np.ones(q.shape, dtype=bool)
    with np.errstate(invalid="ignore"):
        out = _quantile(special.ndtri(q), q, ok)
    return _ppf_ends(out, q, ok, -np.inf, np.inf)


def norm_isf(q: Any) -> Any:
    """``scipy.stats.norm.isf(q)``."""
    q = _float(q)
    ok = np.ones(q.shape, dtype=bool)
    with np.errstate(invalid="ignore"):
        out = _quantile(-special.ndtri(q), q, ok)
    return _isf_ends(out, q, ok, -np.inf, np.inf)


def f_sf(x: Any, dfn: Any, dfd: Any) -> Any:
    """``scipy.stats.f.sf(x, dfn, dfd)``."""
    x, dfn, dfd = _float(x), _float(dfn), _float(dfd)
    with np.errstate(invalid="ignore"):
        return _tail(special.fdtrc(dfn, dfd, x), x, _positive(dfn, dfd), 0.0, np.inf)


def f_isf(q: Any, dfn: Any, dfd: Any) -> Any:
    """``scipy.stats.f.isf(q, dfn, dfd)`` (scipy's ``f`` has no ``_isf``: it takes the
    ``fdtri`` quantile of ``1 − q``)."""
    q, dfn, dfd = _float(q), _float(dfn), _float(dfd)
    ok = _positive(dfn, dfd)
    with np.errstate(invalid="ignore"):
        out = _quantile(special.fdtri(dfn, dfd, 1.0 - q), q, ok)
    return _isf_ends(out, q, ok, 0.0, np.inf)


def chi2_sf(x: Any, df: Any) -> Any:
    """``scipy.stats.chi2.sf(x, df)``."""
    x, df = _float(x), _float(df)
    with np.errstate(invalid="ignore"):
        return _tail(special.chdtrc(df, x), x, _positive(df), 0.0, np.inf)


def binom_sf(k: Any, n: Any, p: Any) -> Any:
    """``scipy.stats.binom.sf(k, n, p)``: ``P(X > k)``."""
    k, n, p = _float(k), _float(n), _float(p)
    with np.errstate(invalid="ignore"):
        ok = (n >= 0) & (n == np.floor(n)) & (p >= 0) & (p <= 1)
        inside = ok & (k >= 0) & (k < n) & np.isfinite(k)
        value = np.clip(_binom_sf(np.floor(k), n, p), 0, 1)
        out = np.where(inside, value, 0.0)
        out = np.where(((k < 0) | np.isneginf(k)) & ok, 1.0, out)
    out = np.where(~ok | np.isnan(k), np.nan, out)
    return _out(out)
