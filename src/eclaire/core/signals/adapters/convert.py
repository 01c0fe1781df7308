"""An export of a help desk or CRM turned into canonical signal rows, then validated whole.

Every value the mapping does not cover (a group with no unit, a tag, a type, a stage or a reason
with no entry) is a problem naming the export's column, the value, how many rows hold it and the
first of them, and the mapping key that would take it: nothing is guessed. Columns that name the
employee who handled an event are not read. The rows produced go through the same validation as
a canonical file (:func:`eclaire.core.signals.reading.validate_signals`), with the export's row
numbers, so nothing is written from an export with a problem.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection

import numpy as np
import pandas as pd

from eclaire.core.interchange.checks import YES_NO
from eclaire.core.interchange.problems import ProblemLog
from eclaire.core.interchange.reading import RawTable, open_table
from eclaire.core.interchange.reading import Source as FileSource
from eclaire.core.signals.adapters.mapping import SKIP, Mapping, key
from eclaire.core.signals.adapters.sources import FAMILIES, SOURCES, Source
from eclaire.core.signals.format import AGENT_COLUMNS, COLUMNS
from eclaire.core.signals.reading import SignalsTable, validate_signals

__all__ = ["read_export"]

ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T].*)?$")
ZENDESK_RATINGS = {"good": "5", "bad": "1"}
NOT_RATED = {"offered", "unoffered", "not offered", "not_offered", ""}
REQUIRED_ROLES = ("id", "date", "unit")


def _norm(header: str) -> str:
    return re.sub(r"[^0-9a-z]", "", header.casefold())


def choose_source(name: str, headers: Collection[str]) -> Source:
    """The export shape of ``name`` (a ``--source``) that fits these headers."""
    if name in SOURCES:
        return SOURCES[name]
    if name not in FAMILIES:
        raise ValueError(f"unknown source {name!r}: one of {', '.join(FAMILIES)}")
    found = {_norm(h) for h in headers}
    for candidate in FAMILIES[name]:
        if any(_norm(h) in found for h in SOURCES[candidate].detect):
            return SOURCES[candidate]
    return SOURCES[FAMILIES[name][-1]]


def _columns(source: Source, mapping: Mapping, table: RawTable, log: ProblemLog) -> dict[str, str]:
    """Role -> the export's header holding it."""
    by_norm = {_norm(h): h for h in table.positions}
    roles: dict[str, str] = {}
    for role, candidates in source.roles.items():
        wanted = [mapping.columns[role]] if role in mapping.columns else list(candidates)
        for header in wanted:
            if _norm(header) in by_norm:
                roles[role] = by_norm[_norm(header)]
                break
    for role in REQUIRED_ROLES:
        if role not in roles:
            names = mapping.columns.get(role) or " or ".join(repr(c) for c in source.roles[role])
            log.add(
                f"a column {names} in this {source.label} export (or name it under columns: {role}: in {mapping.file})",
                row=table.header_row,
            )
    return roles


def _unmapped(log: ProblemLog, cells: pd.Series, bad: pd.Series, column: str, where: str) -> None:
    """One problem per distinct unmapped value, at its first row, with how many rows hold it."""
    values = cells[bad]
    for value, rows in values.groupby(values, sort=False).groups.items():
        first = int(min(rows))
        count = len(rows)
        log.add(
            f"a value listed under {where} ({count} row{'s' if count > 1 else ''} hold this value)",
            row=first,
            column=column,
            value=str(value),
        )


def _dates(
    log: ProblemLog, cells: pd.Series, column: str, fmt: str | None, mapping_file: str
) -> pd.Series:
    if fmt:
        parsed = pd.to_datetime(cells.where(cells != ""), format=fmt, errors="coerce")
        out = parsed.dt.strftime("%Y-%m-%d").fillna("")
        expected = f"a date written as date_format {fmt!r} of {mapping_file} says"
    else:
        out = cells.str.extract(ISO_DATE, expand=False).fillna("")
        expected = f'a date starting YYYY-MM-DD; for another form, set date_format in {mapping_file} (e.g. "%d/%m/%Y")'
    log.add_rows((cells != "") & (out == ""), column, cells, expected)
    return out


def _map_column(
    log: ProblemLog, cells: pd.Series, table: dict[str, str], column: str, where: str
) -> pd.Series:
    keys = cells.map(key)
    mapped = keys.map(table)
    _unmapped(log, cells, (cells != "") & mapped.isna(), column, where)
    return mapped.fillna("")


