"""The plans' world (a generated organization with its stored result) plus its customer signals."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.web.plans.conftest import PlanWorld, _sample, plan_world  # noqa: F401

from eclaire.core.interchange import write_table
from eclaire.core.sample.signals import generate_signals
from eclaire.web.signals.mirror import clear_cache


@pytest.fixture
def signal_file(tmp_path: Path) -> tuple[Path, dict]:
    sample = _sample(4)
    frame, truth = generate_signals(sample.units, sample.truth, 4)
    frame["agent_name"] = "Sophie Martin"
    path = tmp_path / "signals.csv"
    write_table(frame, path)
    return path, truth


@pytest.fixture(autouse=True)
def _fresh_mirror_cache():
    clear_cache()
    yield
    clear_cache()
