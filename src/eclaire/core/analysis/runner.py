"""Files in, result file out: what ``eclaire analyze`` does, usable from Python too."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from eclaire.core.instrument import Instrument
from eclaire.core.instrument_loader import InstrumentError, load_default_instrument, load_instrument
from eclaire.core.interchange import ImportProblems, read_responses, read_units

from .analyze import analyze
from .summary import summarize

__all__ = ["AnalysisInputError", "load_instrument_ref", "run_analysis"]


class AnalysisInputError(ValueError):
    """An input file of the analysis is missing, malformed or inconsistent."""


def load_instrument_ref(ref: str) -> Instrument:
    """A YAML file path, or the id of a default instrument."""
    try:
        if ref.endswith((".yaml", ".yml")) or Path(ref).is_file():
            return load_instrument(Path(ref))
        return load_default_instrument(ref)
    except (InstrumentError, FileNotFoundError, KeyError) as exc:
        raise AnalysisInputError(f"instrument {ref!r}: {exc}") from exc


def _read_previous(path: Path | None) -> dict[str, Any] | None:
    if path is None:
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise AnalysisInputError(f"{path}: not a result file ({exc})") from exc


def run_analysis(
    *,
    instrument_ref: str,
    units_file: Path,
    responses_file: Path,
    out: Path,
    min_group: int = 5,
    previous_file: Path | None = None,
    declared: Sequence[str] | None = None,
    lang: str = "en",
    messages: bool = True,
    check: bool = False,
    progress: Callable[[str], None] = lambda _m: None,
    processes: int = 2,
) -> str:
    """Read and validate the inputs, analyze, write ``out`` and return the summary text.

    ``messages=False`` leaves out the message-drift section. ``check`` also validates the result
    against docs/result.schema.json (the tests always do; it costs more than the analysis).
    ``processes`` as in :func:`~.analyze.analyze`.
    """
    instrument = load_instrument_ref(instrument_ref)
    try:
        progress(f"Reading {units_file}…")
        units = read_units(units_file)
        progress(f"Reading {responses_file}…")
        ranking = instrument.ranking
        options = [o.code for o in ranking.options] if ranking else []
        table = read_responses(
            responses_file, instrument, set(units["unit_id"]), priority_codes=options or None
        )
    except ImportProblems as problems:
        raise AnalysisInputError(f"{problems}\nNothing was analyzed.") from problems
    if min_group < 3:
        raise AnalysisInputError(f"--min-group {min_group}: the threshold is never below 3")
    result = analyze(
        instrument,
        units,
        table.frame,
        min_group=min_group,
        declared_priorities=list(declared or options),
        previous=_read_previous(previous_file),
        progress=progress,
        messages=messages,
        processes=processes,
    )
    if check:
        from .result_schema import validate_result

        progress("Checking the result against its schema…")
        validate_result(result)
    out.parent.mkdir(parents=True, exist_ok=True)
    # Compact: the indenting encoder is pure Python, several times slower on large results.
    out.write_text(json.dumps(result, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    progress(f"Wrote {out}")
    return summarize(result, lang=lang)
