"""What the messages page shows (message drift), selected from the scoped result and formatted.

Nothing here computes a statistic. Per key message: each unit's consistency (with n and its
interval), the themes of units of at least ``comment_k`` statements, the drift between units
as a heat table (its most distant pairs first when there are many units), and the units
furthest from the consensus. Then the contradictions between units. A unit under ``k``
statements shows its ``n`` only; no text is shown for a unit under ``comment_k``.
"""

from __future__ import annotations

from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString

from eclaire.core.instrument import Instrument
from eclaire.core.result.numbers import similarity_0_1
from eclaire.web.results.messages_contradictions import contradiction_groups
from eclaire.web.results.present import Fmt, ResultView

DRIFT_STEPS = (0.25, 0.45, 0.65, 0.85)
"""Bin edges of the drift ``1 − cos`` (0 = same place, 2 = opposite): bin 4 is the farthest."""
FULL_MATRIX_MAX = 12
"""Up to this many units the drift table is shown whole; beyond, the top pairs come first."""
TOP_PAIRS = 10
DOT_LOW, DOT_HIGH, DOT_WIDTH = 0.0, 1.0, 160


def question_texts(instrument: Instrument | None, lang: str) -> dict[str, str]:
    """Key message code → the question as respondents read it, in ``lang``."""
    if instrument is None:
        return {}
    return {i.code: instrument.text(i.text, lang) for i in instrument.key_message_items}


def drift_bin(distance: float) -> int:
    return sum(1 for step in DRIFT_STEPS if distance >= step)


def drift_legend(f: Fmt) -> list[tuple[int, str]]:
    s = [f.num(x) for x in DRIFT_STEPS]
    labels = [f"< {s[0]}", f"{s[0]} – {s[1]}", f"{s[1]} – {s[2]}", f"{s[2]} – {s[3]}", f"≥ {s[3]}"]
    return list(enumerate(labels))


def _dot(f: Fmt, mean: float, ci: list[float] | None, label: str) -> SafeString:
    """A small dot with its interval, decorative: the row holds the same figures in text."""
    span = DOT_HIGH - DOT_LOW
    x = lambda v: round(4 + (DOT_WIDTH - 8) * (min(max(v, DOT_LOW), DOT_HIGH) - DOT_LOW) / span, 1)  # noqa: E731
    low, high = (ci or [mean, mean])[:2]
    return format_html(
        '<svg class="dot" viewBox="0 0 {w} 16" width="{w}" height="16" aria-hidden="true" '
        'focusable="false"><title>{t}</title><line class="axis" x1="{z}" x2="{z}" y1="1" y2="15"/>'
        '<line class="ci" x1="{a}" x2="{b}" y1="8" y2="8"/><circle cx="{c}" cy="8" r="4"/></svg>',
        w=DOT_WIDTH,
        t=label,
        z=x(0.0),
        a=x(low),
        b=x(high),
        c=x(mean),
    )


