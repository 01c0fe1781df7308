"""Texts that a spreadsheet would run as a formula, written so that it shows them as text.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by Excel,
LibreOffice and Google Sheets as the start of a formula when a CSV file is opened ("CSV
injection", OWASP). Free-text answers, unit names and people's names come from people, so every
CSV writer of Éclaire puts a single quote in front of such a text, as OWASP recommends: the
spreadsheet then shows the text and runs nothing. Numbers written as numbers (``-3``) are not
texts and are left alone; only ``str`` cells are touched.

The rule is reversible, so that the readers give back the text that was written:

- ``neutralize``: a text that begins with a formula character, or with one or more quotes
  followed by a formula character, gets one more quote in front;
- ``restore``: a text that begins with a quote followed (after any further quotes) by a formula
  character loses its first quote.

``"=1+1"`` → ``"'=1+1"`` → ``"=1+1"``; ``"'=x"`` → ``"''=x"`` → ``"'=x"``; ``"'bonjour"`` stays as
it is both ways. In XLSX files a text is written as a text cell, which no spreadsheet evaluates,
with the "quote prefix" style so that editing it keeps it a text: no character is added there.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["FORMULA_STARTS", "is_formula_like", "neutralize", "neutralize_column", "restore"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would read ``text``, or ``text`` without its leading quotes, as a formula."""
    return text.lstrip(QUOTE).startswith(FORMULA_STARTS)


def neutralize(value: object) -> object:
    """``value`` with a quote in front if it is a text a spreadsheet would run; others as they are."""
    if isinstance(value, str) and is_formula_like(value):
        return QUOTE + value
    return value


def restore(text: str) -> str:
    """The text ``neutralize`` was given: the first quote of a neutralized text removed."""
    if text.startswith(QUOTE) and is_formula_like(text[1:]):
        return text[1:]
    return text


def neutralize_column(column: pd.Series) -> pd.Series:
    """``column`` with ``neutralize`` applied to its texts, checked once per distinct value.

    Numbers, missing values and the column's dtype are left as they are when nothing is quoted.
    """
    if not pd.api.types.is_string_dtype(column.dtype):  # object and pandas' string dtypes
        return column
    values = column.to_numpy(dtype=object)
    codes, uniques = pd.factorize(values)  # missing values get -1
    risky = np.fromiter(
        (isinstance(u, str) and is_formula_like(u) for u in uniques), dtype=bool, count=len(uniques)
    )
    if not risky.any():
        return column
    hit = (codes >= 0) & risky[codes.clip(min=0)]
    out = values.copy()
    out[hit] = [QUOTE + text for text in values[hit]]
    return pd.Series(out, index=column.index, dtype=object, name=column.name)
