"""The lever recommender: which lever, for whom, on what evidence, how strong, how urgent.

``recommend(result)`` runs every rule of ``data/levers.yaml`` on a diagnostic result as a test on
each target it reads, keeps those that survive the organization's false discovery rate and clear
their effect floor (:mod:`.calibration`), gathers the signals that land on the same target (a manager, a unit, a pair of units, the managers together)
into one :class:`Recommendation` with all their evidence, and ranks them:

    score = strength_weight · min(m, margin_cap) / margin_cap
            + extra_rule_weight · (rules fired − 1)
            + urgency

``m`` is the largest standardized margin of the evidence, ``(value − threshold) / se`` (an
indicator without an interval counts as 1.96, or as ``strong_margin`` when its own strong
criterion holds). ``urgency = customer_facing·[a target unit works with customers]
+ external_mirror·[its external mirror interval lies below the organization's mean]
+ symptoms·(share of symptom items whose interval lies above the organization's share)
+ size·(respondents concerned / respondents)``. Weights: the ``ranking`` block. docs/levers.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eclaire.core.levers.calibration import Finding, select
from eclaire.core.levers.echoes import echo_ruleset, echo_signals
from eclaire.core.levers.pairs import consolidate_pairs
from eclaire.core.levers.patterns import detect, drop_covered_rollups
from eclaire.core.levers.rules import LANGS, RuleSet, Text, default_rules
from eclaire.core.levers.watch import WatchItem, watch_items
from eclaire.core.result.view import Z95, Figure, ResultView, Signal

__all__ = [
    "Evidence",
    "LEVERS",
    "Recommendation",
    "Target",
    "WatchItem",
    "check_lang",
    "recommend",
    "resolve_rules",
]

LEVERS = ("individual_coaching", "team_coaching", "mediation")
_TARGET_ORDER = {"manager": 0, "unit": 1, "organization": 2, "pair": 3}


@dataclass(frozen=True)
class Target:
    """Who the lever is for: ``kind`` manager | unit | pair | organization."""

    kind: str
    unit_ids: tuple[str, ...]
    names: tuple[str, ...]
    label: Text

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "unit_ids": list(self.unit_ids),
            "names": list(self.names),
            "label": dict(self.label),
        }


@dataclass(frozen=True)
class Evidence:
    """What one rule found on the target."""

    rule_id: str
    pattern: str
    text: Text
    strength: str
    margin: float | None
    figures: tuple[Figure, ...]
    p_adjusted: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "pattern": self.pattern,
            "text": dict(self.text),
            "strength": self.strength,
            "margin": None if self.margin is None else round(self.margin, 2),
            "p_adjusted": None if self.p_adjusted is None else round(self.p_adjusted, 6),
            "figures": [f.to_dict() for f in self.figures],
        }


@dataclass(frozen=True)
class Recommendation:
    """One lever for one target, with its evidence, strength, urgency and what to watch."""

    rank: int
    id: str
    lever: str
    lever_name: Text
    lever_purpose: Text
    target: Target
    evidence: tuple[Evidence, ...]
    strength: str
    urgency: str
    urgency_score: float
    urgency_factors: tuple[tuple[str, float], ...]
    score: float
    n: int
    guide: str
    leverage: float
    watch: tuple[WatchItem, ...]
    title: Text
    lang: str

    @property
    def summary(self) -> str:
        """The title in the recommendation's language."""
        return self.title[self.lang]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "id": self.id,
            "lever": self.lever,
            "lever_name": dict(self.lever_name),
            "lever_purpose": dict(self.lever_purpose),
            "target": self.target.to_dict(),
            "title": dict(self.title),
            "evidence": [e.to_dict() for e in self.evidence],
            "strength": self.strength,
            "urgency": self.urgency,
            "urgency_score": round(self.urgency_score, 4),
            "urgency_factors": dict(self.urgency_factors),
            "score": round(self.score, 4),
            "n": self.n,
            "guide": self.guide,
            "leverage": self.leverage,
            "watch": [w.to_dict() for w in self.watch],
        }


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    return lang


