"""Argument checks and grouping shared by the statistics modules (private)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

GroupArg: TypeAlias = "str | pd.Series"


def check_level(level: float) -> float:
    """Return ``level`` as a float after checking it is a confidence level in (0, 1)."""
    if not isinstance(level, int | float) or not 0.0 < float(level) < 1.0:
        raise ValueError(f"level must be a number strictly between 0 and 1, got {level!r}")
    return float(level)


def as_float_array(values: Any, name: str) -> np.ndarray:
    """Return a one-dimensional float array with the missing values (NaN/None) removed."""
    try:
        array = np.asarray(pd.Series(values, dtype="float64").to_numpy(), dtype="float64")
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must contain numbers only") from exc
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {array.shape}")
    return array[~np.isnan(array)]


def check_columns(frame: pd.DataFrame, columns: Sequence[str], name: str = "frame") -> list[str]:
    """Check that ``frame`` is a DataFrame holding every column in ``columns``, all numeric."""
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"{name} must be a pandas DataFrame, got {type(frame).__name__}")
    columns = [columns] if isinstance(columns, str) else list(columns)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} has no column(s) {missing}")
    not_numeric = [c for c in columns if not pd.api.types.is_numeric_dtype(frame[c])]
    if not_numeric:
        raise ValueError(f"column(s) {not_numeric} of {name} must be numeric")
    return columns


def group_keys(frame: pd.DataFrame, group: GroupArg) -> pd.Series:
    """The group of each row of ``frame``: a column name, or a Series on the frame's index."""
    if isinstance(group, str):
        if group not in frame.columns:
            raise ValueError(f"frame has no group column {group!r}")
        return frame[group]
    if isinstance(group, pd.Series):
        if not group.index.equals(frame.index):
            raise ValueError("the groups Series must have exactly the frame's index")
        return group if group.name is not None else group.rename("group")
    raise ValueError(f"group must be a column name or a pandas Series, got {type(group).__name__}")


def check_series_pair(values: pd.Series | pd.DataFrame, groups: pd.Series) -> None:
    """Check that ``groups`` is a Series on the same index as ``values``."""
    if not isinstance(groups, pd.Series):
        raise ValueError(f"groups must be a pandas Series, got {type(groups).__name__}")
    if not groups.index.equals(values.index):
        raise ValueError("groups must have exactly the same index as the values")
