"""The external mirror's echoes as evidence of the mediation lever.

An echo (:func:`eclaire.core.signals.echo.echo_findings`) is a broken interface whose handed-over
cases show a customer signal clearly above the organization's. The caller passes the echoes as
plain data (``Echo.to_dict()``, the figures the mirror page already shows): the recommender does
not read customer signals itself. Each pair of units becomes one pair signal of the echo rule
(``data/signals/levers.yaml``), with two kinds of figures: the interface score inside (the lower
of the two directions, as the echo states it) and each customer measure on the cases handed over,
with its Wilson interval and the organization's rate. The margin is ``(value − min_ratio ·
organization) / se``, ``se`` read back from the 95 % interval. The rule's text says association,
never cause.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from eclaire.core.levers.rules import Rule, RuleSet
from eclaire.core.result.view import Z95, Figure, ResultView, Signal
from eclaire.core.signals.echo import echo_rules

__all__ = ["ECHO_KEYS", "echo_ruleset", "echo_signals"]

ECHO_KEYS = (
    "from_unit",
    "to_unit",
    "interface_score",
    "interface_n",
    "measure",
    "value",
    "lo",
    "hi",
    "events",
    "organization",
    "rule",
)
"""The keys of one echo this module reads (those of ``Echo.to_dict()``)."""


def _rules() -> dict[str, Rule]:
    out = {}
    for r in echo_rules()["rules"]:
        out[str(r["id"])] = Rule(
            id=str(r["id"]),
            pattern="customer_echo",
            target="pair",
            lever=str(r["lever"]),
            guide=str(r["guide"]),
            text=dict(r["text"]),
            watch=dict(r["watch"]),
            thresholds=dict(r["thresholds"]),
            params={},
            leverage=float(r["leverage"]),
        )
    return out


def echo_ruleset(ruleset: RuleSet) -> RuleSet:
    """``ruleset`` with the echo rules added (so evidence, guide and watch read them)."""
    known = {r.id for r in ruleset.rules}
    extra = tuple(r for r in _rules().values() if r.id not in known)
    return replace(ruleset, rules=(*ruleset.rules, *extra)) if extra else ruleset


def _check(echo: Mapping[str, Any], i: int, rules: Mapping[str, Rule]) -> None:
    missing = [k for k in ECHO_KEYS if k not in echo]
    if missing:
        raise ValueError(f"echo {i + 1}: expected the keys {', '.join(missing)} (Echo.to_dict())")
    if echo["rule"] not in rules:
        raise ValueError(
            f"echo {i + 1}: no rule {echo['rule']!r} in data/signals/levers.yaml"
            f" (expected one of {', '.join(sorted(rules))})"
        )


def _interface_figure(view: ResultView, a: str, b: str, echo: Mapping[str, Any]) -> Figure:
    """The direction of the pair whose shown score the echo states, else the pair as given."""
    score, n = float(echo["interface_score"]), int(echo["interface_n"])
    for e in view.shown_interfaces(unit_level=True):
        if {e["from"], e["to"]} == {a, b} and abs(float(e["score"]) - score) < 1e-9:
            ci = e.get("ci95")
            return Figure(
                "interface_score",
                score,
                n=int(e.get("n") or n),
                ci95=tuple(ci) if ci else None,
                unit_id=str(e["from"]),
                other_unit_id=str(e["to"]),
            )
    return Figure("interface_score", score, n=n, unit_id=a, other_unit_id=b)


def _signal_figure(echo: Mapping[str, Any], threshold: float) -> Figure:
    return Figure(
        "customer_signal",
        float(echo["value"]),
        n=int(echo["events"]),
        ci95=(float(echo["lo"]), float(echo["hi"])),
        threshold=threshold,
        reference=float(echo["organization"]),
        unit_id=str(echo["from_unit"]),
        other_unit_id=str(echo["to_unit"]),
        item=str(echo["measure"]),
    )


def _margin(echo: Mapping[str, Any], threshold: float) -> float | None:
    se = (float(echo["hi"]) - float(echo["lo"])) / (2 * Z95)
    return (float(echo["value"]) - threshold) / se if se > 0 else None


def echo_signals(view: ResultView, echoes: Sequence[Mapping[str, Any]]) -> list[Signal]:
    """One pair signal per rule and pair of units the echoes name (units the result does not
    hold are left out). Raises ``ValueError`` naming the echo when one lacks a key."""
    rules = _rules()
    grouped: dict[tuple[str, frozenset[str]], list[Mapping[str, Any]]] = {}
    for i, echo in enumerate(echoes):
        _check(echo, i, rules)
        a, b = str(echo["from_unit"]), str(echo["to_unit"])
        if a not in view.tree or b not in view.tree:
            continue
        grouped.setdefault((str(echo["rule"]), frozenset((a, b))), []).append(echo)
    out = []
    for (rule_id, _pair), found in grouped.items():
        first = found[0]
        a, b = str(first["from_unit"]), str(first["to_unit"])
        factor = float(rules[rule_id].thresholds["min_ratio"])
        lowest = min(found, key=lambda e: float(e["interface_score"]))
        figures, margins = [], []
        for echo in found:
            threshold = factor * float(echo["organization"])
            figures.append(_signal_figure(echo, threshold))
            if (m := _margin(echo, threshold)) is not None:
                margins.append(m)
        figures.append(_interface_figure(view, a, b, lowest))  # customers first: what is new
        out.append(
            Signal(rule_id, "pair", (a, b), tuple(figures), max(margins, default=None), False)
        )
    return out
