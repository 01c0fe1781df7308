"""The responses file: one row per response, in the shape ``eclaire.core`` analyses take.

See ``docs/formats.md`` for the columns and ``docs/conventions.md`` for the frame returned.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from eclaire.core.instrument import Instrument, Scale
from eclaire.core.interchange.cells import as_text
from eclaire.core.interchange.checks import (
    check_allowed,
    check_known,
    check_yes_no,
    require_values,
)
from eclaire.core.interchange.problems import ProblemLog
from eclaire.core.interchange.reading import RawTable, Source, open_table
from eclaire.core.interchange.response_cells import choice_column, scale_column
from eclaire.core.interchange.response_columns import (
    SEGMENT_COLUMNS,
    ResponseColumns,
    classify_columns,
)
from eclaire.core.interchange.response_rules import check_interfaces, check_ranks
from eclaire.core.interchange.responses_fast import read_numeric
from eclaire.core.interchange.roster import SEGMENTS

SPARSE_RATING = pd.SparseDtype("float64", np.nan)
"""Interface ratings are mostly empty (a respondent rates a few units): stored sparse."""
SPARSE_MARK = pd.SparseDtype(bool, False)


@dataclass(frozen=True, eq=False)
class ResponsesTable:
    """Validated responses.

    ``frame``: ``unit_id``, the segment columns (``NaN`` when absent), ``self`` (bool), then the
    answer columns found in the file: items as floats or option codes (choice), ``if:`` as sparse
    floats (``SparseDtype("float64", nan)``), ``rank:`` as floats, ``text:`` as strings; ``NaN``
    is no answer or not applicable.
    ``not_applicable``: bool frame of the item and interface columns (sparse for ``if:``), true
    where the answer was NA.
    ``warnings``: things worth knowing that do not stop the import.
    """

    frame: pd.DataFrame
    not_applicable: pd.DataFrame
    warnings: tuple[str, ...] = ()


def read_responses(
    path: Source,
    instrument: Instrument,
    unit_ids: Collection[str],
    priority_codes: Collection[str] | None = None,
    max_text: int | None = None,
) -> ResponsesTable:
    """Read and validate a responses file; raises :class:`ImportProblems` listing every problem.

    ``priority_codes`` are the declared priorities ranked in ``rank:<code>`` columns; by default
    the options of the instrument's ranking question. ``max_text``: free texts longer than this
    many characters are cut to it, with a warning (the survey form's own limit).
    """
    if max_text is not None and max_text < 1:
        raise ValueError(f"max_text must be at least 1 character, got {max_text}")
    priorities = _priorities(instrument, priority_codes)
    units = frozenset(unit_ids)
    fast = _fast(path, instrument, units, priorities, max_text)
    if fast is not None:
        return fast
    table, log = open_table(path, "responses")
    columns = classify_columns(table, log, instrument, units, priorities)
    meta = _meta(table, log, units)
    answers, na = _answers(table, log, instrument, columns)
    check_ranks(log, answers, columns)
    check_interfaces(table, log, columns, instrument.interface_max_units)
    log.raise_if_any()
    return _table(table, instrument, columns, meta, answers, na, max_text)


def _fast(
    path: Source,
    instrument: Instrument,
    units: frozenset[str],
    priorities: tuple[str, ...],
    max_text: int | None,
) -> ResponsesTable | None:
    """The numeric fast path (``responses_fast``) for a file without problems, else ``None``."""
    read = read_numeric(path, instrument, units, priorities)
    if read is None:
        return None
    table, columns, quiet = read.table, read.columns, ProblemLog(read.table.file)
    meta = _meta(table, quiet, units)
    answers: dict[str, pd.Series] = {}
    na: dict[str, pd.Series] = {}
    for name, item in columns.items:
        if item.kind == "choice":
            answers[name], na[name] = choice_column(quiet, table.column(name), name, item)
        else:
            answers[name], na[name] = read.values[name], read.na[name]
    for c in columns.interfaces:
        answers[c.column], na[c.column] = read.values[c.column], read.na[c.column]
    for name in columns.ranks:
        answers[name] = read.values[name]
    for name in columns.texts:
        answers[name] = as_text(table.column(name))
    check_ranks(quiet, answers, columns)
    if quiet:
        return None
    return _table(table, instrument, columns, meta, answers, na, max_text)


def _table(
    table: RawTable,
    instrument: Instrument,
    columns: ResponseColumns,
    meta: pd.DataFrame,
    answers: dict[str, pd.Series],
    na: dict[str, pd.Series],
    max_text: int | None,
) -> ResponsesTable:
    capped = _cap_texts(table.file, answers, columns.texts, max_text)
    frame = pd.concat([meta, pd.DataFrame(answers, index=meta.index, copy=False)], axis=1)
    not_applicable = pd.DataFrame(na, index=meta.index, copy=False)
    # Renumbered in place: reset_index would copy each of 2,000 sparse columns once more.
    frame.index = pd.RangeIndex(len(frame))
    not_applicable.index = pd.RangeIndex(len(not_applicable))
    return ResponsesTable(
        frame=frame,
        not_applicable=not_applicable,
        warnings=_warnings(table, instrument, columns) + capped,
    )


def _cap_texts(
    file: str, answers: dict[str, pd.Series], texts: tuple[str, ...], max_text: int | None
) -> tuple[str, ...]:
    """Free texts cut to ``max_text`` characters in ``answers``; one warning naming the rows."""
    if max_text is None:
        return ()
    rows: list[int] = []
    for name in texts:
        column = answers[name]
        long = (column.str.len() > max_text).fillna(False).to_numpy(dtype=bool)
        if long.any():
            answers[name] = column.where(~long, column.str.slice(0, max_text))
            rows.extend(column.index[long].tolist())
    if not rows:
        return ()
    shown = ", ".join(str(r) for r in sorted(set(rows))[:10]) + (", …" if len(rows) > 10 else "")
    return (
        f"{file}: {len(rows)} free texts longer than {max_text:,} characters were cut to "
        f"{max_text:,}, the survey's own limit (rows {shown})",
    )


def _priorities(instrument: Instrument, codes: Collection[str] | None) -> tuple[str, ...]:
    if codes is None:
        ranking = instrument.ranking
        return tuple(o.code for o in ranking.options) if ranking is not None else ()
    out = tuple(codes)
    if any(not isinstance(c, str) or not c for c in out) or len(set(out)) != len(out):
        raise ValueError(f"priority_codes must be distinct non-empty strings, got {out!r}")
    return out


def _meta(table: RawTable, log: ProblemLog, units: frozenset[str]) -> pd.DataFrame:
    unit = table.column("unit_id")
    if "unit_id" in table.positions:
        require_values(log, unit, "unit_id", "the unit_id of the respondent's unit")
        check_known(log, unit, "unit_id", units, "the unit_id of a unit of the organization")
    out = {"unit_id": unit}
    for name, allowed in SEGMENTS.items():
        out[name] = check_allowed(log, table.column(name), name, allowed)
    out["customer_facing"] = check_yes_no(log, table.column("customer_facing"), "customer_facing")
    is_self = check_yes_no(log, table.column("self"), "self") == "yes"
    not_manager = is_self & (out["role"] != "manager")
    where = "role" if "role" in table.positions else "self"
    log.add_rows(
        not_manager,
        where,
        table.column(where),
        "role 'manager' on a manager self-assessment row (self = yes)",
    )
    frame = pd.DataFrame({k: as_text(v) for k, v in out.items()})
    frame["self"] = is_self.astype(bool)
    return frame


def _answers(
    table: RawTable, log: ProblemLog, instrument: Instrument, columns: ResponseColumns
) -> tuple[dict[str, pd.Series], dict[str, pd.Series]]:
    values: dict[str, pd.Series] = {}
    na: dict[str, pd.Series] = {}
    for name, item in columns.items:
        cells = table.column(name)
        if item.kind == "choice":
            values[name], na[name] = choice_column(log, cells, name, item)
        else:
            scale = instrument.scale_of(item)
            values[name], na[name] = scale_column(log, cells, name, scale, item.not_applicable)
    for column in columns.interfaces:
        name, scale = column.column, instrument.scale_of(column.item)
        value, marks = scale_column(
            log, table.column(name), name, scale, column.item.not_applicable
        )
        values[name], na[name] = value.astype(SPARSE_RATING), marks.astype(SPARSE_MARK)
    rank_scale = Scale("rank", 1, max(len(columns.priorities), 1))
    for name in columns.ranks:
        values[name], _ = scale_column(log, table.column(name), name, rank_scale, False, "a rank")
    for name in columns.texts:
        values[name] = as_text(table.column(name))
    return values, na


def _warnings(table: RawTable, instrument: Instrument, columns: ResponseColumns) -> tuple[str, ...]:
    out = []
    absent = [c for c in SEGMENT_COLUMNS if c not in table.positions]
    if absent:
        out.append(
            f"{table.file}: no column {', '.join(absent)}; results cannot be cut by "
            f"{'this segment' if len(absent) == 1 else 'these segments'}"
        )
    present = {c for c, _ in columns.items}
    missing = [i.code for i in instrument.respondent_items if i.scored and i.code not in present]
    if missing:
        shown = ", ".join(missing[:8]) + (", …" if len(missing) > 8 else "")
        out.append(f"{table.file}: {len(missing)} items of the instrument have no column ({shown})")
    return tuple(out)
