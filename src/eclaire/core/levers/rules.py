"""The lever rules (``data/levers.yaml``): loading, validation with line numbers, overrides.

A rule maps a *pattern* found in the diagnostic result (a large self-view gap, a low Kendall's W,
a weak interface…) to a *lever* and a *target*; each pattern is a test, and the ``calibration``
block sets the false discovery rate shared by every test of an organization. The patterns are implemented in
``patterns``; this module knows what each pattern accepts (:data:`PATTERNS`) so that a
rule file naming an unknown pattern, a missing threshold or a lever that does not fit the target
is refused with the line of the problem. Format and thresholds: docs/levers.md.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from eclaire.core.yaml_lines import DataFileError, Problem, YamlDocument, parse_yaml

__all__ = [
    "LEVER_OF_TARGET",
    "PATTERNS",
    "PatternSpec",
    "Rule",
    "RuleSet",
    "default_rules",
    "load_rules",
]

Text = dict[str, str]
LANGS = ("fr", "en")

LEVER_OF_TARGET = {
    "manager": "individual_coaching",
    "unit": "team_coaching",
    "organization": "team_coaching",
    "pair": "mediation",
}
"""The lever that fits each kind of target: a person, a team, the managers together, two units."""


@dataclass(frozen=True)
class PatternSpec:
    """What a pattern accepts: target kinds, thresholds (name -> (low, high, whole number)),
    parameters (name -> "string" | "list")."""

    targets: tuple[str, ...]
    thresholds: Mapping[str, tuple[float, float, bool]]
    params: Mapping[str, str] = field(default_factory=dict)


PATTERNS: dict[str, PatternSpec] = {
    "manager_self_gap": PatternSpec(
        ("manager",),
        {"min_gap": (0.0, 4.0, False), "min_dimensions": (1, 20, True)},
        {"family": "string"},
    ),
    "unit_low_scores": PatternSpec(
        ("manager", "unit"),
        {
            "max_mean": (1.0, 5.0, False),
            "min_effect": (0.0, 4.0, False),
            "min_dimensions": (1, 20, True),
        },
        {"dimensions": "list"},
    ),
    "low_agreement": PatternSpec(
        ("manager", "unit"),
        {"max_rwg": (0.0, 1.0, False), "min_dimensions": (1, 20, True), "min_n": (3, 1000, True)},
        {"family": "string"},
    ),
    "priority_divergence": PatternSpec(
        ("unit",),
        {"max_ratio_to_median": (0.0, 1.0, False), "min_n": (3, 1000, True)},
    ),
    "symptom_share": PatternSpec(
        ("unit",),
        {"min_share": (0.0, 1.0, False), "min_difference": (0.0, 1.0, False)},
        {"item": "string"},
    ),
    "message_consistency": PatternSpec(
        ("unit",),
        {"max_ratio_to_median": (0.0, 1.0, False), "min_key_messages": (1, 20, True)},
    ),
    "interface_weak": PatternSpec(("pair",), {"max_score": (1.0, 5.0, False)}),
    "interface_asymmetry": PatternSpec(("pair",), {"min_asymmetry": (0.0, 4.0, False)}),
    "interface_mutual_item": PatternSpec(
        ("pair",), {"max_mean": (1.0, 5.0, False)}, {"item": "string"}
    ),
    "message_contradiction": PatternSpec(
        ("pair",),
        {"min_modal": (1, 1000, True), "min_modal_share": (0.0, 1.0, False)},
    ),
    "segment_gap": PatternSpec(
        ("organization",),
        {"min_difference": (0.0, 4.0, False)},
        {"segment": "string", "dimension": "string"},
    ),
}


@dataclass(frozen=True)
class Rule:
    """One rule of ``levers.yaml``."""

    id: str
    pattern: str
    target: str
    lever: str
    guide: str
    text: Text
    watch: Text
    thresholds: Mapping[str, float]
    params: Mapping[str, Any]
    leverage: float


@dataclass(frozen=True)
class RuleSet:
    """The rules with the shared settings: functions, ranking weights, labels, closing questions."""

    rules: tuple[Rule, ...]
    customer_facing: frozenset[str]
    sales: frozenset[str]
    ranking: Mapping[str, float]
    first_conversation: Mapping[str, float]
    calibration: Mapping[str, float]
    levers: Mapping[str, Mapping[str, Text]]
    targets: Mapping[str, Text]
    closing: Mapping[str, Text]
    source: str = "levers.yaml"

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise ValueError(f"no rule {rule_id!r} in {self.source}")

    def override_keys(self) -> list[str]:
        """Every key :meth:`with_overrides` accepts: ``<rule id>.<threshold>``,
        ``ranking.<weight>`` and ``first_conversation.<weight>``."""
        keys = [f"{r.id}.{name}" for r in self.rules for name in r.thresholds]
        keys += [f"ranking.{k}" for k in self.ranking]
        keys += [f"first_conversation.{k}" for k in self.first_conversation]
        return keys

    def with_overrides(self, overrides: Mapping[str, float] | None) -> RuleSet:
        """A copy with some thresholds or weights changed for one organization.

        Raises ``ValueError`` naming every unknown key or out-of-range value."""
        if not overrides:
            return self
        if not isinstance(overrides, Mapping):
            raise ValueError("overrides must be a mapping of key -> number")
        errors = [e for key, value in overrides.items() if (e := self._override_error(key, value))]
        if errors:
            raise ValueError("invalid overrides: " + "; ".join(errors))
        rules = tuple(
            replace(r, thresholds=_merged(r.thresholds, overrides, r.id)) for r in self.rules
        )
        return replace(
            self,
            rules=rules,
            ranking=_merged(self.ranking, overrides, "ranking"),
            first_conversation=_merged(self.first_conversation, overrides, "first_conversation"),
        )

    def _override_error(self, key: object, value: object) -> str | None:
        if not isinstance(key, str) or key not in self.override_keys():
            return f"unknown key {key!r} (known: {', '.join(self.override_keys())})"
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            return f"{key}: expected a finite number, got {value!r}"
        head, name = key.split(".", 1)
        if head in ("ranking", "first_conversation"):
            return None if value >= 0 else f"{key}: must be zero or positive, got {value}"
        low, high, whole = PATTERNS[self.rule(head).pattern].thresholds[name]
        if whole and float(value) != int(value):
            return f"{key}: must be a whole number, got {value}"
        if not low <= value <= high:
            return f"{key}: must be between {low:g} and {high:g}, got {value}"
        return None


def _merged(
    base: Mapping[str, float], overrides: Mapping[str, float], head: str
) -> dict[str, float]:
    out = dict(base)
    for key, value in overrides.items():
        prefix, _, name = key.partition(".")
        if prefix == head and name in out:
            out[name] = float(value)
    return out


# -- loading ----------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    ref = resources.files("eclaire.core").joinpath("schemas", "levers.schema.json")
    return Draft202012Validator(json.loads(ref.read_text(encoding="utf-8")))


def load_rules(source: str | Path, *, name: str | None = None) -> RuleSet:
    """Load and validate lever rules from a path or from YAML text.

    Raises :class:`~eclaire.core.yaml_lines.DataFileError` listing every problem with its line."""
    if isinstance(source, Path):
        text, display = source.read_text(encoding="utf-8"), name or source.name
    else:
        text, display = source, name or "<text>"
    doc = parse_yaml(text, display)
    problems = [*doc.duplicate_keys(), *doc.schema_problems(_validator())]
    if not problems:
        problems = _semantic_problems(doc)
    if problems:
        raise DataFileError(problems)
    return _build(doc.data, display)


@lru_cache(maxsize=1)
def default_rules() -> RuleSet:
    """The rules shipped with Éclaire (``eclaire/data/levers.yaml``), loaded once."""
    ref = resources.files("eclaire").joinpath("data", "levers.yaml")
    return load_rules(ref.read_text(encoding="utf-8"), name="levers.yaml")


def _semantic_problems(doc: YamlDocument) -> list[Problem]:
    """What the schema cannot say: unique ids, known patterns, thresholds and levers that fit."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(doc.data["rules"]):
        where = ("rules", i)
        if raw["id"] in seen:
            problems.append(doc.problem((*where, "id"), f"the rule id '{raw['id']}' is used twice"))
        seen[raw["id"]] = i
        spec = PATTERNS.get(raw["pattern"])
        if spec is None:
            known = ", ".join(sorted(PATTERNS))
            message = f"unknown pattern '{raw['pattern']}' (known: {known})"
            problems.append(doc.problem((*where, "pattern"), message))
            continue
        problems += _rule_problems(doc, where, raw, spec)
    return problems


