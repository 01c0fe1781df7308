"""The byte-level reader of responses files (``response_bytes``) gives what the other readers give.

Each file is read three ways: the exact reader alone (the reference), the pandas reader of
``responses_fast`` with the byte reader switched off, and as ``read_responses`` reads it (the byte
reader first). The three must give the same frames and warnings, or the same problems word for
word; and the byte reader must take the usual files itself (quoted texts with commas, line breaks
and quotes, Windows line ends, a byte-order mark, other delimiters), whatever the block size.
"""

from __future__ import annotations

import codecs
import csv
import io
import random
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from eclaire.core.instrument import Instrument
from eclaire.core.interchange import (
    FileBytes,
    ImportProblems,
    ResponsesTable,
    csv_bytes,
    read_units,
    response_bytes,
    responses_fast,
)
from eclaire.core.interchange import responses as responses_module
from eclaire.core.interchange.responses import read_responses

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"
TEXTS = (
    "plain text",
    "a, b, c",
    "two\nlines",
    "windows\r\nline",
    'said "no", then "yes"',
    '"quoted"',
    "'=1+1",
    "  spaced  ",
    "NA",
    "a,NA,b",
    "Entrepôt — 😀",
    "-7701",
    ",",
    '"',
    "\n",
    "",
)


@pytest.fixture(scope="module")
def generated(generated_sample: Callable[[int], Path]) -> Path:
    return generated_sample(5)


def _units(folder: Path) -> set[str]:
    return set(read_units(folder / "units.csv")["unit_id"])


def _read(path: Path, instrument: Instrument, units: set[str]) -> ResponsesTable | str:
    try:
        return read_responses(path, instrument, units, max_text=500)
    except ImportProblems as problems:
        return str(problems)


def _watch_byte_reader(patch: pytest.MonkeyPatch) -> list[bool]:
    """Let the byte reader run, noting for each file whether it took it (True) or handed it
    to the other readers (False)."""
    taken: list[bool] = []
    read_bytes = response_bytes.read_bytes

    def spy(*args: object) -> object:
        out = read_bytes(*args)  # type: ignore[arg-type]
        taken.append(out is not None)
        return out

    patch.setattr(responses_fast, "read_bytes", spy)
    return taken


