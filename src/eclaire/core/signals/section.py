"""The external mirror as people read it: sentences first, tables beside, for the page and report.

:func:`mirror_section` turns the signal measures and the diagnostic result into one JSON-ready
dictionary in one language: the echoes (a broken interface and its customer signals pointing the
same way, with the lever), the hotspots, the associations across units, a table per unit (signals
beside internal scores), the interfaces, lost deals by reason and the employees' external-mirror
items by customer-facing segment (the audited figures of the result, nothing recomputed). The web
page and the report render the same dictionary.
"""

from __future__ import annotations

import math
from functools import lru_cache
from importlib import resources
from typing import Any

import pandas as pd
import yaml

from eclaire.core.result.numbers import Numbers
from eclaire.core.result.view import ResultView
from eclaire.core.signals.echo import echo_findings, signal_hotspots
from eclaire.core.signals.measures import SignalMeasures
from eclaire.core.signals.mirror import internal_scores, mirror_correlations
from eclaire.core.signals.taxonomy import default_taxonomy

__all__ = ["TABLE_MEASURES", "mirror_section", "words"]

TABLE_MEASURES = ("complaint", "escalation", "late", "contradiction", "csat")


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    text = resources.files("eclaire").joinpath("data", "signals", "words.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def words(key: str, lang: str, **values: Any) -> str:
    """The text of ``key`` (dotted) in ``lang`` with its placeholders filled."""
    node: Any = _words()
    for part in (
        key.split(".") if not key.startswith(("internal.", "columns.")) else key.split(".", 1)
    ):
        node = node[part]
    return str(node[lang]).format(**values)


def _cell(num: Numbers, row: pd.Series | dict[str, Any], measure: str) -> dict[str, Any]:
    value: Any = row.get(measure)
    shown = value is not None and not (isinstance(value, float) and math.isnan(value))
    return {
        "value": float(value) if shown else None,
        "text": num.pct(value) if shown else num.dash,
        "ci": num.ci_pct((row.get(f"{measure}_lo"), row.get(f"{measure}_hi"))) if shown else "",
        "n": int(row[f"{measure}_n"]) if shown and f"{measure}_n" in row else None,
    }


def _name(view: ResultView, unit: str) -> str:
    return view.name(unit) if unit in view.tree else unit


def mirror_section(view: ResultView, measures: SignalMeasures, lang: str) -> dict[str, Any]:
    """Everything the external mirror shows, in ``lang`` (``fr`` or ``en``)."""
    num = Numbers(lang)
    groups = measures.groups[measures.groups["period"] == "all"]
    org = groups[groups["scope"] == "organization"].iloc[0].to_dict()
    internal = internal_scores(view)
    section: dict[str, Any] = {
        "title": words("title", lang),
        "lead": words("lead", lang),
        "k": measures.k,
        "summary": _summary(num, measures, org, lang),
        "echoes": [_echo_text(num, view, e, lang) for e in echo_findings(view, measures)],
        "hotspots": [_hotspot_text(num, view, h, lang) for h in signal_hotspots(measures)],
        "associations": [
            _association(num, c, lang) for c in mirror_correlations(measures, internal)
        ],
        "organization": {m: _cell(num, org, m) for m in TABLE_MEASURES},
        "units": _unit_rows(num, view, groups, internal, lang, measures.k),
        "interfaces": _interface_rows(num, view, groups, lang),
        "months": _months(num, measures),
        "lost_reasons": _lost(measures, lang),
        "segments": _segments(num, view, lang),
        "columns": {c: words(f"columns.{c}", lang) for c in _words()["columns"]},
        "other_share": words("other_share", lang, share=num.pct(measures.other_share))
        if measures.other_share >= 0.1
        else "",
    }
    if not section["hotspots"]:
        section["no_hotspot"] = words("no_hotspot", lang)
    return section


def _month(label: str, lang: str) -> str:
    """A period label "2026-01" in words ("janvier 2026"); any other label as it is."""
    year, _, month = label.partition("-")
    if not (year.isdigit() and month.isdigit() and 1 <= int(month) <= 12):
        return label
    return f"{_words()['months'][lang][int(month) - 1]} {year}"


def _summary(num: Numbers, measures: SignalMeasures, org: dict[str, Any], lang: str) -> str:
    dates = measures.groups  # period labels hold the months
    months = sorted(p for p in dates["period"].unique() if p != "all")
    start, end = (_month(months[0], lang), _month(months[-1], lang)) if months else ("", "")
    if math.isnan(org.get("accounts", math.nan)):
        return words(
            "events_no_accounts", lang, events=num.count(org["events"]), start=start, end=end
        )
    return words(
        "events",
        lang,
        events=num.count(org["events"]),
        accounts=num.count(org["accounts"]),
        start=start,
        end=end,
    )


def _echo_text(num: Numbers, view: ResultView, e: Any, lang: str) -> dict[str, Any]:
    return {
        **e.to_dict(),
        "from_name": _name(view, e.from_unit),
        "to_name": _name(view, e.to_unit),
        "text": words(
            "echo",
            lang,
            a=_name(view, e.from_unit),
            b=_name(view, e.to_unit),
            score=num.num(e.interface_score),
            n=e.interface_n,
            measure=words(f"measures.{e.measure}", lang),
            value=num.pct(e.value),
            org=num.pct(e.organization),
        ),
        "evidence": words("hotspot_sure", lang, n=e.events, ci=num.ci_pct((e.lo, e.hi))),
    }


def _hotspot_text(num: Numbers, view: ResultView, h: Any, lang: str) -> dict[str, Any]:
    return {
        **h.to_dict(),
        "text": words(
            "hotspot",
            lang,
            a=_name(view, h.from_unit),
            b=_name(view, h.to_unit),
            measure=words(f"measures.{h.measure}", lang),
            value=num.pct(h.value),
            org=num.pct(h.organization),
        ),
        "evidence": words("hotspot_sure", lang, n=h.n, ci=num.ci_pct((h.lo, h.hi))),
    }


def _association(num: Numbers, c: Any, lang: str) -> dict[str, Any]:
    signal = words(f"measures.{c.signal}", lang)
    internal = words(f"internal.{c.internal}", lang)
    values = {
        "n": c.n,
        "rho": num.num(c.rho),
        "ci": num.ci((c.lo, c.hi)),
        "signal": signal,
        "internal": internal,
    }
    clear = c.lo > 0 or c.hi < 0
    if clear:
        direction = words(
            "direction_up" if c.rho > 0 else "direction_down",
            lang,
            signal=signal,
            internal=internal,
        )
        text = words("association", lang, direction=direction, **values)
    else:
        text = words("association_weak", lang, **values)
    return {**c.to_dict(), "clear": clear, "text": text}


def _unit_rows(
    num: Numbers,
    view: ResultView,
    groups: pd.DataFrame,
    internal: dict[str, dict[str, float]],
    lang: str,
    measures_k: int,
) -> list[dict[str, Any]]:
    units = groups[groups["scope"] == "unit"]
    rows: list[dict[str, Any]] = []
    for _, g in units.iterrows():
        unit = str(g["unit_id"])
        scores = internal.get(unit, {})
        rows.append(
            {
                "unit_id": unit,
                "name": _name(view, unit),
                "shown": bool(g["shown"]),
                "events": num.count(g["events"])
                if g["shown"]
                else words("hidden", lang, k=measures_k),
                "cells": {m: _cell(num, g, m) for m in TABLE_MEASURES},
                "median_delay": num.num(g["median_delay_days"], 1),
                "external": num.num(scores.get("external.mirror"), 2)
                if "external.mirror" in scores
                else num.dash,
                "interfaces_in": num.num(scores.get("interfaces_in"), 2)
                if "interfaces_in" in scores
                else num.dash,
            }
        )
    rows.sort(key=lambda r: (not r["shown"], -(r["cells"]["late"]["value"] or 0), r["name"]))
    return rows


def _interface_rows(
    num: Numbers, view: ResultView, groups: pd.DataFrame, lang: str
) -> list[dict[str, Any]]:
    scores = {(str(e["from"]), str(e["to"])): e for e in view.shown_interfaces(unit_level=True)}
    rows: list[dict[str, Any]] = []
    for _, g in groups[(groups["scope"] == "interface") & groups["shown"]].iterrows():
        a, b = str(g["from_unit"]), str(g["unit_id"])
        inside = [scores[p]["score"] for p in ((a, b), (b, a)) if p in scores]
        rows.append(
            {
                "from_unit": a,
                "to_unit": b,
                "name": f"{_name(view, a)} → {_name(view, b)}",
                "events": num.count(g["events"]),
                "cells": {m: _cell(num, g, m) for m in TABLE_MEASURES},
                "internal": num.num(min(inside)) if inside else num.dash,
            }
        )
    rows.sort(key=lambda r: -max((c["value"] or 0) for c in r["cells"].values() if c is not None))
    return rows


def _months(num: Numbers, measures: SignalMeasures) -> list[dict[str, Any]]:
    """The organization month by month (months below the k rule show nothing)."""
    org = measures.groups[
        (measures.groups["scope"] == "organization") & (measures.groups["period"] != "all")
    ]
    return [
        {
            "period": str(g["period"]),
            "shown": bool(g["shown"]),
            "events": num.count(g["events"]) if g["shown"] else num.dash,
            "cells": {m: _cell(num, g, m) for m in TABLE_MEASURES},
        }
        for _, g in org.sort_values("period").iterrows()
    ]


def _lost(measures: SignalMeasures, lang: str) -> list[dict[str, Any]]:
    taxonomy = default_taxonomy()
    org = measures.reasons[measures.reasons["scope"] == "organization"]
    return [
        {"reason": r, "label": taxonomy.label(r, lang), "count": int(c)}
        for r, c in org.sort_values("count", ascending=False)[["reason", "count"]].itertuples(
            index=False
        )
    ]


def _segments(num: Numbers, view: ResultView, lang: str) -> list[str]:
    rows = (view.result.get("perception_gaps") or {}).get("segments") or []
    out = []
    for row in rows:
        if row.get("segment") != "customer_facing" or row.get("suppressed"):
            continue
        if not str(row.get("dimension", "")).startswith("external"):
            continue
        out.append(
            words(
                "segment",
                lang,
                a_label=words("customer_facing", lang),
                a=num.num(row.get("mean_a")),
                n_a=row.get("n_a"),
                b_label=words("back_office", lang),
                b=num.num(row.get("mean_b")),
                n_b=row.get("n_b"),
            )
        )
    return out
