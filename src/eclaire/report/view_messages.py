"""The key messages section of the report (message drift): contradictions first, then per key
message the units' consistency, their themes, the drift between units and the furthest units.

Reads ``result["messages"]`` (``docs/result/messages.md``) and computes nothing. A unit under
``k`` statements shows its ``n`` only; a formulation is quoted only when its unit has at least
``comment_k`` statements of that key message, whatever the result holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from eclaire.core.result.numbers import similarity_0_1
from eclaire.report.view import ResultView

TOP_CONTRADICTIONS = 12
TOP_PAIRS = 8
FULL_MATRIX_MAX = 8
THEME_UNITS = 8
Statements = Mapping[tuple[str, str], int]


@lru_cache(maxsize=8)
def _questions(instrument_id: str) -> dict[str, dict[str, str]]:
    """Key message code → its question per language, for a default instrument; else empty."""
    from eclaire.core.instrument_loader import InstrumentError, load_default_instrument

    try:
        instrument = load_default_instrument(instrument_id)
    except (InstrumentError, FileNotFoundError, KeyError, ValueError):
        return {}
    return {i.code: dict(i.text) for i in instrument.key_message_items}


def _question(view: ResultView, code: str) -> str:
    texts = _questions(str((view.r.get("instrument") or {}).get("id") or ""))
    return texts.get(code, {}).get(view.cat.lang) or code


# -- contradictions --------------------------------------------------------------------------


def _amount(view: ResultView, kind: str, value: float, unit: str | None) -> str:
    f, t = view.fmt, view.cat.t
    digits = 0 if float(value).is_integer() else 1
    if kind == "delay":
        text = t("key_messages.hours", v=f.num(value, digits))
        if value >= 72:  # 48 h reads best as it is
            days = value / 24
            text += " " + t("key_messages.days", d=f.num(days, 0 if days.is_integer() else 1))
        return text
    symbol = {"EUR": "€", "USD": "$"}.get(unit or "")
    if kind in ("discount", "percent") and symbol is None:
        return t("key_messages.percent", v=f.num(value, digits))
    if kind == "warranty":
        return t("key_messages.months", v=f.num(value, digits))
    if kind in ("price", "discount", "quantity") and symbol:
        return f"{f.num(value, digits)} {symbol or unit or ''}".strip()
    return f"{f.num(value, digits)} {view.cat.get(f'key_messages.unit_{unit}', unit or '')}"


def commitment(view: ResultView, kind: str, side: Mapping[str, Any]) -> str:
    """A side's modal commitment: ``48 h au plus``, ``pas de remise``, ``168 h (≈ 7 jours)``."""
    t = view.cat.t
    if side.get("none"):
        return view.cat.get(f"key_messages.none_{kind}", t("key_messages.none_other"))
    if side.get("value") is None:
        return t("none")
    amount = _amount(view, kind, float(side["value"]), side.get("unit"))
    bound = side.get("bound")
    return t(f"key_messages.bound_{bound}", v=amount) if bound in ("max", "min") else amount


def _quotes(side: Mapping[str, Any], statements: Statements, comment_k: int) -> list[str]:
    uid = str(side.get("unit_id"))
    if int(side.get("n") or 0) < comment_k:
        return []
    return [
        str(e["text"])
        for e in side.get("examples") or []
        if e.get("text") and statements.get((str(e.get("key_message")), uid), 0) >= comment_k
    ]


def _side(
    view: ResultView, kind: str, side: Mapping[str, Any], statements: Statements, k: int
) -> dict[str, Any]:
    return {
        "unit": view.name(side.get("unit_id")),
        "commitment": commitment(view, kind, side),
        "evidence": view.cat.t(
            "key_messages.stated_by",
            m=view.fmt.count(side.get("n_modal")),
            s=view.fmt.count(side.get("n_stating")),
            n=view.fmt.count(side.get("n")),
        ),
        "quotes": _quotes(side, statements, k),
    }


def subject(view: ResultView, kind: str, subject_code: str) -> str:
    return view.cat.get(f"key_messages.subject_{kind}_{subject_code}", f"{kind} · {subject_code}")


def _strength(c: Mapping[str, Any]) -> tuple[int, int]:
    sides = c.get("sides") or []
    return (
        -min((int(s.get("n_modal") or 0) for s in sides), default=0),
        -sum(int(s.get("n_stating") or 0) for s in sides),
    )


def contradictions(
    view: ResultView, items: list[dict[str, Any]], statements: Statements, comment_k: int
) -> list[dict[str, Any]]:
    """The best supported contradictions, each as a sentence with its two sides."""
    out = []
    for c in sorted(items, key=_strength)[:TOP_CONTRADICTIONS]:
        sides = [_side(view, c["kind"], s, statements, comment_k) for s in c["sides"][:2]]
        if len(sides) < 2:
            continue
        label = subject(view, c["kind"], c["subject"])
        sentence = view.cat.t(
            "key_messages.sentence",
            subject=label,
            a=sides[0]["unit"],
            ca=sides[0]["commitment"],
            b=sides[1]["unit"],
            cb=sides[1]["commitment"],
        )
        out.append({"subject": label, "sentence": sentence, "sides": sides})
    return out


