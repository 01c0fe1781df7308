"""The usual responses file read straight from its bytes, with numpy.

Nearly every cell of a responses file is empty or one digit (items, interface ratings, ranks), and
the interface block is thousands of columns wide and mostly empty. Here the file is read in blocks
of whole records (:data:`BLOCK` bytes); in each, the separators are found with numpy on the bytes
(a delimiter inside a quoted text is not one), a cell is the run of other bytes between two of
them, and an answer cell's value is its byte minus ``"0"``. Only the string columns (segments,
choices, free texts) become Python strings, one column at a time.

It reads only the plain case, exactly: every record as wide as the header, quotes only around a
whole field (``""`` inside for a quote), line ends ``\\n`` or ``\\r\\n``, valid UTF-8, and each
answer cell empty, one digit within its scale or ``NA`` where allowed. At anything else it gives
``None`` and the pandas reader of ``responses_fast`` reads the file (which in turn leaves the
file to the exact reader when something is wrong): the answers of those readers are the reference,
and ``tests/core/interchange/test_interchange_bytes.py`` checks that this one gives the same.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from eclaire.core.interchange.cells import stripped_with_filled
from eclaire.core.interchange.csv_text import unquoted
from eclaire.core.interchange.reading import FileBytes

BLOCK = 1 << 24
"""Bytes read at once (then cut after the last whole record): bounds the memory of a block."""
NA_CODE = -1.0
"""A "not applicable" answer while the blocks are gathered (no scale starts below 0)."""
_QUOTE, _LF, _CR, _ZERO = ord('"'), ord("\n"), ord("\r"), ord("0")
_NA = (ord("N"), ord("A"))


class _Unusual(Exception):
    """Something this reader leaves to the pandas reader."""


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
) -> tuple[pd.DataFrame, dict[str, np.ndarray]] | None:
    """The file's string columns (stripped, index = spreadsheet rows, empty rows left out) and
    its answer columns as ``responses_fast._gather`` gives them: floats (``NaN`` empty,
    :data:`NA_CODE` for NA) over the rows kept, an interface column as its filled cells (their
    row positions, then their values, in one array). ``header``: the header cells as pandas read
    them. ``None`` for a file this reader leaves to the others."""
    try:
        return _read(path, delimiter.encode(), header, answers)
    except (_Unusual, UnicodeDecodeError, OSError):
        return None


@dataclass(frozen=True)
class _Layout:
    """Per column position: its answer slot (-1 for a string column) or its string slot."""

    width: int
    slot: np.ndarray
    text_slot: np.ndarray
    low: np.ndarray
    high: np.ndarray
    allow_na: np.ndarray
    interface: np.ndarray


def _layout(header: list[str], answers: Mapping[str, Bounds]) -> _Layout:
    names = [h.strip() for h in header]
    numeric = [n for n in names if n in answers]
    slot = np.array([numeric.index(n) if n in answers else -1 for n in names], dtype=np.int64)
    strings = [n for n in names if n not in answers]
    text_slot = np.array([strings.index(n) if n not in answers else -1 for n in names])
    bounds = [answers[n] for n in numeric]
    return _Layout(
        len(names),
        slot,
        text_slot,
        np.array([b.low for b in bounds], dtype=np.float64),
        np.array([b.high for b in bounds], dtype=np.float64),
        np.array([b.allow_na for b in bounds], dtype=bool),
        np.array([b.interface for b in bounds], dtype=bool),
    )


@dataclass(frozen=True)
class _Cells:
    """The filled cells of a block, in file order: record (from 0 in the block), column, first
    byte and end; ``records``: how many records the block holds."""

    records: int
    rec: np.ndarray
    col: np.ndarray
    start: np.ndarray
    end: np.ndarray


def _read(
    path: Path | FileBytes, delimiter: bytes, header: list[str], answers: Mapping[str, Bounds]
) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    layout = _layout(header, answers)
    strings = [h.strip() for h in header if h.strip() not in answers]
    records = 0
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # answers: record, slot, value
    texts: list[list[tuple[np.ndarray, list[str]]]] = [[] for _ in strings]  # record, text
    for number, block in enumerate(_blocks(path)):
        if number == 0:
            block = block.removeprefix(codecs.BOM_UTF8)
        cells = _cells(block, delimiter[0], layout.width)
        if number == 0:
            cells = _without_header(block, cells, header)
        found.append(_answers(block, cells, layout, records))
        for j, column in enumerate(_texts(block, cells, layout, records)):
            texts[j].append(column)
        records += cells.records
    if records == 0:
        raise _Unusual
    return _assemble(layout, header, answers, strings, records, found, texts)


def _blocks(path: Path | FileBytes) -> Iterator[bytes]:
    """The file in blocks that each end with a whole record (after a line end outside quotes)."""
    if isinstance(path, FileBytes):
        yield from _cut(iter([path.data]))
        return
    with path.open("rb") as file:
        yield from _cut(iter(lambda: file.read(BLOCK), b""))


def _cut(reads: Iterator[bytes]) -> Iterator[bytes]:
    carry = b""
    for read in reads:
        data = carry + read
        end = _last_record_end(data)
        if end < 0:
            carry = data
            continue
        carry = data[end + 1 :]
        yield data[: end + 1]
    if carry:
        raise _Unusual  # a quote never closed, or no line end after the last record


def _last_record_end(data: bytes) -> int:
    """The last ``\\n`` with an even number of quotes before it, or -1."""
    at = data.rfind(b"\n")
    if at < 0 or b'"' not in data:
        return at
    quotes = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == _QUOTE)
    while at >= 0 and np.searchsorted(quotes, at) % 2:
        at = data.rfind(b"\n", 0, at)
    return at


def _cells(data: bytes, delimiter: int, width: int) -> _Cells:
    """The filled cells of a block of whole records; raises :class:`_Unusual` at a quote that does
    not enclose a whole field, a ``\\r`` not before ``\\n``, a record not as wide as ``width``.

    Only the bytes that are not the delimiter are looked at one by one (a tenth of the file):
    a cell is a run of them at consecutive positions; a line end is a run of its own."""
    buf = np.frombuffer(data, dtype=np.uint8)
    at = np.flatnonzero(buf != delimiter)
    byte = buf[at]
    quotes = at[byte == _QUOTE]
    if len(quotes):
        _check_quotes(buf, quotes, delimiter)
        inside = _inside(quotes)
        hidden = inside[buf[inside] == delimiter]  # a delimiter within quotes is text
        if len(hidden):
            where = np.searchsorted(at, hidden)
            at, byte = np.insert(at, where, hidden), np.insert(byte, where, delimiter)
    ends = np.flatnonzero(byte == _LF)
    returns = np.flatnonzero(byte == _CR)
    if len(quotes):  # those within quotes are text
        ends = ends[np.searchsorted(quotes, at[ends]) % 2 == 0]
        returns = returns[np.searchsorted(quotes, at[returns]) % 2 == 0]
    if len(returns) and not (
        returns[-1] + 1 < len(at)
        and (at[returns + 1] == at[returns] + 1).all()
        and (byte[returns + 1] == _LF).all()
    ):
        raise _Unusual
    total = at[ends] - ends  # delimiters before each record end
    base = np.concatenate([[0], total[:-1]])  # and before each record
    if (total - base != width - 1).any():
        raise _Unusual
    breaks = np.zeros(len(at), dtype=bool)
    breaks[ends] = True
    breaks[returns] = True
    start = np.empty(len(at), dtype=bool)
    start[0] = True
    np.not_equal(np.diff(at), 1, out=start[1:])
    start |= breaks
    start[ends[:-1] + 1] = True
    first = np.flatnonzero(start)
    is_end = breaks[first] & (byte[first] == _LF)
    rec = np.cumsum(is_end) - is_end
    cell = ~breaks[first]
    following = np.append(first[1:], len(at))[cell]
    first, rec = first[cell], rec[cell]
    col = at[first] - first - base[rec]
    return _Cells(len(ends), rec, col, at[first], at[following - 1] + 1)


def _check_quotes(buf: np.ndarray, quotes: np.ndarray, delimiter: int) -> None:
    """Quotes open at the start of a field and close at its end; ``""`` between them."""
    opening, closing = quotes[0::2], quotes[1::2]
    if len(opening) != len(closing):
        raise _Unusual
    after_close = np.zeros(len(opening), dtype=bool)  # an opening right after a closing: ""
    after_close[1:] = closing[:-1] == opening[1:] - 1
    previous = buf[np.maximum(opening - 1, 0)]
    starts = (opening == 0) | (previous == delimiter) | (previous == _LF) | after_close
    before_open = np.zeros(len(closing), dtype=bool)
    before_open[:-1] = opening[1:] == closing[:-1] + 1
    following = buf[closing + 1]  # a block ends with a line end outside quotes
    ends = (following == delimiter) | (following == _LF) | (following == _CR) | before_open
    if not (starts.all() and ends.all()):
        raise _Unusual


def _inside(quotes: np.ndarray) -> np.ndarray:
    """The positions between each opening quote and its closing one."""
    first = quotes[0::2] + 1
    lengths = quotes[1::2] - first
    total = int(lengths.sum())
    shift = np.repeat(first - np.cumsum(lengths) + lengths, lengths)
    return shift + np.arange(total)


def _without_header(data: bytes, cells: _Cells, header: list[str]) -> _Cells:
    """The block's cells after its first record, the header, checked to be what pandas read."""
    if cells.records < 1:
        raise _Unusual
    top = cells.rec == 0
    names = [""] * len(header)
    for col, start, end in zip(cells.col[top], cells.start[top], cells.end[top], strict=True):
        names[int(col)] = _text(data[start:end])
    if names != header:
        raise _Unusual
    rest = ~top
    return _Cells(
        cells.records - 1, cells.rec[rest] - 1, cells.col[rest], cells.start[rest], cells.end[rest]
    )


