"""Rules across the cells of one response row: ranks used once, interface ratings in bounds."""

from __future__ import annotations

import numpy as np
import pandas as pd

from eclaire.core.interchange.problems import ProblemLog
from eclaire.core.interchange.reading import RawTable
from eclaire.core.interchange.response_columns import ResponseColumns


def check_ranks(log: ProblemLog, values: dict[str, pd.Series], columns: ResponseColumns) -> None:
    """Each rank at most once per row (ranks need not be complete: a row may rank only its top 3)."""
    if len(columns.ranks) < 2:
        return
    ranks = np.column_stack([values[c].to_numpy(dtype=np.float64) for c in columns.ranks])
    rows = values[columns.ranks[0]].index
    for rank in range(1, len(columns.priorities) + 1):
        hits = ranks == rank
        repeated = np.flatnonzero(hits.sum(axis=1) > 1)
        for at in repeated[: log.room]:
            used = [columns.ranks[j] for j in np.flatnonzero(hits[at])]
            log.add(
                f"each rank at most once per row (rank {rank} is also given in {used[0]})",
                row=int(rows[at]),
                column=used[1],
                value=str(rank),
            )
        log.count_unkept(len(repeated) - min(len(repeated), log.room))


def check_interfaces(
    table: RawTable, log: ProblemLog, columns: ResponseColumns, max_units: int
) -> None:
    """At most ``max_units`` units rated per row, and never the respondent's own unit.

    A unit counts as rated when any of its cells is filled, NA included: NA answers an item
    about a unit the respondent chose to rate.
    """
    if not columns.interfaces:
        return
    groups: dict[str, list[str]] = {}
    positions: dict[str, list[int]] = {}
    for at, c in enumerate(columns.interfaces):
        groups.setdefault(c.to_unit, []).append(c.column)
        positions.setdefault(c.to_unit, []).append(at)
    filled = table.filled_cells([c.column for c in columns.interfaces]).to_numpy()
    rated = pd.DataFrame(
        {to: filled[:, at].any(axis=1) for to, at in positions.items()}, index=table.frame.index
    )
    count = rated.sum(axis=1)
    over = count > max_units
    log.add_rows(
        over,
        None,
        count.astype(str) + " units",
        f"interface ratings of at most {max_units} other units per respondent",
    )
    own_unit = table.column("unit_id")
    for to, cols in groups.items():
        log.add_rows(
            rated[to] & (own_unit == to),
            cols[0],
            own_unit,
            f"no interface rating of the respondent's own unit ({to}): rate other units only",
        )
