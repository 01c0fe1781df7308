"""The canonical customer-signal file: whole-file validation, agent columns dropped."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from eclaire.core.interchange import ImportProblems
from eclaire.core.signals import read_signals

EXAMPLES = Path(__file__).parents[3] / "docs" / "examples"
UNITS = {"DG", "DCO", "VTE", "ADV", "SUP", "MKT", "DIND", "ROANNE", "MACON", "RH"}
HEADER = "signal_id,date,kind,unit_id,reason,score,score_scale\n"


def write(tmp_path: Path, text: str, name: str = "signals.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_the_documented_example() -> None:
    table = read_signals(EXAMPLES / "signals.csv", UNITS)
    frame = table.frame
    assert len(frame) == 7
    first = frame.iloc[0]
    assert first["kind"] == "complaint" and first["delay_days"] == 5.0
    assert frame.loc[frame["signal_id"] == "ZD-10251", "delay_days"].item() == 2.0
    assert frame["reopened"].tolist()[:2] == [False, True]
    assert frame.loc[frame["score_scale"] == "nps", "score"].item() == 9.0


def test_example_workbook_matches_csv() -> None:
    csv = read_signals(EXAMPLES / "signals.csv", UNITS).frame
    xlsx = read_signals(EXAMPLES / "signals.xlsx", UNITS).frame
    pd.testing.assert_frame_equal(csv, xlsx)


def test_reports_every_problem_with_row_and_column(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER
        + "A1,2026-03-01,complaint,SUP,delivery.late,4,csat\n"
        + "A1,01/03/2026,plainte,XYZ,delivery.slow,6,csat\n"
        + "A3,2026-03-02,ticket,SUP,,7,\n",
    )
    with pytest.raises(ImportProblems) as caught:
        read_signals(path, UNITS)
    where = {(p.row, p.column) for p in caught.value.problems}
    assert {
        (3, "signal_id"),
        (3, "date"),
        (3, "kind"),
        (3, "unit_id"),
        (3, "reason"),
        (3, "score"),
        (4, "score_scale"),
    } <= where
    message = str(caught.value)
    assert "signals.csv, row 3, column kind (value 'plainte'): expected one of ticket" in message
    assert "nothing was imported" in message


def test_drops_agent_columns_with_a_warning(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "signal_id,date,kind,unit_id,Agent_Name,assignee_id\n"
        "A1,2026-03-01,ticket,SUP,Sophie Martin,4411\n",
    )
    table = read_signals(path, UNITS)
    assert "Agent_Name" not in table.frame.columns
    assert not table.frame.isin(["Sophie Martin", "4411"]).any().any()
    assert any("no agent name or id is kept" in w for w in table.warnings)


def test_handoff_needs_both_ends_and_two_units(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "signal_id,date,kind,unit_id,handoff_from_unit,handoff_to_unit\n"
        "A1,2026-03-01,ticket,SUP,VTE,\n"
        "A2,2026-03-01,ticket,SUP,SUP,SUP\n",
    )
    with pytest.raises(ImportProblems) as caught:
        read_signals(path, UNITS)
    assert {(2, "handoff_to_unit"), (3, "handoff_to_unit")} <= {
        (p.row, p.column) for p in caught.value.problems
    }


def test_unknown_column_is_refused_with_nearest_name(tmp_path: Path) -> None:
    path = write(tmp_path, "signal_id,date,kind,unit,reopen\nA1,2026-03-01,ticket,SUP,yes\n")
    with pytest.raises(ImportProblems, match="did you mean 'reopened'"):
        read_signals(path, UNITS)
