"""write_table, and reading back what it wrote, in CSV and in XLSX."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from interchange_helpers import UNIT_IDS

from eclaire.core.interchange import read_responses, read_roster, read_units, write_table

UNITS = pd.DataFrame(
    {
        "unit_id": ["DIR", "DCO", "ADV", "SUP", "ROANNE", "MACON"],
        "name": [
            "Direction générale",
            "Direction commerciale",
            "ADV",
            "Support client",
            "Usine de Roanne",
            "Entrepôt de Mâcon",
        ],
        "parent_id": [None, "DIR", "DCO", "DCO", "DIR", "DIR"],
        "function": ["management", "sales", "sales_admin", "support", "production", "logistics"],
        "site_kind": ["head_office", "mixed", "head_office", "head_office", "field", "field"],
    }
)
ROSTER = pd.DataFrame(
    {
        "person_id": ["P1", "P2"],
        "email": ["a@exemple.fr", None],
        "phone": [None, "0612345678"],
        "unit_id": ["ADV", "ROANNE"],
        "role": ["manager", "member"],
        "tenure_band": ["3to10y", "lt6m"],
        "contract": ["permanent", "apprentice"],
        "customer_facing": ["yes", "no"],
        "language": ["fr", "en"],
    }
)


def _responses() -> tuple[pd.DataFrame, pd.DataFrame]:
    frame = pd.DataFrame(
        {
            "unit_id": ["ADV", "SUP", "ADV"],
            "role": ["member", "member", "manager"],
            "tenure_band": ["lt6m", None, "gt10y"],
            "contract": ["apprentice", None, "permanent"],
            "customer_facing": ["yes", None, "no"],
            "self": [False, False, True],
            "CR1": [4.0, None, 5.0],
            "CR2": [None, 3.0, 2.0],
            "SY_INFO": [5.0, 1.0, None],
            "CHANNEL": ["email", None, "meeting"],
            "if:SUP:IF_INFO": [2.0, None, None],
            "rank:growth": [1.0, 2.0, None],
            "rank:delivery": [2.0, 1.0, None],
            "text:MSG_PROMISE": ["Livraison sous 48 h, sauf rupture", None, "« Zéro retard »"],
        }
    )
    not_applicable = pd.DataFrame(
        False, index=frame.index, columns=["CR1", "CR2", "if:SUP:IF_INFO"]
    )
    not_applicable.loc[0, "CR2"] = True
    return frame, not_applicable


@pytest.fixture(params=["csv", "xlsx"])
def suffix(request) -> str:
    return request.param


def test_units_survive_a_round_trip(tmp_path: Path, suffix):
    write_table(UNITS, tmp_path / f"units.{suffix}")
    back = read_units(tmp_path / f"units.{suffix}")
    pd.testing.assert_frame_equal(
        back.astype(object), UNITS.astype(object).where(UNITS.notna(), float("nan"))
    )


def test_roster_survives_a_round_trip(tmp_path: Path, suffix):
    write_table(ROSTER, tmp_path / f"roster.{suffix}")
    back = read_roster(tmp_path / f"roster.{suffix}", UNIT_IDS)
    expected = ROSTER.astype(object).where(ROSTER.notna(), float("nan"))
    pd.testing.assert_frame_equal(back.astype(object), expected)


def test_responses_and_not_applicable_marks_survive_a_round_trip(
    tmp_path: Path, suffix, instrument
):
    frame, not_applicable = _responses()
    path = tmp_path / f"responses.{suffix}"
    write_table(frame, path, not_applicable=not_applicable)
    back = read_responses(path, instrument, UNIT_IDS)
    assert back.frame.columns.tolist() == frame.columns.tolist()
    pd.testing.assert_frame_equal(
        back.frame.astype(object), frame.astype(object).where(frame.notna(), float("nan"))
    )
    assert back.not_applicable.loc[0, "CR2"] and int(back.not_applicable.to_numpy().sum()) == 1


def test_writes_csv_as_utf8_with_a_byte_order_mark_for_excel(tmp_path: Path):
    write_table(UNITS, tmp_path / "units.csv")
    data = (tmp_path / "units.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfunit_id,name,parent_id")
    assert "Entrepôt de Mâcon" in data.decode("utf-8-sig")


def test_writes_whole_numbers_without_decimals_and_booleans_as_yes_no(tmp_path: Path):
    frame, _ = _responses()
    write_table(frame, tmp_path / "responses.csv")
    first = (tmp_path / "responses.csv").read_text(encoding="utf-8-sig").splitlines()[1]
    assert first.startswith("ADV,member,lt6m,apprentice,yes,no,4,,5,email,2,1,2,")


def test_refuses_an_unknown_suffix_and_writes_nothing(tmp_path: Path):
    with pytest.raises(ValueError, match=r"\.csv or \.xlsx"):
        write_table(UNITS, tmp_path / "units.json")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_table_bytes_are_the_file_write_table_writes(tmp_path: Path, suffix: str):
    from eclaire.core.interchange.writing import table_bytes

    frame = UNITS.assign(name=["=SUM(A1)", *UNITS["name"][1:]])
    path = tmp_path / f"units.{suffix}"
    write_table(frame, path)
    data = table_bytes(frame, suffix, sheet="units")
    if suffix == "csv":
        assert data == path.read_bytes()
    out = tmp_path / f"again.{suffix}"
    out.write_bytes(data)
    assert read_units(out)["name"].tolist() == frame["name"].tolist()


def test_table_bytes_refuses_an_unknown_format():
    from eclaire.core.interchange.writing import table_bytes

    with pytest.raises(ValueError, match="unknown table format 'ods'"):
        table_bytes(UNITS, "ods")
