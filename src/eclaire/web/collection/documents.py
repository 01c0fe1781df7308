"""Printed material for people without e-mail: sheets of one-time codes and unit posters.

HTML pages print on A4 from a browser; the same templates go through WeasyPrint for PDF. The
poster's QR code (segno) leads to the unit's entry page, whose plain address is printed too.
"""

from __future__ import annotations

import io
from pathlib import Path

import segno
from django.template.loader import render_to_string

from eclaire.web.campaigns.models import Campaign
from eclaire.web.collection.links import unit_entry_url
from eclaire.web.collection.models import UnitEntry

PRINT_CSS = Path(__file__).parent / "static" / "collection" / "print.css"
CODES_PER_PAGE = 12


def _qr(entry: UnitEntry) -> segno.QRCode:
    return segno.make(unit_entry_url(entry.key), error="m")


def _context(campaign: Campaign, entry: UnitEntry, *, for_pdf: bool) -> dict[str, object]:
    return {
        "campaign": campaign,
        "org": campaign.organization,
        "unit": entry.unit,
        "url": unit_entry_url(entry.key),
        "for_pdf": for_pdf,
    }


def _pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML  # heavy import: only when a PDF is asked for

    return HTML(string=html).write_pdf(stylesheets=[CSS(string=PRINT_CSS.read_text("utf-8"))])


def code_sheet_html(
    campaign: Campaign, entry: UnitEntry, codes: list[str], *, for_pdf: bool = False
) -> str:
    pages = [codes[i : i + CODES_PER_PAGE] for i in range(0, len(codes), CODES_PER_PAGE)]
    context = _context(campaign, entry, for_pdf=for_pdf) | {"pages": pages, "count": len(codes)}
    return render_to_string("collection/codes_sheet.html", context)


def code_sheet_pdf(campaign: Campaign, entry: UnitEntry, codes: list[str]) -> bytes:
    return _pdf(code_sheet_html(campaign, entry, codes, for_pdf=True))


def poster_png(entry: UnitEntry, *, scale: int = 16) -> bytes:
    """The QR code alone, large enough to print (a 33-module code at scale 16 is ~600 px)."""
    out = io.BytesIO()
    _qr(entry).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def poster_html(campaign: Campaign, entry: UnitEntry, *, for_pdf: bool = False) -> str:
    context = _context(campaign, entry, for_pdf=for_pdf) | {
        "qr_uri": _qr(entry).svg_data_uri(scale=10, border=2),
    }
    return render_to_string("collection/poster.html", context)


def poster_pdf(campaign: Campaign, entry: UnitEntry) -> bytes:
    return _pdf(poster_html(campaign, entry, for_pdf=True))


def download_name(campaign: Campaign, entry: UnitEntry, what: str, ext: str) -> str:
    """A file name that says what the file is: ``w1-VTE-codes.pdf``."""
    safe_code = "".join(c if c.isalnum() or c in "-_" else "-" for c in entry.unit.code)
    return f"{campaign.slug}-{safe_code}-{what}.{ext}"
