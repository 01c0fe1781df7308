"""The cells of a CSV file: decoding, delimiter, and the damage a person can be told about.

The fast path is pandas' C parser. A file it refuses (rows wider than the header, a quote never
closed) is read again with the ``csv`` module to say which row is at fault; empty cells past the
header's width (a trailing delimiter at the end of each row) are accepted. Blank lines before the
header are skipped but still counted, so row numbers stay those a spreadsheet shows. A file whose
last row has fewer cells than the header and no line break after it was cut short, and is refused.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from eclaire.core.interchange.cells import per_value
from eclaire.core.interchange.formulas import QUOTE, restore
from eclaire.core.interchange.problems import ProblemLog

DELIMITERS = (",", ";", "\t")
NOT_UTF8 = "UTF-8 text: the file is not UTF-8: in Excel use 'CSV UTF-8' (Save as > CSV UTF-8)"
BLANK_LINE = re.compile(r'(?:[^\S\r\n]|[,;"])*(?:\r\n|\n|\r)')
"""A line without any value (spaces, delimiters and quotes only), before the header."""

csv.field_size_limit(2**31 - 1)  # a huge cell is reported by the length checks, not the parser


@dataclass(frozen=True)
class CsvCells:
    """The cells read (one row per record), the blank lines skipped above them, and whether
    the text holds a NUL character somewhere (cells are then checked for it)."""

    cells: pd.DataFrame
    skipped: int
    has_nul: bool = False


def csv_cells(data: bytes, log: ProblemLog) -> CsvCells | None:
    """The cells of a CSV file as strings, or ``None`` (with problems logged) if it cannot be read."""
    text = _decode(data, log)
    if text is None:
        return None
    text, skipped = _skip_blank_lines(text)
    if not text.strip():
        return CsvCells(pd.DataFrame(), skipped)
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
        )  # short rows hold NaN: the table reads them as empty cells
    except pd.errors.EmptyDataError:
        return CsvCells(pd.DataFrame(), skipped)
    except pd.errors.ParserError as err:
        unclosed = "EOF inside string" in str(err)
        cells = _careful_cells(text, delimiter, log, skipped, unclosed)
        if cells is None:
            return None
    if _cut_short(text, delimiter, log, len(cells) + skipped):
        return None
    cells = cells.apply(unquoted) if len(cells.columns) else cells
    return CsvCells(cells, skipped, "\x00" in text)


def unquoted(column: pd.Series) -> pd.Series:
    """Texts that a writer quoted against formula injection, given back as written (formulas)."""
    _, uniques = pd.factorize(column.to_numpy(dtype=object))  # each distinct text tested once
    if not any(isinstance(u, str) and u.startswith(QUOTE) for u in uniques):
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


def _skip_blank_lines(text: str) -> tuple[str, int]:
    skipped, at = 0, 0
    while (match := BLANK_LINE.match(text, at)) is not None:
        skipped, at = skipped + 1, match.end()
    return text[at:], skipped


def sniff_delimiter(text: str) -> str:
    """The delimiter of the first line with a value: the most frequent of ``,``, ``;`` and tab."""
    first = next((line for line in text.splitlines() if re.sub(r'[,;\t\s"]', "", line)), "")
    outside_quotes = re.sub(r'"[^"]*"', "", first)
    counts = [outside_quotes.count(d) for d in DELIMITERS]
    return DELIMITERS[int(np.argmax(counts))] if max(counts) else ","


def _careful_cells(
    text: str, delimiter: str, log: ProblemLog, skipped: int, unclosed: bool
) -> pd.DataFrame | None:
    """Slow path, only for a file the fast parser refused: name the rows at fault."""
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if unclosed and records:
        _unclosed_quote(records, log, skipped)
        return None
    if not records:
        return pd.DataFrame()
    width = len(records[0])
    wide = False
    for number, record in enumerate(records[1:], start=skipped + 2):
        extra = record[width:]
        if any(c.strip() for c in extra):
            wide = True
            log.add(
                f"at most {width} cells, one per header column (a stray {_name(delimiter)} or quote?)",
                row=number,
                value=delimiter.join(extra),
            )
    if wide:
        return None
    return pd.DataFrame([(r + [""] * width)[:width] for r in records], dtype=object)


def _unclosed_quote(records: list[list[str]], log: ProblemLog, skipped: int) -> None:
    """A quote opened and never closed swallows the rest of the file into one cell of its row."""
    record = records[-1]
    header = records[0]
    at = len(record) - 1
    log.add(
        'a closing quote (") for the quote opened in this row: without it the rest of the file '
        "is read as one cell (or the file was cut short: export it again)",
        row=len(records) + skipped,
        column=header[at] if 0 <= at < len(header) and len(records) > 1 else None,
        value=record[at].splitlines()[0] if record and record[at] else None,
    )


def _cut_short(text: str, delimiter: str, log: ProblemLog, last_row: int) -> bool:
    """No line break after a last row with fewer cells than the header: the file was cut."""
    if text.endswith(("\n", "\r")):
        return False
    last = text[max(text.rfind("\n"), text.rfind("\r")) + 1 :]
    if '"' in last:
        *_, record = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    else:
        record = last.split(delimiter)
    header = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    width = len(header)
    while width and not header[width - 1].strip():
        width -= 1
    if not any(c.strip() for c in record) or len(record) >= width:
        return False
    log.add(
        f"a complete row: the file ends in the middle of this row ({len(record)} of the "
        f"{width} cells of the header and no line break); it was probably cut short while being "
        "copied or downloaded: export it again",
        row=last_row,
        value=last,
    )
    return True


def _name(delimiter: str) -> str:
    return {",": "comma", ";": "semicolon", "\t": "tab"}[delimiter]
