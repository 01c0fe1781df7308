"""Problems found in an interchange file, and the log that collects them before anything is raised.

A file is validated whole: every check adds to a :class:`ProblemLog`, and only at the end does
:meth:`ProblemLog.raise_if_any` raise one :class:`ImportProblems` listing them all. Checks work on
whole columns; :meth:`ProblemLog.add_rows` turns a boolean mask into problems, keeping at most
``MAX_KEPT`` of them while still counting every one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd


def column_letter(number: int) -> str:
    """The letters a spreadsheet shows for a 1-based column number (1 -> A, 28 -> AB)."""
    from openpyxl.utils import get_column_letter  # imported only when a workbook is involved

    return get_column_letter(number)


MAX_KEPT = 2000
"""Problems kept in memory; beyond this only the count grows."""
MAX_SHOWN = 50
"""Problems listed by ``str(ImportProblems)``."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file, where a person can find it.

    ``row`` is the row number a spreadsheet shows (the header is row 1); ``cell`` (XLSX only) is
    the cell reference, for example ``D14``. ``expected`` says what the file should hold there.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    expected: str
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet is not None:
            parts.append(f"sheet {self.sheet}")
        if self.cell is not None:
            parts.append(f"cell {self.cell}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        where = ", ".join(parts)
        if self.value is not None:
            where += f" (value {_shorten(self.value)!r})"
        return f"{where}: expected {self.expected}"


def _shorten(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


class ImportProblems(ValueError):
    """A file was refused; ``problems`` says why (at most ``MAX_KEPT``), ``total`` how many there were."""

    def __init__(self, problems: list[Problem], total: int | None = None) -> None:
        self.problems = list(problems)
        self.total = max(total or 0, len(self.problems))
        super().__init__(self._message())

    def _message(self) -> str:
        files = sorted({p.file for p in self.problems})
        noun = "problem" if self.total == 1 else "problems"
        lines = [f"{self.total} {noun} in {', '.join(files) or 'the file'}; nothing was imported:"]
        lines += [f"  {p}" for p in self.problems[:MAX_SHOWN]]
        hidden = self.total - min(len(self.problems), MAX_SHOWN)
        if hidden > 0:
            lines.append(f"  and {hidden} more")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self._message()


Expected = str | Callable[[str], str]
"""What was expected: fixed text, or text that depends on the value found."""


class ProblemLog:
    """Collects the problems of one file, with spreadsheet locations, up to ``limit`` kept."""

    def __init__(self, file: str, limit: int = MAX_KEPT) -> None:
        self.file = file
        self.limit = limit
        self.total = 0
        self.sheet: str | None = None
        self.positions: dict[str, int] = {}
        self._kept: list[tuple[int, int, Problem]] = []

    def locate(self, sheet: str | None, positions: dict[str, int]) -> None:
        """Give the sheet name (XLSX) and the 0-based position of every column."""
        self.sheet = sheet
        self.positions = positions

    def add(
        self,
        expected: str,
        *,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
        pos: int | None = None,
    ) -> None:
        """Add one problem; ``pos`` (0-based column position) defaults to the column's own."""
        self.total += 1
        if len(self._kept) >= self.limit:
            return
        if pos is None:
            pos = self.positions.get(column, -1) if column is not None else -1
        cell = None
        if self.sheet is not None and row is not None and pos >= 0:
            cell = f"{column_letter(pos + 1)}{row}"
        problem = Problem(self.file, row, column, value, expected, self.sheet, cell)
        self._kept.append((row or 0, pos, problem))

    def add_rows(
        self,
        mask: pd.Series | np.ndarray,
        column: str | None,
        values: pd.Series,
        expected: Expected,
    ) -> None:
        """Add one problem for every row where ``mask`` is true; ``values.index`` holds row numbers."""
        flags = np.asarray(mask, dtype=bool)
        count = int(flags.sum())
        if count == 0:
            return
        shown = values[flags].iloc[: self.room]
        cache: dict[str, str] = {}
        for row, value in zip(shown.index.tolist(), shown.tolist(), strict=True):
            text = "" if value is None else str(value)
            if callable(expected):
                if text not in cache:
                    cache[text] = expected(text)
                message = cache[text]
            else:
                message = expected
            self.add(message, row=int(row), column=column, value=text)
        self.total += count - len(shown)

    @property
    def room(self) -> int:
        """How many more problems will be kept."""
        return max(self.limit - len(self._kept), 0)

    def count_unkept(self, count: int) -> None:
        """Count problems found but not built because the log is full."""
        self.total += max(count, 0)

    def __bool__(self) -> bool:
        return self.total > 0

    @property
    def problems(self) -> list[Problem]:
        return [p for _row, _pos, p in sorted(self._kept, key=lambda t: (t[0], t[1]))]

    def raise_if_any(self) -> None:
        if self.total:
            raise ImportProblems(self.problems, self.total)
