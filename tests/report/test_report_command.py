"""``eclaire report --result``: no database, writes the HTML and the PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from eclaire.cli import main


@pytest.mark.slow
def test_writes_html_and_pdf_from_a_result_file(result_file: Path, tmp_path: Path) -> None:
    html, pdf = tmp_path / "report.html", tmp_path / "report.pdf"
    outcome = CliRunner().invoke(
        main,
        [
            "report",
            "--result",
            str(result_file),
            "--out",
            str(html),
            "--pdf",
            str(pdf),
            "--lang",
            "en",
            "--org-name",
            "Maison Exemple",
            "--campaign-name",
            "Wave 1",
        ],
    )
    assert outcome.exit_code == 0, outcome.output
    assert "Maison Exemple" in html.read_text(encoding="utf-8")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "1/3" in outcome.output and "3/3" in outcome.output


def test_html_only_without_pdf(result_file: Path, tmp_path: Path) -> None:
    html = tmp_path / "rapport.html"
    outcome = CliRunner().invoke(main, ["report", "--result", str(result_file), "--out", str(html)])
    assert outcome.exit_code == 0, outcome.output
    assert '<html lang="fr">' in html.read_text(encoding="utf-8")


def test_missing_libraries_exit_1_with_the_packages(
    result_file: Path, tmp_path: Path, hide_weasyprint: Callable[[type[Exception]], None]
) -> None:
    hide_weasyprint(OSError)
    html, pdf = tmp_path / "r.html", tmp_path / "r.pdf"
    outcome = CliRunner().invoke(
        main,
        [
            "report",
            "--result",
            str(result_file),
            "--out",
            str(html),
            "--pdf",
            str(pdf),
        ],
    )
    assert outcome.exit_code == 1
    assert "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0" in outcome.output
    assert html.exists() and not pdf.exists()


def test_needs_a_campaign_or_a_result_file(tmp_path: Path) -> None:
    outcome = CliRunner().invoke(main, ["report", "--out", str(tmp_path / "r.html")])
    assert outcome.exit_code == 2
    assert "--result" in outcome.output


def test_unreadable_result_file_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    outcome = CliRunner().invoke(
        main, ["report", "--result", str(bad), "--out", str(tmp_path / "r.html")]
    )
    assert outcome.exit_code == 1
    assert "not a readable result file" in outcome.output
