"""Code sheets and posters: content types, file names, codes on the sheet, a QR in the PNG."""

from __future__ import annotations

import struct
import zlib

import pytest
from django.urls import reverse

from eclaire.web.collection.documents import code_sheet_html, poster_html
from eclaire.web.collection.models import AccessCode, UnitEntry
from eclaire.web.collection.tokens import secret_hash

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _codes_url(world) -> str:
    return reverse("collection:codes", args=["acme", "w1", world.sales.pk])


@pytest.fixture
def coach(client, world, opened):
    client.force_login(world.coach)
    return client


def test_sheet_page_shows_each_new_code_once(coach, world):
    response = coach.post(_codes_url(world), {"count": 14, "format": "html"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    hashes = set(AccessCode.objects.values_list("code_hash", flat=True))
    shown = [c for c in _codes_in(page)]
    assert len(shown) == 14 and {secret_hash(c) for c in shown} == hashes
    assert page.count('class="sheet"') == 2  # 12 slips a page
    assert "/u/" in page and "Saisissez ce code" in page and "Type this code" in page


def test_sheet_pdf_is_a_download(coach, world):
    response = coach.post(_codes_url(world), {"count": 3, "format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="w1-VTE-codes.pdf"'
    assert response.content.startswith(b"%PDF")
    assert AccessCode.objects.count() == 3


def test_sheet_html_behind_the_pdf_holds_the_codes(world, opened):
    entry = UnitEntry.objects.get(campaign=opened, unit=world.sales)
    html = code_sheet_html(opened, entry, ["AAAAA-BBBBB", "CCCCC-DDDDD"], for_pdf=True)
    assert "AAAAA-BBBBB" in html and "CCCCC-DDDDD" in html
    assert "<link" not in html  # the PDF gets its stylesheet directly


def test_bad_count_changes_nothing(coach, world):
    response = coach.post(_codes_url(world), {"count": 0, "format": "pdf"})
    assert response.status_code == 302 and not AccessCode.objects.exists()


def test_poster_png_is_a_qr_code(coach, world):
    response = coach.get(reverse("collection:poster_png", args=["acme", "w1", world.sales.pk]))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="w1-VTE-qr.png"'
    png = response.content
    assert png.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", png[16:24])
    assert width == height  # a QR code is square
    modules = width // 16 - 8  # scale 16, quiet zone of 4 modules each side
    assert modules >= 21 and (modules - 21) % 4 == 0  # QR versions: 21, 25, 29… modules
    assert b"IDAT" in png and zlib.decompress(_idat(png))


def test_poster_pdf_and_page(coach, world, opened):
    url = reverse("collection:poster_pdf", args=["acme", "w1", world.sales.pk])
    response = coach.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="w1-VTE-poster.pdf"'
    assert response.content.startswith(b"%PDF")
    key = UnitEntry.objects.get(campaign=opened, unit=world.sales).key
    page = coach.get(reverse("collection:poster", args=["acme", "w1", world.sales.pk]))
    text = page.content.decode()
    assert f"http://testserver.example/u/{key}/" in text
    assert "Scannez, puis saisissez votre code" in text and "Scan, then type your code" in text
    assert 'src="data:image/svg+xml' in text and "alt=" in text


def test_poster_html_for_pdf_has_the_same_words(world, opened):
    entry = UnitEntry.objects.get(campaign=opened, unit=world.sales)
    assert "Scan, then type your code" in poster_html(opened, entry, for_pdf=True)


def _codes_in(page: str) -> list[str]:
    import re

    return re.findall(r'<p class="code">([0-9A-Z]{5}-[0-9A-Z]{5})</p>', page)


def _idat(png: bytes) -> bytes:
    data, pos = b"", 8
    while pos < len(png):
        length = struct.unpack(">I", png[pos : pos + 4])[0]
        if png[pos + 4 : pos + 8] == b"IDAT":
            data += png[pos + 8 : pos + 8 + length]
        pos += 12 + length
    return data
