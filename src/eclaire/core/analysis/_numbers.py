"""Turning numbers into the result's JSON: 4 decimals, ``None`` for what is not finite."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

__all__ = ["num", "nums", "interval"]

DECIMALS = 4


def num(value: Any) -> float | None:
    """One number rounded to 4 decimals; ``None`` for None, NaN or an infinity."""
    if value is None:
        return None
    value = float(value)
    return round(value, DECIMALS) if math.isfinite(value) else None


def nums(values: Any) -> list[float | None]:
    """:func:`num` over an array, vectorized up to the final list."""
    array = np.round(np.asarray(values, dtype="float64"), DECIMALS)
    return [x if math.isfinite(x) else None for x in array.tolist()]


def interval(lo: Any, hi: Any) -> list[float | None]:
    """A ``[low, high]`` pair as the result writes intervals."""
    return [num(lo), num(hi)]
