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

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from eclaire.core.interchange.cells import per_value, stripped_with_filled
from eclaire.core.interchange.formulas import QUOTE, restore
from eclaire.core.interchange.problems import ImportProblems, ProblemLog, column_letter

CSV_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
DELIMITERS = (",", ";", "\t")
NOT_UTF8 = "UTF-8 text: the file is not UTF-8: in Excel use 'CSV UTF-8' (Save as > CSV UTF-8)"


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


def open_table(path: Path, kind: str) -> tuple[RawTable, ProblemLog]:
    """Read ``path`` as a file of ``kind``; raises :class:`ImportProblems` if it cannot be read."""
    log = ProblemLog(Path(path).name)
    table = read_table(path, kind, log)
    if table is None:
        raise ImportProblems(log.problems, log.total)
    return table, log


def read_table(path: Path, kind: str, log: ProblemLog) -> RawTable | None:
    """Read ``path``; file-level problems go to ``log`` and give ``None`` when nothing can be read."""
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
        data = path.read_bytes()
    except OSError as err:
        log.add(f"a readable file ({err.strerror or err})")
        return None
    if suffix in XLSX_SUFFIXES:
        sheet, cells = _xlsx_cells(data, kind, log)
    else:
        sheet, cells = None, _csv_cells(data, log)
    if cells is None:
        return None
    return _table(log, sheet, cells)


# -- CSV ---------------------------------------------------------------------------------------
def _csv_cells(data: bytes, log: ProblemLog) -> pd.DataFrame | None:
    text = _decode(data, log)
    if text is None:
        return None
    delimiter = sniff_delimiter(text)
    try:
        cells = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            dtype=object,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
            quotechar='"',
        )
    except pd.errors.EmptyDataError:
        return pd.DataFrame()
    except pd.errors.ParserError:
        _report_ragged_rows(text, delimiter, log)
        return None
    # Short rows hold NaN: _table reads them as empty cells.
    return cells.apply(_unquoted) if len(cells.columns) else cells


def _unquoted(column: pd.Series) -> pd.Series:
    """Texts that a writer quoted against formula injection, given back as written (formulas)."""
    if not column.str.startswith(QUOTE, na=False).any():
        return column
    values = per_value(column, lambda v: restore(v) if isinstance(v, str) else v)
    return pd.Series(values, index=column.index, dtype=object)


def _decode(data: bytes, log: ProblemLog) -> str | None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        log.add(NOT_UTF8 + " (this one is UTF-16)")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        row = data.count(b"\n", 0, err.start) + 1
        log.add(NOT_UTF8, row=row, value=_field_around(data, err.start))
        return None


def _field_around(data: bytes, at: int) -> str:
    """The field holding byte ``at``, read as Windows-1252 so a person recognizes it."""
    stops = b",;\t\r\n"
    start, end = at, at
    while start > 0 and data[start - 1] not in stops:
        start -= 1
    while end < len(data) and data[end] not in stops:
        end += 1
    return data[start:end].decode("cp1252", errors="replace").strip().strip('"')


def sniff_delimiter(text: str) -> str:
    """The delimiter of the first line with a value: the most frequent of ``,``, ``;`` and tab."""
    first = next((line for line in text.splitlines() if re.sub(r'[,;\t\s"]', "", line)), "")
    outside_quotes = re.sub(r'"[^"]*"', "", first)
    counts = [outside_quotes.count(d) for d in DELIMITERS]
    return DELIMITERS[int(np.argmax(counts))] if max(counts) else ","


def _report_ragged_rows(text: str, delimiter: str, log: ProblemLog) -> None:
    """Slow path, only for a broken file: name every row with more cells than the header."""
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    width: int | None = None
    for number, row in enumerate(rows, start=1):
        if width is None:
            width = len(row) if any(c.strip() for c in row) else None
            continue
        extra = row[width:]
        if any(c.strip() for c in extra):
            log.add(
                f"at most {width} cells, one per header column (a stray {_name(delimiter)} or quote?)",
                row=number,
                value=delimiter.join(extra),
            )


def _name(delimiter: str) -> str:
    return {",": "comma", ";": "semicolon", "\t": "tab"}[delimiter]


# -- XLSX --------------------------------------------------------------------------------------
def _xlsx_cells(data: bytes, kind: str, log: ProblemLog) -> tuple[str | None, pd.DataFrame | None]:
    from openpyxl import load_workbook  # only for workbooks: its import alone takes 0.2 s
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        log.add(
            "an Excel workbook (.xlsx); this file is not one: save it from Excel as .xlsx, or as 'CSV UTF-8'"
        )
        return None, None
    try:
        name = _pick_sheet(book.sheetnames, kind, log)
        if name is None:
            return None, None
        sheet = book[name]
        sheet.reset_dimensions()  # some tools write wrong dimensions; read what is there
        rows = list(sheet.iter_rows(values_only=True))
    finally:
        book.close()
    width = max((len(r) for r in rows), default=0)
    cells = pd.DataFrame([r + (None,) * (width - len(r)) for r in rows], dtype=object)
    return name, cells.apply(_cell_texts) if len(cells.columns) else cells


def _pick_sheet(names: list[str], kind: str, log: ProblemLog) -> str | None:
    matching = [n for n in names if n.strip().lower() == kind]
    if matching:
        return matching[0]
    if len(names) == 1:
        return names[0]
    found = ", ".join(repr(n) for n in names)
    log.add(f"a sheet named {kind!r}, or a single sheet (sheets found: {found})")
    return None


def _cell_texts(column: pd.Series) -> pd.Series:
    return column.map(_cell_text).astype(object)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


# -- header and rows ---------------------------------------------------------------------------
def _table(log: ProblemLog, sheet: str | None, cells: pd.DataFrame) -> RawTable | None:
    cells, filled_frame = stripped_with_filled(cells)
    filled = filled_frame.to_numpy()
    used = np.asarray(filled.any(axis=1) if filled.size else np.zeros(len(cells)), dtype=bool)
    if not used.any():
        log.add("a header row and at least one data row; the file is empty")
        return None
    first = int(np.argmax(used))
    header_row = first + 1
    body = cells.iloc[first + 1 :][used[first + 1 :]]
    body.index = pd.RangeIndex(first + 2, len(cells) + 1)[used[first + 1 :]]
    positions = _header(log, sheet, cells.iloc[first], body, header_row)
    frame = body[list(positions.values())].set_axis(list(positions), axis=1)
    body_filled = filled_frame.iloc[first + 1 :][used[first + 1 :]]
    body_filled.index = body.index
    body_filled = body_filled[list(positions.values())].set_axis(list(positions), axis=1)
    if frame.empty:
        log.add("at least one data row below the header", row=header_row + 1)
    log.locate(sheet, positions)
    return RawTable(log.file, sheet, frame, positions, header_row, body_filled)


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
