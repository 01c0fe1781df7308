"""The numeric fast path of the responses reader: a well-formed CSV read as numbers.

A responses file holds mostly numbers (items, interface ratings, ranks), and reading each of its
millions of cells as a Python string costs more than the whole analysis. The plain file is read
from its bytes (:mod:`.response_bytes`); when that reader leaves a file (anything unusual in it),
pandas' C parser reads it in chunks of :data:`CHUNK_ROWS` rows and gives the answer columns as
floats; their checks (integers within the scale, at most so many units rated, never one's own
unit) run on whole arrays. The ``NA`` marks reach the parser as a number (:mod:`.na_stream`), so
that a column holding a few stays a column of floats. A column the parser could not read as numbers (``n/a``,
stray text) is checked cell by cell by the same functions as the slow path (``response_cells``);
the string columns (segments, choices, free texts) are always.

This path only ever *accepts* a file. At the first thing it does not handle (an XLSX workbook, a
blank line above the header, a nameless or repeated column, a NUL byte, a row wider than the
header, a file that does not end with a line break, a problem in any cell), it answers ``None``
and :func:`~eclaire.core.interchange.responses.read_responses` reads the file again the slow way,
which finds and words the problems: the messages of a refusal are the slow path's, by
construction. A file it accepts gives the same table as the slow path (``tests/core/interchange/
test_interchange_fast.py`` compares both on the test data and on mutated files).
"""

from __future__ import annotations

import codecs
import contextlib
import io
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TypeAlias

import numpy as np
import pandas as pd
from pandas.arrays import SparseArray

from eclaire.core.instrument import Instrument, Scale
from eclaire.core.interchange.cells import NA_MARKS, integer_or_nan, stripped_with_filled
from eclaire.core.interchange.csv_text import BLANK_LINE, sniff_delimiter, unquoted
from eclaire.core.interchange.formulas import QUOTE, restore
from eclaire.core.interchange.na_stream import (
    MARK,
    SENTINEL,
    SENTINEL_VALUE,
    MarkedStream,
    unmark_texts,
)
from eclaire.core.interchange.problems import ProblemLog
from eclaire.core.interchange.reading import CSV_SUFFIXES, FileBytes, RawTable, Source
from eclaire.core.interchange.response_bytes import (
    NA_CODE,
    Bounds,
    header_cells,
    read_bytes,
    sparse_ratings,
)
from eclaire.core.interchange.response_columns import ResponseColumns, classify_columns

CHUNK_ROWS = 10_000
"""Rows parsed at once: bounds the memory of the dense number block (rows × columns floats)."""
HEAD_BYTES = 1 << 20
SPARSE_RATING = pd.SparseDtype("float64", np.nan)
SPARSE_MARK = pd.SparseDtype(bool, False)


Column: TypeAlias = pd.Series | SparseArray
"""An answer column read: a series indexed by spreadsheet rows, or a sparse array in their order."""


class Declined(Exception):
    """The fast path does not take this file; the slow path reads it."""


@dataclass(frozen=True, eq=False)
class NumericRead:
    """A file read by the fast path, before the row checks shared with the slow path.

    ``table``: the string columns (segments, choices, texts) as stripped strings, index =
    spreadsheet rows; ``values`` and ``na``: the item, interface and rank columns already checked,
    in ``table.frame.index`` order (interfaces as sparse arrays, the others as series).
    """

    table: RawTable
    columns: ResponseColumns
    values: dict[str, Column]
    na: dict[str, Column]


@dataclass(frozen=True)
class _Numeric:
    """One answer column read as numbers: its scale, whether NA is allowed, how it is named."""

    name: str
    scale: Scale
    allow_na: bool
    what: str = "an integer"


def read_numeric(
    path: Source, instrument: Instrument, units: frozenset[str], priorities: tuple[str, ...]
) -> NumericRead | None:
    """The file read and its answer columns checked, or ``None`` if the slow path must read it."""
    try:
        return _read(
            path if isinstance(path, FileBytes) else Path(path), instrument, units, priorities
        )
    except (Declined, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeError, OSError):
        return None


