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
from pandas.arrays import SparseArray

from eclaire.core.interchange.formulas import restore
from eclaire.core.interchange.reading import FileBytes

BLOCK = 1 << 24
"""Bytes read at once (then cut after the last whole record): bounds the memory of a block."""
LONGEST = 1 << 26
"""Bytes of the longest record read (a longer one is a quote never closed, or no CSV file)."""
NA_CODE = -1.0
"""A "not applicable" answer while the blocks are gathered (no scale starts below 0)."""
_QUOTE, _LF, _CR, _ZERO = ord('"'), ord("\n"), ord("\r"), ord("0")
_NA = (ord("N"), ord("A"))


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
) -> Read | None:
    """The file read (:class:`Read`), or ``None`` for a file this reader leaves to the others.
    ``header``: the header cells as pandas reads them; ``answers``: the answer columns."""
    try:
        return _read(path, delimiter.encode(), header, answers)
    except (_Unusual, UnicodeDecodeError, OSError):
        return None


def header_cells(path: Path | FileBytes, delimiter: str) -> list[str] | None:
    """The cells of the header record as pandas reads them, or ``None`` if it is unusual."""
    try:
        block = next(_blocks(FileBytes("head", _head(path)), delimiter.encode()[0]))
        return _names(block.buf, _cells(block, delimiter.encode()[0], None))
    except (_Unusual, UnicodeDecodeError, OSError, StopIteration):
        return None


def _head(path: Path | FileBytes) -> bytes:
    """The file's first record (through its line end)."""
    if isinstance(path, FileBytes):
        end = _first_record_end(path.data, LONGEST)
        head = path.data[: end + 1] if end >= 0 else b""
    else:
        with path.open("rb") as file:
            head = file.read(1 << 16)
            while _first_record_end(head) < 0 and len(head) < LONGEST:
                read = file.read(len(head))  # twice as much each time
                if not read:
                    break
                head += read
    end = _first_record_end(head)
    if end < 0:
        raise _Unusual
    return head[: end + 1]


def _first_record_end(data: bytes, limit: int | None = None) -> int:
    """The first ``\\n`` with an even number of quotes before it (before ``limit``), or -1."""
    limit = len(data) if limit is None else limit
    at = data.find(b"\n", 0, limit)
    quotes = data.count(b'"', 0, at) if at >= 0 else 0
    while at >= 0 and quotes % 2:
        following = data.find(b"\n", at + 1, limit)
        quotes += data.count(b'"', at, following if following >= 0 else limit)
        at = following
    return at


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


@dataclass(frozen=True)
class _Cells:
    """The filled cells of a block, in file order: record (from 0 in the block), column, first
    byte and end; ``records``: how many records the block holds, each ``width`` cells wide."""

    records: int
    width: int
    rec: np.ndarray
    col: np.ndarray
    start: np.ndarray
    end: np.ndarray


def _read(
    path: Path | FileBytes, delimiter: bytes, header: list[str], answers: Mapping[str, Bounds]
) -> Read:
    layout = _layout(header, answers)
    records = 0
    found: list[tuple[_Found, _Found]] = []  # answers, see _answers
    texts: list[tuple[np.ndarray, np.ndarray, list[str]]] = []  # strings: record, slot, text
    for number, block in enumerate(_blocks(path, delimiter[0])):
        cells = _cells(block, delimiter[0], layout.width)
        if number == 0:
            cells = _without_header(block.buf, cells, header)
        found.append(_answers(block.buf, cells, layout, records))
        texts.append(_texts(block.buf, cells, layout, records))
        records += cells.records
    if records == 0:
        raise _Unusual
    return _assemble(layout, header, answers, records, found, texts)


@dataclass(frozen=True)
class _Block:
    """Whole records of the file (``buf``, its bytes) and the positions of those that are not
    the delimiter (``at``: where, ``byte``: which), of the quotes among them (``quotes``)."""

    buf: np.ndarray
    at: np.ndarray
    byte: np.ndarray
    quotes: np.ndarray


