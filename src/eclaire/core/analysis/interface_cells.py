"""Interface ratings in long form: one entry per answered ``if:<to_unit_id>:<item>`` cell.

A responses frame holds one ``if:`` column per rated unit and interface item (five per unit),
but a respondent rates at most a handful of units: the wide block is almost all ``NaN``. The
analysis reads it once into three aligned arrays (response row, column, value) and never again,
so its cost follows the ratings given, not units × items × respondents. Sparse columns
(``pd.SparseDtype("float64", nan)``, as the sample generator and the interchange reader give)
are read from their stored values without densifying; dense columns one at a time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = ["PREFIX", "InterfaceCells", "interface_cells", "is_interface_column"]

PREFIX = "if:"


def is_interface_column(column: object) -> bool:
    return isinstance(column, str) and column.startswith(PREFIX)


def _empty_int() -> np.ndarray:
    return np.empty(0, dtype=np.int64)


@dataclass(frozen=True)
class InterfaceCells:
    """Answered interface cells: ``row`` (position of the response), ``column`` (index in
    ``columns``), ``value`` (the answer as given, a float), aligned; ``columns`` are the
    ``if:`` column names of the frame, in frame order."""

    columns: tuple[str, ...] = ()
    row: np.ndarray = field(default_factory=_empty_int)
    column: np.ndarray = field(default_factory=_empty_int)
    value: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.float64))


def _column_cells(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Positions and values of the non-missing cells of one column (non-numbers are missing)."""
    array = series.array
    if isinstance(array, pd.arrays.SparseArray) and array.dtype.subtype.kind == "f":
        fill = array.fill_value
        if isinstance(fill, float) and math.isnan(fill):
            values = array.sp_values.astype(np.float64, copy=False)
            kept = ~np.isnan(values)
            return array.sp_index.indices[kept].astype(np.int64), values[kept]
    if isinstance(series.dtype, np.dtype) and series.dtype.kind == "f":
        values = series.to_numpy(dtype=np.float64, copy=False)
    else:
        values = pd.to_numeric(series, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    rows = np.flatnonzero(~np.isnan(values))
    return rows, values[rows]


def interface_cells(frame: pd.DataFrame, keep: np.ndarray | None = None) -> InterfaceCells:
    """The answered ``if:`` cells of ``frame``; with ``keep`` (a boolean mask of the rows),
    only the kept rows, numbered by their position among them."""
    columns = tuple(c for c in frame.columns if is_interface_column(c))
    rows, cols, values = [_empty_int()], [_empty_int()], [np.empty(0, dtype=np.float64)]
    for j, name in enumerate(columns):
        row, value = _column_cells(frame[name])
        rows.append(row)
        cols.append(np.full(len(row), j, dtype=np.int64))
        values.append(value)
    row, col, value = np.concatenate(rows), np.concatenate(cols), np.concatenate(values)
    if keep is not None:
        keep = np.asarray(keep, dtype=bool)
        position = np.cumsum(keep) - 1
        kept = keep[row]
        row, col, value = position[row[kept]], col[kept], value[kept]
    return InterfaceCells(columns=columns, row=row, column=col, value=value)