def _outcomes(
    path: Path, instrument: Instrument, units: set[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[dict[str, ResponsesTable | str], bool]:
    """The file read the three ways, and whether the byte reader took it."""
    out: dict[str, ResponsesTable | str] = {}
    with monkeypatch.context() as patch:
        patch.setattr(responses_module, "read_numeric", lambda *_args: None)
        out["exact"] = _read(path, instrument, units)
    with monkeypatch.context() as patch:
        patch.setattr(responses_fast, "read_bytes", lambda *_args: None)
        out["pandas"] = _read(path, instrument, units)
    with monkeypatch.context() as patch:
        taken = _watch_byte_reader(patch)
        out["bytes"] = _read(path, instrument, units)
    return out, any(taken)


def _assert_same(
    path: Path, instrument: Instrument, units: set[str], monkeypatch: pytest.MonkeyPatch, name: str
) -> tuple[bool, bool]:
    """The three readings agree; whether the file was accepted, and parsed by the byte reader
    (which then hands the cells to the same checks: a file it parses may still be refused)."""
    out, taken = _outcomes(path, instrument, units, monkeypatch)
    exact = out["exact"]
    for how in ("pandas", "bytes"):
        got = out[how]
        if isinstance(exact, str):
            assert got == exact, f"{name} ({how})"
            continue
        assert isinstance(got, ResponsesTable), f"{name} ({how}): {got}"
        pd.testing.assert_frame_equal(got.frame, exact.frame, obj=f"{name} ({how})")
        pd.testing.assert_frame_equal(got.not_applicable, exact.not_applicable, obj=name)
        assert got.warnings == exact.warnings, f"{name} ({how})"
    return not isinstance(exact, str), taken


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _csv(rows: list[list[str]], newline: str = "\n", delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator=newline, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode("utf-8")


def _with_texts(data: bytes, rng: random.Random, count: int) -> list[list[str]]:
    rows = _rows(data)
    texts = [j for j, name in enumerate(rows[0]) if name.startswith("text:")]
    role = rows[0].index("role")
    for _ in range(count):
        r = rng.randrange(1, len(rows))
        rows[r][rng.choice(texts)] = rng.choice(TEXTS) + rng.choice(TEXTS)
        rows[r][role] = rng.choice(("", " ", "  ")) + rows[r][role].strip() + rng.choice(("", " "))
    return rows


def test_the_byte_reader_takes_the_usual_files(tmp_path, coherence, generated, monkeypatch):
    for folder in (EXAMPLES, generated):
        path = folder / "responses.csv"
        assert _assert_same(path, coherence, _units(folder), monkeypatch, str(path)) == (True, True)
    units = _units(generated)
    source = (generated / "responses.csv").read_bytes()
    rows = _with_texts(source, random.Random(4), 300)
    path = tmp_path / "responses.csv"
    for name, data in (
        ("quoted texts", _csv(rows)),
        ("Windows line ends", _csv(rows, "\r\n")),
        ("byte-order mark", codecs.BOM_UTF8 + _csv(rows, "\r\n")),
        ("semicolons", _csv(rows, delimiter=";")),
        ("tabs", _csv(rows, delimiter="\t")),
        ("every cell quoted but the answers", source.replace(b",member,", b',"member",')),
    ):
        path.write_bytes(data)
        assert _assert_same(path, coherence, units, monkeypatch, name) == (True, True), name


@pytest.mark.parametrize(
    ("name", "edit", "taken"),
    [
        ("spaces around a rating", lambda d: d.replace(b",4,", b", 4 ,", 1), False),
        ("a rating written 4.0", lambda d: d.replace(b",4,", b",4.0,", 1), False),
        ("a quoted rating", lambda d: d.replace(b",4,", b',"4",', 1), False),
        ("a rating out of scale", lambda d: d.replace(b",4,", b",9,", 1), False),
        ("a rank of 10", lambda d: d.replace(b",4,", b",10,", 1), False),
        ("n/a", lambda d: d.replace(b",NA,", b",n/a,", 1), False),
        ("a quote inside a value", lambda d: d.replace(b",member,", b',mem"ber,', 1), False),
        ("text after a closing quote", lambda d: d.replace(b",member,", b',"mem"ber,', 1), False),
        ("a trailing comma", lambda d: d.replace(b"\n", b",\n"), False),
        ("a blank line before the header", lambda d: b"\n" + d, False),
        ("a blank line between rows", lambda d: d.replace(b"\n", b"\n\n", 3), False),
        (
            "a row of delimiters only",
            lambda d: d + b"," * d.split(b"\n")[0].count(b",") + b"\n",
            True,
        ),
        ("a short row", lambda d: d + b"U001,member\n", False),
        ("a wide row", lambda d: d.replace(b"\n", b",,\n", 2), False),
        ("old Mac line ends", lambda d: d.replace(b"\n", b"\r"), False),
        ("a lone carriage return", lambda d: d.replace(b",member,", b",mem\rber,", 1), False),
        ("no line end at the end", lambda d: d.rstrip(b"\n"), False),
        ("a quote never closed", lambda d: d.replace(b",member,", b',"member,', 1), False),
        ("Latin-1 text", lambda d: d.replace(b",member,", b",m\xe9mber,", 1), False),
        (
            "a byte-order mark and semicolons",
            lambda d: codecs.BOM_UTF8 + d.replace(b",", b";"),
            True,
        ),
        ("the header quoted", lambda d: b'"unit_id"' + d[len(b"unit_id") :], True),
        ("a NUL byte", lambda d: d.replace(b",member,", b",mem\x00ber,", 1), False),
        ("a wrong unit", lambda d: d.replace(b"\nU001,", b"\nU999,", 1), True),
        ("NA where it is not allowed", lambda d: d.replace(b",4,", b",NA,", 1), None),
    ],
)
def test_the_byte_reader_leaves_the_unusual_files_to_the_others(
    tmp_path, coherence, generated, monkeypatch, name, edit, taken
):
    data = edit((generated / "responses.csv").read_bytes())
    path = tmp_path / "responses.csv"
    path.write_bytes(data)
    _, got = _assert_same(path, coherence, _units(generated), monkeypatch, name)
    if taken is not None:
        assert got == taken, name


@pytest.mark.parametrize("block", [64, 257, 4096])
def test_small_blocks_give_the_same_table(tmp_path, coherence, generated, monkeypatch, block):
    """Records, quoted texts and line ends straddle the blocks; a header wider than a block."""
    monkeypatch.setattr(csv_bytes, "BLOCK", block)
    rows = _with_texts((generated / "responses.csv").read_bytes(), random.Random(block), 200)
    path = tmp_path / "responses.csv"
    for newline in ("\n", "\r\n"):
        path.write_bytes(_csv(rows, newline))
        name = f"blocks of {block} bytes, {newline!r}"
        assert _assert_same(path, coherence, _units(generated), monkeypatch, name) == (True, True)


def _random_cell(rng: random.Random, header: str) -> str:
    if header.startswith("text:") or header in ("role", "unit_id", "self"):
        pool = (*TEXTS, "U001", "U002", "member", "manager", "yes", "no", " yes")
    else:
        pool = ("", "", "", "1", "3", "5", "NA", " 2", "2 ", "0", "6", "4.0", '"', "a,b", "\r")
    return rng.choice(pool)


def test_random_cells_give_the_same_outcome(tmp_path, coherence, generated, monkeypatch):
    """Files with a few random cells each, some bad: same table or the same problems."""
    monkeypatch.setattr(csv_bytes, "BLOCK", 1 << 12)
    source = _rows((generated / "responses.csv").read_bytes())
    units = _units(generated)
    rng = random.Random(8)
    path = tmp_path / "responses.csv"
    taken = 0
    for i in range(24):
        rows = [list(r) for r in source]
        for _ in range(rng.choice((1, 2, 5))):
            r, j = rng.randrange(1, len(rows)), rng.randrange(len(rows[0]))
            rows[r][j] = _random_cell(rng, rows[0][j])
        newline = rng.choice(("\n", "\r\n"))
        path.write_bytes(_csv(rows, newline))
        ok, got = _assert_same(path, coherence, units, monkeypatch, f"random file {i}")
        taken += got
    assert taken >= 3, "some of the random files are read by the byte reader"


def test_a_file_held_in_memory_is_read_in_blocks_like_the_file_on_disk(
    tmp_path, coherence, generated, monkeypatch
):
    monkeypatch.setattr(csv_bytes, "BLOCK", 333)
    rows = _with_texts((generated / "responses.csv").read_bytes(), random.Random(9), 100)
    path = tmp_path / "responses.csv"
    path.write_bytes(codecs.BOM_UTF8 + _csv(rows, "\r\n"))
    units = _units(generated)
    taken = _watch_byte_reader(monkeypatch)
    from_disk = read_responses(path, coherence, units)
    in_memory = read_responses(FileBytes("responses.csv", path.read_bytes()), coherence, units)
    assert taken == [True, True]
    pd.testing.assert_frame_equal(in_memory.frame, from_disk.frame)
    pd.testing.assert_frame_equal(in_memory.not_applicable, from_disk.not_applicable)
