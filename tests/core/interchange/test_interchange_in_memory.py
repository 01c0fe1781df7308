"""A file held in memory (an upload) reads exactly like the same bytes on disk."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from eclaire.core.interchange import FileBytes, ImportProblems, read_roster, read_units

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"


@pytest.mark.parametrize("name", ["units.csv", "units.xlsx"])
def test_units_from_memory_equal_units_from_disk(name):
    path = EXAMPLES / name
    from_disk = read_units(path)
    from_memory = read_units(FileBytes(name, path.read_bytes()))
    pd.testing.assert_frame_equal(from_disk, from_memory)


@pytest.mark.parametrize("name", ["roster.csv", "roster.xlsx"])
def test_roster_from_memory_equal_roster_from_disk(name):
    path = EXAMPLES / name
    units = set(read_units(EXAMPLES / "units.csv")["unit_id"])
    pd.testing.assert_frame_equal(
        read_roster(path, units), read_roster(FileBytes(name, path.read_bytes()), units)
    )


def test_problems_name_the_uploaded_file():
    data = b"unit_id,name,function,site_kind\nA,,sales,field\n"
    with pytest.raises(ImportProblems) as caught:
        read_units(FileBytes("mes unités.csv", data))
    (problem,) = caught.value.problems
    assert (problem.file, problem.row, problem.column) == ("mes unités.csv", 2, "name")


def test_suffix_comes_from_the_name():
    with pytest.raises(ImportProblems, match="a .csv or .xlsx file, not .pdf"):
        read_units(FileBytes("units.pdf", b"unit_id\n"))
