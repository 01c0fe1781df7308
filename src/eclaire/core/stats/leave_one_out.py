"""Each value against the others: the mean and standard deviation of a sample without one of its
values, for every value at once, in O(n) instead of O(n²).

The figures are the very floats ``statistics.fmean(others)`` and ``statistics.stdev(others)``
give on the list of the others. Both are functions of exact sums: ``fmean`` divides the
correctly rounded sum (``math.fsum``) by the count, and ``stdev`` (Python 3.11 and later) is
the correctly rounded square root of the exact sample variance ``(c·Σx² − (Σx)²) / (c(c − 1))``
(``c`` values). The exact sums of the others are those of all values minus the value's own
terms, in :class:`fractions.Fraction` arithmetic (a float is a fraction exactly).
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from fractions import Fraction

__all__ = ["others_mean_sd"]

_SQRT_BITS = 2 * sys.float_info.mant_dig + 3
"""Bits kept before the last rounding of a square root: enough for round-to-odd to give the
correctly rounded float (the method of ``statistics``, https://bugs.python.org/msg407078)."""


def _sqrt_ratio(numerator: int, denominator: int) -> float:
    """``√(numerator / denominator)`` as a float, correctly rounded (both positive or 0)."""
    shift = (numerator.bit_length() - denominator.bit_length() - _SQRT_BITS) // 2
    if shift >= 0:
        top, bottom = numerator, denominator << 2 * shift
    else:
        top, bottom = numerator << -2 * shift, denominator
    root = math.isqrt(top // bottom)
    root |= root * root * bottom != top  # round to odd: the bit below says "inexact"
    return float(root << shift) if shift >= 0 else root / (1 << -shift)


def others_mean_sd(values: Sequence[float]) -> list[tuple[float, float]]:
    """Per value, ``(statistics.fmean(others), statistics.stdev(others))`` for ``others`` the
    values without that one (its position). Needs at least 3 finite values."""
    if len(values) < 3:
        raise ValueError(f"need at least 3 values, got {len(values)}")
    if not all(math.isfinite(v) for v in values):
        raise ValueError("values must be finite")
    exact = [Fraction(v) for v in values]
    total = sum(exact, Fraction(0))
    squares = sum((x * x for x in exact), Fraction(0))
    count = len(exact) - 1
    out = []
    for x in exact:
        sx, sxx = total - x, squares - x * x
        variance = (count * sxx - sx * sx) / (count * (count - 1))
        out.append((float(sx) / count, _sqrt_ratio(variance.numerator, variance.denominator)))
    return out