def resolve_rules(rules: RuleSet | None, overrides: Mapping[str, float] | None) -> RuleSet:
    """The rules to use: ``rules`` (default: the shipped ones) with ``overrides`` applied."""
    if rules is not None and not isinstance(rules, RuleSet):
        raise ValueError(f"rules must be a RuleSet (see load_rules), got {type(rules).__name__}")
    return (rules or default_rules()).with_overrides(overrides)


def recommend(
    result: Mapping[str, Any],
    *,
    rules: RuleSet | None = None,
    overrides: Mapping[str, float] | None = None,
    lang: str = "fr",
    echoes: Sequence[Mapping[str, Any]] = (),
) -> list[Recommendation]:
    """Every recommendation the rules support on ``result``, best first.

    ``overrides``: ``{"<rule id>.<threshold>" | "ranking.<weight>" | ...: number}`` for one
    organization (``RuleSet.override_keys()`` lists them). Texts are kept in French and English;
    ``lang`` sets :attr:`Recommendation.summary`. ``echoes``: the external mirror's findings
    (``Echo.to_dict()``) when the campaign has customer signals; each pair they name gets the
    mediation lever with the echo as evidence (:mod:`.echoes`), merged with the survey's own
    mediation of that pair when there is one."""
    check_lang(lang)
    ruleset = resolve_rules(rules, overrides)
    view = ResultView(result)
    findings = [f for rule in ruleset.rules for f in detect(view, rule)]
    echoed = echo_signals(view, echoes)
    if echoed:
        ruleset = echo_ruleset(ruleset)
    fired = select(findings, ruleset.calibration["fdr"])
    adjusted = _adjusted_p(fired)
    patterns = {r.id: r.pattern for r in ruleset.rules}
    kept = drop_covered_rollups(view, [f.signal for f in fired], patterns)
    signals = [s for s in kept if s.target != "pair"]
    pairs = [s for s in kept if s.target == "pair"] + echoed
    groups: dict[tuple[str, tuple[str, ...]], list[Signal]] = defaultdict(list)
    for signal in [*signals, *consolidate_pairs(view, pairs)]:
        groups[(signal.target, signal.unit_ids)].append(signal)
    built = [
        _build(view, ruleset, kind, units, found, lang, adjusted)
        for (kind, units), found in groups.items()
    ]
    position = {u: i for i, u in enumerate(view.order)}
    built.sort(
        key=lambda r: (
            -r.score,
            _TARGET_ORDER[r.target.kind],
            [position.get(u, 0) for u in r.target.unit_ids],
        )
    )
    return [_with_rank(r, i + 1) for i, r in enumerate(built)]


def _adjusted_p(fired: list[Finding]) -> dict[tuple[str, frozenset[str]], float | None]:
    """Rule id and units → the finding's BH-adjusted p-value (None: not a sampling test)."""
    return {(f.signal.rule_id, frozenset(f.signal.unit_ids)): f.p_adjusted for f in fired}


def _with_rank(rec: Recommendation, rank: int) -> Recommendation:
    return Recommendation(**{**rec.__dict__, "rank": rank})


def _build(
    view: ResultView,
    ruleset: RuleSet,
    kind: str,
    units: tuple[str, ...],
    found: list[Signal],
    lang: str,
    adjusted: dict[tuple[str, frozenset[str]], float | None],
) -> Recommendation:
    order = {r.id: i for i, r in enumerate(ruleset.rules)}
    found = sorted(found, key=lambda s: order[s.rule_id])
    evidence = _evidence(ruleset, found, adjusted)
    rules = [ruleset.rule(rule_id) for rule_id in dict.fromkeys(s.rule_id for s in found)]
    target = _target(view, ruleset, kind, units)
    n = view.organization_n() if kind == "organization" else sum(view.n(u) for u in units)
    urgency, factors = _urgency(view, ruleset, kind, units, n)
    r = ruleset.ranking
    lever = rules[0].lever
    names = ruleset.levers[lever]
    return Recommendation(
        rank=0,
        id=f"{lever}:{'+'.join(units)}",
        lever=lever,
        lever_name=names["name"],
        lever_purpose=names["purpose"],
        target=target,
        evidence=evidence,
        strength="strong" if any(e.strength == "strong" for e in evidence) else "moderate",
        urgency=_urgency_band(urgency, r),
        urgency_score=urgency,
        urgency_factors=factors,
        score=_score(evidence, len(rules), urgency, r),
        n=n,
        guide=max(rules, key=lambda x: x.leverage).guide,
        leverage=max(x.leverage for x in rules),
        watch=watch_items(view, ruleset, found),
        title={g: f"{names['name'][g]} — {target.label[g]}" for g in LANGS},
        lang=lang,
    )


