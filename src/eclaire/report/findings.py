"""The summary's headline findings and the questions the organization should ask itself.

Each finding is one plain sentence plus its evidence (n and interval). Candidates are tried in a
fixed order and the first :data:`MAX_FINDINGS` that the data support are kept, so the same
result always gives the same summary.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eclaire.report.charts import Bar, hbars
from eclaire.report.view import MAP_FAMILIES, ResultView
from eclaire.report.view_links import weakest_links

MAX_FINDINGS = 5
Finding = dict[str, str]
COMPONENTS = ("clarity", "pillars", "interfaces", "symptoms", "agreement")


def index_block(view: ResultView) -> dict[str, Any] | None:
    entry = view.overall_index()
    if entry is None:
        return None
    f, t = view.fmt, view.cat.t
    lo, hi = f.bounds(entry.get("ci95"), 0)
    bars = []
    for name, comp in (entry.get("components") or {}).items():
        if comp.get("value") is None:
            continue
        c_lo, c_hi = (comp.get("ci95") or [None, None])[:2]
        note = (
            f"{f.num(comp['value'], 0)} {f.ci(comp.get('ci95'), 0)}"
            if c_lo is not None
            else f.num(comp["value"], 0)
        )
        label = view.cat.get(f"component.{name}", name)
        bars.append(Bar(label, comp["value"], c_lo, c_hi, note))
    return {
        "value": f.num(entry["value"], 0),
        "sentence": t(
            "summary.index_sentence",
            value=f.num(entry["value"], 0),
            band=f.band(entry.get("band"), entry.get("band_firm")),
        ),
        "evidence": t("summary.index_evidence", n=f.count(entry.get("n")), lo=lo, hi=hi),
        "borderline": "" if entry.get("band_firm", True) else t("summary.index_borderline"),
        "band": str(entry.get("band") or ""),
        "chart": hbars(
            bars,
            top=100,
            title=t("summary.components_caption"),
            desc=t("summary.components_desc"),
            ticks=range(0, 101, 20),
        )
        if bars
        else None,
    }


def _weakest_dimension(view: ResultView) -> Finding | None:
    org = view.org_unit()
    if org is None:
        return None
    cells = [
        (d["code"], cell)
        for d in view.dimensions(MAP_FAMILIES)
        if (cell := view.score(org, d["code"])) is not None
    ]
    if not cells:
        return None
    code, cell = min(cells, key=lambda cs: (cs[1]["mean"], cs[0]))
    f, t = view.fmt, view.cat.t
    lo, hi = f.bounds(cell.get("ci95"))
    fav = (cell.get("favorable") or {}).get("share")
    return {
        "text": t(
            "finding.weakest_dimension",
            dim=view.cat.dim(code),
            mean=f.num(cell["mean"]),
            fav=f.pct(fav),
        ),
        "evidence": t("finding.evidence_mean", n=f.count(cell.get("n")), lo=lo, hi=hi),
        "kind": "dimension",
        "code": code,
    }


def _lowest_units(view: ResultView) -> Finding | None:
    entries = [(u, entry) for u in view.unit_ids() if (entry := view.index(u)) is not None]
    if not entries:
        return None
    unit, entry = min(entries, key=lambda ue: (ue[1]["value"], ue[0]))
    f, t = view.fmt, view.cat.t
    fragile = sum(1 for _, e in entries if e and e.get("band") == "fragile")
    values = {"unit": view.name(unit), "value": f.num(entry["value"], 0)}
    text = (
        t("finding.fragile_units", count=fragile, **values)
        if fragile
        else t("finding.lowest_unit", band=f.band(entry.get("band")), **values)
    )
    lo, hi = f.bounds(entry.get("ci95"), 0)
    return {
        "text": text,
        "evidence": t("finding.evidence_index", n=f.count(entry["n"]), lo=lo, hi=hi)
        if lo != t("none")
        else t("n_eq", n=f.count(entry["n"])),
        "kind": "unit",
    }


def _weakest_link(view: ResultView) -> Finding | None:
    links = weakest_links(view, 1)
    if not links:
        return None
    e = links[0]
    f, t = view.fmt, view.cat.t
    names = {"from": view.name(e["from"]), "to": view.name(e["to"])}
    text = t("finding.weakest_link", score=f.num(e["score"]), **names)
    lo, hi = f.bounds(e.get("ci95"))
    evidence = t("finding.evidence_link", n=f.count(e["n"]), lo=lo, hi=hi)
    back = next(
        (
            b
            for b in view.shown_interfaces(unit_level=False)
            if b["from"] == e["to"] and b["to"] == e["from"]
        ),
        None,
    )
    ci = e.get("asymmetry_ci95")
    if back and e.get("asymmetry") is not None and ci and ci[1] is not None and ci[1] < 0:
        a_lo, a_hi = f.bounds(ci)
        text += " " + t("finding.weakest_link_asym", diff=f.num(-e["asymmetry"]), **names)
        evidence += "; " + t(
            "finding.evidence_asym",
            diff=f.num(e["asymmetry"], signed=True),
            lo=a_lo,
            hi=a_hi,
            n_a=f.count(e["n"]),
            n_b=f.count(back["n"]),
        )
    return {"text": text, "evidence": evidence, "kind": "link", "from": e["from"], "to": e["to"]}


def _segment_gap(view: ResultView) -> Finding | None:
    entries = [
        e
        for e in (view.r.get("perception_gaps") or {}).get("segments") or []
        if not e.get("suppressed") and e.get("significant")
    ]
    if not entries:
        return None
    e = max(entries, key=lambda x: (abs(x["hedges_g"]), x["segment"], x["dimension"]))
    f, t = view.fmt, view.cat.t
    a, b = view.cat.segment_levels(e["segment"])
    lo, hi = f.bounds(e.get("difference_ci95"))
    return {
        "text": t(
            "finding.segment_gap",
            a=a[:1].upper() + a[1:],
            b=b,
            dim=view.cat.dim(e["dimension"]),
            mean_a=f.num(e["mean_a"]),
            mean_b=f.num(e["mean_b"]),
            size=f.effect(e["hedges_g"]),
        ),
        "evidence": t(
            "finding.evidence_segment",
            n_a=f.count(e["n_a"]),
            n_b=f.count(e["n_b"]),
            diff=f.num(e["difference"], signed=True),
            lo=lo,
            hi=hi,
            g=f.num(e["hedges_g"], signed=True),
            p_words=f.p_words(e.get("p_adjusted")),
        ),
        "kind": "segment",
        "segment": e["segment"],
        "dimension": e["dimension"],
    }


def _manager_gap(view: ResultView) -> Finding | None:
    entries = [
        e
        for e in (view.r.get("perception_gaps") or {}).get("managers") or []
        if e.get("outside_team_ci") and not e.get("small_sample") and e.get("gap")
    ]
    if not entries:
        return None
    e = max(entries, key=lambda x: (abs(x["gap"]), x["unit_id"], x["dimension"]))
    f, t = view.fmt, view.cat.t
    key = "finding.manager_gap_over" if e["gap"] > 0 else "finding.manager_gap_under"
    lo, hi = f.bounds(e.get("team_ci95"))
    return {
        "text": t(
            key,
            unit=view.name(e["unit_id"]),
            dim=view.cat.dim(e["dimension"]),
            manager=f.num(e["manager"]),
            team=f.num(e["team"]),
        ),
        "evidence": t("finding.evidence_manager", n=f.count(e["n_team"]), lo=lo, hi=hi),
        "kind": "manager",
        "over": "1" if e["gap"] > 0 else "",
    }


def _top_symptom(view: ResultView) -> Finding | None:
    cells = [
        (i, cell) for i in view.symptom_items() if (cell := view.symptom_cell(None, i)) is not None
    ]
    if not cells:
        return None
    item, cell = max(cells, key=lambda ic: (ic[1]["share"], ic[0]))
    f, t = view.fmt, view.cat.t
    lo, hi = f.bounds(cell.get("ci95"), 0, scale=100)
    return {
        "text": t("finding.symptom", share=f.pct(cell["share"]), symptom=view.cat.symptom(item)),
        "evidence": t("finding.evidence_share", n=f.count(cell["n"]), lo=lo, hi=hi),
        "kind": "symptom",
        "item": item,
    }


def _priorities(view: ResultView) -> Finding | None:
    overall = (view.r.get("priorities") or {}).get("overall") or {}
    if overall.get("suppressed", True) or overall.get("kendall_w") is None:
        return None
    f, t = view.fmt, view.cat.t
    dist = overall.get("distance_to_declared") or 0
    text = (
        t("finding.priorities_far", dist=f.pct(dist))
        if dist > 0
        else t(
            "finding.priorities_close",
            w_words=f.w_words(overall["kendall_w"]),
            w=f.num(overall["kendall_w"]),
        )
    )
    return {
        "text": text,
        "kind": "priorities",
        "far": "1" if dist > 0 else "",
        "evidence": t(
            "finding.evidence_priorities",
            n=f.count(overall.get("n")),
            w=f.num(overall["kendall_w"]),
        ),
    }


CANDIDATES: tuple[Callable[[ResultView], Finding | None], ...] = (
    _weakest_dimension,
    _lowest_units,
    _weakest_link,
    _segment_gap,
    _manager_gap,
    _top_symptom,
    _priorities,
)


def all_findings(view: ResultView) -> list[Finding]:
    return [found for make in CANDIDATES if (found := make(view))]


def questions(view: ResultView, findings: list[Finding]) -> list[str]:
    """Questions tied to what the data show first, then the questions every team can ask."""
    t, out = view.cat.t, []
    for item in findings:
        kind = item.get("kind")
        if kind == "dimension":
            out.append(t("questions.weak_clarity", dim=view.cat.dim(item["code"])))
        elif kind == "manager" and item.get("over"):
            out.append(t("questions.manager_over"))
        elif kind == "segment":
            a, b = view.cat.segment_levels(item["segment"])
            out.append(
                t(
                    "questions.segment",
                    a=a[:1].upper() + a[1:],
                    b=b,
                    dim=view.cat.dim(item["dimension"]),
                )
            )
        elif kind == "link":
            out.append(
                t(
                    "questions.interface",
                    **{"from": view.name(item["from"]), "to": view.name(item["to"])},
                )
            )
        elif kind == "priorities" and item.get("far"):
            out.append(t("questions.priorities"))
        elif kind == "symptom" and item.get("item") == "SY_ONBOARDING":
            out.append(t("questions.onboarding"))
    return out + list(view.cat.raw("questions.always"))
