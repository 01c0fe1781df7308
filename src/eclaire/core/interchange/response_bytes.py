"""The usual responses file read straight from its bytes, with numpy.

Nearly every cell of a responses file is empty or one digit (items, interface ratings, ranks), and
the interface block is thousands of columns wide and mostly empty. The cells are found in the
bytes (:mod:`.csv_bytes`); an answer cell's value is its byte minus ``"0"``, checked against its
scale on whole arrays, and only the string cells (segments, choices, free texts) become Python
strings, decoded all at once.

It reads only the plain case: what :mod:`.csv_bytes` reads, valid UTF-8, and each answer cell
empty, one digit within its scale or ``NA`` where allowed. At anything else it gives ``None`` and
the pandas reader of ``responses_fast`` reads the file (which in turn leaves the file to the
exact reader when something is wrong): the answers of those readers are the reference, and
``tests/core/interchange/test_interchange_bytes.py`` checks that this one gives the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from pandas.arrays import SparseArray

from eclaire.core.interchange.csv_bytes import (
    Cells,
    Unusual,
    block_cells,
    blocks,
    first_bytes,
    first_record,
    without_header,
)
from eclaire.core.interchange.formulas import restore
from eclaire.core.interchange.reading import FileBytes

NA_CODE = -1.0
"""A "not applicable" answer while the blocks are gathered (no scale starts below 0)."""
_NA = (ord("N"), ord("A"))
_QUOTE, _ZERO = ord('"'), ord("0")


@dataclass(frozen=True, eq=False)
class Read:
    """What :func:`read_bytes` gives: the string columns (stripped, index = spreadsheet rows,
    empty rows left out); the item and rank columns as floats (``NaN`` empty, :data:`NA_CODE`
    for NA) over those rows; each interface column as its ratings and NA marks, sparse."""

    frame: pd.DataFrame
    dense: dict[str, np.ndarray]
    sparse: dict[str, tuple[SparseArray, SparseArray]]


_Found = tuple[np.ndarray, np.ndarray, np.ndarray]
"""Answer cells: record, column (a place among a kind of column), value."""


@dataclass(frozen=True)
class Bounds:
    """An answer column: the integers it takes, whether ``NA`` is allowed, whether it is an
    interface column (kept as its filled cells only)."""

    low: int
    high: int
    allow_na: bool
    interface: bool


def read_bytes(
    path: Path | FileBytes, delimiter: str, header: list[str], answers: Mapping[str, Bounds]
) -> Read | None:
    """The file read (:class:`Read`), or ``None`` for a file this reader leaves to the others.
    ``header``: the header cells as pandas reads them; ``answers``: the answer columns."""
    try:
        return _read(path, delimiter.encode(), header, answers)
    except (Unusual, UnicodeDecodeError, OSError):
        return None


def header_cells(path: Path | FileBytes, delimiter: str) -> list[str] | None:
    """The cells of the header record as pandas reads them, or ``None`` if it is unusual."""
    try:
        block = next(blocks(FileBytes("head", first_bytes(path)), delimiter.encode()[0]))
        return first_record(block.buf, block_cells(block, delimiter.encode()[0], None))
    except (Unusual, UnicodeDecodeError, OSError, StopIteration):
        return None


@dataclass(frozen=True)
class _Layout:
    """Per column position: its answer slot (-1 for a string column) or its string slot; per
    answer slot: its bounds, whether it is an interface column, its place among its kind."""

    width: int
    slot: np.ndarray
    text_slot: np.ndarray
    low: np.ndarray
    high: np.ndarray
    allow_na: np.ndarray
    interface: np.ndarray
    group: np.ndarray


def _layout(header: list[str], answers: Mapping[str, Bounds]) -> _Layout:
    names = [h.strip() for h in header]
    numeric = {n: j for j, n in enumerate(n for n in names if n in answers)}
    strings = {n: j for j, n in enumerate(n for n in names if n not in answers)}
    bounds = [answers[n] for n in numeric]
    return _Layout(
        len(names),
        np.array([numeric.get(n, -1) for n in names], dtype=np.int64),
        np.array([strings.get(n, -1) for n in names], dtype=np.int64),
        np.array([b.low for b in bounds], dtype=np.float64),
        np.array([b.high for b in bounds], dtype=np.float64),
        np.array([b.allow_na for b in bounds], dtype=bool),
        np.array([b.interface for b in bounds], dtype=bool),
        np.array(
            _places([b.interface for b in bounds]),
            dtype=np.int16 if len(bounds) < 2**14 else np.int32,
        ),
    )


def _places(flags: list[bool]) -> list[int]:
    """Each answer column's place among those of its kind (interface or not)."""
    seen = {True: 0, False: 0}
    out = []
    for flag in flags:
        out.append(seen[flag])
        seen[flag] += 1
    return out


