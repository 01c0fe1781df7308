"""Student t quantiles, remembered: a diagnostic asks for the same few thousand times.

A prediction interval per manager and dimension, a lever test per team: each needs
``t(q; df)`` for a degrees of freedom shared by many (teams of the same size), and one scipy
call costs about 0.1 ms. The value returned is scipy's own, so remembering it changes no figure.
"""

from __future__ import annotations

import math
from functools import lru_cache

from eclaire.core.stats.distributions import t_ppf

__all__ = ["t_quantile"]


def t_quantile(q: float, df: float) -> float:
    """``scipy.stats.t.ppf(q, df)`` as a float; NaN when ``df`` is NaN."""
    if math.isnan(df):
        return math.nan
    return _t_ppf(float(q), float(df))


@lru_cache(maxsize=4096)
def _t_ppf(q: float, df: float) -> float:
    return float(t_ppf(q, df))
