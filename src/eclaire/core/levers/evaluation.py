"""How well the recommender finds the problems planted by a generator.

Two truths are read. The independent generator's (``tests/generators/independent.py``) lists
``problems``: ``{"kind", "lever", "unit"}`` (individual coaching of that unit's manager, or
team coaching of that unit) or ``{"kind", "lever", "units": [a, b]}`` (mediation between
exactly those two units), and ``coherent_units``. The truth of ``eclaire.core.sample``
(``patterns``) expects one lever on one target per planted pattern:

- ``manager_gap`` → individual coaching for the manager of that unit;
- ``priority_disagreement``, ``meetings_without_decisions`` → team coaching for that unit;
- ``tense_interface`` → mediation between a sales unit and a production unit (a team or the
  department holding it: ``from_units`` and ``to_units`` of the truth);
- ``message_drift`` (when the result has a ``messages`` section with contradictions) →
  mediation between a sales unit and a unit of a back-office function whose promise differs;
- ``newcomer_support`` → team coaching of the managers together (target ``organization``): the
  result cuts newcomers only organization-wide (a per-unit cut would expose small groups), so
  naming individual managers would be guesswork.

A problem whose unit the result hides (privacy) cannot be found and is left out of recall
(``hidden``). A problem the independent generator marks ``undetectable`` (a contradiction one
side of which fewer than k members state: no result at that threshold can show it) is left out
of recall too and counted apart (``undetectable``, ``undetectable_found``, ``recall_all``).
Precision counts every recommendation; one that matches no planted problem is a
false positive, whatever its figures. ``coherent_hits`` counts the recommendations touching the
coherent unit that no planted problem explains (the generator writes the drifting promises by
function, so the coherent unit may take part in the planted message drift).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from eclaire.core.levers.recommender import LEVERS, Recommendation

__all__ = ["Expected", "Scores", "expected_levers", "score_recommendations"]


@dataclass(frozen=True)
class Expected:
    """One planted problem: the lever and the targets that count as finding it."""

    problem: str
    lever: str
    kind: str
    sides: tuple[frozenset[str], ...]
    hidden: bool
    undetectable: bool = False

    def matches(self, rec: Recommendation) -> bool:
        if rec.lever != self.lever or rec.target.kind != self.kind:
            return False
        units = rec.target.unit_ids
        if len(self.sides) == 1:
            return units[0] in self.sides[0]
        a, b = self.sides
        return (units[0] in a and units[1] in b) or (units[0] in b and units[1] in a)


def _shown(result: Mapping[str, Any], unit: str) -> bool:
    entry = result["units"].get(unit) or {}
    return not entry.get("suppressed", True)


_KIND_OF_LEVER = {"individual_coaching": "manager", "team_coaching": "unit", "mediation": "pair"}


def _problems_expected(truth: Mapping[str, Any], result: Mapping[str, Any]) -> list[Expected]:
    """The independent generator's ``problems`` as expected recommendations."""
    out = []
    for problem in truth["problems"]:
        lever = problem["lever"]
        if lever not in _KIND_OF_LEVER:
            raise ValueError(f"unknown lever {lever!r} in the truth")
        units = [problem["unit"]] if "unit" in problem else list(problem["units"])
        sides = tuple(frozenset({u}) for u in units)
        hidden = not all(_shown(result, u) for u in units)
        kind = _KIND_OF_LEVER[lever]
        undetectable = bool(problem.get("undetectable"))
        out.append(Expected(problem["kind"], lever, kind, sides, hidden, undetectable))
    return out


def expected_levers(truth: Mapping[str, Any], result: Mapping[str, Any]) -> list[Expected]:
    """The planted problems of ``truth`` (the independent generator's, or a sample's
    truth.json) as expected recommendations."""
    if "problems" in truth:
        return _problems_expected(truth, result)
    patterns = truth.get("patterns", {})
    out = []
    for problem, lever, kind in (
        ("manager_gap", "individual_coaching", "manager"),
        ("priority_disagreement", "team_coaching", "unit"),
        ("meetings_without_decisions", "team_coaching", "unit"),
    ):
        if problem in patterns:
            unit = patterns[problem]["unit_id"]
            out.append(
                Expected(problem, lever, kind, (frozenset({unit}),), not _shown(result, unit))
            )
    if "tense_interface" in patterns:
        p = patterns["tense_interface"]
        hidden = not (_shown(result, p["from_unit"]) and _shown(result, p["to_unit"]))
        sides = (frozenset(p["from_units"]), frozenset(p["to_units"]))
        out.append(Expected("tense_interface", "mediation", "pair", sides, hidden))
    if "message_drift" in patterns and (result.get("messages") or {}).get("contradictions"):
        out.append(_drift_expected(patterns["message_drift"], result))
    if "newcomer_support" in patterns:
        roots = [row["unit_id"] for row in result["tree"] if row["parent_id"] is None]
        out.append(
            Expected(
                "newcomer_support", "team_coaching", "organization", (frozenset(roots),), False
            )
        )
    return out


