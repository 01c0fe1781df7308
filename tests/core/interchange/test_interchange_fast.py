"""The numeric fast path of the responses reader gives what the slow path gives.

For the example file, a generated organization and hundreds of damaged or edited copies of them
(``tests/interchange_mutations.py`` plus answer-level edits): when the slow path accepts a file,
the fast path gives the same frames and warnings; when the slow path refuses it, the fast path
declines (so the refusal's problems are the slow path's own, word for word).
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
from eclaire.core.interchange import FileBytes, ImportProblems, ResponsesTable, read_units
from eclaire.core.interchange import responses as responses_module
from eclaire.core.interchange.responses import read_responses
from interchange_mutations import mutants

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"


@pytest.fixture(scope="module")
def generated(generated_sample: Callable[[int], Path]) -> Path:
    return generated_sample(3)


def _slow(path: Path, instrument: Instrument, units: set[str]) -> ResponsesTable | str:
    original = responses_module.read_numeric
    responses_module.read_numeric = lambda *_args: None  # type: ignore[assignment]
    try:
        return read_responses(path, instrument, units, max_text=500)
    except ImportProblems as problems:
        return str(problems)
    finally:
        responses_module.read_numeric = original


def _either(path: Path, instrument: Instrument, units: set[str]) -> ResponsesTable | str:
    try:
        return read_responses(path, instrument, units, max_text=500)
    except ImportProblems as problems:
        return str(problems)


def _assert_same(
    path: Path, instrument: Instrument, units: set[str], name: str
) -> tuple[bool, bool]:
    """Both paths agree on ``path``; whether the file was accepted, and taken by the fast path."""
    slow = _slow(path, instrument, units)
    options = tuple(o.code for o in instrument.ranking.options) if instrument.ranking else ()
    taken = responses_module._fast(path, instrument, frozenset(units), options, 500) is not None
    either = _either(path, instrument, units)
    if isinstance(slow, str):
        assert either == slow, name
        assert not taken, f"{name}: the fast path accepted a file the slow path refuses"
        return False, False
    assert isinstance(either, ResponsesTable), name
    pd.testing.assert_frame_equal(either.frame, slow.frame, obj=name)
    pd.testing.assert_frame_equal(either.not_applicable, slow.not_applicable, obj=name)
    assert either.warnings == slow.warnings, name
    return True, taken


def _units(folder: Path) -> set[str]:
    return set(read_units(folder / "units.csv")["unit_id"])


def test_fast_path_takes_valid_files_and_gives_the_slow_path_table(coherence, generated):
    for folder in (EXAMPLES, generated):
        path = folder / "responses.csv"
        assert _assert_same(path, coherence, _units(folder), str(path)) == (True, True)


def _edit(source: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One answer-level edit a person makes in a spreadsheet: spaces, NA, 4.0, a wrong value…"""
    rows = list(csv.reader(io.StringIO(source.decode("utf-8-sig"))))
    header = rows[0]
    answers = [j for j, name in enumerate(header) if j >= 6]
    plausible = (" 4 ", "NA", "n/a", "4.0", "", "1e0", "+3", "NA ", "2", "'4", "'=1+1")
    wrong = ("4.5", "9", "0", "4,0", "True", "oui", "nan", "inf", "٣", "1_0", "-", "'NA")
    value = rng.choice(plausible if rng.random() < 0.6 else wrong)
    count = rng.choice((1, 3, 40))
    for _ in range(count):
        r = rng.randrange(1, len(rows))
        j = rng.choice(answers)
        if j < len(rows[r]):
            rows[r][j] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return f"{count} x {value!r}", out.getvalue().encode("utf-8")


def test_fast_and_slow_paths_agree_on_edited_and_damaged_files(tmp_path, coherence, generated):
    units = _units(generated)
    source = (generated / "responses.csv").read_bytes()
    rng = random.Random(21)
    outcomes = []
    for i in range(40):
        name, data = _edit(source, rng)
        path = tmp_path / "responses.csv"
        path.write_bytes(data)
        outcomes.append(_assert_same(path, coherence, units, f"edit {i}: {name}"))
    accepted = [taken for ok, taken in outcomes if ok]
    assert len(accepted) >= 8 and all(accepted), "every accepted edit is read the fast way"
    for mutant in mutants(source, random.Random(22), 40):
        path = tmp_path / f"responses{mutant.suffix}"
        path.write_bytes(mutant.data)
        _assert_same(path, coherence, units, mutant.name)


def test_fast_path_agrees_on_the_example_files_mutants(tmp_path, coherence):
    units = _units(EXAMPLES)
    source = (EXAMPLES / "responses.csv").read_bytes()
    for mutant in mutants(source, random.Random(13), 100):
        path = tmp_path / f"responses{mutant.suffix}"
        path.write_bytes(mutant.data)
        _assert_same(path, coherence, units, mutant.name)


