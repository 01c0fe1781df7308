"""Interfaces between units and perception gaps (manager against team; between populations)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from eclaire.core.result.findings import WIDE
from eclaire.core.result.view import Estimate
from eclaire.report.charts import MatrixCell, matrix
from eclaire.report.pictures import GapDot, gap_dot_plot, sort_gaps
from eclaire.report.pictures.geometry import REPORT_FONT
from eclaire.report.svg import WIDTH, Legend
from eclaire.report.view import ResultView

TOP_LINKS = 10
MATRIX_UNITS = 14
TOP_GAPS = 12


def _link_row(view: ResultView, entry: Mapping[str, Any]) -> dict[str, str]:
    f = view.fmt
    return {
        "from": view.name(entry["from"]),
        "to": view.name(entry["to"]),
        "score": f.num(entry["score"]),
        "ci": f.ci(entry.get("ci95")),
        "n": f.count(entry["n"]),
    }


def weakest_links(view: ResultView, limit: int = TOP_LINKS) -> list[Mapping[str, Any]]:
    entries = sorted(
        view.shown_interfaces(unit_level=True), key=lambda e: (e["score"], e["from"], e["to"])
    )
    return entries[:limit]


def asymmetries(view: ResultView, limit: int = TOP_LINKS) -> list[dict[str, str]]:
    """Pairs shown in both directions, largest asymmetry first, each pair once (lower side first)."""
    shown = {(e["from"], e["to"]): e for e in view.shown_interfaces(unit_level=False)}
    rows, seen = [], set()
    candidates = [e for e in shown.values() if e.get("asymmetry") is not None]
    for entry in sorted(candidates, key=lambda e: (-abs(e["asymmetry"]), e["from"], e["to"])):
        pair = frozenset((entry["from"], entry["to"]))
        back = shown.get((entry["to"], entry["from"]))
        if pair in seen or back is None or entry["asymmetry"] > 0:
            continue
        seen.add(pair)
        f = view.fmt
        rows.append(
            {
                "a": view.name(entry["from"]),
                "b": view.name(entry["to"]),
                "ab": f"{f.num(entry['score'])} (n = {f.count(entry['n'])})",
                "ba": f"{f.num(back['score'])} (n = {f.count(back['n'])})",
                "diff": f.num(entry["asymmetry"], signed=True),
                "ci": f.ci(entry.get("asymmetry_ci95")),
            }
        )
        if len(rows) == limit:
            break
    return rows


def interface_matrix(view: ResultView) -> dict[str, Any] | None:
    entries = [e for e in view.r.get("interfaces") or [] if not e.get("rollup")]
    if not any(not e.get("suppressed") for e in entries):
        return None
    counts = Counter(u for e in entries for u in (e["from"], e["to"]))
    chosen = {u for u, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MATRIX_UNITS]}
    order = [u for u in view.unit_ids() if u in chosen]
    pos = {u: i for i, u in enumerate(order)}
    cells = {}
    for e in entries:
        if e["from"] in pos and e["to"] in pos:
            hidden = bool(e.get("suppressed")) or e.get("score") is None
            cells[(pos[e["from"]], pos[e["to"]])] = MatrixCell(
                None if hidden else e["score"], hidden
            )
    t = view.cat.t
    legend = Legend(t("map.legend_low"), t("map.legend_high"), t("map.legend_hidden"))
    chart = matrix(
        [view.name(u) for u in order],
        cells,
        title=t("interfaces.matrix_caption"),
        desc=t("interfaces.matrix_desc"),
        legend=legend,
        fmt=lambda v: view.fmt.num(v, 1),
    )
    return {"chart": chart, "note": t("interfaces.matrix_note", count=len(order))}


def interfaces_section(view: ResultView) -> dict[str, Any]:
    return {
        "weakest": [_link_row(view, e) for e in weakest_links(view)],
        "asymmetries": asymmetries(view),
        "matrix": interface_matrix(view),
    }


def manager_gaps(view: ResultView) -> dict[str, Any] | None:
    entries = [
        e
        for e in (view.r.get("perception_gaps") or {}).get("managers") or []
        if e.get("gap") is not None and e.get("team_ci95")
    ]
    if not entries:
        return None
    outside, rest = sort_gaps(entries)
    top = outside or rest
    f, t = view.fmt, view.cat.t
    rows = [
        GapDot(
            f"{view.name(e['unit_id'])} · {view.cat.dim(e['dimension'])}",
            e["team"],
            e["team_ci95"][0],
            e["team_ci95"][1],
            e["manager"],
            f"{f.num(e['gap'], 1, signed=True)}{' *' if _wide(e) else ''} · "
            f"n = {f.count(e['n_team'])}",
        )
        for e in top[:TOP_GAPS]
    ]
    chart = gap_dot_plot(
        rows,
        title=t("gaps.managers_caption"),
        desc=t("gaps.managers_desc"),
        legend_team=t("gaps.legend_team"),
        legend_manager=t("gaps.legend_manager"),
        width=WIDTH,
        font=REPORT_FONT,
    )
    summary = t(
        "gaps.managers_summary",
        total=len(entries),
        outside=len(outside),
        over=sum(1 for e in outside if e["gap"] > 0),
        under=sum(1 for e in outside if e["gap"] < 0),
    )
    wide = any(_wide(e) for e in top[:TOP_GAPS])
    return {
        "chart": chart,
        "summary": summary,
        "small_note": t("gaps.wide_interval", half=f.num(WIDE["mean"], 1)) if wide else "",
    }


def _wide(gap: Mapping[str, Any]) -> bool:
    """The team's interval is wider than the findings' threshold (not: the team is small)."""
    team = Estimate.of({"mean": gap["team"], "ci95": gap.get("team_ci95"), "n": gap["n_team"]})
    return team is not None and (team.half_width or 0) > WIDE["mean"]


def segment_gaps(view: ResultView) -> dict[str, Any]:
    entries = (view.r.get("perception_gaps") or {}).get("segments") or []
    hidden = [e for e in entries if e.get("suppressed")]
    real = sorted(
        (e for e in entries if not e.get("suppressed") and e.get("significant")),
        key=lambda e: (-abs(e.get("hedges_g") or 0), e["segment"], e["dimension"]),
    )
    f = view.fmt
    rows = []
    for e in real:
        a, b = view.cat.segment_levels(e["segment"])
        rows.append(
            {
                "segment": f"{a} / {b}",
                "dimension": view.cat.dim(e["dimension"]),
                "means": f"{f.num(e['mean_a'])} (n = {f.count(e['n_a'])}) / "
                f"{f.num(e['mean_b'])} (n = {f.count(e['n_b'])})",
                "difference": f"{f.num(e['difference'], signed=True)} {f.ci(e.get('difference_ci95'))}",
                "effect": f"{f.effect(e['hedges_g'])} (g = {f.num(e['hedges_g'], signed=True)})",
                "chance": f.p_words(e.get("p_adjusted")),
            }
        )
    other = len(entries) - len(real) - len(hidden)
    note = view.cat.t("gaps.segments_other", count=other, hidden=len(hidden)) if entries else ""
    return {"rows": rows, "note": note}


def gaps_section(view: ResultView) -> dict[str, Any]:
    return {"managers": manager_gaps(view), "segments": segment_gaps(view)}
