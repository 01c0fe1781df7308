"""The units file: the organization's tree of units (services, teams, sites)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from eclaire.core.interchange.checks import (
    check_allowed,
    check_columns,
    check_known,
    check_lengths,
    check_unique,
    require_values,
)
from eclaire.core.interchange.problems import ProblemLog
from eclaire.core.interchange.reading import RawTable, Source, open_table

FUNCTIONS = (
    "sales",
    "sales_admin",
    "support",
    "marketing",
    "production",
    "logistics",
    "management",
    "hr",
    "finance",
    "it",
    "other",
)
SITE_KINDS = ("head_office", "field", "mixed")
UNIT_COLUMNS = ("unit_id", "name", "parent_id", "function", "site_kind")
REQUIRED = ("unit_id", "name", "function", "site_kind")
ID_TEXT = (
    "an id without spaces or ':' (it appears in interface column names such as if:ADV:IF_INFO)"
)


def read_units(path: Source, max_lengths: Mapping[str, int] | None = None) -> pd.DataFrame:
    """Read and validate a units file.

    Returns one row per unit with the columns ``unit_id, name, parent_id, function, site_kind``
    (``parent_id`` is ``NaN`` for a root). ``max_lengths`` maps columns to the most characters
    a cell may hold (where the file is stored). Raises :class:`ImportProblems` listing every
    problem.
    """
    table, log = open_table(path, "units")
    check_columns(table, log, REQUIRED, ("parent_id",), "units")
    check_lengths(log, table, max_lengths or {})
    frame = validate_units(table, log)
    log.raise_if_any()
    return frame


def validate_units(table: RawTable, log: ProblemLog) -> pd.DataFrame:
    ids, parents = table.column("unit_id"), table.column("parent_id")
    require_values(log, ids, "unit_id", "a unit id")
    log.add_rows(ids.str.contains(r"[\s:]", regex=True), "unit_id", ids, ID_TEXT)
    check_unique(log, ids, "unit_id")
    require_values(log, table.column("name"), "name", "the unit's name")
    known = set(ids[ids != ""])
    check_known(
        log,
        parents,
        "parent_id",
        known,
        "the unit_id of another unit in this file, or empty for a root",
    )
    _check_cycles(table, log)
    frame = pd.DataFrame(
        {
            "unit_id": ids,
            "name": table.column("name"),
            "parent_id": parents.where(parents != ""),
            "function": _required_code(log, table, "function", FUNCTIONS),
            "site_kind": _required_code(log, table, "site_kind", SITE_KINDS),
        }
    )
    return frame.reset_index(drop=True)


def _required_code(
    log: ProblemLog, table: RawTable, name: str, allowed: tuple[str, ...]
) -> pd.Series:
    column = table.column(name)
    if name in table.positions:
        require_values(log, column, name, f"one of {', '.join(allowed)}")
    return check_allowed(log, column, name, allowed)


def _check_cycles(table: RawTable, log: ProblemLog) -> None:
    """Report each cycle of parent links once, naming its units in order."""
    ids, parents = table.column("unit_id"), table.column("parent_id")
    first = ~ids.duplicated() & (ids != "")
    parent_of = dict(zip(ids[first].tolist(), parents[first].tolist(), strict=True))
    row_of = dict(zip(ids[first].tolist(), ids[first].index.tolist(), strict=True))
    name_of = dict(zip(ids[first].tolist(), table.column("name")[first].tolist(), strict=True))
    done: set[str] = set()
    for start in parent_of:
        path: list[str] = []
        node = start
        while node in parent_of and node not in done and node not in path:
            path.append(node)
            node = parent_of[node]
        if node in path:
            cycle = path[path.index(node) :]
            names = " -> ".join(
                f"{u} ({name_of[u]})" if name_of[u] else u for u in [*cycle, cycle[0]]
            )
            head = min(cycle, key=lambda u: row_of[u])
            log.add(
                f"a tree of units without cycles; these parent links form one: {names}",
                row=row_of[head],
                column="parent_id",
                value=parent_of[head],
            )
        done.update(path)