def _tags(
    log: ProblemLog, cells: pd.Series, mapping: Mapping, column: str, out: pd.DataFrame
) -> None:
    """Tags carry kinds, reasons and handoffs; a tag that is in none of them nor ignored is a problem."""
    split = cells.str.replace(",", " ", regex=False).str.split()
    unmapped: dict[str, list[int]] = {}
    for row, tags in split.items():
        for tag in tags:
            k = key(tag)
            if k in mapping.kinds:
                if mapping.kinds[k] != "ticket" or out.at[row, "kind"] == "":
                    out.at[row, "kind"] = mapping.kinds[k]
            elif k in mapping.reasons:
                if out.at[row, "reason"] == "":
                    out.at[row, "reason"] = mapping.reasons[k]
            elif k in mapping.handoffs:
                out.at[row, "handoff_from_unit"], out.at[row, "handoff_to_unit"] = mapping.handoffs[
                    k
                ]
            elif k not in mapping.ignore:
                unmapped.setdefault(tag, []).append(int(row))
    for tag, rows in unmapped.items():
        log.add(
            f"a tag listed under kinds:, reasons:, handoffs: or ignore: in {mapping.file} "
            f"({len(rows)} row{'s' if len(rows) > 1 else ''} carry it)",
            row=rows[0],
            column=column,
            value=tag,
        )


def _satisfaction(
    log: ProblemLog,
    cells: pd.Series,
    mapping: Mapping,
    column: str,
    source: Source,
    out: pd.DataFrame,
) -> None:
    scale = mapping.satisfaction_scale or "csat"
    table = dict(mapping.satisfaction) or (ZENDESK_RATINGS if source.name == "zendesk" else {})
    keys = cells.map(key)
    numeric = pd.to_numeric(cells, errors="coerce")
    scores = keys.map(table).where(
        keys.isin(list(table)), numeric.map(lambda v: "" if pd.isna(v) else f"{v:g}")
    )
    rated = ~keys.isin(NOT_RATED)
    bad = rated & (scores.isna() | (scores == ""))
    _unmapped(log, cells, bad, column, f"satisfaction: values: in {mapping.file}, or a number")
    scores = scores.where(rated & ~bad, "")
    out["score"] = scores.fillna("")
    out["score_scale"] = np.where(out["score"] != "", scale, "")


def _convert(source: Source, mapping: Mapping, table: RawTable, log: ProblemLog) -> pd.DataFrame:
    roles = _columns(source, mapping, table, log)
    out = pd.DataFrame("", index=table.frame.index, columns=list(COLUMNS), dtype=object)
    if any(r not in roles for r in REQUIRED_ROLES):
        return out
    col = {role: table.column(header) for role, header in roles.items()}
    out["signal_id"] = col["id"]
    out["date"] = _dates(log, col["date"], roles["date"], mapping.date_format, mapping.file)
    out["unit_id"] = _map_column(
        log, col["unit"], mapping.units, roles["unit"], f"units: in {mapping.file}"
    )
    out["kind"] = source.default_kind
    if "kind" in col:
        kinds = _map_column(
            log,
            col["kind"],
            mapping.kinds,
            roles["kind"],
            f"kinds: in {mapping.file} (a kind, or skip)",
        )
        out["kind"] = kinds.where(kinds != "", out["kind"])
    if "escalated" in col:
        flags = col["escalated"].map(lambda v: YES_NO.get(v.lower(), ""))
        out.loc[flags == "yes", "kind"] = "escalation"
    if "reason" in col:
        out["reason"] = _map_column(
            log, col["reason"], mapping.reasons, roles["reason"], f"reasons: in {mapping.file}"
        )
    if "tags" in col:
        _tags(log, col["tags"], mapping, roles["tags"], out)
    if "reopens" in col:
        count = pd.to_numeric(col["reopens"], errors="coerce")
        out["reopened"] = np.where(count > 0, "yes", np.where(count == 0, "no", ""))
    if "satisfaction" in col:
        _satisfaction(log, col["satisfaction"], mapping, roles["satisfaction"], source, out)
    for role in ("text", "account"):
        if role in col:
            out[role] = col[role]
    missing_kind = out["kind"] == ""
    if missing_kind.any() and "kind" in roles:
        log.add_rows(
            missing_kind & (col["kind"] == ""),
            roles["kind"],
            col["kind"],
            f"a {roles['kind']} (a deal needs its stage)",
        )
    return out[out["kind"] != SKIP]


def read_export(
    path: FileSource,
    source: str,
    mapping: Mapping,
    unit_ids: Collection[str] | None = None,
) -> SignalsTable:
    """Read a help-desk or CRM export with its mapping; raises ``ImportProblems`` on any problem."""
    table, log = open_table(path, "signals")
    shape = choose_source(source, table.positions)
    employees = {_norm(h) for h in shape.employee} | {_norm(h) for h in AGENT_COLUMNS}
    dropped = [h for h in table.positions if _norm(h) in employees]
    events = _convert(shape, mapping, table, log)
    log.raise_if_any()  # unmapped values first: the canonical checks would repeat them
    canonical = dataclasses.replace(
        table,
        frame=events,
        positions={c: i for i, c in enumerate(COLUMNS)},
        filled=None,
    )
    log.locate(table.sheet, {})
    result = validate_signals(canonical, log, unit_ids)
    warnings = [f"read as a {shape.label} export"]
    if dropped:
        warnings.append(f"columns {', '.join(sorted(dropped))} name employees and were not read")
    return SignalsTable(result.frame, tuple(warnings) + result.warnings)
