"""Satisfaction scores with their intervals: CSAT as a share of satisfied customers, NPS.

- **CSAT** (1–5): the share of 4 and 5, with Wilson's interval (Wilson 1927;
  :func:`eclaire.core.stats.intervals.wilson`).
- **NPS** (0–10): share of promoters (9–10) minus share of detractors (0–6), in points from
  −100 to 100. Its interval is the normal one for a difference of two proportions of one
  multinomial sample: Var = (p₊ + p₋ − (p₊ − p₋)²) / n (Rostami 2013; checked against a
  percentile bootstrap with ``scipy.stats.bootstrap`` in the tests).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from eclaire.core.stats.distributions import norm_ppf
from eclaire.core.stats.intervals import wilson

__all__ = ["Interval", "csat_satisfied", "nps"]


class Interval(NamedTuple):
    value: float
    lo: float
    hi: float
    n: int


def csat_satisfied(scores: np.ndarray, level: float = 0.95) -> Interval:
    """Share of scores 4 or 5 on a 1–5 scale, with Wilson's interval; NaN when empty."""
    values = np.asarray(scores, dtype=float)
    values = values[~np.isnan(values)]
    n = len(values)
    if n == 0:
        return Interval(np.nan, np.nan, np.nan, 0)
    k = int((values >= 4).sum())
    p, lo, hi = wilson(k, n, level)
    return Interval(float(p), float(lo), float(hi), n)


def nps(scores: np.ndarray, level: float = 0.95) -> Interval:
    """Net promoter score (points, −100 to 100) with its normal interval, clipped to the range."""
    values = np.asarray(scores, dtype=float)
    values = values[~np.isnan(values)]
    n = len(values)
    if n == 0:
        return Interval(np.nan, np.nan, np.nan, 0)
    promoters = float((values >= 9).mean())
    detractors = float((values <= 6).mean())
    score = promoters - detractors
    variance = max(promoters + detractors - score**2, 0.0) / n
    half = float(norm_ppf(0.5 + level / 2)) * np.sqrt(variance)
    return Interval(100 * score, 100 * max(score - half, -1.0), 100 * min(score + half, 1.0), n)
