"""The tables of the results pages and of the action plan as CSV or XLSX files.

Each table is selected exactly as its page selects it: from the result already cut to the
viewer's scope (``scoped_result``, the same :class:`ResultView` the page builds), with the page's
``within`` filter, and with the page's rule for hidden groups — a suppressed group keeps its
``n`` and the words the page shows ("hidden (n < 5)"), never a figure. Nothing is recomputed:
every number is the stored one, rounded as the page rounds it (means and gaps to 2 decimals,
shares as a proportion to 3). Texts that a spreadsheet would run as formulas are neutralized by
:func:`eclaire.core.interchange.writing.table_bytes`.

Column names are in the reader's language; each figure has its ``n`` and, where the page shows
one, its 95 % interval (``low`` / ``high``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from django.utils.translation import gettext as _

from eclaire.web.results import heatmap as heat
from eclaire.web.results.heatmap_populations import Side
from eclaire.web.results.interface_map import unit_level
from eclaire.web.results.present import ResultView, hidden_label

__all__ = ["FORMATS", "RESULT_TABLES", "TABLES", "ExportTable", "plan_table", "result_table"]

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


@dataclass(frozen=True)
class ExportTable:
    name: str
    frame: pd.DataFrame


def _r(value: Any, digits: int = 2) -> float | int | None:
    if value is None:
        return None
    return round(float(value)) if digits == 0 else round(float(value), digits)


def _ci(cell: Mapping[str, Any] | None, key: str = "ci95", digits: int = 2) -> list[Any]:
    ci = (cell or {}).get(key) or [None, None]
    return [_r(ci[0], digits), _r(ci[1], digits)]


def _ci_columns() -> list[str]:
    """The two columns of a 95 % interval. The percent sign is literal, not a format."""
    return [
        # xgettext:no-python-format
        _("95% low"),
        # xgettext:no-python-format
        _("95% high"),
    ]


def _hidden(cell: Mapping[str, Any] | None, v: ResultView) -> str:
    return hidden_label((cell or {}).get("reason"), v.k)


def _units(v: ResultView, within: set[str] | None) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """The result's units in tree order, inside ``within`` when it is given."""
    units = v.data.get("units", {})
    for uid in v.unit_ids():
        unit = units.get(uid)
        if unit is not None and (within is None or uid in within):
            yield uid, unit


def _note_row(header: list[str], start: list[Any], note: str) -> list[Any]:
    """A row with only its first cells and its note: a hidden group's figures stay empty."""
    return start + [None] * (len(header) - len(start) - 1) + [note]


def _frame(columns: list[str], rows: Iterable[list[Any]]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=columns, dtype=object)


def _side_row(side: Side, cols: list[heat.Column]) -> list[Any]:
    """A population's side as the heatmap page shows it: the means of the cut dimensions;
    the index and the symptoms are not cut."""
    row: list[Any] = [side.unit_id, side.label, "", side.n, None]
    row.append(_("population: the index and the symptoms are not cut"))
    for c in cols:
        shown = side.mean(c.key) if c.kind == "score" else None
        row += [None, None] if shown is None else [_r(shown[0]), shown[1]]
    return row


def heatmap_table(
    v: ResultView, within: set[str] | None, sides: Sequence[Side] = ()
) -> pd.DataFrame:
    """The heatmap: per unit, the index, each dimension's mean and each symptom's share; first
    the rows of the population the page compares (``sides``), when it compares one."""
    cols = heat.columns(v)
    header = [_("Unit code"), _("Unit"), _("Parent unit"), "n", _("Index"), _("Note")]
    for c in cols:
        header += [c.label, f"{c.label} · n"]
    rows = [_side_row(side, cols) for side in sides]
    for uid, unit in _units(v, within):
        row: list[Any] = [uid, v.unit_name(uid), v.parent(uid) or "", unit["n"]]
        if unit.get("suppressed"):
            rows.append(row + [None, _hidden(unit, v)] + [None] * (2 * len(cols)))
            continue
        index = v.index_cell(uid) or {}
        shown = not index.get("suppressed") and index.get("value") is not None
        row += [_r(index.get("value"), 0) if shown else None, ""]
        symptoms = ((v.data.get("symptoms") or {}).get("units") or {}).get(uid) or {}
        for c in cols:
            cell = unit["scores"].get(c.key) if c.kind == "score" else symptoms.get(c.key)
            if cell is None:
                row += [None, None]
            elif c.kind == "score":
                row += [_r(cell["mean"]), cell.get("n")]
            else:
                row += [_r(cell["share"], 3), cell.get("n")]
        rows.append(row)
    return _frame(header, rows)


