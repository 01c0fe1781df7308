"""The lever recommender: which lever, for whom, on what evidence (docs/levers.md).

Modules: :mod:`.rules` (loading and validating ``data/levers.yaml``), :mod:`.patterns` and
:mod:`.pairs` (what each rule looks for, as a test with its p-value), :mod:`.calibration` (the
false discovery rate across an organization), :mod:`.recommender` (recommendations and ranking),
:mod:`.watch` (what to measure again), :mod:`.text` (figures in words), :mod:`.section` (the
result section), :mod:`.evaluation` (scoring against a generator's truth).
"""

from eclaire.core.levers.recommender import (
    LEVERS,
    Evidence,
    Recommendation,
    Target,
    WatchItem,
    check_lang,
    recommend,
    resolve_rules,
)
from eclaire.core.levers.rules import RuleSet, default_rules, load_rules

__all__ = [
    "LEVERS",
    "Evidence",
    "Recommendation",
    "RuleSet",
    "Target",
    "WatchItem",
    "check_lang",
    "default_rules",
    "load_rules",
    "recommend",
    "resolve_rules",
]
