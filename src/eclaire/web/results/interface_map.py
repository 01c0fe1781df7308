"""The interface map: the directed graph of unit-level ratings, its weakest links, its strongest
asymmetries, and the matrix from × to. Selected from ``interfaces`` of the stored result.

Only unit-level entries (``rollup`` false) are drawn: their raters are disjoint groups, so each
rating appears once. Department roll-ups stay on the unit pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from eclaire.web.results import charts
from eclaire.web.results.present import Fmt, ResultView, hidden_label

MAX_NODES = 45
"""Above this many units the circle is unreadable: the page asks to choose a department."""
TOP = 10


@dataclass(frozen=True)
class Link:
    source: str
    target: str
    source_name: str
    target_name: str
    n: int
    score: str
    ci: str
    bin: int
    asymmetry: str | None
    asymmetry_ci: str | None


def _link(v: ResultView, f: Fmt, e: dict[str, Any]) -> Link:
    asym = e.get("asymmetry")
    return Link(
        e["from"],
        e["to"],
        v.unit_name(e["from"]),
        v.unit_name(e["to"]),
        e["n"],
        f.num(e["score"]),
        f.ci(e["ci95"]),
        charts.score_bin(e["score"]),
        f.signed(asym) if asym is not None else None,
        f.ci(e["asymmetry_ci95"]) if asym is not None else None,
    )


def unit_level(v: ResultView, within: set[str] | None) -> list[dict[str, Any]]:
    return [
        e
        for e in v.data.get("interfaces", [])
        if not e["rollup"] and (within is None or e["from"] in within or e["to"] in within)
    ]


def weakest(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    shown = [e for e in entries if not e["suppressed"]]
    return sorted(shown, key=lambda e: (e["score"], e["from"], e["to"]))[:TOP]


def asymmetric(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pairs whose asymmetry interval excludes 0, largest first; each pair once (the side that
    rates lower, negative asymmetry)."""
    out = [
        e
        for e in entries
        if not e["suppressed"]
        and e.get("asymmetry") is not None
        and e["asymmetry"] < 0
        and e["asymmetry_ci95"]
        and e["asymmetry_ci95"][1] < 0
    ]
    return sorted(out, key=lambda e: (e["asymmetry"], e["from"], e["to"]))[:TOP]


def _nodes(v: ResultView, entries: list[dict[str, Any]]) -> list[charts.Node]:
    order = {u: i for i, u in enumerate(v.unit_ids())}
    functions = {u["unit_id"]: u.get("function") or "" for u in v.tree.values()}
    functions |= {u["unit_id"]: u.get("function") or "" for u in v.data.get("partner_names", [])}
    ids = {e[side] for e in entries if not e["suppressed"] for side in ("from", "to")}
    ids_sorted = sorted(ids, key=lambda u: (functions.get(u, ""), order.get(u, len(order)), u))
    return [charts.Node(u, v.unit_name(u), functions.get(u, "other")) for u in ids_sorted]


def _edge_title(v: ResultView, f: Fmt, e: dict[str, Any]) -> str:
    return _("%(source)s rates %(target)s %(score)s (n = %(n)s, 95%% interval %(ci)s)") % {
        "source": v.unit_name(e["from"]),
        "target": v.unit_name(e["to"]),
        "score": f.num(e["score"]),
        "n": e["n"],
        "ci": f.ci(e["ci95"]),
    }


def graph(
    v: ResultView, f: Fmt, entries: list[dict[str, Any]], marked: set[tuple[str, str]]
) -> dict[str, Any] | None:
    """Only the notable links (``marked``: the weakest and the most asymmetric) and their units:
    the numbered nodes, and the key that names them in the same order."""
    notable = [e for e in entries if (e["from"], e["to"]) in marked and not e["suppressed"]]
    nodes = _nodes(v, notable)
    if not nodes or len(nodes) > MAX_NODES:
        return None
    edges = [
        charts.Edge(e["from"], e["to"], e["score"], _edge_title(v, f, e), True) for e in notable
    ]
    desc = _(
        "%(units)s numbered units on a circle grouped by function (their names are in the key "
        "beside the map); %(links)s arrows, the weakest links and the strongest asymmetries only, "
        "from the rating unit to the rated unit, coloured from red (low score) to blue (high "
        "score). The same figures are in the tables beside and below."
    ) % {"units": len(nodes), "links": len(edges)}
    picture = charts.interface_graph(nodes, edges, uid="ifmap", title=_("Interface map"), desc=desc)
    return {"picture": picture, "key": [n.label for n in nodes]}


def _matrix_cell(v: ResultView, f: Fmt, e: dict[str, Any] | None) -> str:
    if e is None:
        return "<td></td>"
    if e["suppressed"]:
        label = escape(hidden_label(e.get("reason"), v.k))
        return f'<td class="hidden">n = {e["n"]}<span class="sr-only">, {label}</span></td>'
    detail = escape(f.evidence(e["n"], f.ci(e["ci95"])))
    css = f"heat b{charts.score_bin(e['score'])}"
    return f'<td class="{css}" title="{detail}">{f.num(e["score"])}<span class="sr-only"> ({detail})</span></td>'


def matrix(v: ResultView, f: Fmt, entries: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Rows: rating units; columns: rated units; ``None`` when too large to read."""
    order = {u: i for i, u in enumerate(v.unit_ids())}
    key = lambda u: (order.get(u, len(order)), u)  # noqa: E731
    sources = sorted({e["from"] for e in entries}, key=key)
    targets = sorted({e["to"] for e in entries}, key=key)
    if not sources or len(targets) > MAX_NODES or len(sources) > MAX_NODES:
        return None
    cells = {(e["from"], e["to"]): e for e in entries}
    rows = [
        (v.unit_name(s), mark_safe("".join(_matrix_cell(v, f, cells.get((s, t))) for t in targets)))
        for s in sources
    ]
    return {"targets": [v.unit_name(t) for t in targets], "rows": rows}


def interface_page(v: ResultView, f: Fmt, within: set[str] | None) -> dict[str, Any]:
    entries = unit_level(v, within)
    weak, asym = weakest(entries), asymmetric(entries)
    marked = {(e["from"], e["to"]) for e in weak + asym}
    return {
        "n_links": sum(1 for e in entries if not e["suppressed"]),
        "n_hidden": sum(1 for e in entries if e["suppressed"]),
        "graph": graph(v, f, entries, marked),
        "weakest": [_link(v, f, e) for e in weak],
        "asymmetric": [_link(v, f, e) for e in asym],
        "matrix": matrix(v, f, entries),
        "legend": [(charts.legend_swatch(i), label) for i, label in enumerate(score_legend(f))],
        "max_nodes": MAX_NODES,
    }


def score_legend(f: Fmt) -> list[str]:
    edges = [f.num(s, 1) for s in charts.SCORE_STEPS]
    return [
        _("below %(a)s") % {"a": edges[0]},
        _("%(a)s to %(b)s") % {"a": edges[0], "b": edges[1]},
        _("%(a)s to %(b)s") % {"a": edges[1], "b": edges[2]},
        _("%(a)s to %(b)s") % {"a": edges[2], "b": edges[3]},
        _("%(a)s or more") % {"a": edges[3]},
    ]
