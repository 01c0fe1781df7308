"""Contradictory commitments between units, in words: "48 h at most" against "168 h (≈ 7 days)".

Values are the normalized commitments of the result (``docs/result/messages.md``): delays in
calendar hours, prices in EUR or USD, discounts in %, quantities in pieces, pallets or boxes,
warranties in months. A formulation is shown only when its unit has at least ``comment_k``
statements of that key message (the result quotes from ``comment_k`` respondents; a unit of 12
respondents of whom 8 answered one question is not quoted on it), whatever the result holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eclaire.web.results.present import Fmt, ResultView

SHOWN_PER_SUBJECT = 6
"""Contradictions shown per subject before the rest is folded into a <details>."""

SUBJECTS = {
    ("delay", "delivery"): gettext_lazy("Delivery lead time"),
    ("delay", "response"): gettext_lazy("Response time"),
    ("discount", "discount"): gettext_lazy("Discount"),
    ("price", "price"): gettext_lazy("Price"),
    ("price", "delivery"): gettext_lazy("Free delivery threshold"),
    ("quantity", "minimum_order"): gettext_lazy("Minimum quantity"),
    ("delay", "production"): gettext_lazy("Production lead time"),
    ("delay", "resolution"): gettext_lazy("Resolution time"),
    ("delay", "order_confirmation"): gettext_lazy("Order confirmation time"),
    ("delay", "availability"): gettext_lazy("Restocking time"),
    ("percent", "availability"): gettext_lazy("Stock availability"),
    ("warranty", "warranty"): gettext_lazy("Warranty"),
}

QUANTITY_UNITS = {
    "pcs": gettext_lazy("pieces"),
    "pallet": gettext_lazy("pallets"),
    "box": gettext_lazy("boxes"),
}


def subject_label(kind: str, subject: str) -> str:
    label = SUBJECTS.get((kind, subject))
    if label is not None:
        return str(label)
    return f"{kind} · {subject}".replace("_", " ")


def _amount(f: Fmt, kind: str, value: float, unit: str | None) -> str:
    places = 0 if float(value).is_integer() else 1
    if kind == "delay":
        text = _("%(value)s h") % {"value": f.num(value, places)}
        if value >= 72:  # 48 h reads best as it is
            days = f.num(value / 24, 0 if (value / 24).is_integer() else 1)
            text += " " + _("(≈ %(days)s days)") % {"days": days}
        return text
    if kind in ("discount", "percent") and unit not in ("EUR", "USD"):
        return f.pct(value / 100)
    if kind == "warranty":
        return _("%(value)s months") % {"value": f.num(value, places)}
    if kind in ("price", "discount") or unit in ("EUR", "USD"):
        return f"{f.num(value, places)} {'€' if unit == 'EUR' else '$' if unit == 'USD' else unit}"
    return f"{f.num(value, places)} {QUANTITY_UNITS.get(unit or '', unit or '')}"


def commitment_text(f: Fmt, kind: str, side: dict[str, Any]) -> str:
    """A unit's modal commitment in words: ``at most 48 h``, ``none``, ``at least 50 pieces``."""
    if side.get("none"):
        return {"discount": _("no discount"), "warranty": _("no warranty")}.get(kind, _("none"))
    if side.get("value") is None:
        return "—"
    amount = _amount(f, kind, float(side["value"]), side.get("unit"))
    if side.get("bound") == "max":
        return _("at most %(amount)s") % {"amount": amount}
    if side.get("bound") == "min":
        return _("at least %(amount)s") % {"amount": amount}
    return amount


Statements = Mapping[tuple[str, str], int]
"""(key message code, unit id) → the unit's statements of that key message."""


def _quotes(side: dict[str, Any], statements: Statements, comment_k: int) -> list[str]:
    uid = str(side.get("unit_id"))
    return [
        str(e["text"])
        for e in side.get("examples") or []
        if e.get("text") and statements.get((str(e.get("key_message")), uid), 0) >= comment_k
    ]


def _side(
    v: ResultView, f: Fmt, kind: str, side: dict[str, Any], statements: Statements, comment_k: int
) -> dict[str, Any]:
    n = int(side.get("n") or 0)
    return {
        "unit_id": side.get("unit_id"),
        "unit": v.unit_name(str(side.get("unit_id"))),
        "commitment": commitment_text(f, kind, side),
        "stated_by": _(
            "%(modal)s of the %(stating)s respondents who state a value say this (unit: n = %(n)s)"
        )
        % {"modal": side.get("n_modal"), "stating": side.get("n_stating"), "n": n},
        "quotes": _quotes(side, statements, comment_k) if n >= comment_k else [],
    }


def _sentence(subject: str, a: dict[str, Any], b: dict[str, Any]) -> str:
    return _("%(subject)s: %(a)s say “%(ca)s”; %(b)s say “%(cb)s”.") % {
        "subject": subject,
        "a": a["unit"],
        "ca": a["commitment"],
        "b": b["unit"],
        "cb": b["commitment"],
    }


def _strength(c: dict[str, Any]) -> tuple[int, int]:
    sides = c.get("sides") or []
    return (
        -min((int(s.get("n_modal") or 0) for s in sides), default=0),
        -sum(int(s.get("n_stating") or 0) for s in sides),
    )


def contradiction_groups(
    v: ResultView,
    f: Fmt,
    contradictions: list[dict[str, Any]],
    statements: Statements,
    comment_k: int,
) -> list[dict[str, Any]]:
    """Contradictions grouped by subject, the best supported first; each with its sentence."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for c in sorted(contradictions, key=_strength):
        groups.setdefault((c["kind"], c["subject"]), []).append(c)
    out = []
    for (kind, subject), items in groups.items():
        label = subject_label(kind, subject)
        rows = [_row(v, f, label, kind, c, statements, comment_k) for c in items]
        out.append(
            {
                "label": label,
                "count": len(rows),
                "shown": rows[:SHOWN_PER_SUBJECT],
                "more": rows[SHOWN_PER_SUBJECT:],
            }
        )
    return out


def _row(
    v: ResultView,
    f: Fmt,
    label: str,
    kind: str,
    c: dict[str, Any],
    statements: Statements,
    comment_k: int,
) -> dict[str, Any]:
    sides = [_side(v, f, kind, s, statements, comment_k) for s in (c.get("sides") or [])[:2]]
    sentence = _sentence(label, sides[0], sides[1]) if len(sides) == 2 else label
    return {"sentence": sentence, "sides": sides, "rule": c.get("rule", "")}
