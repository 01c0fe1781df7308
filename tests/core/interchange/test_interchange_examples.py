"""The example files of docs/examples read cleanly, with the default instrument, in both formats."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.interchange import read_responses, read_roster, read_units

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"


@pytest.fixture(scope="module")
def unit_ids() -> set[str]:
    return set(read_units(EXAMPLES / "units.csv")["unit_id"])


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_example_units_and_roster_read_without_problem(suffix, unit_ids):
    units = read_units(EXAMPLES / f"units.{suffix}")
    assert "Entrepôt de Mâcon" in set(units["name"])
    assert units["parent_id"].isna().sum() == 1
    roster = read_roster(EXAMPLES / f"roster.{suffix}", unit_ids)
    assert roster["person_id"].is_unique


def test_example_responses_read_with_the_default_instrument(unit_ids):
    instrument = load_default_instrument("coherence")
    from_csv = read_responses(EXAMPLES / "responses.csv", instrument, unit_ids)
    from_xlsx = read_responses(EXAMPLES / "responses.xlsx", instrument, unit_ids)
    pd.testing.assert_frame_equal(from_csv.frame, from_xlsx.frame)
    pd.testing.assert_frame_equal(from_csv.not_applicable, from_xlsx.not_applicable)
    assert from_csv.warnings == ()
    assert int(from_csv.frame["self"].sum()) == 2
    assert int(from_csv.not_applicable.to_numpy().sum()) == 2
    assert "text:MSG_PROMISE" in from_csv.frame.columns