def _text(cell: bytes) -> str:
    if cell.startswith(b'"'):
        return cell[1:-1].decode("utf-8").replace('""', '"')
    return cell.decode("utf-8")


def _answers(
    data: bytes, cells: _Cells, layout: _Layout, offset: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The block's answer cells: record (counted from the file's first), slot, value."""
    slot = layout.slot[cells.col]
    mine = slot >= 0
    slot, start, length = slot[mine], cells.start[mine], (cells.end - cells.start)[mine]
    buf = np.frombuffer(data, dtype=np.uint8)
    digit = buf[start].astype(np.float64) - _ZERO
    one = length == 1
    na = (
        (length == 2)
        & (buf[start] == _NA[0])
        & (buf[np.minimum(start + 1, len(buf) - 1)] == _NA[1])
    )
    fits = one & (digit >= layout.low[slot]) & (digit <= layout.high[slot])
    if not (fits | (na & layout.allow_na[slot])).all():
        raise _Unusual
    value = np.where(one, digit, NA_CODE)
    return (cells.rec[mine] + offset).astype(np.int64), slot, value


def _texts(
    data: bytes, cells: _Cells, layout: _Layout, offset: int
) -> list[tuple[np.ndarray, list[str]]]:
    """Each string column's filled cells in the block: record, text (quotes taken off)."""
    slot = layout.text_slot[cells.col]
    out = []
    for j in range(int(layout.text_slot.max()) + 1):
        mine = slot == j
        starts, ends = cells.start[mine].tolist(), cells.end[mine].tolist()
        raw = b"\x00".join([data[s:e] for s, e in zip(starts, ends, strict=True)])
        texts = raw.decode("utf-8").split("\x00") if starts else []
        if b'"' in raw:
            texts = [_unquote(t) for t in texts]
        out.append((cells.rec[mine] + offset, texts))
    return out


