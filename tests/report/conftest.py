"""A realistic result, generated once per session with the sample generator (no database)."""

from __future__ import annotations

import builtins
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from eclaire.core.analysis.runner import run_analysis
from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.sample import generate_sample, write_sample


@pytest.fixture(scope="session")
def result_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report-sample")
    data = generate_sample(
        units=40, people=800, seed=3, instrument=load_default_instrument(), lang="fr"
    )
    write_sample(data, out)
    target = out / "result.json"
    run_analysis(
        instrument_ref="coherence",
        units_file=out / "units.csv",
        responses_file=out / "responses.csv",
        out=target,
        min_group=5,
        previous_file=None,
        declared=None,
        lang="en",
        progress=lambda msg: None,
    )
    return target


@pytest.fixture
def result(result_file: Path) -> dict[str, Any]:
    return json.loads(result_file.read_text(encoding="utf-8"))


def without_weasyprint(monkeypatch: pytest.MonkeyPatch, error: type[Exception]) -> None:
    """Make ``import weasyprint`` fail as it does when Pango or HarfBuzz is missing."""
    real_import = builtins.__import__

    def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise error("cannot load library 'libpango-1.0-0': No such file")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(builtins, "__import__", fake_import)


@pytest.fixture
def hide_weasyprint(monkeypatch: pytest.MonkeyPatch) -> Callable[[type[Exception]], None]:
    """Call it with OSError or ImportError to make the next ``import weasyprint`` fail."""
    return lambda error: without_weasyprint(monkeypatch, error)
