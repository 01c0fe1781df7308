"""The answer cells of a responses file: scale values and choice codes, checked column by column.

Each function takes a column of stripped strings (index = spreadsheet rows), logs every bad cell
and returns the values and where the answer was "not applicable".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from eclaire.core.instrument import Item, Scale
from eclaire.core.interchange.cells import NA_MARKS, as_text, integer_or_nan
from eclaire.core.interchange.problems import ProblemLog

NO_NA = "this item offers no 'not applicable': leave the cell empty when there is no answer"


def scale_column(
    log: ProblemLog,
    cells: pd.Series,
    name: str,
    scale: Scale,
    allow_na: bool,
    what: str = "an integer",
) -> tuple[pd.Series, pd.Series]:
    """Integers from ``scale.min`` to ``scale.max`` as floats; NA marks where allowed."""
    # One factorization: every test below is made on the few distinct values, then spread.
    codes, uniques = pd.factorize(cells.to_numpy(dtype=object))
    distinct = [str(u) for u in uniques]
    empty = np.array([u == "" for u in distinct], dtype=bool)[codes]
    na = np.array([u in NA_MARKS for u in distinct], dtype=bool)[codes]
    numbers = np.array([integer_or_nan(u) for u in distinct], dtype=np.float64)[codes]
    fits = (numbers >= scale.min) & (numbers <= scale.max)
    wrong = ~empty & ~na & ~fits
    text = f"{what} from {scale.min} to {scale.max}"
    log.add_rows(wrong, name, cells, text + (", or NA (not applicable)" if allow_na else ""))
    if not allow_na:
        log.add_rows(na, name, cells, f"{text} ({NO_NA})")
    values = pd.Series(np.where(fits, numbers, np.nan), index=cells.index)
    return values, pd.Series(na & allow_na, index=cells.index)


def choice_column(
    log: ProblemLog, cells: pd.Series, name: str, item: Item
) -> tuple[pd.Series, pd.Series]:
    codes = [o.code for o in item.options]
    na = cells.isin(NA_MARKS) & ~cells.isin(codes)
    known = cells.isin(codes)
    text = f"one of the option codes {', '.join(codes)}"
    log.add_rows(
        (cells != "") & ~known & ~na, name, cells, text + (", or NA" if item.not_applicable else "")
    )
    if not item.not_applicable:
        log.add_rows(na, name, cells, f"{text} ({NO_NA})")
    return as_text(cells.where(known)), na & item.not_applicable
