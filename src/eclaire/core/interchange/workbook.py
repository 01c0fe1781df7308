"""The cells of an Excel workbook (``.xlsx``): the sheet named after the kind of file, or the only one.

A workbook is a zip archive of XML parts. A damaged one (a flipped byte, a file cut short) fails
deep inside the zip or XML parser with errors of many kinds; they all become one file-level
problem, so a person is told to save the workbook again rather than shown a traceback.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zlib
from xml.etree.ElementTree import ParseError

import pandas as pd

from eclaire.core.interchange.problems import ProblemLog

MAX_UNPACKED = 1 << 30
"""Bytes a workbook may unpack to (1 GiB, about 2 million rows of 60 columns): more is refused."""
ZIP_START = b"PK\x03\x04"
"""The first bytes of a workbook (a zip archive), still there when its end was cut off."""
NOT_A_WORKBOOK = "an Excel workbook (.xlsx); this file is not one: save it from Excel as .xlsx, or as 'CSV UTF-8'"
DAMAGED = (
    "a readable Excel workbook; this one is damaged ({reason}): open it in Excel or LibreOffice "
    "and save it again as .xlsx, or as 'CSV UTF-8'"
)
DAMAGE = (
    zipfile.BadZipFile,
    zlib.error,
    ParseError,
    EOFError,
    OSError,
    LookupError,
    ValueError,
    TypeError,
    AttributeError,
    ArithmeticError,
)
"""What the zip and XML parsers raise on a damaged workbook (seen on flipped bytes and cut files),
with openpyxl's ``InvalidFileException`` added where openpyxl is imported (only for workbooks:
its import alone takes 0.2 s)."""


def xlsx_cells(data: bytes, kind: str, log: ProblemLog) -> tuple[str | None, pd.DataFrame | None]:
    """The sheet's name and its cells as strings, or ``(None, None)`` with a problem logged."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data.startswith(ZIP_START):  # a workbook's first bytes, its index missing at the end
            log.add(DAMAGED.format(reason="it was cut short"))
        else:
            log.add(NOT_A_WORKBOOK)
        return None, None
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return _read(data, kind, log)
    except (*DAMAGE, InvalidFileException) as err:
        log.add(DAMAGED.format(reason=_reason(err)))
        return None, None


def _reason(err: Exception) -> str:
    if isinstance(err, zipfile.BadZipFile | zlib.error | EOFError):
        return "its compressed content is broken"
    if isinstance(err, ParseError):
        return "its XML content is broken"
    return f"{type(err).__name__}"


def _read(data: bytes, kind: str, log: ProblemLog) -> tuple[str | None, pd.DataFrame | None]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED:
        log.add(
            f"a workbook that unpacks to at most {MAX_UNPACKED >> 20} MB "
            f"(this one unpacks to {unpacked >> 20} MB): save the sheet as 'CSV UTF-8'"
        )
        return None, None
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        name = _pick_sheet(book.sheetnames, kind, log)
        if name is None:
            return None, None
        sheet = book[name]
        sheet.reset_dimensions()  # some tools write wrong dimensions; read what is there
        rows = list(sheet.iter_rows(values_only=True))
    finally:
        book.close()
    width = max((len(r) for r in rows), default=0)
    cells = pd.DataFrame([r + (None,) * (width - len(r)) for r in rows], dtype=object)
    return name, cells.apply(_cell_texts) if len(cells.columns) else cells


def _pick_sheet(names: list[str], kind: str, log: ProblemLog) -> str | None:
    matching = [n for n in names if n.strip().lower() == kind]
    if matching:
        return matching[0]
    if len(names) == 1:
        return names[0]
    found = ", ".join(repr(n) for n in names)
    log.add(f"a sheet named {kind!r}, or a single sheet (sheets found: {found})")
    return None


def _cell_texts(column: pd.Series) -> pd.Series:
    return column.map(_cell_text).astype(object)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)
