"""Customer signals beside the internal map: rank correlation across units, worded as association.

Spearman's rank correlation between a customer signal (a rate per unit) and an internal score
(a dimension mean, or how the other units rate the unit on the interface items), over the units
where both are shown. The interval is Fisher's z with the standard error of Bonett & Wright
(2000), sqrt((1 + ρ²/2) / (n − 3)), recommended for Spearman's ρ; ``rho`` and ``p`` are those of
``scipy.stats.spearmanr``. With fewer than :data:`MIN_UNITS` units nothing is computed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from eclaire.core.result.view import ResultView
from eclaire.core.signals.measures import SignalMeasures
from eclaire.core.stats.distributions import norm_ppf

__all__ = [
    "MIN_UNITS",
    "PAIRS",
    "Correlation",
    "internal_scores",
    "mirror_correlations",
    "spearman_ci",
]

MIN_UNITS = 5
PAIRS = (
    ("late", "interfaces_in"),
    ("escalation", "interfaces_in"),
    ("contradiction", "external.mirror"),
    ("complaint", "external.mirror"),
    ("csat", "external.mirror"),
    ("late", "clarity.constraints"),
)
"""(signal, internal score) pairs the mirror page and the report show."""


@dataclass(frozen=True)
class Correlation:
    signal: str
    internal: str
    rho: float
    lo: float
    hi: float
    p: float
    n: int

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def spearman_ci(x: Any, y: Any, level: float = 0.95) -> Correlation:
    """Spearman's ρ of paired values (NaN pairs dropped), its interval and p-value."""
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"x and y must have the same length, got {a.shape} and {b.shape}")
    keep = ~(np.isnan(a) | np.isnan(b))
    a, b = a[keep], b[keep]
    n = len(a)
    if n < 4 or np.ptp(a) == 0 or np.ptp(b) == 0:
        return Correlation("", "", math.nan, math.nan, math.nan, math.nan, n)
    from scipy import stats  # a second to import: only when signals are mirrored

    result = stats.spearmanr(a, b)
    rho, p = float(result.statistic), float(result.pvalue)
    z = math.atanh(max(min(rho, 0.999999), -0.999999))
    se = math.sqrt((1 + rho**2 / 2) / (n - 3))
    half = float(norm_ppf(0.5 + level / 2)) * se
    return Correlation("", "", rho, math.tanh(z - half), math.tanh(z + half), p, n)


def internal_scores(view: ResultView) -> dict[str, dict[str, float]]:
    """Per shown unit: the internal figures the mirror sets beside the signals.

    ``external.mirror`` and ``clarity.constraints``: the unit's dimension means;
    ``interfaces_in``: the mean score the other units give it on the interface items (shown
    unit-level entries only, weighted by their ``n``).
    """
    out: dict[str, dict[str, float]] = {}
    for unit in view.unit_ids():
        row: dict[str, float] = {}
        for dim in ("external.mirror", "clarity.constraints"):
            cell = view.score(unit, dim)
            if cell is not None:
                row[dim] = float(cell["mean"])
        out[unit] = row
    sums: dict[str, list[float]] = {}
    for entry in view.shown_interfaces(unit_level=True):
        acc = sums.setdefault(str(entry["to"]), [0.0, 0.0])
        acc[0] += float(entry["score"]) * int(entry["n"])
        acc[1] += int(entry["n"])
    for unit, (total, n) in sums.items():
        if n and unit in out:
            out[unit]["interfaces_in"] = total / n
    return out


def mirror_correlations(
    measures: SignalMeasures, internal: Mapping[str, Mapping[str, float]]
) -> list[Correlation]:
    """One :class:`Correlation` per pair of :data:`PAIRS` with at least ``MIN_UNITS`` units."""
    units = measures.groups[
        (measures.groups["scope"] == "unit") & (measures.groups["period"] == "all")
    ]
    units = units[units["shown"]].set_index("unit_id")
    out = []
    for signal, score in PAIRS:
        common = [
            u
            for u in units.index
            if u in internal and score in internal[u] and np.isfinite(units.at[u, signal])
        ]
        if len(common) < MIN_UNITS:
            continue
        x = [units.at[u, signal] for u in common]
        y = [internal[u][score] for u in common]
        found = spearman_ci(x, y)
        if math.isnan(found.rho):
            continue
        out.append(Correlation(signal, score, found.rho, found.lo, found.hi, found.p, found.n))
    return out
