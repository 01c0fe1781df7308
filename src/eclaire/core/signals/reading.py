"""Reading and validating a canonical customer-signal file (CSV or XLSX) as a whole.

The same whole-file validation as the other interchange files (:mod:`eclaire.core.interchange`):
every problem is collected with its file, row, column, value and what was expected, and one
:class:`~eclaire.core.interchange.ImportProblems` is raised, so a caller writes nothing from a bad
file. Columns naming the employee who handled an event (:data:`AGENT_COLUMNS`) are dropped with a
warning: no agent name or id is ever kept.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from eclaire.core.interchange.cells import lowered, per_value
from eclaire.core.interchange.checks import (
    check_allowed,
    check_columns,
    check_known,
    check_unique,
    check_yes_no,
    require_values,
)
from eclaire.core.interchange.problems import ProblemLog
from eclaire.core.interchange.reading import RawTable, Source, open_table
from eclaire.core.signals.format import AGENT_COLUMNS, KINDS, OPTIONAL, REQUIRED, SCALES
from eclaire.core.signals.taxonomy import OTHER, Taxonomy, default_taxonomy

__all__ = ["MAX_TEXT", "SignalsTable", "read_signals", "validate_signals"]

MAX_TEXT = 1000
"""Verbatims are cut to this many characters (the survey's own limit for free texts)."""
DATE_TEXT = "a date written YYYY-MM-DD, e.g. 2026-03-14"


@dataclass(frozen=True)
class SignalsTable:
    """The validated events and what is worth knowing about the file.

    ``frame``: one row per event with every canonical column (``NaN`` when empty): ``date``,
    ``promised_date`` and ``delivered_date`` as timestamps, ``reopened`` as ``True``/``False``/
    ``NaN``, delays and ``score`` as floats, plus ``delay_days``: delivered (or actual) minus
    promised, in days, where both are given.
    """

    frame: pd.DataFrame
    warnings: tuple[str, ...] = ()


def read_signals(
    path: Source,
    unit_ids: Collection[str] | None = None,
    *,
    taxonomy: Taxonomy | None = None,
    max_text: int = MAX_TEXT,
) -> SignalsTable:
    """Read and validate a customer-signal file; raises ``ImportProblems`` listing every problem.

    ``unit_ids``: the organization's units (``unit_id`` and handoff units must be among them);
    ``None`` accepts any id.
    """
    table, log = open_table(path, "signals")
    table, dropped = drop_agent_columns(table)
    return validate_signals(
        table, log, unit_ids, taxonomy=taxonomy, max_text=max_text, dropped=dropped
    )


def drop_agent_columns(table: RawTable) -> tuple[RawTable, list[str]]:
    """The table without the columns naming an employee, and the names dropped."""
    dropped = [name for name in table.positions if name.strip().lower() in AGENT_COLUMNS]
    if not dropped:
        return table, []
    keep = [name for name in table.positions if name not in dropped]
    filled = table.filled[keep] if table.filled is not None else None
    positions = {name: table.positions[name] for name in keep}
    return dataclasses.replace(
        table, frame=table.frame[keep], positions=positions, filled=filled
    ), dropped


def validate_signals(
    table: RawTable,
    log: ProblemLog,
    unit_ids: Collection[str] | None,
    *,
    taxonomy: Taxonomy | None = None,
    max_text: int = MAX_TEXT,
    dropped: Collection[str] = (),
) -> SignalsTable:
    """Check every cell of ``table``; raises ``ImportProblems`` when ``log`` holds any problem."""
    check_columns(table, log, REQUIRED, OPTIONAL, "customer-signal files")
    warnings: list[str] = []
    if dropped:
        warnings.append(
            f"columns {', '.join(sorted(dropped))} name employees and were dropped: "
            "no agent name or id is kept"
        )
    ids = table.column("signal_id")
    require_values(log, ids, "signal_id", "the event's id in the source system")
    check_unique(log, ids, "signal_id")
    frame = pd.DataFrame(index=table.frame.index)
    frame["signal_id"] = ids
    frame["date"] = _dates(log, table, "date", required=True)
    kind = table.column("kind")
    require_values(log, kind, "kind", f"one of {', '.join(KINDS)}")
    frame["kind"] = check_allowed(log, kind, "kind", KINDS)
    frame["unit_id"] = _units(log, table, "unit_id", unit_ids, required=True)
    frame["handoff_from_unit"] = _units(log, table, "handoff_from_unit", unit_ids)
    frame["handoff_to_unit"] = _units(log, table, "handoff_to_unit", unit_ids)
    _check_handoffs(log, table)
    account = table.column("account")
    frame["account"] = account.where(account != "")
    reopened = check_yes_no(log, table.column("reopened"), "reopened")
    frame["reopened"] = reopened.map({"yes": True, "no": False})
    frame["promised_date"] = _dates(log, table, "promised_date")
    frame["delivered_date"] = _dates(log, table, "delivered_date")
    frame["promised_delay_days"] = _days(log, table, "promised_delay_days")
    frame["actual_delay_days"] = _days(log, table, "actual_delay_days")
    _check_pairs(log, table)
    frame["reason"] = _reasons(log, table, taxonomy or default_taxonomy())
    frame["score"], frame["score_scale"] = _scores(log, table)
    frame["text"] = _texts(table, max_text, warnings)
    log.raise_if_any()
    frame["delay_days"] = delay_days(frame)
    if "account" not in table.positions:
        warnings.append(
            "no account column: the number of distinct customers behind a figure is unknown, "
            "so figures are held back by the number of events only"
        )
    return SignalsTable(frame.reset_index(drop=True), tuple(warnings))


def delay_days(frame: pd.DataFrame) -> pd.Series:
    """Days late (negative: early): delivered minus promised date, else actual minus promised delay."""
    by_date = (frame["delivered_date"] - frame["promised_date"]).dt.days.astype("float64")
    by_delay = frame["actual_delay_days"] - frame["promised_delay_days"]
    return by_date.where(by_date.notna(), by_delay)


def _dates(log: ProblemLog, table: RawTable, name: str, *, required: bool = False) -> pd.Series:
    cells = table.column(name)
    if required:
        require_values(log, cells, name, DATE_TEXT)
    parsed = pd.to_datetime(cells.where(cells != ""), format="%Y-%m-%d", errors="coerce")
    log.add_rows((cells != "") & parsed.isna(), name, cells, DATE_TEXT)
    return parsed


def _days(log: ProblemLog, table: RawTable, name: str) -> pd.Series:
    cells = table.column(name)
    numbers = pd.to_numeric(cells.str.replace(",", ".", regex=False), errors="coerce")
    numbers = numbers.where(cells != "")
    bad = (cells != "") & (numbers.isna() | (numbers < 0))
    log.add_rows(bad, name, cells, "a number of calendar days, 0 or more (e.g. 2 or 3.5)")
    return numbers.where(~bad).astype("float64")


def _units(
    log: ProblemLog,
    table: RawTable,
    name: str,
    unit_ids: Collection[str] | None,
    *,
    required: bool = False,
) -> pd.Series:
    cells = table.column(name)
    if required:
        require_values(log, cells, name, "the unit_id of the unit the event belongs to")
    if unit_ids is not None:
        check_known(log, cells, name, set(unit_ids), "a unit_id of the organization")
    return cells.where(cells != "")


def _check_handoffs(log: ProblemLog, table: RawTable) -> None:
    src, dst = table.column("handoff_from_unit"), table.column("handoff_to_unit")
    log.add_rows(
        (src != "") & (dst == ""),
        "handoff_to_unit",
        dst,
        "the unit the case was handed to (handoff_from_unit is filled)",
    )
    log.add_rows(
        (dst != "") & (src == ""),
        "handoff_from_unit",
        src,
        "the unit that handed the case over (handoff_to_unit is filled)",
    )
    log.add_rows(
        (src != "") & (src == dst),
        "handoff_to_unit",
        dst,
        "a unit other than handoff_from_unit (a handoff joins two units)",
    )


def _check_pairs(log: ProblemLog, table: RawTable) -> None:
    """A delivered date needs a promised one; so does an actual delay."""
    for given, needed in (
        ("delivered_date", "promised_date"),
        ("actual_delay_days", "promised_delay_days"),
    ):
        cells = table.column(needed)
        log.add_rows(
            (table.column(given) != "") & (cells == ""),
            needed,
            cells,
            f"the promise that {given} is compared with (this cell must not be empty)",
        )


def _reasons(log: ProblemLog, table: RawTable, taxonomy: Taxonomy) -> pd.Series:
    cells = table.column("reason")
    codes = lowered(cells)
    allowed = set(taxonomy.codes) | {OTHER}
    bad = (cells != "") & ~codes.isin(allowed)
    families = sorted({taxonomy.family(c) for c in taxonomy.codes})
    log.add_rows(
        bad,
        "reason",
        cells,
        f"a reason of the taxonomy written family.reason (families: {', '.join(families)}), "
        "or other",
    )
    return codes.where((cells != "") & ~bad)


def _scores(log: ProblemLog, table: RawTable) -> tuple[pd.Series, pd.Series]:
    score, scale_cells = table.column("score"), table.column("score_scale")
    scale = check_allowed(log, scale_cells, "score_scale", tuple(SCALES))
    log.add_rows(
        (score != "") & (scale_cells == ""),
        "score_scale",
        scale_cells,
        "csat (1 to 5) or nps (0 to 10): the scale of the score on this row",
    )
    numbers = pd.to_numeric(score, errors="coerce").where(score != "")
    lo = scale.map({k: v[0] for k, v in SCALES.items()})
    hi = scale.map({k: v[1] for k, v in SCALES.items()})
    known = scale.notna() & (score != "")
    outside = known & (numbers.isna() | (numbers % 1 != 0) | (numbers < lo) | (numbers > hi))
    log.add_rows(
        outside,
        "score",
        score,
        lambda v: "an integer of the row's scale (csat: 1 to 5, nps: 0 to 10)",
    )
    unreadable = ~known & (score != "") & numbers.isna()
    log.add_rows(unreadable, "score", score, "an integer (csat: 1 to 5, nps: 0 to 10)")
    return numbers.where(~outside).astype("float64"), scale


def _texts(table: RawTable, max_text: int, warnings: list[str]) -> pd.Series:
    cells = table.column("text")
    long = cells.str.len() > max_text
    if long.any():
        rows = ", ".join(str(r) for r in cells.index[long][:10])
        warnings.append(f"texts longer than {max_text:,} characters were cut (rows {rows})")
    cut = pd.Series(per_value(cells, lambda v: v[:max_text]), index=cells.index, dtype=object)
    return cut.where(cells != "", np.nan)
