"""The cells of a CSV file found in its bytes with numpy, for the plain case only.

The file is read in blocks of whole records (:data:`BLOCK` bytes). In each, only the bytes that
are not the delimiter are looked at one by one (in a wide, mostly empty file, a tenth of them): a
delimiter inside a quoted text is not a separator, a cell is a run of other bytes at consecutive
positions, and a line end is a run of its own. A cell is known by its record, its column and its
first and last byte; what it means is for the caller (``response_bytes``).

Only the plain case is read, exactly as pandas' C parser reads it: every record as wide as the
header, quotes only around a whole field (``""`` inside for a quote), line ends ``\\n`` or
``\\r\\n``, a byte-order mark only at the start. Anything else raises :class:`Unusual`.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from eclaire.core.interchange.reading import FileBytes

BLOCK = 1 << 24
"""Bytes read at once (then cut after the last whole record): bounds the memory of a block."""
LONGEST = 1 << 26
"""Bytes of the longest record read (a longer one is a quote never closed, or no CSV file)."""
_QUOTE, _LF, _CR = ord('"'), ord("\n"), ord("\r")


class Unusual(Exception):
    """Something this reader does not read: the caller reads the file another way."""


def first_bytes(path: Path | FileBytes) -> bytes:
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
        raise Unusual
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
class Cells:
    """The filled cells of a block, in file order: record (from 0 in the block), column, first
    byte and end; ``records``: how many records the block holds, each ``width`` cells wide."""

    records: int
    width: int
    rec: np.ndarray
    col: np.ndarray
    start: np.ndarray
    end: np.ndarray


@dataclass(frozen=True)
class Block:
    """Whole records of the file (``buf``, its bytes) and the positions of those that are not
    the delimiter (``at``: where, ``byte``: which), of the quotes among them (``quotes``)."""

    buf: np.ndarray
    at: np.ndarray
    byte: np.ndarray
    quotes: np.ndarray


def blocks(path: Path | FileBytes, delimiter: int) -> Iterator[Block]:
    """The file in blocks that each end with a whole record (after a line end outside quotes)."""
    if isinstance(path, FileBytes):  # in blocks too: the memory of a block stays bounded
        data = path.data
        yield from _cut((data[at : at + BLOCK] for at in range(0, len(data), BLOCK)), delimiter)
        return
    with path.open("rb") as file:
        yield from _cut(iter(lambda: file.read(BLOCK), b""), delimiter)


def _cut(reads: Iterator[bytes], delimiter: int) -> Iterator[Block]:
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
                raise Unusual  # a record of this size is a quote never closed
            carry = data[skip:]
            continue
        end = int(outside[-1])
        carry = data[skip + end + 1 :]
        yield Block(
            block.buf[: end + 1],
            block.at[: np.searchsorted(block.at, end) + 1],
            block.byte[: np.searchsorted(block.at, end) + 1],
            block.quotes[block.quotes < end],
        )
    if carry:
        raise Unusual  # a quote never closed, or no line end after the last record


def _scan(buf: np.ndarray, delimiter: int) -> Block:
    at = np.flatnonzero(buf != delimiter)
    byte = buf[at]
    return Block(buf, at, byte, at[byte == _QUOTE])


def block_cells(block: Block, delimiter: int, width: int | None) -> Cells:
    """The filled cells of a block of whole records; raises :class:`Unusual` at a quote that does
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
        raise Unusual
    total = at[ends] - ends  # delimiters before each record end
    base = np.concatenate([[0], total[:-1]])  # and before each record
    width = int(total[0]) + 1 if width is None else width
    if (total - base != width - 1).any():
        raise Unusual
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
    return Cells(len(ends), width, rec, col, at[first], at[following - 1] + 1)


def _check_quotes(buf: np.ndarray, quotes: np.ndarray, delimiter: int) -> None:
    """Quotes open at the start of a field and close at its end; ``""`` between them."""
    opening, closing = quotes[0::2], quotes[1::2]
    if len(opening) != len(closing):
        raise Unusual
    after_close = np.zeros(len(opening), dtype=bool)  # an opening right after a closing: ""
    after_close[1:] = closing[:-1] == opening[1:] - 1
    previous = buf[np.maximum(opening - 1, 0)]
    starts = (opening == 0) | (previous == delimiter) | (previous == _LF) | after_close
    before_open = np.zeros(len(closing), dtype=bool)
    before_open[:-1] = opening[1:] == closing[:-1] + 1
    following = buf[closing + 1]  # a block ends with a line end outside quotes
    ends = (following == delimiter) | (following == _LF) | (following == _CR) | before_open
    if not (starts.all() and ends.all()):
        raise Unusual


def _inside(quotes: np.ndarray) -> np.ndarray:
    """The positions between each opening quote and its closing one."""
    first = quotes[0::2] + 1
    lengths = quotes[1::2] - first
    total = int(lengths.sum())
    shift = np.repeat(first - np.cumsum(lengths) + lengths, lengths)
    return shift + np.arange(total)


def first_record(buf: np.ndarray, cells: Cells) -> list[str]:
    """The cells of the block's first record, as text."""
    top = cells.rec == 0
    names = [""] * cells.width
    for col, start, end in zip(cells.col[top], cells.start[top], cells.end[top], strict=True):
        names[int(col)] = _text(buf[start:end].tobytes())
    return names


def without_header(buf: np.ndarray, cells: Cells, header: list[str]) -> Cells:
    """The block's cells after its first record, the header, checked to be ``header``."""
    if cells.records < 1 or first_record(buf, cells) != header:
        raise Unusual
    rest = cells.rec > 0
    return Cells(
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
