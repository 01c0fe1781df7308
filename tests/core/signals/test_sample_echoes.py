"""The sample's customer signals echo its planted internal breaks; a coherent one shows nothing."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from tests.core.levers_samples import sample_and_result

from eclaire.core.interchange import write_table
from eclaire.core.result.view import ResultView
from eclaire.core.sample.signals import generate_signals
from eclaire.core.signals import SignalMeasures, measure_signals, read_signals
from eclaire.core.signals.echo import echo_findings, signal_hotspots


@cache
def measured(
    seed: int, mode: str, coherent: bool
) -> tuple[dict, dict, SignalMeasures, pd.DataFrame]:
    sample, result = sample_and_result(40, seed, mode)
    frame, truth = generate_signals(sample.units, sample.truth, seed, coherent=coherent)
    return result, truth, measure_signals(read_back(frame)), frame


def read_back(frame: pd.DataFrame) -> pd.DataFrame:
    """Through the file, as the demo and an import see it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "signals.csv"
        write_table(frame, path)
        return read_signals(path).frame


@pytest.mark.parametrize("seed", [1, 2])
def test_finds_the_planted_echoes_and_nothing_else(seed: int) -> None:
    result, truth, measures, frame = measured(seed, "planted", False)
    assert 2500 <= len(frame) <= 3500 and frame["account"].nunique() > 300
    planted = {(e["from_unit"], e["to_unit"], m) for e in truth["echoes"] for m in e["measures"]}
    found = {(h.from_unit, h.to_unit, h.measure) for h in signal_hotspots(measures)}
    assert found == planted
    echoes = echo_findings(ResultView(result, "fr"), measures)
    tense = next(e for e in truth["echoes"] if e["pattern"] == "escalations_at_tense_interface")
    assert [(e.from_unit, e.to_unit, e.measure, e.lever) for e in echoes] == [
        (tense["from_unit"], tense["to_unit"], "escalation", "mediation")
    ]


def test_nothing_on_a_coherent_organization() -> None:
    result, truth, measures, _ = measured(3, "all_coherent", True)
    assert truth["echoes"] == []
    assert signal_hotspots(measures) == []
    assert echo_findings(ResultView(result, "fr"), measures) == []


def test_no_echo_when_customers_do_not_feel_the_internal_break() -> None:
    result, _, measures, _ = measured(1, "planted", True)
    assert echo_findings(ResultView(result, "fr"), measures) == []