def _read(
    path: Path | FileBytes, delimiter: bytes, header: list[str], answers: Mapping[str, Bounds]
) -> Read:
    layout = _layout(header, answers)
    records = 0
    found: list[tuple[_Found, _Found]] = []  # answers, see _answers
    texts: list[tuple[np.ndarray, np.ndarray, list[str]]] = []  # strings: record, slot, text
    for number, block in enumerate(blocks(path, delimiter[0])):
        cells = block_cells(block, delimiter[0], layout.width)
        if number == 0:
            cells = without_header(block.buf, cells, header)
        found.append(_answers(block.buf, cells, layout, records))
        texts.append(_texts(block.buf, cells, layout, records))
        records += cells.records
    if records == 0:
        raise Unusual
    return _assemble(layout, header, answers, records, found, texts)


def _answers(buf: np.ndarray, cells: Cells, layout: _Layout, offset: int) -> tuple[_Found, _Found]:
    """The block's answer cells, items and ranks first (record counted from the file's first,
    the column's place among them, value), then interfaces (record, the column's place among
    them × 2 + 1 for NA, value). Small types: 200,000 rows hold 15 million answer cells."""
    slot = layout.slot[cells.col]
    mine = slot >= 0
    slot, start, length = slot[mine], cells.start[mine], (cells.end - cells.start)[mine]
    first = buf[start]
    digit = first.astype(np.int16) - _ZERO
    one = length == 1
    na = (length == 2) & (first == _NA[0]) & (buf[start + 1] == _NA[1])
    fits = one & (digit >= layout.low[slot]) & (digit <= layout.high[slot])
    if not (fits | (na & layout.allow_na[slot])).all():
        raise Unusual
    value = np.where(one, digit, NA_CODE).astype(np.int8)
    rec = (cells.rec[mine] + offset).astype(np.int32)
    place = layout.group[slot]
    sparse = layout.interface[slot]
    dense = ~sparse
    key = place[sparse] * 2 + na[sparse]
    return (
        (rec[dense], place[dense], value[dense]),
        (rec[sparse], key.astype(np.int16 if len(layout.low) < 2**14 else np.int32), value[sparse]),
    )