def _rule_problems(
    doc: YamlDocument, where: tuple[str, int], raw: dict[str, Any], spec: PatternSpec
) -> list[Problem]:
    out: list[Problem] = []
    if raw["target"] not in spec.targets:
        allowed = ", ".join(spec.targets)
        message = f"pattern '{raw['pattern']}' cannot target '{raw['target']}' (allowed: {allowed})"
        out.append(doc.problem((*where, "target"), message))
    elif LEVER_OF_TARGET[raw["target"]] != raw["lever"]:
        message = f"a '{raw['target']}' target takes the lever '{LEVER_OF_TARGET[raw['target']]}'"
        out.append(doc.problem((*where, "lever"), message))
    given = raw.get("thresholds", {})
    for name in spec.thresholds:
        if name not in given:
            message = f"rule '{raw['id']}': the threshold '{name}' is missing"
            out.append(doc.problem((*where, "thresholds"), message))
    for name, value in given.items():
        out += _threshold_problems(doc, (*where, "thresholds", name), name, value, spec)
    for name in spec.params:
        if name not in raw.get("params", {}):
            message = f"rule '{raw['id']}': the parameter '{name}' is missing"
            out.append(doc.problem(where, message))
    for name in raw.get("params", {}):
        if name not in spec.params:
            message = f"unknown parameter '{name}' for pattern '{raw['pattern']}'"
            out.append(doc.problem((*where, "params", name), message, at_key=True))
    return out


