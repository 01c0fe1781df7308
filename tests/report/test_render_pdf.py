"""The PDF: it renders on A4, has several pages, and its text holds the section titles."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from eclaire.report import DEBIAN_PACKAGES, PdfUnavailable, render_html, render_pdf
from eclaire.report.catalogue import Catalogue

TITLES = (
    "summary.title",
    "map.title",
    "interfaces.title",
    "gaps.title",
    "priorities.title",
    "symptoms.title",
    "questions.title",
    "method.title",
    "glossary.title",
)


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """Text of a PDF by poppler's pdftotext (Debian package poppler-utils)."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: apt-get install -y poppler-utils")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pdf_renders_with_every_section_title(
    result: dict[str, Any], lang: str, tmp_path: Path
) -> None:
    html = render_html(result, lang=lang, org_name="Maison Exemple", campaign_name="Vague 1")
    pdf = render_pdf(html)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) >= 3
    flat = " ".join(text.split())
    cat = Catalogue(lang)
    for key in TITLES:
        assert cat.t(key) in flat, key
    assert "Maison Exemple" in pages[1]  # running header from the second page on


@pytest.mark.parametrize("error", [OSError, ImportError])
def test_missing_system_libraries_name_the_debian_packages(
    hide_weasyprint: Callable[[type[Exception]], None], error: type[Exception]
) -> None:
    hide_weasyprint(error)
    with pytest.raises(PdfUnavailable) as caught:
        render_pdf("<html><body>x</body></html>")
    message = str(caught.value)
    for package in DEBIAN_PACKAGES:
        assert package in message
    assert "apt-get install" in message
