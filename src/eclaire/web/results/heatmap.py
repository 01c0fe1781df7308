"""Rows of the heatmap units × dimensions: clarity and pillar means, symptom shares, the index.

Cells are rendered here as small HTML strings: a table of 400 units × 16 columns is 6,400 cells,
and a template tag per cell would dominate the page's time. Every cell carries its value as text,
and its ``n`` and interval both as a tooltip (``title``) and as visually hidden text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from eclaire.web.results.charts import score_bin, share_bin
from eclaire.web.results.present import Fmt, ResultView, hidden_label


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str  # "score", "share" or "index"


@dataclass(frozen=True)
class Row:
    unit_id: str
    name: str
    depth: int
    n: int
    hidden: str | None
    cells: SafeString
    sort_value: float | None


def columns(v: ResultView) -> list[Column]:
    cols = [Column(d["code"], v.dim_name(d["code"]), "score") for d in v.dims()]
    cols += [Column(code, v.symptom_name(code), "share") for code in v.symptom_items()]
    return cols


def _cell(text: str, detail: str, css: str) -> str:
    detail = escape(detail)
    return f'<td class="{css}" title="{detail}">{text}<span class="sr-only"> ({detail})</span></td>'


def _score_cell(cell: dict[str, Any] | None, f: Fmt, hidden: str) -> tuple[str, float | None]:
    if cell is None:
        return f'<td class="hidden">{escape(hidden)}</td>', None
    detail = f.evidence(cell["n"], f.ci(cell["ci95"]))
    return _cell(f.num(cell["mean"]), detail, f"heat b{score_bin(cell['mean'])}"), cell["mean"]


def _share_cell(cell: dict[str, Any] | None, f: Fmt, hidden: str) -> tuple[str, float | None]:
    if cell is None:
        return f'<td class="hidden">{escape(hidden)}</td>', None
    detail = f.evidence(cell["n"], f.ci_pct(cell["ci95"]))
    return _cell(f.pct(cell["share"]), detail, f"heat b{share_bin(cell['share'])}"), cell["share"]


def _index_cell(cell: Mapping[str, Any] | None, f: Fmt, hidden: str) -> tuple[str, float | None]:
    if not cell or cell.get("suppressed") or cell.get("value") is None:
        return f'<td class="hidden">{escape(hidden)}</td>', None
    detail = _("n = %(n)s · 95%% interval %(ci)s") % {"n": cell["n"], "ci": f.ci(cell["ci95"], 0)}
    return _cell(f.num(cell["value"], 0), detail, "num index"), cell["value"]


def _row(v: ResultView, f: Fmt, unit_id: str, cols: list[Column], sort: str | None) -> Row:
    unit = v.data["units"][unit_id]
    name, depth = v.unit_name(unit_id), v.depth(unit_id)
    if unit.get("suppressed"):
        text = escape(hidden_label(unit.get("reason"), v.k))
        cells = f'<td class="hidden" colspan="{len(cols) + 1}">{text}</td>'
        return Row(unit_id, name, depth, unit["n"], text, mark_safe(cells), None)
    hidden = _("hidden")
    sort_value = None
    index_html, index_value = _index_cell(v.index_cell(unit_id), f, hidden)
    parts = [index_html]
    if sort == "index":
        sort_value = index_value
    symptoms = ((v.data.get("symptoms") or {}).get("units") or {}).get(unit_id) or {}
    for col in cols:
        if col.kind == "score":
            html, value = _score_cell(unit["scores"].get(col.key), f, hidden)
        else:
            html, value = _share_cell(symptoms.get(col.key), f, hidden)
        parts.append(html)
        if col.key == sort:
            sort_value = value
    return Row(unit_id, name, depth, unit["n"], None, mark_safe("".join(parts)), sort_value)


def heatmap_rows(
    v: ResultView,
    f: Fmt,
    cols: list[Column],
    *,
    within: set[str] | None,
    sort: str | None,
    order: str,
) -> list[Row]:
    """Rows in tree order, or sorted by one column (weakest first by default; hidden last).

    "Weakest" is the lowest mean, the lowest index or the highest symptom share.
    """
    ids = [u for u in v.unit_ids() if within is None or u in within]
    rows = [_row(v, f, u, cols, sort) for u in ids if u in v.data.get("units", {})]
    if sort is None:
        return rows
    worse_is_high = any(c.key == sort and c.kind == "share" for c in cols)
    descending = (order == "desc") != worse_is_high
    shown = [r for r in rows if r.sort_value is not None]
    shown.sort(key=lambda r: r.sort_value or 0.0, reverse=descending)
    return shown + [r for r in rows if r.sort_value is None]