def test_fast_path_reads_several_chunks_like_one(tmp_path, coherence, generated, monkeypatch):
    import eclaire.core.interchange.responses_fast as fast

    monkeypatch.setattr(fast, "CHUNK_ROWS", 37)
    path = generated / "responses.csv"
    assert _assert_same(path, coherence, _units(generated), "chunks of 37 rows") == (True, True)


def test_fast_path_reads_a_file_held_in_memory_like_the_same_file_on_disk(coherence, generated):
    path = generated / "responses.csv"
    units = _units(generated)
    held = FileBytes("responses.csv", path.read_bytes())
    options = tuple(o.code for o in coherence.ranking.options) if coherence.ranking else ()
    assert responses_module._fast(held, coherence, frozenset(units), options, 500) is not None
    from_disk, in_memory = (
        read_responses(path, coherence, units),
        read_responses(held, coherence, units),
    )
    pd.testing.assert_frame_equal(in_memory.frame, from_disk.frame)
    pd.testing.assert_frame_equal(in_memory.not_applicable, from_disk.not_applicable)


def _with_cells(source: bytes, cells: dict[tuple[int, str], str], newline: str = "\n") -> bytes:
    rows = list(csv.reader(io.StringIO(source.decode("utf-8-sig"))))
    for (row, column), value in cells.items():
        rows[row][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerows(rows)
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize(
    ("name", "cells", "newline", "outcome"),
    [
        (
            "NA in texts",
            {(1, "text:MSG_PROMISE"): "NA", (2, "text:MSG_PROMISE"): "a,NA,b"},
            "\n",
            (True, True),
        ),
        ("NA with Windows line ends", {(1, "if:U002:IF_INFO"): "NA"}, "\r\n", (True, True)),
        (
            "the sentinel in a text",
            {(1, "text:MSG_PRIORITY"): "-7701 NA -7701"},
            "\n",
            (True, True),
        ),
        (
            "the sentinel with decimals",
            {(1, "if:U002:IF_INFO"): "-7701.0"},
            "\n",
            (False, False),
        ),
        (
            "the sentinel spelled otherwise",
            {(1, "if:U002:IF_INFO"): "-7.701e3", (2, "if:U002:IF_INFO"): "NA"},
            "\n",
            (False, False),
        ),
        (
            "the sentinel itself in a rating",
            {(1, "if:U002:IF_INFO"): "-7701"},
            "\n",
            (False, False),
        ),
        (
            "NA where it is not allowed",
            {(1, "CR1"): "NA", (2, "if:U002:IF_INFO"): "NA"},
            "\n",
            (False, False),
        ),
    ],
)
def test_na_marks_read_through_the_sentinel_give_the_slow_path_table(
    tmp_path, coherence, generated, name, cells, newline, outcome
):
    data = _with_cells((generated / "responses.csv").read_bytes(), cells, newline)
    assert b",NA," in data or b"NA," in data
    path = tmp_path / "responses.csv"
    path.write_bytes(data)
    assert _assert_same(path, coherence, _units(generated), name) == outcome


def test_na_marks_reach_the_parser_as_numbers(tmp_path, coherence, generated, monkeypatch):
    import eclaire.core.interchange.responses_fast as fast

    cells = {(1, "if:U002:IF_INFO"): "NA", (2, "text:MSG_PROMISE"): "a,NA,b", (3, "CC2"): "NA"}
    path = tmp_path / "responses.csv"
    path.write_bytes(_with_cells((generated / "responses.csv").read_bytes(), cells))

    def as_text(*_args: object) -> None:
        raise AssertionError("an answer column was read as text")

    monkeypatch.setattr(fast, "_text_numbers", as_text)
    table = read_responses(path, coherence, _units(generated))
    assert (
        table.not_applicable["CC2"].iloc[2] and table.frame["text:MSG_PROMISE"].iloc[1] == "a,NA,b"
    )


def test_na_marks_after_a_byte_order_mark_and_between_semicolons(tmp_path, coherence, generated):
    cells = {(1, "if:U002:IF_INFO"): "NA", (2, "text:MSG_PROMISE"): "x,NA,y"}
    data = _with_cells((generated / "responses.csv").read_bytes(), cells)
    path = tmp_path / "responses.csv"
    for name, body in (("BOM", data), ("BOM and semicolons", data.replace(b",", b";"))):
        path.write_bytes(codecs.BOM_UTF8 + body)
        assert _assert_same(path, coherence, _units(generated), name) == (True, True)