def _texts(
    buf: np.ndarray, cells: Cells, layout: _Layout, offset: int
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The block's string cells: record (counted from the file's first), string slot, text
    (quotes taken off). All decoded at once: their bytes gathered, a NUL after each."""
    slot = layout.text_slot[cells.col]
    mine = slot >= 0
    start, end = cells.start[mine], cells.end[mine]
    quoted = buf[start] == _QUOTE
    start, end = start + quoted, end - quoted
    size = end - start + 1
    at = np.cumsum(size) - size  # where each text starts in the gathered bytes
    gathered = buf[np.repeat(start - at, size) + np.arange(int(size.sum()))]
    gathered[at + size - 1] = 0
    texts = gathered.tobytes().decode("utf-8").split("\x00")[:-1]
    if len(texts) != len(start):  # a NUL in the file after all
        raise Unusual
    for i in np.flatnonzero(quoted).tolist():
        texts[i] = texts[i].replace('""', '"')
    return cells.rec[mine] + offset, slot[mine], texts


def _assemble(
    layout: _Layout,
    header: list[str],
    answers: Mapping[str, Bounds],
    records: int,
    found: list[tuple[_Found, _Found]],
    texts: list[tuple[np.ndarray, np.ndarray, list[str]]],
) -> Read:
    strings = [h.strip() for h in header if h.strip() not in answers]
    columns, used = _strings(strings, records, texts)
    dense = _joined([f[0] for f in found])
    sparse = _joined([f[1] for f in found])
    used[dense[0]] = True
    used[sparse[0]] = True
    frame = pd.DataFrame(
        {name: column[used] for name, column in columns.items()},
        index=(np.arange(records) + 2)[used],
        columns=strings,
        dtype=object,
    )
    numeric = [h.strip() for h in header if h.strip() in answers]
    return Read(frame, *_numbers(layout, numeric, dense, sparse, used))


def _joined(parts: list[_Found]) -> _Found:
    rec, place, value = zip(*parts, strict=True)
    return np.concatenate(rec), np.concatenate(place), np.concatenate(value)


def _numbers(
    layout: _Layout, numeric: list[str], dense: _Found, sparse: _Found, used: np.ndarray
) -> tuple[dict[str, np.ndarray], dict[str, tuple[SparseArray, SparseArray]]]:
    """The answer columns over the records ``used``: items and ranks dense, interfaces sparse."""
    rec, place, value = dense
    table = np.full((len(used), int((~layout.interface).sum())), np.nan)
    table[rec, place] = value  # row by row, as the cells come
    table = table[used]
    # The interface cells grouped by column, ratings before NA marks, rows in order (a stable
    # sort, on 16 bits a radix sort)
    rec, key, value = sparse
    order = np.argsort(key, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(np.bincount(key, minlength=2 * len(numeric)))])
    rows = (np.cumsum(used) - 1).astype(np.int32)[rec[order]]
    value = value[order].astype(np.float64)
    kept = int(used.sum())
    columns: dict[str, np.ndarray] = {}
    ratings: dict[str, tuple[SparseArray, SparseArray]] = {}
    for j, name in enumerate(numeric):
        at = int(layout.group[j])
        if layout.interface[j]:
            rated, marked, end = bounds[2 * at : 2 * at + 3]
            ratings[name] = sparse_ratings(
                rows[rated:marked], value[rated:marked], rows[marked:end], kept
            )
        else:
            columns[name] = np.ascontiguousarray(table[:, at])
    return columns, ratings


def _strings(
    strings: list[str], records: int, texts: list[tuple[np.ndarray, np.ndarray, list[str]]]
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The string columns as ``responses_fast`` reads them (a formula quote taken off, stripped;
    ``""`` when empty), each distinct text treated once; and the records with one filled."""
    at = np.concatenate([t[0] for t in texts])
    slot = np.concatenate([t[1] for t in texts])
    values = np.empty(len(at), dtype=object)
    values[:] = [text for t in texts for text in t[2]]
    codes, uniques = pd.factorize(values)
    clean = np.array([restore(u).strip() for u in uniques] + [""], dtype=object)
    values = clean[codes]
    filled = (clean != "")[codes]
    used = np.zeros(records, dtype=bool)
    used[at[filled]] = True
    columns = {}
    for j, name in enumerate(strings):
        column = np.full(records, "", dtype=object)
        mine = slot == j
        column[at[mine]] = values[mine]
        columns[name] = column
    return columns, used


def sparse_ratings(
    rated: np.ndarray, ratings: np.ndarray, marked: np.ndarray, n: int
) -> tuple[SparseArray, SparseArray]:
    """Interface ratings (at rows ``rated``) and NA marks (at rows ``marked``) of one column of
    ``n`` rows, sparse as the exact reader stores them."""
    rating = SparseArray.from_indices(ratings, rated, n, fill_value=np.nan)
    mark = SparseArray.from_indices(np.ones(len(marked), dtype=bool), marked, n, fill_value=False)
    return rating, mark