def consistency_rows(
    v: ResultView, f: Fmt, units: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Units with a consistency, highest first; and the units under ``k`` (n only), tree order."""
    shown, small = [], []
    order = {u: i for i, u in enumerate(v.unit_ids())}
    for uid in sorted(units, key=lambda u: order.get(u, len(order))):
        entry = units[uid]
        cons = entry.get("consistency")
        if not cons or cons.get("mean") is None:
            small.append({"unit_id": uid, "unit": v.unit_name(uid), "n": entry.get("n", 0)})
            continue
        mean, interval = similarity_0_1(cons["mean"], cons.get("interval"))
        evidence = f.evidence(entry.get("n", 0), f.ci(interval))
        shown.append(
            {
                "unit_id": uid,
                "unit": v.unit_name(uid),
                "n": entry.get("n"),
                "mean": mean,
                "value": f.num(mean),
                "ci": f.ci(interval),
                "pairs": cons.get("n_pairs"),
                "dot": _dot(f, mean, interval, evidence),
            }
        )
    shown.sort(key=lambda r: -r["mean"])
    return shown, small


def theme_blocks(
    v: ResultView, units: dict[str, Any], comment_k: int, f: Fmt
) -> list[dict[str, Any]]:
    """Themes of the units of at least ``comment_k`` statements; other units never show text."""
    out = []
    for uid in v.unit_ids():
        entry = units.get(uid) or {}
        if int(entry.get("n") or 0) < comment_k or not entry.get("themes"):
            continue
        themes = [
            {
                "terms": [str(t) for t in theme.get("terms") or []],
                "n": theme.get("n"),
                "share": f.pct(theme.get("share")),
                "examples": [str(e) for e in theme.get("examples") or [] if e],
            }
            for theme in entry["themes"]
        ]
        out.append({"unit": v.unit_name(uid), "n": entry["n"], "themes": themes})
    return out


def _pairs(
    v: ResultView, f: Fmt, units: list[str], matrix: list[list[float]], n: dict[str, Any]
) -> list[dict[str, Any]]:
    pairs = [
        (matrix[i][j], units[i], units[j])
        for i in range(len(units))
        for j in range(i + 1, len(units))
    ]
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    return [
        {
            "a": v.unit_name(a),
            "n_a": n.get(a),
            "b": v.unit_name(b),
            "n_b": n.get(b),
            "value": f.num(d),
            "bin": drift_bin(d),
        }
        for d, a, b in pairs[:TOP_PAIRS]
    ]


def drift_block(v: ResultView, f: Fmt, entry: dict[str, Any]) -> dict[str, Any] | None:
    drift = entry.get("drift") or {}
    units, matrix = list(drift.get("units") or []), drift.get("matrix") or []
    if len(units) < 2:
        return None
    n = {u: (entry.get("units") or {}).get(u, {}).get("n") for u in units}
    rows = [
        {
            "number": i + 1,
            "unit": v.unit_name(u),
            "n": n[u],
            "cells": [
                {"value": "—" if i == j else f.num(d), "bin": None if i == j else drift_bin(d)}
                for j, d in enumerate(matrix[i])
            ],
        }
        for i, u in enumerate(units)
    ]
    many = len(units) > FULL_MATRIX_MAX
    return {"rows": rows, "many": many, "pairs": _pairs(v, f, units, matrix, n) if many else []}


def _furthest(v: ResultView, f: Fmt, entry: dict[str, Any]) -> list[dict[str, Any]]:
    units = entry.get("units") or {}
    return [
        {
            "unit": v.unit_name(x["unit_id"]),
            "n": (units.get(x["unit_id"]) or {}).get("n"),
            "value": f.num(x.get("distance")),
        }
        for x in entry.get("furthest") or []
    ]


def key_message_block(
    v: ResultView, f: Fmt, code: str, entry: dict[str, Any], question: str, comment_k: int
) -> dict[str, Any]:
    units = entry.get("units") or {}
    shown, small = consistency_rows(v, f, units)
    return {
        "code": code,
        "question": question or code,
        "n": entry.get("n", 0),
        "consistency": shown,
        "small": small,
        "themes": theme_blocks(v, units, comment_k, f),
        "drift": drift_block(v, f, entry),
        "furthest": _furthest(v, f, entry),
    }


def messages_page(v: ResultView, f: Fmt, questions: dict[str, str]) -> dict[str, Any] | None:
    """Everything the messages page shows, or ``None`` when the result holds no messages."""
    section = v.data.get("messages")
    if not section:
        return None
    comment_k = int(section.get("comment_k") or 10)
    key_messages = section.get("key_messages") or {}
    blocks = [
        key_message_block(v, f, code, entry, questions.get(code, ""), comment_k)
        for code, entry in key_messages.items()
    ]
    statements = {
        (code, uid): int(u.get("n") or 0)
        for code, entry in key_messages.items()
        for uid, u in (entry.get("units") or {}).items()
    }
    return {
        "k": int(section.get("k") or v.k),
        "comment_k": comment_k,
        "blocks": blocks,
        "contradictions": contradiction_groups(
            v, f, list(section.get("contradictions") or []), statements, comment_k
        ),
        "n_contradictions": len(section.get("contradictions") or []),
        "n_outside_scope": int(section.get("n_outside_scope") or 0),
        "legend": drift_legend(f),
    }
