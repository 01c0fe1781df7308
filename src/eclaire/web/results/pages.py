"""What each results page shows, selected from the scoped result and formatted for templates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.utils.translation import gettext as _

from eclaire.core.result.findings import FIRST_SCREEN, WIDE, headline_findings
from eclaire.core.result.rest import compare_with_rest, rest_label, rest_scores, rest_symptoms
from eclaire.core.result.view import Estimate
from eclaire.web.results import charts
from eclaire.web.results.present import Fmt, ResultView, hidden_label


@dataclass(frozen=True)
class Figure:
    """A value with its evidence: ``text`` shown, ``n`` and ``ci`` beside or on focus."""

    text: str
    n: int | None
    ci: str
    bin: int | None = None


def wide(*estimates: Estimate | None, kind: str = "mean") -> bool:
    """Some interval is wider than the findings' threshold (``WIDE``): a figure to read with care."""
    return any((e.half_width or 0) > WIDE[kind] for e in estimates if e is not None)


def estimate(f: Fmt, est: Estimate | None, kind: str = "mean") -> Figure | None:
    """A figure computed by core (the rest of the organization), shown like a stored cell."""
    if est is None:
        return None
    if kind == "share":
        return Figure(f.pct(est.value), est.n, f.ci_pct(est.ci95), charts.share_bin(est.value))
    return Figure(f.num(est.value), est.n, f.ci(est.ci95), charts.score_bin(est.value))


def score(f: Fmt, cell: Mapping[str, Any] | None) -> Figure | None:
    if not cell or cell.get("mean") is None:
        return None
    return Figure(
        f.num(cell["mean"]), cell.get("n"), f.ci(cell.get("ci95")), charts.score_bin(cell["mean"])
    )


def share(f: Fmt, cell: Mapping[str, Any] | None) -> Figure | None:
    if not cell:
        return None
    return Figure(
        f.pct(cell["share"]),
        cell.get("n"),
        f.ci_pct(cell.get("ci95")),
        charts.share_bin(cell["share"]),
    )


# -- index ---------------------------------------------------------------------------------------


