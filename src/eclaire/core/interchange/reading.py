"""Reading a CSV or XLSX interchange file into a table of stripped strings.

Whatever the format, a file becomes a :class:`RawTable`: one column per header name (each name
once), every cell a string with surrounding spaces removed (``""`` for an empty cell), and the
index holding the row number a spreadsheet shows (the header is row 1 in a file that starts with
it). Wholly empty rows are dropped. The checks of each kind of file start from there.

CSV: UTF-8 with or without a byte-order mark; the delimiter (``,``, ``;`` or tab) is taken from the
header line. XLSX: the sheet named after the kind of file (``units``, ``roster``, ``responses``) if
there is one, else the only sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from eclaire.core.interchange.cells import stripped_with_filled
from eclaire.core.interchange.csv_text import csv_cells
from eclaire.core.interchange.problems import ImportProblems, ProblemLog, column_letter
from eclaire.core.interchange.workbook import xlsx_cells

CSV_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})


@dataclass(frozen=True)
class FileBytes:
    """A file held in memory (an upload), read like a file on disk: ``name`` gives its suffix."""

    name: str
    data: bytes

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix


Source = Path | FileBytes
"""Where a file is read from: a path on disk, or bytes in memory that never touch the disk."""


@dataclass(frozen=True, eq=False)
class RawTable:
    """A file's cells as stripped strings; ``frame.index`` holds spreadsheet row numbers.

    ``filled``: a bool frame like ``frame``, true where the cell is not empty (computed once while
    the cells are stripped: comparing millions of strings again costs seconds).
    """

    file: str
    sheet: str | None
    frame: pd.DataFrame
    positions: dict[str, int]
    header_row: int
    filled: pd.DataFrame | None = None

    def filled_cells(self, names: list[str]) -> pd.DataFrame:
        """Whether each cell of these columns (all in the table) is not empty."""
        if self.filled is not None:
            return self.filled[names]
        return self.frame[names] != ""

    def column(self, name: str) -> pd.Series:
        """The column's cells, or empty strings when the file has no such column."""
        if name in self.frame.columns:
            return self.frame[name]
        return pd.Series("", index=self.frame.index, dtype=object)


def open_table(path: Source, kind: str) -> tuple[RawTable, ProblemLog]:
    """Read ``path`` as a file of ``kind``; raises :class:`ImportProblems` if it cannot be read."""
    log = ProblemLog(path.name if isinstance(path, FileBytes) else Path(path).name)
    table = read_table(path, kind, log)
    if table is None:
        raise ImportProblems(log.problems, log.total)
    return table, log


def read_table(path: Source, kind: str, log: ProblemLog) -> RawTable | None:
    """Read ``path``; file-level problems go to ``log`` and give ``None`` when nothing can be read."""
    if not isinstance(path, FileBytes):
        path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        log.add(
            "an .xlsx workbook or a CSV file: open this old .xls file in Excel and save it as .xlsx"
        )
        return None
    if suffix not in CSV_SUFFIXES | XLSX_SUFFIXES:
        log.add(f"a .csv or .xlsx file, not {suffix or 'a file without suffix'}")
        return None
    try:
        data = path.data if isinstance(path, FileBytes) else path.read_bytes()
    except OSError as err:
        log.add(f"a readable file ({err.strerror or err})")
        return None
    if suffix in XLSX_SUFFIXES:
        sheet, cells = xlsx_cells(data, kind, log)
        if cells is None:
            return None
        return _table(log, sheet, cells, skipped=0, has_nul=True)
    read = csv_cells(data, log)
    if read is None:
        return None
    return _table(log, None, read.cells, skipped=read.skipped, has_nul=read.has_nul)


# -- header and rows ---------------------------------------------------------------------------
def _table(
    log: ProblemLog, sheet: str | None, cells: pd.DataFrame, *, skipped: int, has_nul: bool
) -> RawTable | None:
    """The header and the rows below it; ``skipped`` blank lines above ``cells`` count as rows."""
    cells, filled_frame = stripped_with_filled(cells)
    filled = filled_frame.to_numpy()
    used = np.asarray(filled.any(axis=1) if filled.size else np.zeros(len(cells)), dtype=bool)
    if not used.any():
        log.add("a header row and at least one data row; the file is empty")
        return None
    first = int(np.argmax(used))
    header_row = skipped + first + 1
    body = cells.iloc[first + 1 :][used[first + 1 :]]
    body.index = pd.RangeIndex(header_row + 1, skipped + len(cells) + 1)[used[first + 1 :]]
    positions = _header(log, sheet, cells.iloc[first], body, header_row)
    frame = body[list(positions.values())].set_axis(list(positions), axis=1)
    body_filled = filled_frame.iloc[first + 1 :][used[first + 1 :]]
    body_filled.index = body.index
    body_filled = body_filled[list(positions.values())].set_axis(list(positions), axis=1)
    if frame.empty:
        log.add("at least one data row below the header", row=header_row + 1)
    log.locate(sheet, positions)
    if has_nul:
        _check_nul(log, frame)
    return RawTable(log.file, sheet, frame, positions, header_row, body_filled)


def _check_nul(log: ProblemLog, frame: pd.DataFrame) -> None:
    """NUL characters are refused: no person types one, and PostgreSQL cannot store them."""
    for name in frame.columns:
        column = frame[name]
        held = column.str.contains("\x00", regex=False).to_numpy(dtype=bool)
        log.add_rows(
            held,
            name,
            column.str.replace("\x00", "\\0", regex=False),
            "text without NUL characters (\\0): the file is damaged or was not saved as text",
        )


def _header(
    log: ProblemLog, sheet: str | None, header: pd.Series, body: pd.DataFrame, header_row: int
) -> dict[str, int]:
    """Column name -> 0-based position, each name once; nameless or repeated columns are problems."""
    log.locate(sheet, {})
    positions: dict[str, int] = {}
    for pos, name in enumerate(header.tolist()):
        if name == "":
            if (body[pos] != "").any():
                log.add(
                    "a column name in the header (this column has values but no name)",
                    row=header_row,
                    pos=pos,
                )
            continue
        if name in positions:
            log.add(
                f"each column once ({name!r} is already {_column_ref(sheet, positions[name])})",
                row=header_row,
                column=name,
                pos=pos,
            )
            continue
        positions[name] = pos
    return positions


def _column_ref(sheet: str | None, pos: int) -> str:
    return f"column {column_letter(pos + 1)}" if sheet is not None else f"column {pos + 1}"
