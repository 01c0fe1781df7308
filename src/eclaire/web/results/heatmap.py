"""Rows of the heatmap units × dimensions, in two panels that each fit a laptop screen: clarity,
pillars and the index; symptom shares and the external mirror.

Cells are rendered here as small HTML strings: a table of 400 units × 17 columns is 6,800 cells,
and a template tag per cell would dominate the page's time. Every cell carries its value as text;
its ``n`` and interval are in a note that shows on keyboard focus, on tap and on hover (and is
read by screen readers), with a link to the unit's figures behind the cell.
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

PANELS = ("pillars", "symptoms")
"""Panel 1: clarity and pillars (with the index); panel 2: symptoms and the external mirror."""


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str  # "score" or "share"
    short: str = ""
    panel: str = "pillars"


@dataclass(frozen=True)
class Row:
    unit_id: str
    name: str
    depth: int
    n: int
    hidden: str | None
    cells: dict[str, SafeString]
    sort_value: float | None


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    caption: str
    columns: list[Column]
    index: bool


def panels(cols: list[Column]) -> list[Panel]:
    """The two panels of the heatmap, each with its columns."""
    return [
        Panel(
            "pillars",
            _("Clarity and pillars"),
            _("Mean score per unit (1 to 5, higher is better) and coherence index (out of 100)"),
            [c for c in cols if c.panel == "pillars"],
            True,
        ),
        Panel(
            "symptoms",
            _("Symptoms and the external mirror"),
            _(
                "Share of respondents who see each symptom often (lower is better), and the "
                "external mirror: how coherent the organization looks from its customers' side "
                "(1 to 5, higher is better)"
            ),
            [c for c in cols if c.panel == "symptoms"],
            False,
        ),
    ]


def columns(v: ResultView) -> list[Column]:
    w = v.words
    cols = [
        Column(d["code"], v.dim_name(d["code"]), "score", w.short(d["code"], v.dim_name(d["code"])))
        for d in v.dims()
    ]
    cols += [
        Column(c, v.symptom_name(c), "share", w.short(c, v.symptom_name(c)), "symptoms")
        for c in v.symptom_items()
    ]
    cols += [
        Column(d["code"], v.dim_name(d["code"]), "score", w.short(d["code"], d["code"]), "symptoms")
        for d in v.dims(("external",))
    ]
    return cols


class Cells:
    """Renders the cells of one page (the link pattern and words are built once)."""

    def __init__(self, f: Fmt, unit_url: str) -> None:
        self.f = f
        self.unit_url = unit_url  # with "{unit}" to fill
        self.more = escape(_("figures of the unit"))
        self.answers = escape(_("the answers behind it"))
        self.hidden = escape(_("hidden"))

    def cell(
        self, text: str, detail: str, css: str, unit_id: str, anchor: str, more: str = ""
    ) -> str:
        href = self.unit_url.replace("__unit__", unit_id) + anchor
        return (
            f'<td class="{css}" tabindex="0">{text}<span class="tip"> ({escape(detail)}) '
            f'<a href="{escape(href)}">{more or self.more}</a></span></td>'
        )

    def score(self, cell: Mapping[str, Any] | None, unit_id: str, code: str) -> str:
        if cell is None:
            return f'<td class="hidden">{self.hidden}</td>'
        detail = self.f.evidence(cell["n"], self.f.ci(cell["ci95"]))
        css = f"heat b{score_bin(cell['mean'])}"
        text = self.f.num(cell["mean"])
        if cell.get("items"):  # the answers behind the cell, opened on the unit's page
            anchor = f"?answers={code}#answers-{code}"
            return self.cell(text, detail, css, unit_id, anchor, self.answers)
        return self.cell(text, detail, css, unit_id, f"#s-{code}")

    def share(self, cell: Mapping[str, Any] | None, unit_id: str, code: str) -> str:
        if cell is None:
            return f'<td class="hidden">{self.hidden}</td>'
        detail = self.f.evidence(cell["n"], self.f.ci_pct(cell["ci95"]))
        css = f"heat b{share_bin(cell['share'])}"
        return self.cell(self.f.pct(cell["share"]), detail, css, unit_id, f"#y-{code}")

    def index(self, cell: Mapping[str, Any] | None, unit_id: str) -> str:
        if not cell or cell.get("suppressed") or cell.get("value") is None:
            return f'<td class="hidden">{self.hidden}</td>'
        detail = self.f.evidence(cell["n"], self.f.ci(cell["ci95"], 0))
        return self.cell(self.f.num(cell["value"], 0), detail, "num index", unit_id, "#index")


def _value(cell: Mapping[str, Any] | None, key: str) -> float | None:
    return None if not cell or cell.get("suppressed") else cell.get(key)


def _row(v: ResultView, c: Cells, unit_id: str, cols: list[Column], sort: str | None) -> Row:
    unit = v.data["units"][unit_id]
    name, depth = v.unit_name(unit_id), v.depth(unit_id)
    if unit.get("suppressed"):
        text = escape(hidden_label(unit.get("reason"), v.k))
        cells = {
            p: mark_safe(
                f'<td class="hidden" colspan="{sum(col.panel == p for col in cols) + (p == "pillars")}">'
                f"{text}</td>"
            )
            for p in PANELS
        }
        return Row(unit_id, name, depth, unit["n"], text, cells, None)
    index = v.index_cell(unit_id)
    parts: dict[str, list[str]] = {"pillars": [c.index(index, unit_id)], "symptoms": []}
    sort_value = _value(index, "value") if sort == "index" else None
    symptoms = ((v.data.get("symptoms") or {}).get("units") or {}).get(unit_id) or {}
    for col in cols:
        if col.kind == "score":
            cell = unit["scores"].get(col.key)
            parts[col.panel].append(c.score(cell, unit_id, col.key))
            value = _value(cell, "mean")
        else:
            cell = symptoms.get(col.key)
            parts[col.panel].append(c.share(cell, unit_id, col.key))
            value = _value(cell, "share")
        if col.key == sort:
            sort_value = value
    cells = {p: mark_safe("".join(parts[p])) for p in PANELS}
    return Row(unit_id, name, depth, unit["n"], None, cells, sort_value)


def heatmap_rows(
    v: ResultView,
    f: Fmt,
    cols: list[Column],
    *,
    within: set[str] | None,
    sort: str | None,
    order: str,
    unit_url: str = "../units/__unit__/",
) -> list[Row]:
    """Rows in tree order, or sorted by one column (weakest first by default; hidden last).

    "Weakest" is the lowest mean, the lowest index or the highest symptom share.
    """
    c = Cells(f, unit_url)
    ids = [u for u in v.unit_ids() if within is None or u in within]
    rows = [_row(v, c, u, cols, sort) for u in ids if u in v.data.get("units", {})]
    if sort is None:
        return rows
    worse_is_high = any(col.key == sort and col.kind == "share" for col in cols)
    descending = (order == "desc") != worse_is_high
    shown = [r for r in rows if r.sort_value is not None]
    shown.sort(key=lambda r: r.sort_value or 0.0, reverse=descending)
    return shown + [r for r in rows if r.sort_value is None]
