"""Spearman's rank correlation with its interval, checked against scipy."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from eclaire.core.signals.mirror import spearman_ci


def test_rho_and_p_are_scipys() -> None:
    rng = np.random.default_rng(5)
    x = rng.normal(size=12)
    y = x + rng.normal(scale=1.0, size=12)
    found = spearman_ci(x, y)
    ref = stats.spearmanr(x, y)
    assert found.rho == pytest.approx(ref.statistic) and found.p == pytest.approx(ref.pvalue)
    assert found.n == 12


def test_interval_is_fisher_z_with_bonett_wright_error() -> None:
    # Bonett & Wright (2000): se = sqrt((1 + rho^2 / 2) / (n - 3)) on Fisher's z scale.
    x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    y = [2, 1, 4, 3, 6, 5, 8, 7, 10, 9]
    found = spearman_ci(x, y)
    rho = stats.spearmanr(x, y).statistic  # 0.9394 (scipy 1.x)
    se = math.sqrt((1 + rho**2 / 2) / 7)
    assert found.lo == pytest.approx(math.tanh(math.atanh(rho) - 1.959964 * se), abs=1e-6)
    assert found.hi == pytest.approx(math.tanh(math.atanh(rho) + 1.959964 * se), abs=1e-6)
    assert found.lo < rho < found.hi < 1


def test_interval_covers_a_bootstrap_of_scipy() -> None:
    rng = np.random.default_rng(11)
    x = rng.normal(size=40)
    y = 0.5 * x + rng.normal(size=40)
    found = spearman_ci(x, y)
    boot = stats.bootstrap(
        (x, y),
        lambda a, b: stats.spearmanr(a, b).statistic,
        paired=True,
        n_resamples=2000,
        method="percentile",
        random_state=rng,
    )
    assert found.lo == pytest.approx(boot.confidence_interval.low, abs=0.1)
    assert found.hi == pytest.approx(boot.confidence_interval.high, abs=0.1)


def test_too_few_units_or_constant_values_give_nothing() -> None:
    assert math.isnan(spearman_ci([1, 2, 3], [3, 2, 1]).rho)
    assert math.isnan(spearman_ci([1, 1, 1, 1, 1], [1, 2, 3, 4, 5]).rho)
    with pytest.raises(ValueError, match="same length"):
        spearman_ci([1, 2], [1, 2, 3])