def _blocks(path: Path | FileBytes, delimiter: int) -> Iterator[_Block]:
    """The file in blocks that each end with a whole record (after a line end outside quotes)."""
    if isinstance(path, FileBytes):  # in blocks too: the memory of a block stays bounded
        data = path.data
        yield from _cut((data[at : at + BLOCK] for at in range(0, len(data), BLOCK)), delimiter)
        return
    with path.open("rb") as file:
        yield from _cut(iter(lambda: file.read(BLOCK), b""), delimiter)


def _cut(reads: Iterator[bytes], delimiter: int) -> Iterator[_Block]:
    carry = b""
    first = True
    for read in reads:
        data = carry + read
        skip = len(codecs.BOM_UTF8) if first and data.startswith(codecs.BOM_UTF8) else 0
        first = False
        block = _scan(np.frombuffer(data, dtype=np.uint8)[skip:], delimiter)
        ends = block.at[block.byte == _LF]  # the last one outside quotes ends the block
        outside = ends[np.searchsorted(block.quotes, ends) % 2 == 0]
        if not len(outside):
            if len(data) > LONGEST:
                raise _Unusual  # a record of this size is a quote never closed
            carry = data[skip:]
            continue
        end = int(outside[-1])
        carry = data[skip + end + 1 :]
        yield _Block(
            block.buf[: end + 1],
            block.at[: np.searchsorted(block.at, end) + 1],
            block.byte[: np.searchsorted(block.at, end) + 1],
            block.quotes[block.quotes < end],
        )
    if carry:
        raise _Unusual  # a quote never closed, or no line end after the last record


def _scan(buf: np.ndarray, delimiter: int) -> _Block:
    at = np.flatnonzero(buf != delimiter)
    byte = buf[at]
    return _Block(buf, at, byte, at[byte == _QUOTE])


def _cells(block: _Block, delimiter: int, width: int | None) -> _Cells:
    """The filled cells of a block of whole records; raises :class:`_Unusual` at a quote that does
    not enclose a whole field, a ``\\r`` not before ``\\n``, a record not as wide as ``width``
    (``None``: as the first record).

    Only the bytes that are not the delimiter are looked at one by one (a tenth of the file):
    a cell is a run of them at consecutive positions; a line end is a run of its own."""
    buf, at, byte, quotes = block.buf, block.at, block.byte, block.quotes
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
    width = int(total[0]) + 1 if width is None else width
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
    return _Cells(len(ends), width, rec, col, at[first], at[following - 1] + 1)


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


def _names(buf: np.ndarray, cells: _Cells) -> list[str]:
    """The cells of the block's first record, as text."""
    top = cells.rec == 0
    names = [""] * cells.width
    for col, start, end in zip(cells.col[top], cells.start[top], cells.end[top], strict=True):
        names[int(col)] = _text(buf[start:end].tobytes())
    return names


def _without_header(buf: np.ndarray, cells: _Cells, header: list[str]) -> _Cells:
    """The block's cells after its first record, the header, checked to be ``header``."""
    if cells.records < 1 or _names(buf, cells) != header:
        raise _Unusual
    rest = cells.rec > 0
    return _Cells(
        cells.records - 1,
        cells.width,
        cells.rec[rest] - 1,
        cells.col[rest],
        cells.start[rest],
        cells.end[rest],
    )


def _text(cell: bytes) -> str:
    if cell.startswith(b'"'):
        return cell[1:-1].decode("utf-8").replace('""', '"')
    return cell.decode("utf-8")


def _answers(buf: np.ndarray, cells: _Cells, layout: _Layout, offset: int) -> tuple[_Found, _Found]:
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
        raise _Unusual
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
    buf: np.ndarray, cells: _Cells, layout: _Layout, offset: int
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
        raise _Unusual
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