def units_table(v: ResultView, within: set[str] | None) -> pd.DataFrame:
    """One row per unit and dimension (clarity, pillars, symptoms, external mirror): the mean,
    its 95 % interval, the favourable share and the within-unit agreement (r_wg)."""
    header = [
        _("Unit code"),
        _("Unit"),
        _("Dimension"),
        "n",
        _("Mean"),
        *_ci_columns(),
        _("Favourable share"),
        "r_wg",
        _("Note"),
    ]
    dims = v.dims(("clarity", "pillar", "symptom", "external"))
    rows = []
    for uid, unit in _units(v, within):
        if unit.get("suppressed"):
            rows.append(_note_row(header, [uid, v.unit_name(uid), "", unit["n"]], _hidden(unit, v)))
            continue
        for dim in dims:
            cell = unit["scores"].get(dim["code"])
            name = v.dim_name(dim["code"])
            if not cell or cell.get("mean") is None:
                rows.append(_note_row(header, [uid, v.unit_name(uid), name], _("hidden")))
                continue
            fav = cell.get("favorable") or {}
            rows.append(
                [
                    uid,
                    v.unit_name(uid),
                    name,
                    cell.get("n"),
                    _r(cell["mean"]),
                    *_ci(cell),
                    _r(fav.get("share"), 3),
                    _r(cell.get("rwg")),
                    "",
                ]
            )
    return _frame(header, rows)


def symptoms_table(v: ResultView, within: set[str] | None) -> pd.DataFrame:
    """Share of respondents who see each symptom often, per unit, with n and 95 % interval."""
    header = [
        _("Unit code"),
        _("Unit"),
        _("Symptom"),
        "n",
        _("Share"),
        *_ci_columns(),
        _("Note"),
    ]
    symptoms = (v.data.get("symptoms") or {}).get("units") or {}
    rows = []
    for uid, unit in _units(v, within):
        if unit.get("suppressed"):
            rows.append(_note_row(header, [uid, v.unit_name(uid), "", unit["n"]], _hidden(unit, v)))
            continue
        mine = symptoms.get(uid) or {}
        for code in v.symptom_items():
            cell = mine.get(code)
            if not cell:
                rows.append(
                    _note_row(header, [uid, v.unit_name(uid), v.symptom_name(code)], _("hidden"))
                )
                continue
            rows.append(
                [
                    uid,
                    v.unit_name(uid),
                    v.symptom_name(code),
                    cell.get("n"),
                    _r(cell["share"], 3),
                    *_ci(cell, digits=3),
                    "",
                ]
            )
    return _frame(header, rows)


def interfaces_table(v: ResultView, within: set[str] | None) -> pd.DataFrame:
    """The unit-level ratings of the interface map (rating unit → rated unit)."""
    header = [
        _("Rating unit code"),
        _("Rating unit"),
        _("Rated unit code"),
        _("Rated unit"),
        "n",
        _("Score"),
        *_ci_columns(),
        _("Asymmetry"),
        _("Note"),
    ]
    rows = []
    for e in unit_level(v, within):
        base = [e["from"], v.unit_name(e["from"]), e["to"], v.unit_name(e["to"]), e["n"]]
        if e["suppressed"]:
            rows.append(base + [None, None, None, None, _hidden(e, v)])
            continue
        rows.append(base + [_r(e["score"]), *_ci(e), _r(e.get("asymmetry")), ""])
    return _frame(header, rows)


