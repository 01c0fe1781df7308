"""The headline findings of a campaign, selected from the stored result (never recomputed).

Each finding is the extreme of one section of the result — the weakest dimension, the most
frequent symptom, the weakest interface, the largest manager–team gap, the significant segment
gaps, the unit that agrees least on priorities — with the evidence the page must show beside
it: ``n`` and the interval (or, for Kendall's W which has none, ``n`` and the statement that
there is no interval). Wording lives in ``results/_finding.html`` so it is translated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from eclaire.web.results.present import SEGMENTS, Fmt, ResultView

MAX_FINDINGS = 5


@dataclass(frozen=True)
class Finding:
    kind: str
    values: dict[str, Any]
    unit_id: str | None = None
    items: list[dict[str, Any]] = field(default_factory=list)


def _weakest_dimension(v: ResultView, f: Fmt) -> Finding | None:
    ref = v.reference_id
    unit = (v.data.get("units") or {}).get(ref) if ref else None
    if ref is None or not unit or unit.get("suppressed"):
        return None
    cells = [
        (d["code"], unit["scores"][d["code"]]) for d in v.dims() if d["code"] in unit["scores"]
    ]
    if not cells:
        return None
    code, cell = min(cells, key=lambda c: (c[1]["mean"], c[0]))
    return Finding(
        "weakest_dimension",
        {
            "dimension": v.dim_name(code),
            "group": v.unit_name(ref),
            "mean": f.num(cell["mean"]),
            "ci": f.ci(cell["ci95"]),
            "n": cell["n"],
            "favorable": f.pct(cell["favorable"]["share"]),
        },
        ref,
    )


def _top_symptom(v: ResultView, f: Fmt) -> Finding | None:
    symptoms = v.data.get("symptoms") or {}
    cells, group = symptoms.get("overall") or {}, None
    if not cells and v.reference_id:
        group = v.reference_id
        cells = (symptoms.get("units") or {}).get(group) or {}
    if not cells:
        return None
    code, cell = max(cells.items(), key=lambda c: (c[1]["share"], c[0]))
    return Finding(
        "top_symptom",
        {
            "symptom": v.symptom_name(code),
            "share": f.pct(cell["share"]),
            "ci": f.ci_pct(cell["ci95"]),
            "n": cell["n"],
        },
        group,
    )


def _weakest_interface(v: ResultView, f: Fmt) -> Finding | None:
    shown = [e for e in v.data.get("interfaces", []) if not e["suppressed"] and not e["rollup"]]
    if not shown:
        return None
    e = min(shown, key=lambda e: (e["score"], e["from"], e["to"]))
    values = {
        "source": v.unit_name(e["from"]),
        "target": v.unit_name(e["to"]),
        "score": f.num(e["score"]),
        "ci": f.ci(e["ci95"]),
        "n": e["n"],
    }
    if e.get("asymmetry") is not None:
        values |= {"asymmetry": f.signed(e["asymmetry"]), "asymmetry_ci": f.ci(e["asymmetry_ci95"])}
    return Finding("weakest_interface", values, e["from"])


def _manager_gap(v: ResultView, f: Fmt) -> Finding | None:
    rows = (v.data.get("perception_gaps") or {}).get("managers", [])
    outside = [g for g in rows if g.get("outside_team_ci")] or rows
    if not outside:
        return None
    g = max(outside, key=lambda g: (abs(g["gap"]), g["unit_id"], g["dimension"]))
    return Finding(
        "manager_gap",
        {
            "unit": v.unit_name(g["unit_id"]),
            "dimension": v.dim_name(g["dimension"]),
            "manager": f.num(g["manager"]),
            "team": f.num(g["team"]),
            "ci": f.ci(g["team_ci95"]),
            "n": g["n_team"],
            "gap": f.signed(g["gap"]),
            "outside": g.get("outside_team_ci"),
            "small": g.get("small_sample"),
        },
        g["unit_id"],
    )


def _segment_gaps(v: ResultView, f: Fmt) -> Finding | None:
    rows = (v.data.get("perception_gaps") or {}).get("segments", [])
    significant = [s for s in rows if not s.get("suppressed") and s.get("significant")]
    if not significant:
        return None
    significant.sort(key=lambda s: (-abs(s["hedges_g"]), s["segment"], s["dimension"]))
    items = []
    for s in significant[:3]:
        a, b = SEGMENTS.get(s["segment"], (s["segment"], ""))
        items.append(
            {
                "a": a,
                "b": b,
                "dimension": v.dim_name(s["dimension"]),
                "g": f.signed(s["hedges_g"]),
                "difference": f.signed(s["difference"]),
                "ci": f.ci(s["difference_ci95"]),
                "p": f.p(s["p_adjusted"]),
                "n_a": s["n_a"],
                "n_b": s["n_b"],
            }
        )
    return Finding("segment_gaps", {"count": len(significant)}, None, items)


def _priority_agreement(v: ResultView, f: Fmt) -> Finding | None:
    units = (v.data.get("priorities") or {}).get("units") or {}
    shown = [
        (u, c)
        for u, c in units.items()
        if not c.get("suppressed") and c.get("kendall_w") is not None
    ]
    if not shown:
        return None
    unit_id, c = min(shown, key=lambda uc: (uc[1]["kendall_w"], uc[0]))
    return Finding(
        "priority_agreement",
        {
            "unit": v.unit_name(unit_id),
            "w": f.num(c["kendall_w"]),
            "n": c["n"],
            "distance": f.num(c.get("distance_to_declared")),
        },
        unit_id,
    )


FINDERS: tuple[Callable[[ResultView, Fmt], Finding | None], ...] = (
    _weakest_dimension,
    _top_symptom,
    _weakest_interface,
    _manager_gap,
    _segment_gaps,
    _priority_agreement,
)


def headline_findings(v: ResultView, f: Fmt) -> list[Finding]:
    """Up to five findings, in a fixed order, each with its evidence."""
    found = [finding for finder in FINDERS if (finding := finder(v, f)) is not None]
    # Link only to units the reader may open (an interface partner may lie outside the scope).
    return [
        x if x.unit_id is None or v.unit(x.unit_id) else replace(x, unit_id=None)
        for x in found[:MAX_FINDINGS]
    ]