def _unquote(text: str) -> str:
    return text[1:-1].replace('""', '"') if text.startswith('"') else text


def _assemble(
    layout: _Layout,
    header: list[str],
    answers: Mapping[str, Bounds],
    strings: list[str],
    records: int,
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
    texts: list[list[tuple[np.ndarray, list[str]]]],
) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    columns = {}
    for name, parts in zip(strings, texts, strict=True):
        column = np.full(records, np.nan, dtype=object)
        for rec, values in parts:
            column[rec] = values
        columns[name] = column
    frame = pd.DataFrame(columns, index=np.arange(records) + 2, copy=False)
    frame = frame.where(frame.notna(), "").apply(unquoted) if strings else frame
    frame, filled = stripped_with_filled(frame)
    rec = np.concatenate([f[0] for f in found])
    slot = np.concatenate([f[1] for f in found])
    value = np.concatenate([f[2] for f in found])
    used = filled.to_numpy().any(axis=1) if strings else np.zeros(records, dtype=bool)
    used[rec] = True
    position = np.cumsum(used) - 1
    kept = int(used.sum())
    numeric = [h.strip() for h in header if h.strip() in answers]
    dense: dict[str, np.ndarray] = {}
    order = np.argsort(slot, kind="stable")
    bounds = np.searchsorted(slot[order], np.arange(len(numeric) + 1))
    for j, name in enumerate(numeric):
        take = order[bounds[j] : bounds[j + 1]]
        rows = position[rec[take]]
        if layout.interface[j]:
            dense[name] = np.concatenate([rows.astype(np.float64), value[take]])
        else:
            column = np.full(kept, np.nan)
            column[rows] = value[take]
            dense[name] = column
    return frame[used], dense
