"""MarkedStream: each ``NA`` alone between two separators, and only those, becomes the sentinel,
whatever the block boundaries (the reading side is checked in test_interchange_fast.py)."""

from __future__ import annotations

import io
import random
import re

import pytest

from eclaire.core.interchange import na_stream
from eclaire.core.interchange.na_stream import SENTINEL, MarkedStream

FIELDS = ("NA", "NA", "", "3", "na", "NAN", " NA", "xNA", '"a,NA,b"', '"NA"', "-770", "NANA")


def _read_all(stream: MarkedStream) -> bytes:
    return b"".join(iter(stream.read, b""))


def _reference(data: bytes, delimiter: bytes) -> tuple[bytes, int]:
    """The rewriting done at once with a regular expression (the header holds no mark)."""
    sep = re.escape(delimiter)
    pattern = re.compile(rb"(?<=[" + sep + rb"\n\r])NA(?=[" + sep + rb"\n\r])")
    return pattern.subn(SENTINEL.encode(), data)


def _file(rng: random.Random, delimiter: str, newline: str) -> bytes:
    rows = [delimiter.join(f"c{j}" for j in range(5))]
    for _ in range(rng.randint(1, 30)):
        rows.append(delimiter.join(rng.choice(FIELDS) for _ in range(5)))
    return (newline.join(rows) + newline).encode()


@pytest.mark.parametrize("block", [1, 2, 5, 16, 1 << 18])
def test_rewrites_every_lone_mark_and_nothing_else_across_blocks(monkeypatch, block):
    monkeypatch.setattr(na_stream, "BLOCK", block)
    rng = random.Random(block)
    for _ in range(150):
        delimiter, newline = rng.choice([",", ";", "\t"]), rng.choice(["\n", "\r\n"])
        data = _file(rng, delimiter, newline)
        stream = MarkedStream(io.BytesIO(data), delimiter)
        out = _read_all(stream)
        want, count = _reference(data, delimiter.encode())
        assert out == want, data
        assert stream.written == count and stream.clean


def test_says_when_the_file_holds_the_sentinel_itself():
    data = f"a,b\nNA,{SENTINEL}\n".encode()
    stream = MarkedStream(io.BytesIO(data), ",")
    _read_all(stream)
    assert not stream.clean


def test_leaves_the_header_line_as_it_is():
    stream = MarkedStream(io.BytesIO(b"NA,NA\nNA,NA\n"), ",")
    assert _read_all(stream) == f"NA,NA\n{SENTINEL},{SENTINEL}\n".encode()
