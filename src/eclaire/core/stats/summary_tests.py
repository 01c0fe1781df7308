"""One-sided tests from the summary figures a result shows (mean, sd, n; a count; an interval).

The lever rules read a diagnostic result, not the answers: each of their tests starts from the
figures of a shown cell. Every function returns a p-value in [0, 1] (NaN when the figures do
not allow a test) for the alternative named in its docstring, vectorized over its arguments.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import special

from eclaire.core.stats.distributions import binom_sf, norm_cdf

__all__ = [
    "binomial_above",
    "normal_below",
    "prediction_above",
    "t_below",
    "t_above",
    "welch_below",
]


def _arrays(*values: Any) -> list[np.ndarray]:
    return [np.asarray(v, dtype="float64") for v in values]


def _out(p: np.ndarray) -> Any:
    return float(p) if p.ndim == 0 else p


def t_below(mean: Any, sd: Any, n: Any, reference: Any) -> Any:
    """One-sample Student t test of ``H0: μ ≥ reference`` against ``μ < reference``:
    ``p = T_{n−1}((mean − reference) / (sd/√n))``, as ``scipy.stats.ttest_1samp(...,
    alternative="less")`` on the raw values. NaN when ``n < 2`` or ``sd`` is not positive."""
    m, s, k, ref = _arrays(mean, sd, n, reference)
    with np.errstate(invalid="ignore", divide="ignore"):
        ok = (k >= 2) & (s > 0)
        t = (m - ref) / (s / np.sqrt(k))
        # special.stdtr is the t distribution function stats.t.cdf calls, without its
        # argument checks (ten times faster on one value: the lever rules call it per cell)
        p = np.where(ok, special.stdtr(np.where(ok, k - 1, 1), t), np.nan)
    return _out(p)


def t_above(mean: Any, sd: Any, n: Any, reference: Any) -> Any:
    """``H0: μ ≤ reference`` against ``μ > reference`` (the mirror of :func:`t_below`)."""
    m, ref = _arrays(mean, reference)
    return t_below(-m, sd, n, -ref)


def prediction_above(value: Any, mean: Any, sd: Any, n: Any) -> Any:
    """Is one score (``value``) above what one more member of the group would give?

    ``p = P(T_{n−1} ≥ (value − mean) / (sd·√(1 + 1/n)))``: the tail of the Student t prediction
    distribution of one new draw (:func:`~eclaire.core.stats.intervals.prediction_interval`),
    exact for normal scores exchangeable with the group's. NaN when ``n < 2`` or ``sd ≤ 0``."""
    v, m, s, k = _arrays(value, mean, sd, n)
    with np.errstate(invalid="ignore", divide="ignore"):
        ok = (k >= 2) & (s > 0)
        t = (v - m) / (s * np.sqrt(1 + 1 / k))
        p = np.where(ok, special.stdtr(np.where(ok, k - 1, 1), -t), np.nan)
    return _out(p)


def binomial_above(k: Any, n: Any, p0: Any) -> Any:
    """Exact binomial test of ``H0: π ≤ p0`` against ``π > p0`` for ``k`` successes out of
    ``n``: ``P(X ≥ k)``, as ``scipy.stats.binomtest(k, n, p0, alternative="greater")``.
    NaN when ``n = 0``."""
    kk, nn, pp = _arrays(k, n, p0)
    p = np.where(nn > 0, binom_sf(kk - 1, np.maximum(nn, 1), np.clip(pp, 0, 1)), np.nan)
    return _out(p)


def normal_below(estimate: Any, se: Any, reference: Any) -> Any:
    """``H0: θ ≥ reference`` against ``θ < reference`` for an estimate with a normal standard
    error (e.g. read from a 95 % interval, ``se = width / (2·1.96)``): ``Φ((θ̂ − ref)/se)``."""
    e, s, ref = _arrays(estimate, se, reference)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(s > 0, norm_cdf((e - ref) / s), np.nan)
    return _out(p)


def welch_below(mean_a: Any, sd_a: Any, n_a: Any, mean_b: Any, sd_b: Any, n_b: Any) -> Any:
    """Welch's two-sample t test of ``H0: μa ≥ μb`` against ``μa < μb`` from each group's mean,
    sd and size: the p-value of ``scipy.stats.ttest_ind_from_stats(..., equal_var=False,
    alternative="less")``, computed by the same operations in the same order (so to the bit),
    without importing ``scipy.stats``. Undefined degrees of freedom (both variances zero)
    count as 1, as scipy's."""
    mean_a, sd_a, mean_b, sd_b = (np.asarray(v) for v in (mean_a, sd_a, mean_b, sd_b))
    va, vb = sd_a**2 / n_a, sd_b**2 / n_b
    with np.errstate(divide="ignore", invalid="ignore"):
        df = (va + vb) ** 2 / (va**2 / (n_a - 1) + vb**2 / (n_b - 1))
    df = np.where(np.isnan(df), 1.0, df)
    denom = np.sqrt(va + vb)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.divide(mean_a - mean_b, denom)
    p = special.stdtr(np.asarray(df, dtype=t.dtype), t)
    return p[()] if p.ndim == 0 else p
