"""``eclaire analyze``: files in, a validated result file out, a readable summary, clear refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eclaire.cli import main
from eclaire.core.analysis.result_schema import validate_result
from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.sample import generate_sample, write_sample


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    write_sample(
        generate_sample(units=12, people=200, seed=11, instrument=load_default_instrument()), out
    )
    return out


def _analyze(sample_dir: Path, out: Path, *extra: str):
    args = [
        "analyze",
        "--units",
        str(sample_dir / "units.csv"),
        "--responses",
        str(sample_dir / "responses.csv"),
        "--out",
        str(out),
        *extra,
    ]
    return CliRunner().invoke(main, args, catch_exceptions=False)


def test_writes_a_valid_result_and_a_french_summary(sample_dir, tmp_path):
    out = tmp_path / "result.json"
    run = _analyze(sample_dir, out, "--lang", "fr")
    assert run.exit_code == 0, run.output
    result = json.loads(out.read_text(encoding="utf-8"))
    validate_result(result)
    assert result["messages"] is not None and result["levers"]["recommendations"] is not None
    assert "Diagnostic Éclaire" in run.output and "Indice de cohérence" in run.output
    assert "[1/" in run.output  # progress is shown


def test_previous_wave_gives_a_trend(sample_dir, tmp_path):
    first = tmp_path / "first.json"
    assert _analyze(sample_dir, first, "--no-messages").exit_code == 0
    second = tmp_path / "second.json"
    run = _analyze(sample_dir, second, "--no-messages", "--previous", str(first))
    assert run.exit_code == 0, run.output
    trend = json.loads(second.read_text(encoding="utf-8"))["trend"]
    assert trend is not None and trend["n_changed"] == 0  # the same data twice: nothing moved


def test_bad_responses_file_is_refused_with_row_and_column_and_nothing_written(
    sample_dir, tmp_path
):
    lines = (sample_dir / "responses.csv").read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    row = lines[1].split(",")
    row[header.index("CP1")] = "9"
    broken = tmp_path / "responses.csv"
    broken.write_text("\n".join([lines[0], ",".join(row)]) + "\n", encoding="utf-8")
    out = tmp_path / "result.json"
    run = CliRunner().invoke(
        main,
        [
            "analyze",
            "--units",
            str(sample_dir / "units.csv"),
            "--responses",
            str(broken),
            "--out",
            str(out),
        ],
    )
    assert run.exit_code == 1
    assert "row 2" in run.output and "CP1" in run.output and "'9'" in run.output
    assert not out.exists()


def test_threshold_below_three_is_refused(sample_dir, tmp_path):
    run = _analyze(sample_dir, tmp_path / "r.json", "--min-group", "2", "--no-messages")
    assert run.exit_code == 1
    assert "never below 3" in run.output


def test_no_messages_leaves_the_message_section_out(sample_dir, tmp_path):
    out = tmp_path / "result.json"
    run = _analyze(sample_dir, out, "--no-messages")
    assert run.exit_code == 0, run.output
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["messages"] is None
    validate_result(result)


def test_check_validates_the_result_against_its_schema(sample_dir, tmp_path, monkeypatch):
    from eclaire.core.analysis import result_schema

    seen = []
    monkeypatch.setattr(result_schema, "validate_result", seen.append)
    assert _analyze(sample_dir, tmp_path / "plain.json", "--no-messages").exit_code == 0
    assert seen == []  # not on every run: it costs more than the analysis
    run = _analyze(sample_dir, tmp_path / "checked.json", "--no-messages", "--check")
    assert run.exit_code == 0, run.output
    assert "Checking the result against its schema" in run.output
    assert seen == [json.loads((tmp_path / "checked.json").read_text(encoding="utf-8"))]


def test_a_result_that_breaks_its_schema_fails_the_check(sample_dir, tmp_path, monkeypatch):
    from eclaire.core.analysis import runner

    real = runner.analyze
    monkeypatch.setattr(runner, "analyze", lambda *a, **k: {**real(*a, **k), "n_responses": -1})
    run = CliRunner().invoke(
        main,
        [
            "analyze",
            "--units",
            str(sample_dir / "units.csv"),
            "--responses",
            str(sample_dir / "responses.csv"),
            "--out",
            str(tmp_path / "r.json"),
            "--no-messages",
            "--check",
        ],
    )
    assert run.exit_code != 0
    assert "n_responses" in str(run.exception)
    assert not (tmp_path / "r.json").exists()


def test_processes_reach_the_analysis_and_give_the_same_file(sample_dir, tmp_path, monkeypatch):
    from eclaire.core.analysis import lanes

    asked: list[int] = []
    real = lanes.can_fork
    monkeypatch.setattr(lanes, "can_fork", lambda processes: asked.append(processes) or False)
    monkeypatch.setattr(lanes, "FORK_FROM", 0)
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    assert _analyze(sample_dir, one, "--no-messages", "--processes", "1").exit_code == 0
    monkeypatch.setattr(lanes, "can_fork", lambda processes: asked.append(processes) or real(2))
    assert _analyze(sample_dir, two, "--no-messages").exit_code == 0
    assert asked == [1, 2]
    assert one.read_bytes() == two.read_bytes()
    refused = _analyze(sample_dir, tmp_path / "x.json", "--processes", "3")
    assert refused.exit_code == 2 and "--processes" in refused.output
