"""The method and reliability appendix, and the glossary."""

from __future__ import annotations

import statistics
from typing import Any

from eclaire.report.view import MAP_FAMILIES, ResultView


def reliability_rows(view: ResultView) -> list[dict[str, str]]:
    f, t = view.fmt, view.cat.t
    rows = []
    for dim in view.dimensions():
        entry = (view.r.get("reliability") or {}).get(dim["code"])
        if not entry:
            continue
        hidden = bool(entry.get("suppressed"))
        note = entry.get("note") if entry.get("low") else None
        rows.append(
            {
                "dimension": view.cat.dim(dim["code"]),
                "items": str(entry.get("k_items", "")),
                "n": f.count(entry.get("n")),
                "alpha": t("hidden")
                if hidden
                else f"{f.num(entry.get('alpha'))} {f.ci(entry.get('alpha_ci95'))}",
                "omega": t("hidden") if hidden else f.num(entry.get("omega")),
                "flag": view.cat.get(f"method.flag_{note}", str(note)) if note else "",
            }
        )
    return rows


def agreement_rows(view: ResultView) -> list[dict[str, str]]:
    """r_wg(j) over the shown units (median and lowest), with ICC(1) and ICC(2) of each dimension."""
    f, t = view.fmt, view.cat.t
    rows = []
    for dim in view.dimensions((*MAP_FAMILIES, "external")):
        code = dim["code"]
        rwgs = [
            c["rwg"]
            for u in view.unit_ids()
            if (c := view.score(u, code)) and c.get("rwg") is not None
        ]
        icc = (view.r.get("agreement") or {}).get(code) or {}
        rows.append(
            {
                "dimension": view.cat.dim(code),
                "rwg": f"{f.num(statistics.median(rwgs))} ({f.num(min(rwgs))})"
                if rwgs
                else t("none"),
                "rwg_units": f.count(len(rwgs)),
                "icc1": f.num(icc.get("icc1")),
                "icc2": f.num(icc.get("icc2")),
                "units": f"{f.count(icc.get('n_units'))} ({f.count(icc.get('n'))})"
                if icc
                else t("none"),
                "meaningful": t("method.answer_yes")
                if icc.get("meaningful")
                else t("method.answer_no"),
            }
        )
    return rows


def index_method(view: ResultView) -> dict[str, Any]:
    section = view.r.get("coherence_index") or {}
    bands = section.get("bands") or {"uneven": 50, "coherent": 70}
    f, t = view.fmt, view.cat.t
    return {
        "text": t(
            "method.index_text",
            uneven=f.num(bands.get("uneven"), 0),
            coherent=f.num(bands.get("coherent"), 0),
        ),
        "weights": [
            {"component": view.fmt.words.component(name), "weight": f.num(w)}
            for name, w in (section.get("weights") or {}).items()
        ],
        # The result states its formula in English; the report gives it in its own language.
        "formula": t("method.formula_text") if section.get("formula") else "",
    }


def method_section(view: ResultView) -> dict[str, Any]:
    instrument = view.r.get("instrument") or {}
    langs = ", ".join(str(x) for x in instrument.get("languages") or [])
    t = view.cat.t
    return {
        "instrument": t(
            "method.instrument_text",
            id=instrument.get("id", "?"),
            version=instrument.get("version", "?"),
            langs=langs,
        ),
        "reliability": reliability_rows(view),
        "agreement": agreement_rows(view),
        "anonymity": [p.format(k=view.k) for p in view.cat.raw("method.anonymity_text")],
        "index": index_method(view),
    }


def glossary(view: ResultView) -> list[dict[str, str]]:
    return [
        {"fr": fr, "en": en, "meaning": meaning}
        for fr, en, meaning in view.cat.raw("glossary.terms")
    ]
