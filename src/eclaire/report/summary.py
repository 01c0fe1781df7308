"""The report's summary: the coherence index block and the questions the organization should ask
itself. The headline findings themselves are :func:`eclaire.core.result.findings.headline_findings`,
the same the web overview shows."""

from __future__ import annotations

from typing import Any

from eclaire.core.result.findings import Finding
from eclaire.report.charts import Bar, hbars
from eclaire.report.view import ResultView


def index_block(view: ResultView) -> dict[str, Any] | None:
    entry = view.index(None)
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
        bars.append(Bar(f.words.component(name), comp["value"], c_lo, c_hi, note))
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


def _question(view: ResultView, item: Finding) -> str | None:
    t, kind, fact = view.cat.t, item.kind, item.fact
    if kind == "dimension":
        return t("questions.weak_clarity", dim=view.cat.dim(fact("code")))
    if kind == "manager" and fact("over"):
        return t("questions.manager_over")
    if kind == "segment":
        a, b = view.cat.segment_levels(fact("segment"))
        return t(
            "questions.segment", a=a[:1].upper() + a[1:], b=b, dim=view.cat.dim(fact("dimension"))
        )
    if kind == "link":
        return t(
            "questions.interface", **{"from": view.name(fact("from")), "to": view.name(fact("to"))}
        )
    if kind == "priorities" and fact("far"):
        return t("questions.priorities")
    if kind == "symptom" and fact("item") == "SY_ONBOARDING":
        return t("questions.onboarding")
    return None


def questions(view: ResultView, findings: list[Finding]) -> list[str]:
    """Questions tied to what the data show first, then the questions every team can ask."""
    tied = [q for item in findings if (q := _question(view, item)) is not None]
    return tied + list(view.cat.raw("questions.always"))
