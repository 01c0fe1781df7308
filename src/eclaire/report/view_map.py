"""The map of incoherence: which units the report shows, the heatmaps and the full appendix table.

**Readability at scale.** Up to :data:`MAX_ROWS` units, the map shows every unit in the order of
the organization chart. Beyond that, it shows the top of the chart (depth 0 and 1, at most
:data:`MAX_TOP` rows) and the units with the lowest coherence index, up to :data:`MAX_ROWS` rows
in all, still in chart order, with a note saying so. Every unit, with its intervals, is in the
appendix table (landscape pages). The symptom grid uses the same rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from eclaire.report.svg import Cell, Column, Legend, Row, heatmap
from eclaire.report.view import MAP_FAMILIES, ResultView

MAX_ROWS = 40
MAX_TOP = 15
MEAN_DOMAIN = (2.0, 4.5)  # scale points shown from orange to blue; outside, the ends
SYMPTOM_DOMAIN = (3.5, 1.5)  # symptoms: a higher mean is worse
INDEX_DOMAIN = (35.0, 85.0)
SHARE_DOMAIN = (0.5, 0.0)  # share seeing a symptom often: higher is worse


@dataclass(frozen=True)
class Selection:
    unit_ids: list[str]
    total: int
    cut: bool
    bottom: int


def select_units(view: ResultView, max_rows: int = MAX_ROWS) -> Selection:
    """The units the body of the report shows (see the module docstring)."""
    ids = list(view.unit_ids())
    if len(ids) <= max_rows:
        return Selection(ids, len(ids), False, 0)
    top = [u for u in ids if view.depth(u) <= 1]
    if len(top) > MAX_TOP:
        top = [u for u in ids if view.depth(u) == 0][:MAX_TOP]
    ranked = sorted(
        (u for u in ids if u not in set(top) and view.index(u) is not None),
        key=lambda u: (float(view.index(u)["value"]), u),  # type: ignore[index]
    )
    bottom = ranked[: max_rows - len(top)]
    keep = set(top) | set(bottom)
    return Selection([u for u in ids if u in keep], len(ids), True, len(bottom))


def map_dimensions(view: ResultView) -> list[Mapping[str, Any]]:
    return view.dimensions((*MAP_FAMILIES, "symptom", "external"))


def _columns(view: ResultView, dims: list[Mapping[str, Any]]) -> list[Column]:
    cols = [
        Column(
            view.cat.dim(d["code"]), *(SYMPTOM_DOMAIN if d["family"] == "symptom" else MEAN_DOMAIN)
        )
        for d in dims
    ]
    return [*cols, Column(view.cat.t("map.col_index"), *INDEX_DOMAIN)]


def _unit_row(view: ResultView, unit_id: str, dims: list[Mapping[str, Any]]) -> Row:
    unit = view.unit(unit_id)
    n_text = view.fmt.count(unit.get("n"))
    if not view.shown(unit_id):
        return Row(view.name(unit_id), n_text, view.depth(unit_id), hidden=True)
    cells = []
    for dim in dims:
        cell = view.score(unit_id, dim["code"])
        cells.append(
            Cell(cell["mean"], view.fmt.num(cell["mean"], 1)) if cell else Cell(hidden=True)
        )
    index = view.index(unit_id)
    cells.append(
        Cell(index["value"], view.fmt.num(index["value"], 0)) if index else Cell(hidden=True)
    )
    return Row(view.name(unit_id), n_text, view.depth(unit_id), cells=tuple(cells))


def _legend(view: ResultView) -> Legend:
    t = view.cat.t
    return Legend(t("map.legend_low"), t("map.legend_high"), t("map.legend_hidden"))


def map_section(view: ResultView, selection: Selection) -> dict[str, Any]:
    dims = map_dimensions(view)
    rows = [_unit_row(view, u, dims) for u in selection.unit_ids]
    t = view.cat.t
    chart = heatmap(
        _columns(view, dims),
        rows,
        title=t("map.caption"),
        desc=t("map.desc"),
        legend=_legend(view),
        n_label=t("map.col_n"),
    )
    if selection.cut:
        note = t(
            "map.selection_cut",
            total=selection.total,
            bottom=selection.bottom,
            shown=len(selection.unit_ids),
        )
    else:
        note = t("map.selection_all", total=selection.total)
    hidden = sum(1 for u in view.unit_ids() if not view.shown(u))
    return {
        "chart": chart,
        "note": note,
        "hidden_note": t("map.hidden_rows", count=hidden, k=view.k) if hidden else "",
    }


def symptom_grid(view: ResultView, selection: Selection) -> Markup | None:
    items = view.symptom_items()
    if not items or not (view.r.get("symptoms") or {}).get("units"):
        return None
    cols = [Column(view.cat.symptom(i), *SHARE_DOMAIN) for i in items]
    rows = []
    for unit_id in selection.unit_ids:
        n_text = view.fmt.count(view.unit(unit_id).get("n"))
        cells = []
        for item in items:
            cell = view.symptom(unit_id, item)
            cells.append(
                Cell(cell["share"], view.fmt.points(cell["share"])) if cell else Cell(hidden=True)
            )
        rows.append(
            Row(
                view.name(unit_id),
                n_text,
                view.depth(unit_id),
                hidden=not view.shown(unit_id),
                cells=tuple(cells),
            )
        )
    t = view.cat.t
    return heatmap(
        cols,
        rows,
        title=t("symptoms.units_caption"),
        desc=t("symptoms.units_desc"),
        legend=_legend(view),
        n_label=t("map.col_n"),
    )


def unit_table(view: ResultView) -> dict[str, Any]:
    """Every unit with its means and intervals: the appendix table (hidden units: n only)."""
    dims = map_dimensions(view)
    rows = []
    for unit_id in view.unit_ids():
        unit = view.unit(unit_id)
        row: dict[str, Any] = {
            "name": view.name(unit_id),
            "depth": view.depth(unit_id),
            "n": view.fmt.count(unit.get("n")),
            "hidden": not view.shown(unit_id),
            "cells": [],
        }
        if not row["hidden"]:
            row["cells"] = [_table_cell(view, view.score(unit_id, d["code"]), 2) for d in dims]
            index = view.index(unit_id)
            row["cells"].append(_table_cell(view, index, 0, key="value"))
        rows.append(row)
    headers = [view.cat.dim(d["code"]) for d in dims] + [view.cat.t("map.col_index")]
    return {"headers": headers, "rows": rows}


def _table_cell(
    view: ResultView, cell: Mapping[str, Any] | None, digits: int, key: str = "mean"
) -> dict[str, str] | None:
    if not cell:
        return None
    lo, hi = view.fmt.bounds(cell.get("ci95"), digits)
    ci = "" if lo == view.cat.t("none") else f"{lo}–{hi}"
    return {"value": view.fmt.num(cell.get(key), digits), "ci": ci}