def gaps_table(v: ResultView, within: set[str] | None) -> pd.DataFrame:
    """Manager–team perception gaps (as on the gaps page), then the population gaps."""
    header = [
        _("Kind"),
        _("Unit code"),
        _("Group"),
        _("Dimension"),
        "n",
        _("Team or group A"),
        *_ci_columns(),
        _("Manager or group B"),
        _("Gap"),
        _("Standardized gap"),
        "p",
        _("Note"),
    ]
    gaps = v.data.get("perception_gaps") or {}
    rows: list[list[Any]] = []
    for g in gaps.get("managers", []):
        if within is not None and g["unit_id"] not in within:
            continue
        rows.append(
            [
                _("Manager and team"),
                g["unit_id"],
                v.unit_name(g["unit_id"]),
                v.dim_name(g["dimension"]),
                g["n_team"],
                _r(g["team"]),
                *_ci(g, "team_ci95"),
                _r(g["manager"]),
                _r(g["gap"]),
                _r(g.get("standardized_gap")),
                None,
                "",
            ]
        )
    rows += [_population_row(v, s) for s in gaps.get("segments", [])]
    rows += [  # within departments: the shown comparisons, as on the heatmap
        _population_row(v, s)
        for s in gaps.get("segment_units") or []
        if not s["suppressed"] and (within is None or s["unit_id"] in within)
    ]
    return _frame(header, rows)


def _population_row(v: ResultView, s: Mapping[str, Any]) -> list[Any]:
    """A population gap: organization-wide (no unit code) or within a department."""
    a, b = v.words.segment_levels(s["segment"])
    base = [
        _("Populations"),
        s.get("unit_id", ""),
        f"{a} / {b}",
        v.dim_name(s["dimension"]),
        f"{s['n_a']} / {s['n_b']}",
    ]
    if s.get("suppressed"):
        return base + [None] * 7 + [_hidden(s, v)]
    return base + [
        _r(s["mean_a"]),
        *_ci(s, "ci95_a"),
        _r(s["mean_b"]),
        _r(s["difference"]),
        _r(s.get("hedges_g")),
        _r(s.get("p_adjusted"), 4),
        "",
    ]


def priorities_table(v: ResultView, within: set[str] | None) -> pd.DataFrame:
    """Agreement on the priorities per unit (Kendall's W), as on the priorities page."""
    header = [
        _("Unit code"),
        _("Unit"),
        "n",
        "W",
        "p",
        _("Consensus order"),
        _("Distance to the declared order"),
        _("Distance to the organization"),
        _("Note"),
    ]
    prio = v.data.get("priorities") or {}
    units = prio.get("units") or {}
    cells: list[tuple[str | None, Mapping[str, Any]]] = []
    if prio.get("overall"):
        cells.append((None, prio["overall"]))
    cells += [(u, units[u]) for u in v.unit_ids() if u in units and (within is None or u in within)]
    rows = []
    for uid, cell in cells:
        name = v.unit_name(uid) if uid else _("Organization")
        base = [uid or "", name, cell["n"]]
        if cell.get("suppressed"):
            rows.append(base + [None] * 5 + [_hidden(cell, v)])
            continue
        order = " > ".join(v.option_name(o) for o in cell.get("consensus", []))
        rows.append(
            base
            + [
                _r(cell.get("kendall_w")),
                _r(cell.get("p"), 4),
                order,
                _r(cell.get("distance_to_declared")),
                _r(cell.get("distance_to_organization")),
                "",
            ]
        )
    return _frame(header, rows)


RESULT_TABLES: dict[str, Callable[[ResultView, set[str] | None], pd.DataFrame]] = {
    "heatmap": heatmap_table,
    "units": units_table,
    "symptoms": symptoms_table,
    "interfaces": interfaces_table,
    "gaps": gaps_table,
    "priorities": priorities_table,
}
TABLES = (*RESULT_TABLES, "plan")


def result_table(name: str, v: ResultView, within: set[str] | None) -> pd.DataFrame:
    if name not in RESULT_TABLES:
        raise ValueError(f"unknown table {name!r}; choose one of {', '.join(RESULT_TABLES)}")
    return RESULT_TABLES[name](v, within)


def plan_table(actions: Iterable[Any], lang: str) -> pd.DataFrame:
    """The actions a viewer may read (never a session's confidential notes)."""
    header = [_("Action"), _("Lever"), _("Target"), _("Status"), _("Owner"), _("Start"), _("Due")]
    rows = [
        [
            a.adapted_wording or a.text("title", lang),
            a.get_lever_display(),
            a.text("target_label", lang),
            a.get_status_display(),
            a.owner_display,
            a.starts_on.isoformat() if a.starts_on else None,
            a.due_on.isoformat() if a.due_on else None,
        ]
        for a in actions
    ]
    return _frame(header, rows)