def _drift_expected(pattern: Mapping[str, Any], result: Mapping[str, Any]) -> Expected:
    """Sales promise one lead time, the back office another: mediation between a sales unit and
    a unit of another function of the truth's ``statements`` (or the departments holding them)."""
    functions = set(pattern.get("statements", {}))
    by_function: dict[str, set[str]] = {}
    for row in result["tree"]:
        by_function.setdefault(row.get("function", ""), set()).add(row["unit_id"])
    others = set().union(*(by_function.get(f, set()) for f in functions - {"sales"}))
    sides = (frozenset(by_function.get("sales", set())), frozenset(others))
    return Expected("message_drift", "mediation", "pair", sides, False)


@dataclass
class Scores:
    """Counts accumulated over samples; ``per_lever`` keyed by lever."""

    found: int = 0
    expected: int = 0
    hidden: int = 0
    undetectable: int = 0
    """Planted problems the truth marks undetectable by design (not in recall; see below)."""
    undetectable_found: int = 0
    true_positive: int = 0
    recommended: int = 0
    coherent_hits: int = 0
    per_lever: dict[str, list[int]] = field(
        default_factory=lambda: {lever: [0, 0, 0, 0] for lever in LEVERS}
    )
    """lever -> [found, expected, true positives, recommended]."""
    per_problem: dict[str, list[int]] = field(default_factory=dict)
    """planted problem kind -> [found, expected] (detectable, shown problems only)."""
    missed: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def recall_all(self) -> float:
        """Recall counting the problems undetectable by design as well (found or missed)."""
        total = self.expected + self.undetectable
        return (self.found + self.undetectable_found) / total if total else 1.0

    @property
    def precision(self) -> float:
        return self.true_positive / self.recommended if self.recommended else 1.0

    def lever_recall(self, lever: str) -> float:
        found, expected, _, _ = self.per_lever[lever]
        return found / expected if expected else 1.0

    def lever_precision(self, lever: str) -> float:
        _, _, tp, recommended = self.per_lever[lever]
        return tp / recommended if recommended else 1.0


def score_recommendations(
    recs: Sequence[Recommendation],
    truth: Mapping[str, Any],
    result: Mapping[str, Any],
    scores: Scores | None = None,
    label: str = "",
) -> Scores:
    """Add one sample's outcome to ``scores`` (a new one when None) and return it."""
    scores = scores if scores is not None else Scores()
    expected = expected_levers(truth, result)
    for exp in expected:
        if exp.hidden:
            scores.hidden += 1
            continue
        hit = any(exp.matches(r) for r in recs)
        if exp.undetectable:
            scores.undetectable += 1
            scores.undetectable_found += hit
            continue
        scores.expected += 1
        scores.found += hit
        scores.per_lever[exp.lever][0] += hit
        scores.per_lever[exp.lever][1] += 1
        counts = scores.per_problem.setdefault(exp.problem, [0, 0])
        counts[0] += hit
        counts[1] += 1
        if not hit:
            scores.missed.append(f"{label} {exp.problem}")
    coherent = _coherent_units(truth)
    for rec in recs:
        good = any(exp.matches(rec) for exp in expected)
        scores.recommended += 1
        scores.true_positive += good
        scores.per_lever[rec.lever][2] += good
        scores.per_lever[rec.lever][3] += 1
        scores.coherent_hits += bool(coherent & set(rec.target.unit_ids)) and not good
        if not good:
            scores.false_positives.append(f"{label} {rec.id} {[e.rule_id for e in rec.evidence]}")
    return scores


def _coherent_units(truth: Mapping[str, Any]) -> set[str]:
    if "coherent_units" in truth:
        return set(truth["coherent_units"])
    unit = (truth.get("patterns", {}).get("coherent_unit") or {}).get("unit_id")
    return {unit} if unit else set()


def lever_table(scores: Scores) -> Iterable[tuple[str, float, float, int, int]]:
    """(lever, recall, precision, expected, recommended) rows, for printing."""
    for lever in LEVERS:
        _, expected, _, recommended = scores.per_lever[lever]
        yield (
            lever,
            scores.lever_recall(lever),
            scores.lever_precision(lever),
            expected,
            recommended,
        )
