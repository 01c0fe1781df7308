"""What an uploaded file is, by its first bytes and not only by its name.

A units or roster file is CSV text or an XLSX workbook (a ZIP archive holding a workbook). The
suffix must say which, and the content must agree: a renamed PDF, image, old ``.xls`` or a
workbook called ``.csv`` is refused with a message saying what was found.
"""

from __future__ import annotations

import codecs
import io
import zipfile

from django.utils.translation import gettext as _

SUFFIXES = (".csv", ".xlsx")
ZIP = b"PK\x03\x04"
OTHER_KINDS = {
    b"%PDF": "PDF",
    b"\xd0\xcf\x11\xe0": "Excel 97-2003 (.xls)",
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"\x1f\x8b": "gzip",
}
SNIFF = 64 * 1024
"""Bytes of a CSV file examined for signs of binary content."""


def _found(data: bytes) -> str | None:
    for start, kind in OTHER_KINDS.items():
        if data.startswith(start):
            return kind
    if data.startswith(ZIP):
        return "ZIP"
    return None


def _is_workbook(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return "[Content_Types].xml" in names and "xl/workbook.xml" in names


def type_problem(name: str, data: bytes) -> str | None:
    """What is wrong with the file's kind, or ``None`` for CSV text or an XLSX workbook."""
    suffix = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if suffix not in SUFFIXES:
        return _("a .csv or .xlsx file, not %(suffix)s") % {
            "suffix": suffix or _("a file without suffix")
        }
    found = _found(data)
    if suffix == ".xlsx":
        if found == "ZIP" and _is_workbook(data):
            return None
        if found == "Excel 97-2003 (.xls)":
            return _("an .xlsx workbook: this is an old .xls file; save it as .xlsx in Excel")
        return _("an .xlsx workbook, but the content is %(kind)s") % {
            "kind": found or _("not a workbook")
        }
    if found == "ZIP" and _is_workbook(data):
        return _("CSV text, but this is an XLSX workbook: keep the .xlsx name")
    if found is not None:
        return _("CSV text, but the content is %(kind)s") % {"kind": found}
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None  # text all the same: the reader explains how to save it as UTF-8
    if b"\x00" in data[:SNIFF]:
        return _("CSV text, but the content is binary (it holds NUL bytes)")
    return None
