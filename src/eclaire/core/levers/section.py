"""``levers_section``: the recommendations, the first conversation and the closing questions as
one JSON-ready result section (``schemas/result/levers.json``, docs/levers.md).

Every text is kept in French and English so that a page can switch language without asking
the core again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from eclaire.core.collector import collector_paused
from eclaire.core.conversation import closing_texts, first_conversation
from eclaire.core.levers.recommender import recommend, resolve_rules
from eclaire.core.levers.rules import RuleSet

__all__ = ["levers_section"]


def levers_section(
    result: Mapping[str, Any],
    *,
    overrides: Mapping[str, float] | None = None,
    rules: RuleSet | None = None,
) -> dict[str, Any]:
    """``{"recommendations": [...], "first_conversation": {...} | None,
    "closing_questions": {"fr": [...], "en": [...]}, "overrides": {...}}``."""
    ruleset = resolve_rules(rules, overrides)
    with collector_paused():
        recs = recommend(result, rules=ruleset)
        first = first_conversation(result, recs, rules=ruleset)
        return {
            "recommendations": [r.to_dict() for r in recs],
            "first_conversation": first.to_dict() if first is not None else None,
            "closing_questions": closing_texts(result, rules=ruleset, first=first),
            "overrides": {k: float(v) for k, v in sorted((overrides or {}).items())},
        }
