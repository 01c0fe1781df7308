"""The levers as the report's hooks (``render_html(first_conversation=…, recommendations=…)``).

No Django here: the ``eclaire report`` command may render a result file without a database.
The hooks carry the first conversation and the recommendations only — never the action plan,
and never a session note (docs/plans.md).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from eclaire.core.conversation import first_conversation
from eclaire.core.levers import recommend, resolve_rules
from eclaire.core.levers.text import describe_figure
from eclaire.core.result.view import Figure, ResultView

log = logging.getLogger(__name__)

REPORT_TOP = 5
WORDS = {
    "strong": {"fr": "forte", "en": "strong"},
    "moderate": {"fr": "modérée", "en": "moderate"},
    "high": {"fr": "haute", "en": "high"},
    "medium": {"fr": "moyenne", "en": "medium"},
    "low": {"fr": "basse", "en": "low"},
}


def to_figure(f: Mapping[str, Any]) -> Figure:
    """A figure dict of ``Figure.to_dict()`` back as a :class:`Figure` (to put it in words)."""
    known = {k: v for k, v in f.items() if k in Figure.__dataclass_fields__ and k != "detail"}
    known.setdefault("value", None)  # to_dict() leaves a missing value out (a contradiction)
    if known.get("ci95") is not None:
        known["ci95"] = tuple(known["ci95"])
    known.setdefault("value", None)  # to_dict() leaves a None value out
    return Figure(**known, detail=tuple((f.get("detail") or {}).items()))


HELD_BACK_BY_DEFAULT = frozenset({"manager"})
"""Target kinds held back from managers unless the coach shows them: individual coaching of a
manager is the coach's conversation with that manager before it is anyone's reading."""


def shown_to_managers(key: str, kind: str, visibility: Mapping[str, bool]) -> bool:
    """Whether a manager may read the recommendation ``key`` (target ``kind``): the coach's
    choice in ``visibility`` (key → visible), else shown unless ``kind`` is held back by default."""
    if key in visibility:
        return bool(visibility[key])
    return kind not in HELD_BACK_BY_DEFAULT


def scoped_levers(
    data: Mapping[str, Any],
    overrides: Mapping[str, float] | None,
    scope: set[str] | None,
    visibility: Mapping[str, bool] | None = None,
) -> tuple[list[dict[str, Any]], dict[str, Any] | None, bool]:
    """Core recommendations (dicts) whose every target unit lies in ``scope`` (``None``: all),
    the first conversation chosen among them, and whether the overrides had to be ignored
    (stored overrides that no longer fit the rules fall back to the defaults).

    For a manager (``scope`` given) the recommendations the coach holds back
    (:func:`shown_to_managers` with ``visibility``) are dropped before the first conversation is
    chosen, so it never points at one of them."""
    ignored = False
    try:
        rules = resolve_rules(None, overrides)
    except ValueError:
        log.warning("lever overrides no longer valid; using the defaults")
        rules, ignored = resolve_rules(None, None), True
    recs = recommend(data, rules=rules)
    if scope is not None:
        recs = [
            r
            for r in recs
            if r.target.unit_ids
            and set(r.target.unit_ids) <= scope
            and shown_to_managers(r.id, r.target.kind, visibility or {})
        ]
    first = first_conversation(data, recs, rules=rules)
    return [r.to_dict() for r in recs], (first.to_dict() if first else None), ignored


def report_hooks(
    result: Mapping[str, Any],
    lang: str,
    overrides: Mapping[str, float] | None = None,
    scope: set[str] | None = None,
    visibility: Mapping[str, bool] | None = None,
) -> dict[str, Any]:
    """``{"first_conversation": {...} | None, "recommendations": [...]}`` in ``lang``, with the
    keys ``eclaire.report.render`` reads (``result`` already cut to ``scope`` for a manager)."""
    try:
        recs, first, _ignored = scoped_levers(result, overrides, scope, visibility)
        view = ResultView(result)
    except (ValueError, KeyError, TypeError):
        log.exception("levers could not be computed for the report")
        return {"first_conversation": None, "recommendations": []}
    return {
        "first_conversation": _first(first, lang) if first else None,
        "recommendations": [_recommendation(r, view, lang) for r in recs[:REPORT_TOP]],
    }


def _first(first: Mapping[str, Any], lang: str) -> dict[str, Any]:
    return {
        "who": first["opener"][lang],
        "with_whom": first["participants"][lang],
        "about": first["about"][lang],
        "why_now": first["why_now"][lang],
        "format": first["format_name"][lang],
        "opening_questions": [q[lang] for q in first["questions"]],
        "listen_for": [t[lang] for t in first.get("listen_for") or ()],
        "closing": (first.get("closing") or {}).get(lang, ""),
    }


def _recommendation(rec: Mapping[str, Any], view: ResultView, lang: str) -> dict[str, str]:
    evidence = []
    for e in rec["evidence"]:
        figures = "; ".join(describe_figure(to_figure(f), view, lang) for f in e["figures"][:3])
        evidence.append(f"{e['text'][lang]} ({figures})" if figures else e["text"][lang])
    return {
        "lever": rec["lever_name"][lang],
        "target": rec["target"]["label"][lang],
        "evidence": " ".join(evidence),
        "strength": WORDS.get(rec["strength"], {}).get(lang, rec["strength"]),
        "urgency": WORDS.get(rec["urgency"], {}).get(lang, rec["urgency"]),
    }