def _read(
    path: Path | FileBytes,
    instrument: Instrument,
    units: frozenset[str],
    priorities: tuple[str, ...],
) -> NumericRead:
    if path.suffix.lower() not in CSV_SUFFIXES:
        raise Declined
    delimiter = _check_bytes(path)
    raw = header_cells(path, delimiter) or _header(path, delimiter)
    names = [v.strip() for v in raw]
    if any(not n or n.startswith(QUOTE) for n in names) or len(set(names)) != len(names):
        raise Declined
    positions = {n: i for i, n in enumerate(names)}
    log = ProblemLog(path.name)
    log.locate(None, positions)
    columns = classify_columns(
        RawTable(log.file, None, pd.DataFrame(), positions, 1), log, instrument, units, priorities
    )
    if log:
        raise Declined
    numeric = _numeric_columns(instrument, columns)
    strings = [n for n in names if n not in numeric]
    dtype = {raw[positions[n]]: object for n in strings}
    interface = {c.column for c in columns.interfaces}
    bounds = {
        n: Bounds(s.scale.min, s.scale.max, s.allow_na, n in interface) for n, s in numeric.items()
    }
    plain = read_bytes(path, delimiter, raw, bounds)
    sparse: dict[str, tuple[SparseArray, SparseArray]] = {}
    if plain is not None:
        frames, dense, sparse = [plain.frame], plain.dense, plain.sparse
    else:
        marked = not any("\n" in r or "\r" in r for r in raw)  # a one-line header (na_stream)
        frames, dense = _parse(path, delimiter, dtype, names, numeric, strings, columns, marked)
    if not frames or not sum(len(f) for f in frames):
        raise Declined
    frame = pd.concat(frames)
    table = RawTable(log.file, None, frame, positions, 1)
    values, na = _columns(table, columns, dense, sparse)
    _check_interfaces(table, columns, values, na, instrument.interface_max_units)
    return NumericRead(table, columns, values, na)


def _header(path: Path | FileBytes, delimiter: str) -> list[str]:
    """The header cells as pandas reads them (when ``response_bytes`` finds it unusual)."""
    header = pd.read_csv(
        _input(path),
        sep=delimiter,
        header=None,
        nrows=1,
        dtype=object,
        na_filter=False,
        encoding="utf-8-sig",
        engine="c",
    ).iloc[0]
    return [str(v) for v in header.tolist()]


def _input(path: Path | FileBytes) -> Path | io.BytesIO:
    return io.BytesIO(path.data) if isinstance(path, FileBytes) else path


def _parse(
    path: Path | FileBytes,
    delimiter: str,
    dtype: Mapping[str, Any],
    names: list[str],
    numeric: dict[str, _Numeric],
    strings: list[str],
    columns: ResponseColumns,
    marked: bool,
) -> tuple[list[pd.DataFrame], dict[str, np.ndarray]]:
    """The chunks gathered (:func:`_gather`); with ``marked``, the C parser reads the file
    through a :class:`~.na_stream.MarkedStream`, and the file is read again without it when
    the sentinel was in the file or when the sentinels met are not those written."""
    with contextlib.ExitStack() as stack:
        source: Path | io.BytesIO | MarkedStream = _input(path)
        stream = None
        if marked:
            raw: BinaryIO = (
                io.BytesIO(path.data)
                if isinstance(path, FileBytes)
                else stack.enter_context(path.open("rb"))
            )
            source = stream = MarkedStream(raw, delimiter)
        chunks = pd.read_csv(
            source,
            sep=delimiter,
            header=0,
            dtype=dtype,
            keep_default_na=False,
            na_values=[""],
            skip_blank_lines=False,
            chunksize=CHUNK_ROWS,
            low_memory=False,
            encoding="utf-8-sig",
            engine="c",
            quotechar='"',
        )
        with warnings.catch_warnings():
            # Text as plain objects: pandas 3's string dtype would copy every text cell once
            # more (a third of the reading time). The option is deprecated for pandas 4.
            warnings.simplefilter("ignore", DeprecationWarning)
            with pd.option_context("future.infer_string", False):
                frames, dense, met = _gather(chunks, names, numeric, strings, columns, marked)
    if stream is not None and (not stream.clean or met != stream.written):
        return _parse(path, delimiter, dtype, names, numeric, strings, columns, False)
    return frames, dense


