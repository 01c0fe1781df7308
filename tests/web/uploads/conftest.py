"""Files for the upload pages, made in memory: CSV text and XLSX workbooks written by openpyxl."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

UNITS_HEADER = ["unit_id", "name", "parent_id", "function", "site_kind"]
GOOD_UNITS = [
    ["DG2", "Direction", "", "management", "head_office"],
    ["LOG", "Logistique", "DG2", "logistics", "field"],
    ["LOG-N", "Logistique Nord", "LOG", "logistics", "field"],
]
ROSTER_HEADER = ["person_id", "email", "unit_id", "role", "language"]


def csv_file(name: str, header: list[str], rows: list[list[str]]) -> SimpleUploadedFile:
    text = "\n".join(",".join(r) for r in [header, *rows]) + "\n"
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def xlsx_file(
    name: str, header: list[str], rows: list[list[str]], sheet: str
) -> SimpleUploadedFile:
    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(
        name,
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