# -- per key message -------------------------------------------------------------------------


def _consistency(view: ResultView, units: Mapping[str, Any]) -> tuple[list[dict[str, str]], str]:
    f = view.fmt
    order = {u: i for i, u in enumerate(view.unit_ids())}
    rows, small = [], []
    for uid in sorted(units, key=lambda u: order.get(u, len(order))):
        entry = units[uid]
        cons = entry.get("consistency") or {}
        if cons.get("mean") is None:
            if entry.get("n"):
                small.append(f"{view.name(uid)} ({f.count(entry.get('n'))})")
            continue
        rows.append((cons["mean"], uid, entry, cons))
    rows.sort(key=lambda r: (-r[0], r[1]))
    table = []
    for raw, uid, entry, cons in rows:
        mean, interval = similarity_0_1(raw, cons.get("interval"))
        table.append(
            {
                "unit": view.name(uid),
                "n": f.count(entry.get("n")),
                "mean": f.num(mean),
                "ci": f.ci(interval),
            }
        )
    return table, ", ".join(small)


def _themes(
    view: ResultView, units: Mapping[str, Any], first: list[str], comment_k: int
) -> list[dict[str, Any]]:
    f = view.fmt
    candidates = [u for u in first if u in units] + sorted(
        (u for u in units if u not in first), key=lambda u: -int(units[u].get("n") or 0)
    )
    out = []
    for uid in candidates:
        entry = units[uid]
        if int(entry.get("n") or 0) < comment_k or not entry.get("themes"):
            continue
        themes = [
            {
                "terms": " · ".join(str(x) for x in th.get("terms") or [])
                or view.cat.t("key_messages.no_terms"),
                "evidence": view.cat.t(
                    "key_messages.theme_n", n=f.count(th.get("n")), share=f.points(th.get("share"))
                ),
                "examples": [str(e) for e in th.get("examples") or [] if e],
            }
            for th in entry["themes"]
        ]
        out.append({"unit": view.name(uid), "n": f.count(entry.get("n")), "themes": themes})
        if len(out) == THEME_UNITS:
            break
    return out


def _drift(view: ResultView, entry: Mapping[str, Any]) -> dict[str, Any] | None:
    drift = entry.get("drift") or {}
    units, matrix = list(drift.get("units") or []), drift.get("matrix") or []
    if len(units) < 2:
        return None
    f, dash = view.fmt, view.cat.t("none")
    n = {u: (entry.get("units") or {}).get(u, {}).get("n") for u in units}
    pairs = sorted(
        (
            (matrix[i][j], units[i], units[j])
            for i in range(len(units))
            for j in range(i + 1, len(units))
        ),
        key=lambda p: (-p[0], p[1], p[2]),
    )
    out: dict[str, Any] = {
        "pairs": [
            {
                "pair": f"{view.name(a)} (n = {f.count(n[a])}) / {view.name(b)} (n = {f.count(n[b])})",
                "distance": f.num(d),
            }
            for d, a, b in pairs[:TOP_PAIRS]
        ],
        "matrix": None,
    }
    if len(units) <= FULL_MATRIX_MAX:
        out["matrix"] = {
            "heads": [view.name(u) for u in units],
            "rows": [
                {
                    "unit": f"{view.name(u)} (n = {f.count(n[u])})",
                    "cells": [dash if i == j else f.num(d) for j, d in enumerate(matrix[i])],
                }
                for i, u in enumerate(units)
            ],
        }
    return out


def _key_message(
    view: ResultView, code: str, entry: Mapping[str, Any], comment_k: int
) -> dict[str, Any]:
    f, units = view.fmt, entry.get("units") or {}
    furthest = list(entry.get("furthest") or [])
    table, small = _consistency(view, units)
    return {
        "question": _question(view, code),
        "n": f.count(entry.get("n")),
        "consistency": table,
        "small": small,
        "themes": _themes(view, units, [x["unit_id"] for x in furthest], comment_k),
        "drift": _drift(view, entry),
        "furthest": [
            {
                "unit": view.name(x["unit_id"]),
                "n": f.count((units.get(x["unit_id"]) or {}).get("n")),
                "distance": f.num(x.get("distance")),
            }
            for x in furthest
        ],
    }


def messages_section(view: ResultView) -> dict[str, Any] | None:
    """The section's content, or ``None`` when the result holds no key messages."""
    section = view.r.get("messages")
    if not section:
        return None
    comment_k = int(section.get("comment_k") or 10)
    key_messages = section.get("key_messages") or {}
    statements = {
        (code, uid): int(u.get("n") or 0)
        for code, entry in key_messages.items()
        for uid, u in (entry.get("units") or {}).items()
    }
    items = list(section.get("contradictions") or [])
    return {
        "k": int(section.get("k") or view.k),
        "comment_k": comment_k,
        "contradictions": contradictions(view, items, statements, comment_k),
        "n_contradictions": len(items),
        "blocks": [_key_message(view, c, e, comment_k) for c, e in key_messages.items()],
    }