def index_summary(v: ResultView, f: Fmt, cell: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The coherence index of one group with its components, as text and as a bar chart."""
    if not cell:
        return None
    if cell.get("suppressed") or cell.get("value") is None:
        return {"hidden": hidden_label(cell.get("reason"), v.k), "n": cell.get("n")}
    weights = cell.get("weights") or {}
    rows = []
    for code, comp in (cell.get("components") or {}).items():
        low, high = (comp.get("ci95") or [None, None])[:2]
        rows.append(
            {
                "label": v.words.component(code),
                "value": f.num(comp["value"], 0),
                "ci": f.ci(comp.get("ci95"), 0),
                "weight": f.pct(weights.get(code)),
                "bar": charts.row_bar(comp["value"], low, high),
            }
        )
    band = v.words.band(cell.get("band") or "")
    return {
        "value": f.num(cell["value"], 0),
        "ci": f.ci(cell.get("ci95"), 0),
        "n": cell["n"],
        "band": band,
        "band_firm": cell.get("band_firm"),
        "components": rows,
    }


def overview(v: ResultView, f: Fmt, invited: int | None) -> dict[str, Any]:
    group, cell = v.top_index()
    n = v.data.get("n_responses") or 0
    findings = [
        x if x.unit_id is None or v.unit(x.unit_id) else replace(x, unit_id=None)
        for x in headline_findings(v, f.lang)
    ]
    return {
        "index": index_summary(v, f, cell),
        "index_group": v.unit_name(group) if group else None,
        "n_responses": n,
        "n_self": v.data.get("n_self_assessments"),
        "invited": invited,
        "rate": f.pct(n / invited) if invited else None,
        "findings": findings[:FIRST_SCREEN],
        "more_findings": findings[FIRST_SCREEN:],
    }


# -- unit page -----------------------------------------------------------------------------------


def reading(
    v: ResultView, mine: Estimate | None, rest: Estimate | None, kind: str, worse_is_high: bool
) -> dict[str, str] | None:
    """The unit against the rest in words, and whether that is better or worse (a CSS tone)."""
    direction = compare_with_rest(mine, rest)
    if direction is None:
        return None
    tone = (
        ""
        if direction == "same"
        else ("worse" if (direction == "higher") == worse_is_high else "better")
    )
    ref = rest_label(v, v.words.lang)
    return {"text": v.words.compared(kind, direction, ref), "tone": tone}


def _score_rows(
    v: ResultView, f: Fmt, unit_id: str, unit: Mapping[str, Any], rest: dict[str, Estimate]
) -> list[dict[str, Any]]:
    rows = []
    for dim in v.dims(("clarity", "pillar", "symptom", "external")):
        cell = unit["scores"].get(dim["code"])
        fav = (cell or {}).get("favorable") or {}
        worse_high = dim["family"] == "symptom"
        rows.append(
            {
                "code": dim["code"],
                "reading": reading(
                    v, Estimate.of(cell), rest.get(dim["code"]), "score", worse_high
                ),
                "name": v.dim_name(dim["code"]),
                "family": dim["family"],
                "score": score(f, cell),
                "favorable": f.pct(fav.get("share")) if fav else None,
                "favorable_ci": f.ci_pct(fav.get("ci95")),
                "rwg": f.num(cell.get("rwg")) if cell and cell.get("rwg") is not None else None,
                "ref": estimate(f, rest.get(dim["code"])),
            }
        )
    return rows


def _symptom_rows(
    v: ResultView, f: Fmt, unit_id: str, rest: dict[str, Estimate]
) -> list[dict[str, Any]]:
    units = (v.data.get("symptoms") or {}).get("units") or {}
    mine = units.get(unit_id) or {}
    return [
        {
            "code": c,
            "reading": reading(v, Estimate.of(mine.get(c), "share"), rest.get(c), "share", True),
            "name": v.symptom_name(c),
            "share": share(f, mine.get(c)),
            "ref": estimate(f, rest.get(c), "share"),
        }
        for c in v.symptom_items()
    ]


def interface_rows(
    v: ResultView, f: Fmt, entries: list[dict[str, Any]], side: str
) -> list[dict[str, Any]]:
    rows = []
    for e in entries:
        row = {
            "partner": v.unit_name(e[side]),
            "partner_id": e[side],
            "rollup": e["rollup"],
            "n": e["n"],
        }
        if e["suppressed"]:
            row["hidden"] = hidden_label(e.get("reason"), v.k)
        else:
            row |= {
                "score": Figure(
                    f.num(e["score"]), e["n"], f.ci(e["ci95"]), charts.score_bin(e["score"])
                ),
                "asymmetry": f.signed(e["asymmetry"]) if e.get("asymmetry") is not None else None,
                "asymmetry_ci": f.ci(e.get("asymmetry_ci95")),
            }
        rows.append(row)
    return rows


def gap_rows(v: ResultView, f: Fmt, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for g in rows:
        title = _("Team %(team)s (95%% interval %(ci)s, n = %(n)s); manager %(manager)s") % {
            "team": f.num(g["team"]),
            "ci": f.ci(g["team_ci95"]),
            "n": g["n_team"],
            "manager": f.num(g["manager"]),
        }
        out.append(
            {
                "unit": v.unit_name(g["unit_id"]),
                "unit_id": g["unit_id"],
                "dimension": v.dim_name(g["dimension"]),
                "manager": f.num(g["manager"]),
                "team": Figure(f.num(g["team"]), g["n_team"], f.ci(g["team_ci95"])),
                "gap": f.signed(g["gap"]),
                "std_gap": f.signed(g.get("standardized_gap")),
                "outside": g.get("outside_team_pi95"),
                "wide": wide(
                    Estimate.of({"mean": g["team"], "ci95": g["team_ci95"], "n": g["n_team"]})
                ),
                "chart": charts.gap_dots(
                    g["team"], g["team_ci95"][0], g["team_ci95"][1], g["manager"], title=title
                ),
            }
        )
    return out


def priority_cell(
    v: ResultView, f: Fmt, unit_id: str | None, cell: dict[str, Any] | None
) -> dict[str, Any] | None:
    if cell is None:
        return None
    row: dict[str, Any] = {
        "unit": v.unit_name(unit_id) if unit_id else _("Organization"),
        "unit_id": unit_id,
        "n": cell["n"],
    }
    if cell.get("suppressed"):
        return row | {"hidden": hidden_label(cell.get("reason"), v.k)}
    return row | {
        "w": f.num(cell.get("kendall_w")),
        "w_words": v.words.w_words(cell.get("kendall_w")),
        "p": f.p(cell.get("p")),
        "consensus": [v.option_name(o) for o in cell.get("consensus", [])],
        "to_declared": f.num(cell.get("distance_to_declared")),
        "to_org": f.num(cell.get("distance_to_organization"))
        if "distance_to_organization" in cell
        else None,
    }


def _trend_rows(v: ResultView, f: Fmt, cells: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "dimension": v.dim_name(code),
            "before": f.num(c["before"]),
            "after": f.num(c["after"]),
            "delta": f.signed(c["delta"]),
            "ci": f.ci(c.get("ci95")),
            "n_before": c["n_before"],
            "n_after": c["n_after"],
            "changed": c.get("changed"),
            "worse_is_high": code == "symptoms",
        }
        for code, c in cells.items()
    ]


def unit_page(v: ResultView, f: Fmt, unit_id: str) -> dict[str, Any]:
    unit = v.data["units"][unit_id]
    page: dict[str, Any] = {
        "unit_id": unit_id,
        "name": v.unit_name(unit_id),
        "n": unit["n"],
        "children": [
            (u["unit_id"], u["name"]) for u in v.tree.values() if u.get("parent_id") == unit_id
        ],
        "parent": (v.unit(unit_id) or {}).get("parent_id"),
    }
    if page["parent"] and not v.unit(page["parent"]):
        page["parent"] = None
    if unit.get("suppressed"):
        return page | {"hidden": hidden_label(unit.get("reason"), v.k)}
    rest, rest_sym = rest_scores(v, unit_id), rest_symptoms(v, unit_id)
    entries = v.data.get("interfaces", [])
    prio = (v.data.get("priorities") or {}).get("units") or {}
    trend = ((v.data.get("trend") or {}).get("units") or {}).get(unit_id) or {}
    return page | {
        # Compared with everyone outside the unit, never with a top roll-up that contains it.
        "ref_name": rest_label(v, v.words.lang) if rest or rest_sym else None,
        "index": index_summary(v, f, v.index_cell(unit_id)),
        "scores": _score_rows(v, f, unit_id, unit, rest),
        "symptoms": _symptom_rows(v, f, unit_id, rest_sym),
        "given": interface_rows(v, f, [e for e in entries if e["from"] == unit_id], "to"),
        "received": interface_rows(
            v, f, [e for e in entries if e["to"] == unit_id and not e["rollup"]], "from"
        ),
        "gaps": gap_rows(
            v,
            f,
            [
                g
                for g in (v.data.get("perception_gaps") or {}).get("managers", [])
                if g["unit_id"] == unit_id
            ],
        ),
        "priorities": priority_cell(v, f, unit_id, prio.get(unit_id)),
        "declared": [
            v.option_name(o) for o in (v.data.get("priorities") or {}).get("declared", [])
        ],
        "trend": _trend_rows(v, f, trend),
    }


# -- gaps, priorities, trends --------------------------------------------------------------------


def segment_rows(v: ResultView, f: Fmt) -> list[dict[str, Any]]:
    out = []
    for s in (v.data.get("perception_gaps") or {}).get("segments", []):
        a, b = v.words.segment_levels(s["segment"])
        row = {
            "a": a,
            "b": b,
            "dimension": v.dim_name(s["dimension"]),
            "n_a": s["n_a"],
            "n_b": s["n_b"],
        }
        if s.get("suppressed"):
            out.append(row | {"hidden": hidden_label(s.get("reason"), v.k)})
            continue
        out.append(
            row
            | {
                "mean_a": Figure(f.num(s["mean_a"]), s["n_a"], f.ci(s["ci95_a"])),
                "mean_b": Figure(f.num(s["mean_b"]), s["n_b"], f.ci(s["ci95_b"])),
                "difference": f.signed(s["difference"]),
                "difference_ci": f.ci(s["difference_ci95"]),
                "g": f.signed(s["hedges_g"]),
                "p": f.p(s["p_adjusted"]),
                "significant": s.get("significant"),
                "g_words": v.words.effect(s["hedges_g"]),
                "reading": v.words.segment_gap(
                    (a, b), (f.num(s["mean_a"]), f.num(s["mean_b"])), s["p_adjusted"], s["hedges_g"]
                ),
                "wide": wide(
                    Estimate.of({"mean": s["mean_a"], "ci95": s["ci95_a"], "n": s["n_a"]}),
                    Estimate.of({"mean": s["mean_b"], "ci95": s["ci95_b"], "n": s["n_b"]}),
                ),
            }
        )
    return out


def priorities(v: ResultView, f: Fmt, within: set[str] | None) -> dict[str, Any]:
    prio = v.data.get("priorities") or {}
    units = prio.get("units") or {}
    rows = [
        priority_cell(v, f, u, units[u])
        for u in v.unit_ids()
        if u in units and (within is None or u in within)
    ]
    pairs = [
        {
            "a": v.unit_name(d["a"]),
            "b": v.unit_name(d["b"]),
            "n_a": d["n_a"],
            "n_b": d["n_b"],
            "distance": f.num(d["distance"]),
        }
        for d in prio.get("distances", [])
        if within is None or (d["a"] in within and d["b"] in within)
    ][:15]
    return {
        "declared": [v.option_name(o) for o in prio.get("declared", [])],
        "ranks": list(range(1, len(prio.get("options", [])) + 1)),
        "overall": priority_cell(v, f, None, prio.get("overall")),
        "rows": rows,
        "pairs": pairs,
        "pairs_total": prio.get("distances_total", 0),
    }


def trends(v: ResultView, f: Fmt, within: set[str] | None) -> dict[str, Any] | None:
    trend = v.data.get("trend")
    if not trend:
        return None
    units = [
        {
            "unit": v.unit_name(u),
            "unit_id": u,
            "depth": v.depth(u),
            "rows": _trend_rows(v, f, cells),
        }
        for u, cells in (trend.get("units") or {}).items()
        if within is None or u in within
    ]
    return {
        "overall": _trend_rows(v, f, trend.get("overall") or {}),
        "units": units,
        "n_comparisons": trend.get("n_comparisons", 0),
        "n_changed": trend.get("n_changed", 0),
        "expected": f.num(trend.get("expected_by_chance"), 1),
        "note": trend.get("note"),
        "dropped": [v.dim_name(d) for d in trend.get("dropped_dimensions", [])],
    }
