"""Whole-column checks shared by the three kinds of file.

Each check takes a column of stripped strings (``""`` = empty cell, index = spreadsheet row),
adds a problem to the log for every bad cell, and returns the cleaned column. No check loops over
cells in Python: masks are built with vectorized pandas operations and only the problems found
(capped by the log) are visited one by one.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from eclaire.core.interchange.cells import lowered, per_value
from eclaire.core.interchange.problems import ProblemLog
from eclaire.core.interchange.reading import RawTable

YES_NO = {
    **dict.fromkeys(("yes", "oui", "true", "vrai", "1", "y", "o"), "yes"),
    **dict.fromkeys(("no", "non", "false", "faux", "0", "n"), "no"),
}
YES_NO_TEXT = "yes or no (oui/non, true/false and 1/0 are accepted too)"


def closest(value: str, candidates: Iterable[str]) -> str | None:
    """The candidate nearest to ``value`` (same letters in another case first), or ``None``."""
    pool = list(candidates)
    same = [c for c in pool if c.lower() == value.lower()]
    if same:
        return same[0]
    found = difflib.get_close_matches(value, pool, n=1, cutoff=0.5)
    return found[0] if found else None


def did_you_mean(value: str, candidates: Iterable[str]) -> str:
    match = closest(value, candidates)
    return f" (did you mean {match!r}?)" if match else ""


def check_columns(
    table: RawTable, log: ProblemLog, required: Sequence[str], optional: Sequence[str], what: str
) -> None:
    """Every required column present, no column outside ``required`` and ``optional``."""
    known = list(required) + list(optional)
    for name in required:
        if name not in table.positions:
            log.add(
                f"a column named {name!r} (required in {what}){did_you_mean(name, table.positions)}",
                row=table.header_row,
                column=name,
            )
    for name in table.positions:
        if name not in known:
            log.add(
                f"one of the {what} columns ({', '.join(known)}){did_you_mean(name, known)}",
                row=table.header_row,
                column=name,
            )


def require_values(log: ProblemLog, column: pd.Series, name: str, what: str) -> pd.Series:
    """Flag empty cells; returns the mask of filled cells."""
    filled = column != ""
    log.add_rows(~filled, name, column, f"{what} (this cell must not be empty)")
    return filled


def check_allowed(
    log: ProblemLog, column: pd.Series, name: str, allowed: Sequence[str]
) -> pd.Series:
    """Codes from ``allowed`` (any letter case); returns the lower-case codes, ``NaN`` when empty."""
    codes = lowered(column)
    bad = (column != "") & ~codes.isin(allowed)
    log.add_rows(
        bad, name, column, lambda v: f"one of {', '.join(allowed)}{did_you_mean(v, allowed)}"
    )
    return codes.where((column != "") & ~bad, np.nan)


def check_yes_no(log: ProblemLog, column: pd.Series, name: str) -> pd.Series:
    """``yes``/``no`` (also oui/non, true/false, 1/0, any case); ``NaN`` when empty or wrong."""
    answers = per_value(column, lambda v: YES_NO.get(v.lower(), np.nan))
    log.add_rows((column != "") & pd.isna(answers), name, column, YES_NO_TEXT)
    return pd.Series(answers, index=column.index, dtype=object)


def check_unique(
    log: ProblemLog, column: pd.Series, name: str, key: pd.Series | None = None
) -> None:
    """Each filled value once (compared on ``key`` when given, e.g. lower-cased e-mails).

    A cell whose key is empty (a phone of ``N/A`` has no digits) is not compared: the check of
    its form reports it.
    """
    key = column if key is None else key
    filled = (column != "") & (key != "")
    repeated = key.duplicated(keep="first") & filled
    if not repeated.any():
        return
    first = filled & ~key.duplicated(keep="first")
    lookup = dict(zip(key[first].tolist(), key[first].index.tolist(), strict=True))
    keys_of = dict(zip(column[repeated].tolist(), key[repeated].tolist(), strict=True))
    log.add_rows(
        repeated,
        name,
        column,
        lambda v: f"a unique {name} ({v!r} is already in row {lookup[keys_of[v]]})",
    )


def check_known(
    log: ProblemLog, column: pd.Series, name: str, known: Collection[str], what: str
) -> pd.Series:
    """Values from ``known`` (exact); returns the mask of cells that are filled and unknown."""
    unknown = (column != "") & ~column.isin(list(known))
    log.add_rows(unknown, name, column, lambda v: f"{what}{did_you_mean(v, known)}")
    return unknown


def check_lengths(log: ProblemLog, table: RawTable, max_lengths: Mapping[str, int]) -> None:
    """Cells no longer than the database stores: ``max_lengths`` maps a column to its limit."""
    for name, limit in max_lengths.items():
        if limit < 1:
            raise ValueError(f"the length limit of {name!r} must be at least 1, got {limit}")
        if name in table.positions:
            cells = table.column(name)
            log.add_rows(cells.str.len() > limit, name, cells, _length_text(limit))


def _length_text(limit: int) -> Callable[[str], str]:
    def text(value: str) -> str:
        return f"at most {limit:,} characters (this cell has {len(value):,})"

    return text
