"""Priorities, symptoms and trend sections of the report."""

from __future__ import annotations

from typing import Any

from eclaire.report.charts import Bar, hbars
from eclaire.report.pictures import RankChart, rank_chart
from eclaire.report.pictures.geometry import REPORT_FONT
from eclaire.report.svg import WIDTH
from eclaire.report.view import ResultView

TOP_UNITS = 10
TOP_PAIRS = 8
TOP_TRENDS = 15
TOP_RANK_CHARTS = 4


def priorities_section(view: ResultView) -> dict[str, Any] | None:
    section = view.r.get("priorities")
    if not section:
        return None
    f, t = view.fmt, view.cat.t
    overall = section.get("overall") or {}
    out: dict[str, Any] = {
        "hidden": bool(overall.get("suppressed", True)),
        "n": f.count(overall.get("n")),
    }
    if out["hidden"]:
        return out
    declared = list(section.get("declared") or [])
    consensus = list(overall.get("consensus") or [])
    out["orders"] = [
        {
            "rank": i + 1,
            "declared": view.option_label(d) if d else "",
            "consensus": view.option_label(c) if c else "",
        }
        for i, (d, c) in enumerate(_zip_longest(declared, consensus))
    ]
    out["sentence"] = t(
        "priorities.overall_sentence",
        w_words=f.w_words(overall.get("kendall_w")),
        w=f.num(overall.get("kendall_w")),
        n=f.count(overall.get("n")),
    )
    dist = overall.get("distance_to_declared")
    out["distance"] = t("priorities.distance_sentence", dist=f.points(dist)) if dist else ""
    out["units"] = _far_units(view, section)
    out["pairs"] = _far_pairs(view, section)
    out["rank_charts"] = _rank_charts(view, section, consensus)
    return out


def _rank_charts(view: ResultView, section: dict[str, Any], consensus: list[str]) -> list[Any]:
    """The units whose order is farthest from the organization's, drawn against it."""
    t = view.cat.t
    shown = [
        (u, e)
        for u, e in (section.get("units") or {}).items()
        if not e.get("suppressed")
        and e.get("consensus")
        and (e.get("distance_to_organization") or 0) > 0
    ]
    shown.sort(key=lambda ue: (-ue[1]["distance_to_organization"], ue[0]))
    org = [view.option_label(c) for c in consensus]
    return [
        rank_chart(
            RankChart(
                t("priorities.organization"),
                view.name(u),
                org,
                [view.option_label(c) for c in e["consensus"]],
            ),
            title=t("priorities.rank_chart_title", unit=view.name(u)),
            desc=t("priorities.rank_chart_desc"),
            width=WIDTH // 2 - 10,
            font=REPORT_FONT,
        )
        for u, e in shown[:TOP_RANK_CHARTS]
    ]


def _zip_longest(a: list[str], b: list[str]) -> list[tuple[str, str]]:
    size = max(len(a), len(b))
    return [(a[i] if i < len(a) else "", b[i] if i < len(b) else "") for i in range(size)]


def _far_units(view: ResultView, section: dict[str, Any]) -> list[dict[str, str]]:
    f = view.fmt
    shown = [
        (u, e)
        for u, e in (section.get("units") or {}).items()
        if not e.get("suppressed") and (e.get("distance_to_declared") or 0) > 0
    ]
    shown.sort(key=lambda ue: (-ue[1]["distance_to_declared"], ue[0]))
    return [
        {
            "unit": view.name(u),
            "n": f.count(e.get("n")),
            "w": f.num(e.get("kendall_w")),
            "distance": f.num(e.get("distance_to_declared")),
            "first": view.option_label((e.get("consensus") or [""])[0]),
        }
        for u, e in shown[:TOP_UNITS]
    ]


def _far_pairs(view: ResultView, section: dict[str, Any]) -> list[dict[str, str]]:
    f = view.fmt
    pairs = [p for p in section.get("distances") or [] if (p.get("distance") or 0) > 0]
    return [
        {
            "pair": f"{view.name(p['a'])} (n = {f.count(p['n_a'])}) / "
            f"{view.name(p['b'])} (n = {f.count(p['n_b'])})",
            "distance": f.num(p["distance"]),
        }
        for p in pairs[:TOP_PAIRS]
    ]


def symptoms_chart(view: ResultView) -> dict[str, Any] | None:
    items = [i for i in view.symptom_items() if view.symptom(None, i)]
    if not items:
        return None
    f, t = view.fmt, view.cat.t
    bars = []
    for item in items:
        cell = view.symptom(None, item) or {}
        lo, hi = (cell.get("ci95") or [None, None])[:2]
        note = f"{f.points(cell['share'])} % {f.ci(cell.get('ci95'), 0, scale=100)} n = {f.count(cell['n'])}"
        bars.append(
            Bar(
                view.cat.symptom(item),
                100 * cell["share"],
                None if lo is None else 100 * lo,
                None if hi is None else 100 * hi,
                note,
            )
        )
    top = max(50.0, min(100.0, 10 * (int(max(b.hi or b.value for b in bars) / 10) + 1)))
    chart = hbars(
        bars,
        top=top,
        title=t("symptoms.caption"),
        desc=t("symptoms.desc"),
        ticks=[x for x in range(0, int(top) + 1, 10)],
        tick_format="{:.0f} %",
    )
    return {"chart": chart}


def trend_section(view: ResultView) -> dict[str, Any] | None:
    trend = view.r.get("trend")
    if not trend:
        return None
    f, t = view.fmt, view.cat.t
    overall = [_trend_row(view, dim, c) for dim, c in (trend.get("overall") or {}).items()]
    changed = [
        (u, dim, c)
        for u, dims in (trend.get("units") or {}).items()
        if view.shown(u)
        for dim, c in dims.items()
        if c.get("changed")
    ]
    changed.sort(key=lambda x: (-abs(x[2].get("delta") or 0), x[0], x[1]))
    units = [
        {"unit": view.name(u), **_trend_row(view, dim, c)} for u, dim, c in changed[:TOP_TRENDS]
    ]
    return {
        "intro": t(
            "trend.intro",
            expected=f.num(trend.get("expected_by_chance"), 0),
            comparisons=f.count(trend.get("n_comparisons")),
            changed=f.count(trend.get("n_changed")),
        ),
        "note": t("trend.different_instrument") if trend.get("note") else "",
        "overall": overall,
        "units": units,
    }


def _trend_row(view: ResultView, dim: str, c: dict[str, Any]) -> dict[str, str]:
    f, t = view.fmt, view.cat.t
    return {
        "dimension": view.cat.dim(dim),
        "before": f"{f.num(c.get('before'))} (n = {f.count(c.get('n_before'))})",
        "after": f"{f.num(c.get('after'))} (n = {f.count(c.get('n_after'))})",
        "delta": f"{f.num(c.get('delta'), signed=True)} {f.ci(c.get('ci95'))}",
        "verdict": t("trend.changed") if c.get("changed") else t("trend.unchanged"),
    }
