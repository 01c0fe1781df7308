"""Writing a table as an interchange file that the readers of this package read back.

Texts a spreadsheet would run as formulas are neutralized (``eclaire.core.interchange.formulas``):
quoted in CSV, written as quote-prefixed text cells in XLSX; the readers give back the original.
"""

from __future__ import annotations

import io
import os
import secrets
from pathlib import Path
from typing import IO, TYPE_CHECKING

import numpy as np
import pandas as pd

from eclaire.core.interchange.formulas import is_formula_like, neutralize, neutralize_column
from eclaire.core.interchange.reading import CSV_SUFFIXES, XLSX_SUFFIXES

if TYPE_CHECKING:  # openpyxl (a tenth of a second to import) only when a workbook is written
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet


def write_table(
    frame: pd.DataFrame,
    path: Path,
    *,
    not_applicable: pd.DataFrame | None = None,
    sheet: str | None = None,
) -> None:
    """Write ``frame`` as CSV (UTF-8 with a byte-order mark, comma) or XLSX, chosen by suffix.

    Booleans become ``yes``/``no``, whole floats integers, missing values empty cells, and cells
    marked in ``not_applicable`` (same index, a subset of the columns) ``NA``. The XLSX sheet is
    named ``sheet``, by default after the file (``responses.xlsx`` -> ``responses``). The file
    appears whole or not at all. No text is written as a live formula (module docstring).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES | XLSX_SUFFIXES:
        raise ValueError(f"cannot write {path.name}: use a .csv or .xlsx suffix")
    cells = export_cells(frame, not_applicable)
    # A hidden name beside the target, renamed at the end; created with the usual permissions.
    tmp = path.with_name(f".{path.stem}.{secrets.token_hex(6)}.tmp{suffix}")
    try:
        if suffix in XLSX_SUFFIXES:
            _write_xlsx(cells, tmp, (sheet or path.stem)[:31])
        else:
            _safe_csv_cells(cells).to_csv(
                tmp, index=False, encoding="utf-8-sig", lineterminator="\n"
            )
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def table_bytes(frame: pd.DataFrame, kind: str, *, sheet: str = "table") -> bytes:
    """``frame`` as the bytes of a CSV (``kind="csv"``) or XLSX (``"xlsx"``) file, written by the
    same rules as :func:`write_table` (formula-safe cells), without touching the disk."""
    cells = export_cells(frame)
    if kind == "xlsx":
        buffer = io.BytesIO()
        _write_xlsx(cells, buffer, sheet[:31])
        return buffer.getvalue()
    if kind == "csv":
        text = _safe_csv_cells(cells).to_csv(index=False, lineterminator="\n")
        return ("\ufeff" + text).encode("utf-8")
    raise ValueError(f"unknown table format {kind!r}: use 'csv' or 'xlsx'")


def _safe_csv_cells(cells: pd.DataFrame) -> pd.DataFrame:
    return cells.apply(neutralize_column).set_axis([neutralize(c) for c in cells.columns], axis=1)


def _write_xlsx(cells: pd.DataFrame, path: Path | IO[bytes], sheet: str) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    rows = book.create_sheet(sheet)
    rows.append([_xlsx_cell(rows, str(c)) for c in cells.columns])
    for row in cells.itertuples(index=False, name=None):
        rows.append([_xlsx_cell(rows, value) for value in row])
    book.save(path)


def _xlsx_cell(rows: WriteOnlyWorksheet, value: object) -> object:
    """A text that looks like a formula as a quote-prefixed text cell; other values as they are."""
    if not (isinstance(value, str) and is_formula_like(value)):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(rows, value=value)
    cell.data_type = "s"  # openpyxl would store a text beginning with "=" as a formula
    cell.quotePrefix = True
    return cell


def export_cells(frame: pd.DataFrame, not_applicable: pd.DataFrame | None = None) -> pd.DataFrame:
    """The cells as they are written: strings, integers, or ``None`` for an empty cell."""
    out = {}
    for name in frame.columns:
        column = frame[name]
        if pd.api.types.is_bool_dtype(column):
            out[name] = column.map({True: "yes", False: "no"}).astype(object)
        elif pd.api.types.is_float_dtype(column) and _whole(column):
            out[name] = column.astype("Int64").astype(object)
        else:
            out[name] = column.astype(object)
        out[name] = out[name].where(out[name].notna(), None)
    cells = pd.DataFrame(out, index=frame.index, columns=frame.columns)
    if not_applicable is not None:
        marks = not_applicable.reindex(index=frame.index).fillna(False).astype(bool)
        for name in marks.columns.intersection(cells.columns):
            cells.loc[marks[name].to_numpy(), name] = "NA"
    return cells


def _whole(column: pd.Series) -> bool:
    values = column.to_numpy(dtype=np.float64)
    finite = values[~np.isnan(values)]
    return bool(np.all(finite == np.round(finite)))
