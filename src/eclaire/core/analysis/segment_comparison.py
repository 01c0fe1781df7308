"""One segment comparison (two groups' scores on one dimension) and the family's adjustment.

Shared by the organization-wide rows (``perception_gaps.segments``) and the departments' rows
(``perception_gaps.segment_units``): Welch's (1947) t test, Hedges' (1981) g, the difference
of means with its Welch 95 % interval; Benjamini & Hochberg (1995) adjusted p-values across
one family of tests. A gap is ``significant`` when ``p_adjusted < 0.05`` **and**
``|g| ≥ 0.2`` (Cohen's, 1988, small effect).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from eclaire.core.stats.comparisons import benjamini_hochberg, hedges_g, welch_test
from eclaire.core.stats.differences import mean_difference_ci
from eclaire.core.stats.intervals import mean_ci

from ._numbers import interval, num

__all__ = ["ALPHA", "MIN_EFFECT", "SMALL_SAMPLE", "adjust_family", "comparison"]

ALPHA = 0.05
MIN_EFFECT = 0.2
SMALL_SAMPLE = 30


def comparison(segment: str, code: str, a: np.ndarray, b: np.ndarray) -> dict[str, Any]:
    """The figures of one comparison of scores ``a`` (level a) against ``b`` (level b); ``p``
    is left raw for :func:`adjust_family`."""
    mean_a, lo_a, hi_a, _ = mean_ci(a)
    mean_b, lo_b, hi_b, _ = mean_ci(b)
    t, df, p = welch_test(a, b)
    diff = mean_difference_ci(a, b)
    return {
        "segment": segment,
        "dimension": code,
        "suppressed": False,
        "n_a": int(a.size),
        "n_b": int(b.size),
        "mean_a": num(mean_a),
        "ci95_a": interval(lo_a, hi_a),
        "mean_b": num(mean_b),
        "ci95_b": interval(lo_b, hi_b),
        "difference": num(diff.diff),
        "difference_ci95": interval(diff.lo, diff.hi),
        "hedges_g": num(hedges_g(a, b)),
        "t": num(t),
        "df": num(df),
        "p": p,
        "small_sample": min(a.size, b.size) < SMALL_SAMPLE,
    }


def adjust_family(rows: list[dict[str, Any]]) -> None:
    """Adjust the shown rows' p-values as one family (in place) and flag ``significant``."""
    tested = [row for row in rows if not row["suppressed"]]
    adjusted = benjamini_hochberg(np.array([r["p"] for r in tested], dtype="float64"))
    for row, p_adj in zip(tested, adjusted, strict=True):
        g = row["hedges_g"]
        row["p"], row["p_adjusted"] = num(row["p"]), num(p_adj)
        row["significant"] = bool(
            np.isfinite(p_adj) and p_adj < ALPHA and g is not None and abs(g) >= MIN_EFFECT
        )