def _evidence(
    ruleset: RuleSet,
    found: list[Signal],
    adjusted: dict[tuple[str, frozenset[str]], float | None],
) -> tuple[Evidence, ...]:
    strong_margin = ruleset.ranking["strong_margin"]
    merged: dict[str, list[Signal]] = defaultdict(list)
    for signal in found:
        merged[signal.rule_id].append(signal)
    out = []
    for rule_id, signals in merged.items():
        rule = ruleset.rule(rule_id)
        margins = [s.margin for s in signals if s.margin is not None]
        strong = any(s.strong or (s.margin or 0.0) >= strong_margin for s in signals)
        figures = tuple(f for s in signals for f in s.figures)
        ps = [
            p for s in signals if (p := adjusted.get((rule_id, frozenset(s.unit_ids)))) is not None
        ]
        out.append(
            Evidence(
                rule_id,
                rule.pattern,
                dict(rule.text),
                "strong" if strong else "moderate",
                max(margins) if margins else None,
                figures,
                min(ps) if ps else None,
            )
        )
    return tuple(out)


def _score(
    evidence: tuple[Evidence, ...], n_rules: int, urgency: float, r: Mapping[str, float]
) -> float:
    """The ranking score of the module docstring."""
    margin = max(_effective_margin(e, r) for e in evidence)
    strength = r["strength_weight"] * min(margin, r["margin_cap"]) / r["margin_cap"]
    return strength + r["extra_rule_weight"] * (n_rules - 1) + urgency


def _effective_margin(evidence: Evidence, ranking: Mapping[str, float]) -> float:
    if evidence.margin is not None:
        return max(evidence.margin, 0.0)
    return ranking["strong_margin"] if evidence.strength == "strong" else Z95


def _target(view: ResultView, ruleset: RuleSet, kind: str, units: tuple[str, ...]) -> Target:
    names = tuple(view.name(u) for u in units)
    template = ruleset.targets[kind]
    partner = names[1] if len(names) > 1 else ""
    label = {g: template[g].format(unit=names[0], partner=partner) for g in LANGS}
    return Target(kind, units, names, label)


def _urgency(
    view: ResultView, ruleset: RuleSet, kind: str, units: tuple[str, ...], n: int
) -> tuple[float, tuple[tuple[str, float], ...]]:
    w = ruleset.ranking
    concerned = [] if kind == "organization" else list(units)
    facing = float(any(view.function(u) in ruleset.customer_facing for u in concerned))
    mirror = float(any(_mirror_below(view, u) for u in concerned))
    symptoms = max((_symptom_share_raised(view, u) for u in concerned), default=0.0)
    size = min(1.0, n / max(view.organization_n(), 1))
    factors = (
        ("customer_facing", facing),
        ("external_mirror", mirror),
        ("symptoms", round(symptoms, 4)),
        ("size", round(size, 4)),
    )
    score = sum(w[name] * value for name, value in factors)
    return score, factors


def _urgency_band(score: float, ranking: Mapping[str, float]) -> str:
    if score >= ranking["urgency_high"]:
        return "high"
    return "medium" if score >= ranking["urgency_medium"] else "low"


def _mirror_below(view: ResultView, unit: str) -> bool:
    dims = [d for d, fam in view.dimension_family.items() if fam == "external"]
    for dim in dims:
        cell, org = view.score(unit, dim), view.score(view.root or "", dim)
        high = (cell or {}).get("ci95", [None, None])[1]
        if org and high is not None and unit != view.root and high < org["mean"]:
            return True
    return False


def _symptom_share_raised(view: ResultView, unit: str) -> float:
    overall = (view.result.get("symptoms") or {}).get("overall") or {}
    if not overall or unit == view.root:
        return 0.0
    raised = 0
    for item, org in overall.items():
        cell = view.symptom(unit, item)
        if cell and org.get("share") is not None and cell["ci95"][0] is not None:
            raised += cell["ci95"][0] > org["share"]
    return raised / len(overall)
