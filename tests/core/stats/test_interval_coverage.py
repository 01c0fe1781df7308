"""Coverage, by simulation, of each interval the product shows: 95 % ± 2.5 points.

Answers are drawn as the survey gets them: a latent normal opinion per person plus item noise,
cut into a 1–5 scale by thresholds; a dimension score is the mean of its answered items. The
true value each interval aims at is computed from the same model (exactly, from the normal
distribution, or for alpha from the population covariance of the items).
"""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from eclaire.core.stats.intervals import mean_ci, prediction_interval, wilson
from eclaire.core.stats.reliability import cronbach_alpha

THRESHOLDS = np.array([-1.6, -0.7, 0.2, 1.2])
PERSON_SD, NOISE_SD = 0.7, 0.7
TARGET, TOLERANCE = 0.95, 0.025


def _answers(rng, n, k, centre=0.3):
    latent = centre + PERSON_SD * rng.normal(size=(n, 1)) + NOISE_SD * rng.normal(size=(n, k))
    return 1.0 + (latent[:, :, None] > THRESHOLDS).sum(axis=2)


def _true_item_mean(centre=0.3):
    sd = np.hypot(PERSON_SD, NOISE_SD)
    return 1.0 + stats.norm.sf((THRESHOLDS - centre) / sd).sum()


def test_feldt_interval_with_pairwise_n_covers_alpha_with_ten_percent_missing():
    rng = np.random.default_rng(2024)
    k, reps = 4, 1500
    # population alpha of the ordinal items, from a very large draw of the same model
    population = _answers(np.random.default_rng(0), 400_000, k)
    cov = np.cov(population, rowvar=False)
    true = k / (k - 1) * (1 - np.trace(cov) / cov.sum())
    covered = 0
    for _ in range(reps):
        x = _answers(rng, int(rng.integers(30, 120)), k)
        x[rng.random(x.shape) < 0.10] = np.nan
        lo, hi = cronbach_alpha(pd.DataFrame(x)).ci95
        covered += lo <= true <= hi
    assert covered / reps == pytest.approx(TARGET, abs=TOLERANCE)


def test_unit_mean_interval_covers_the_unit_mean():
    rng = np.random.default_rng(7)
    true, reps, covered = _true_item_mean(), 3000, 0
    for _ in range(reps):
        scores = _answers(rng, int(rng.integers(5, 40)), 3).mean(axis=1)
        _, lo, hi, _ = mean_ci(scores)
        covered += lo <= true <= hi
    assert covered / reps == pytest.approx(TARGET, abs=TOLERANCE)


def test_gap_prediction_interval_holds_one_more_member_of_the_team():
    """The manager-gap interval: where one score drawn like the team's falls (the null of
    "the manager sees it as a member does")."""
    rng = np.random.default_rng(11)
    reps, covered = 3000, 0
    for _ in range(reps):
        n = int(rng.integers(5, 40))
        scores = _answers(rng, n + 1, 3).mean(axis=1)
        team, one = scores[:n], scores[n]
        lo, hi = prediction_interval(team.mean(), team.std(ddof=1), n)
        covered += lo <= one <= hi
    assert covered / reps == pytest.approx(TARGET, abs=TOLERANCE)


def test_wilson_interval_covers_the_share_answering_often():
    rng = np.random.default_rng(5)
    reps, covered = 4000, 0
    for _ in range(reps):
        n, p = int(rng.integers(5, 60)), float(rng.uniform(0.05, 0.7))
        k = int(rng.binomial(n, p))
        _, lo, hi = wilson(k, n)
        covered += lo <= p <= hi
    assert covered / reps == pytest.approx(TARGET, abs=TOLERANCE)