def _threshold_problems(
    doc: YamlDocument, path: tuple[Any, ...], name: str, value: float, spec: PatternSpec
) -> list[Problem]:
    if name not in spec.thresholds:
        known = ", ".join(spec.thresholds)
        return [doc.problem(path, f"unknown threshold '{name}' (known: {known})", at_key=True)]
    low, high, whole = spec.thresholds[name]
    if whole and float(value) != int(value):
        return [doc.problem(path, f"'{name}' must be a whole number, found {value}")]
    if not low <= value <= high:
        return [doc.problem(path, f"'{name}' must be between {low:g} and {high:g}, found {value}")]
    return []


def _build(data: dict[str, Any], source: str) -> RuleSet:
    rules = tuple(
        Rule(
            id=raw["id"],
            pattern=raw["pattern"],
            target=raw["target"],
            lever=raw["lever"],
            guide=raw["guide"],
            text=dict(raw["text"]),
            watch=dict(raw["watch"]),
            thresholds={k: float(v) for k, v in raw["thresholds"].items()},
            params=dict(raw.get("params", {})),
            leverage=float(raw.get("leverage", 0.0)),
        )
        for raw in data["rules"]
    )
    return RuleSet(
        rules=rules,
        customer_facing=frozenset(data["functions"]["customer_facing"]),
        sales=frozenset(data["functions"]["sales"]),
        ranking={k: float(v) for k, v in data["ranking"].items()},
        first_conversation={k: float(v) for k, v in data["first_conversation"].items()},
        calibration={k: float(v) for k, v in data["calibration"].items()},
        levers={k: {n: dict(t) for n, t in v.items()} for k, v in data["levers"].items()},
        targets={k: dict(v) for k, v in data["targets"].items()},
        closing={k: dict(v) for k, v in data["closing"].items()},
        source=source,
    )