def _gather(
    chunks: Iterable[pd.DataFrame],
    names: list[str],
    numeric: dict[str, _Numeric],
    strings: list[str],
    columns: ResponseColumns,
    marked: bool,
) -> tuple[list[pd.DataFrame], dict[str, np.ndarray], int]:
    """The chunks' string columns, and their answer columns end to end; an interface column is
    kept as its filled cells only (row positions, then values), so that 2,000 mostly empty
    columns never stand dense in memory. Last, the sentinels met (``marked``, na_stream)."""
    interface = {c.column for c in columns.interfaces}
    frames: list[pd.DataFrame] = []
    pieces: dict[str, list[np.ndarray]] = {n: [] for n in numeric}
    offset = met = 0
    for chunk in chunks:
        texts, values, count = _chunk(chunk.set_axis(names, axis=1), numeric, strings, marked)
        met += count
        frames.append(texts)
        for name, value in values.items():
            if name in interface:
                at = np.flatnonzero(~np.isnan(value))
                pieces[name].append(np.concatenate([at + offset, value[at]]))
            else:
                pieces[name].append(value)
        offset += len(texts)
    dense = {n: np.concatenate(p) if p else np.empty(0) for n, p in pieces.items()}
    for name in interface:  # positions and values were interleaved per chunk: regroup them
        parts = pieces[name]
        half = [len(p) // 2 for p in parts]
        dense[name] = (
            np.concatenate(
                [
                    np.concatenate([p[:h] for p, h in zip(parts, half, strict=True)]),
                    np.concatenate([p[h:] for p, h in zip(parts, half, strict=True)]),
                ]
            )
            if parts
            else np.empty(0)
        )
    return frames, dense, met


def _check_bytes(path: Path | FileBytes) -> str:
    """The delimiter; declines what the slow path treats specially (see the module docstring)."""
    with io.BytesIO(path.data) if isinstance(path, FileBytes) else path.open("rb") as file:
        head = file.read(HEAD_BYTES)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise Declined
        block = head
        while block:
            if b"\x00" in block:
                raise Declined
            block = file.read(HEAD_BYTES)
        file.seek(0, 2)
        if file.tell() == 0:
            raise Declined
        file.seek(-1, 2)
        if file.read(1) not in (b"\n", b"\r"):
            raise Declined
    text = head.decode("utf-8-sig", errors="ignore")
    if BLANK_LINE.match(text) or not text.strip():
        raise Declined
    return sniff_delimiter(text)


def _numeric_columns(instrument: Instrument, columns: ResponseColumns) -> dict[str, _Numeric]:
    out = {
        name: _Numeric(name, instrument.scale_of(item), item.not_applicable)
        for name, item in columns.items
        if item.kind != "choice"
    }
    for c in columns.interfaces:
        out[c.column] = _Numeric(c.column, instrument.scale_of(c.item), c.item.not_applicable)
    rank_scale = Scale("rank", 1, max(len(columns.priorities), 1))
    for name in columns.ranks:
        out[name] = _Numeric(name, rank_scale, False, "a rank")
    return out


def _chunk(
    chunk: pd.DataFrame, numeric: dict[str, _Numeric], strings: list[str], marked: bool
) -> tuple[pd.DataFrame, dict[str, np.ndarray], int]:
    """One chunk: its string columns stripped, its answer columns as floats (NaN empty) or, when
    a column held text, as the float of each value (NA marks kept aside as -1 for now); with
    ``marked``, the sentinels of na_stream read back, and counted (last)."""
    if not isinstance(chunk.index, pd.RangeIndex):
        raise Declined  # the parser took the first column as an index: a row is too wide
    rows = chunk.index.to_numpy() + 2
    texts = chunk[strings].astype(object).where(chunk[strings].notna(), "")
    met = 0
    if marked and strings:
        texts, met = unmark_texts(texts)
    texts = texts.apply(unquoted) if strings else texts
    texts, filled = stripped_with_filled(texts)
    used = filled.to_numpy().any(axis=1) if strings else np.zeros(len(chunk), dtype=bool)
    dense: dict[str, np.ndarray] = {}
    for name, spec in numeric.items():
        column = chunk[name]
        if column.dtype.kind in "fiu":
            value = column.to_numpy(dtype=np.float64)
            known = ~np.isnan(value)
            fits = (
                (value >= spec.scale.min) & (value <= spec.scale.max) & (value == np.floor(value))
            )
            mark = value == SENTINEL_VALUE if marked else np.zeros(len(value), dtype=bool)
            if (known & ~fits & ~mark).any() or (mark.any() and not spec.allow_na):
                raise Declined
            if mark.any():
                met += int(mark.sum())
                value = np.where(mark, NA_CODE, value)
            dense[name] = value
        elif column.dtype == object or isinstance(column.dtype, pd.StringDtype):
            dense[name], count = _text_numbers(column, spec, marked)
            met += count
        else:
            raise Declined  # True/False and the like: the slow path says what was expected
        used |= ~np.isnan(dense[name])
    texts.index = rows
    if used.all():  # the usual case: no empty row to drop, no copy of 2,000 columns
        return texts, dense, met
    return texts[used], {n: v[used] for n, v in dense.items()}, met


def _text_numbers(column: pd.Series, spec: _Numeric, marked: bool) -> tuple[np.ndarray, int]:
    """A column the parser left as text (an ``NA`` mark, spaces): each distinct value read as
    ``response_cells.scale_column`` reads it (formula quote removed, stripped); NA marks as
    :data:`NA_CODE`. Declines at the first value that would be a problem there. With
    ``marked``, na_stream's sentinel is ``NA`` again; the sentinels met come second."""
    codes, uniques = pd.factorize(column.to_numpy(dtype=object))  # empty cells: -1
    mapped = np.empty(len(uniques) + 1, dtype=np.float64)
    mapped[-1] = np.nan
    met = 0
    for at, raw in enumerate(uniques):
        if marked and isinstance(raw, str) and SENTINEL in raw:
            met += raw.count(SENTINEL) * int((codes == at).sum())
            raw = raw.replace(SENTINEL, MARK.decode())
        text = restore(raw).strip() if isinstance(raw, str) else ""
        if text == "":
            mapped[at] = np.nan
        elif text in NA_MARKS:
            if not spec.allow_na:
                raise Declined
            mapped[at] = NA_CODE
        else:
            number = integer_or_nan(text)
            if not spec.scale.min <= number <= spec.scale.max:
                raise Declined
            mapped[at] = number
    return mapped[codes], met


def _columns(
    table: RawTable,
    columns: ResponseColumns,
    dense: dict[str, np.ndarray],
    sparse: dict[str, tuple[SparseArray, SparseArray]],
) -> tuple[dict[str, Column], dict[str, Column]]:
    index = table.frame.index
    values: dict[str, Column] = {}
    na: dict[str, Column] = {}
    for name, item in columns.items:
        if item.kind != "choice":
            marks = dense[name] == NA_CODE
            values[name] = pd.Series(np.where(marks, np.nan, dense[name]), index=index)
            na[name] = pd.Series(marks & item.not_applicable, index=index)
    for c in columns.interfaces:
        found = sparse.get(c.column)
        values[c.column], na[c.column] = found or _sparse(dense.pop(c.column), len(index))
    for name in columns.ranks:
        values[name] = pd.Series(dense[name], index=index)
    return values, na


def _sparse(filled: np.ndarray, n: int) -> tuple[SparseArray, SparseArray]:
    """Interface ratings and their NA marks from the column's filled cells (their row positions,
    then their values, in one array)."""
    half = len(filled) // 2
    rows, values = filled[:half].astype(np.int32), filled[half:]
    rated = values != NA_CODE
    return sparse_ratings(rows[rated], values[rated], rows[~rated], n)


def _check_interfaces(
    table: RawTable,
    columns: ResponseColumns,
    values: dict[str, Column],
    na: dict[str, Column],
    max_units: int,
) -> None:
    """The rule of ``response_rules.check_interfaces`` (at most so many units rated per row, never
    one's own), on the filled cells only; declines on any breach."""
    if not columns.interfaces:
        return
    targets = sorted({c.to_unit for c in columns.interfaces})
    code = {u: i for i, u in enumerate(targets)}
    filled: dict[str, list[np.ndarray]] = {u: [] for u in targets}  # rows, per rated unit
    for c in columns.interfaces:
        filled[c.to_unit] += [_filled(values[c.column]), _filled(na[c.column])]
    own = table.column("unit_id").map(code).fillna(-1).to_numpy(dtype=np.int64)
    rated = []  # each row once per unit it rates: a few small sorts, not one of every cell
    for unit, parts in filled.items():
        rows = np.unique(np.concatenate(parts))
        if (own[rows] == code[unit]).any():
            raise Declined
        rated.append(rows)
    if (np.bincount(np.concatenate(rated), minlength=1) > max_units).any():
        raise Declined


def _filled(column: Column) -> np.ndarray:
    """The positions of a sparse column's stored cells."""
    array = column.array if isinstance(column, pd.Series) else column
    return np.asarray(array.sp_index.indices)
