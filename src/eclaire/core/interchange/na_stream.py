"""The ``NA`` marks of a CSV file handed to pandas' C parser as a number.

A number column that holds a single ``NA`` is read by the C parser as text: a Python string
for each of its cells, each distinct value then read again. In a responses file every interface
column holds a few ``NA`` (a unit one works with but cannot rate), and those columns made a
third of the reading. :class:`MarkedStream` gives the parser the file with each ``NA`` that
stands alone between two separators written :data:`SENTINEL` instead, a number no scale holds,
so that these columns come out as floats. The reader (``responses_fast``) reads the sentinel back
as "not applicable" in an answer column and as ``NA`` in a text, and counts what it met.

The rewriting is exact only when the file never holds the sentinel itself: :attr:`clean` says
whether it did (its bytes anywhere), and the reader compares the sentinels it met with
:attr:`written` (a cell spelling the same number otherwise, ``-7701.0``, makes them differ);
in either case it reads the file again without this stream. The header line is left as it is.
"""

from __future__ import annotations

from typing import BinaryIO

import numpy as np
import pandas as pd

__all__ = ["MARK", "SENTINEL", "SENTINEL_VALUE", "MarkedStream", "unmark_texts"]

MARK = b"NA"
SENTINEL = "-7701"
SENTINEL_VALUE = -7701.0
BLOCK = 1 << 18
"""Bytes read at once: the rewriting of a block stays in the processor's cache."""
_SENTINEL = SENTINEL.encode()
_LINE_ENDS = (ord("\n"), ord("\r"))


class MarkedStream:
    """A binary file object over ``raw`` whose ``read`` gives the rewritten bytes; ``delimiter``:
    the file's field separator (one character). Only ``read`` is offered: pandas hands such an
    object to its C parser as it is, which takes the bytes and decodes them itself."""

    def __init__(self, raw: BinaryIO, delimiter: str) -> None:
        self._raw = raw
        self._delimiter = delimiter.encode()
        self._ends = (self._delimiter[0], *_LINE_ENDS)
        self._carry = b""
        self._header = True
        self._last = ord("\n")
        self.written = 0
        self.clean = True

    def read(self, size: int = -1) -> bytes:
        while True:
            block = self._raw.read(BLOCK)
            if not block:
                rest, self._carry = self._carry, b""
                return self._rewrite(rest) if rest else b""
            data = self._carry + block
            # Cut after the last separator: a field never straddles two rewritten blocks.
            cut = max(data.rfind(self._delimiter), data.rfind(b"\n"), data.rfind(b"\r"))
            if cut < 0:
                self._carry = data
                continue
            self._carry = data[cut + 1 :]
            return self._rewrite(data[: cut + 1])

    def _rewrite(self, head: bytes) -> bytes:
        if self._header:
            end = head.find(b"\n")
            if end < 0:
                return head
            self._header = False
            return head[: end + 1] + self._rewrite(head[end + 1 :]) if end + 1 < len(head) else head
        if _SENTINEL in head:
            self.clean = False
        if MARK not in head:
            self._last = head[-1] if head else self._last
            return head
        parts = head.split(MARK)
        out = [parts[0]]
        before = parts[0][-1] if parts[0] else self._last
        for part in parts[1:]:
            after = part[0] if part else -1  # an empty part: another mark follows at once
            if before in self._ends and after in self._ends:
                out.append(_SENTINEL)
                self.written += 1
            else:
                out.append(MARK)
            out.append(part)
            before = part[-1] if part else MARK[-1]
        self._last = head[-1]
        return b"".join(out)


def unmark_texts(texts: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Text columns read through a :class:`MarkedStream`, with the sentinel written back as
    ``NA``; second, the sentinels met."""
    met = 0
    out = {}
    for name in texts.columns:
        codes, uniques = pd.factorize(texts[name].to_numpy(dtype=object), use_na_sentinel=False)
        hits = [i for i, u in enumerate(uniques) if isinstance(u, str) and SENTINEL in u]
        if not hits:
            out[name] = texts[name]
            continue
        counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
        met += sum(uniques[i].count(SENTINEL) * int(counts[i]) for i in hits)
        fixed = np.array(
            [u.replace(SENTINEL, MARK.decode()) if i in hits else u for i, u in enumerate(uniques)],
            dtype=object,
        )
        out[name] = pd.Series(fixed[codes], index=texts.index, dtype=object)
    return pd.DataFrame(out, index=texts.index), met
