"""A seeded corpus of damaged interchange files, built from valid ones.

Each mutation takes the bytes of a valid CSV (or XLSX) file and a random generator and returns the
bytes of a damaged file with its suffix: a flipped byte, a file cut mid-row, a column dropped or
repeated, a stray quote, NUL bytes, huge cells, Latin-1 or UTF-16 text, an empty file, a wrong
suffix, ``N/A`` or ``-`` phones, a trailing comma, blank lines before the header… The same seed
gives the same corpus, so a failure can be replayed by its name.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from openpyxl import Workbook


@dataclass(frozen=True)
class Mutant:
    name: str
    suffix: str
    data: bytes


Rows = list[list[str]]
csv.field_size_limit(2**31 - 1)


def _rows(data: bytes) -> Rows:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def _csv(rows: Rows, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows: Rows) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Feuil1")
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(rows: Rows, rng: random.Random) -> tuple[int, int]:
    r = rng.randrange(1, len(rows)) if len(rows) > 1 else 0
    return r, rng.randrange(len(rows[r])) if rows[r] else 0


def _set_cell(rows: Rows, rng: random.Random, value: str, column: str | None = None) -> Rows:
    rows = [list(r) for r in rows]
    r, c = _cell(rows, rng)
    if column is not None and column in rows[0]:
        c = rows[0].index(column)
    if rows[r]:
        rows[r][c] = value
    return rows


# -- byte-level mutations (any format) ---------------------------------------------------------
def flip_byte(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1 :]


def cut_anywhere(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def nul_byte(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + b"\x00" + data[at:]


def stray_quote(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + b'"' + data[at:]


# -- CSV mutations -----------------------------------------------------------------------------
def cut_mid_row(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    r = rng.randrange(1, max(len(lines) - 1, 2))
    line = lines[r] if r < len(lines) else b""
    cut = rng.randrange(1, max(len(line), 2))
    return b"\n".join(lines[:r]) + b"\n" + line[:cut]


def drop_column(data: bytes, rng: random.Random) -> bytes:
    rows = _rows(data)
    c = rng.randrange(len(rows[0]))
    return _csv([r[:c] + r[c + 1 :] for r in rows])


def repeat_column(data: bytes, rng: random.Random) -> bytes:
    rows = _rows(data)
    c = rng.randrange(len(rows[0]))
    return _csv([[*r, r[c]] if c < len(r) else r for r in rows])


def drop_header_cell(data: bytes, rng: random.Random) -> bytes:
    rows = _rows(data)
    rows[0] = rows[0][:-1]
    return _csv(rows)


def trailing_delimiter(data: bytes, rng: random.Random) -> bytes:
    return b"\n".join(line + b"," if line else line for line in data.split(b"\n"))


def blank_lines_first(data: bytes, rng: random.Random) -> bytes:
    return b"\n" * rng.randrange(1, 4) + data


def crlf(data: bytes, rng: random.Random) -> bytes:
    return data.replace(b"\n", b"\r\n")


def semicolons(data: bytes, rng: random.Random) -> bytes:
    return _csv(_rows(data), delimiter=";")


def latin1(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8-sig") + "Entrepôt de Mâcon,\n"
    return text.encode("latin-1", errors="replace")


def utf16(data: bytes, rng: random.Random) -> bytes:
    return data.decode("utf-8-sig").encode("utf-16")


def empty(data: bytes, rng: random.Random) -> bytes:
    return b""


def header_only(data: bytes, rng: random.Random) -> bytes:
    return data.split(b"\n")[0] + b"\n"


def duplicate_rows(data: bytes, rng: random.Random) -> bytes:
    lines = data.rstrip(b"\n").split(b"\n")
    return b"\n".join([*lines, *lines[1:]]) + b"\n"


def huge_cell(data: bytes, rng: random.Random) -> bytes:
    return _csv(_set_cell(_rows(data), rng, "x" * rng.choice((300, 5_000, 2_000_000))))


def nul_in_cell(data: bytes, rng: random.Random) -> bytes:
    return _csv(_set_cell(_rows(data), rng, "ab\x00cd"))


def control_chars(data: bytes, rng: random.Random) -> bytes:
    return _csv(_set_cell(_rows(data), rng, "a\x1b[31m\x07b"))


def quoted_newline(data: bytes, rng: random.Random) -> bytes:
    return _csv(_set_cell(_rows(data), rng, "line one\nline two"))


def phone_marks(data: bytes, rng: random.Random) -> bytes:
    rows = _rows(data)
    if "phone" not in rows[0]:
        return data
    c = rows[0].index("phone")
    for r in rng.sample(range(1, len(rows)), min(3, len(rows) - 1)):
        rows[r][c] = rng.choice(("N/A", "-", "n/a", "--", "."))
    return _csv(rows)


def odd_values(data: bytes, rng: random.Random) -> bytes:
    value = rng.choice(("NaN", "inf", "-1e400", "1e308", "  ", "None", "null", "0x10", "٣", "🙂"))
    return _csv(_set_cell(_rows(data), rng, value))


def random_text(data: bytes, rng: random.Random) -> bytes:
    return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))


def shuffled_header(data: bytes, rng: random.Random) -> bytes:
    rows = _rows(data)
    rng.shuffle(rows[0])
    return _csv(rows)


def header_of_spaces(data: bytes, rng: random.Random) -> bytes:
    rows = _rows(data)
    rows[0][rng.randrange(len(rows[0]))] = "   "
    return _csv(rows)


CSV_MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    f.__name__: f
    for f in (
        flip_byte,
        cut_anywhere,
        nul_byte,
        stray_quote,
        cut_mid_row,
        drop_column,
        repeat_column,
        drop_header_cell,
        trailing_delimiter,
        blank_lines_first,
        crlf,
        semicolons,
        latin1,
        utf16,
        empty,
        header_only,
        duplicate_rows,
        huge_cell,
        nul_in_cell,
        control_chars,
        quoted_newline,
        phone_marks,
        odd_values,
        random_text,
        shuffled_header,
        header_of_spaces,
    )
}
XLSX_BYTE_MUTATIONS = (flip_byte, cut_anywhere, nul_byte, empty)
CELL_MUTATIONS = (
    huge_cell,
    quoted_newline,
    phone_marks,
    odd_values,
    drop_column,
    blank_lines_first,
)
WRONG_SUFFIXES = (".pdf", ".json", "", ".xls", ".ods", ".txt")


def mutants(source: bytes, rng: random.Random, count: int) -> Iterator[Mutant]:
    """``count`` damaged files made from the valid CSV ``source``, cycling through the mutations."""
    names = sorted(CSV_MUTATIONS)
    xlsx = xlsx_bytes(_rows(source))
    for i in range(count):
        kind = i % 5
        if kind < 3:
            name = names[rng.randrange(len(names))]
            yield Mutant(f"{i}:{name}", ".csv", CSV_MUTATIONS[name](source, rng))
        elif kind == 3:
            mutation = rng.choice(XLSX_BYTE_MUTATIONS)
            yield Mutant(f"{i}:xlsx:{mutation.__name__}", ".xlsx", mutation(xlsx, rng))
        elif rng.random() < 0.8:
            mutation = rng.choice(CELL_MUTATIONS)
            rows = _rows(mutation(source, rng))
            yield Mutant(f"{i}:xlsx-cells:{mutation.__name__}", ".xlsx", xlsx_bytes(rows))
        else:
            suffix = rng.choice(WRONG_SUFFIXES)
            yield Mutant(f"{i}:suffix{suffix or '-none'}", suffix, source)
