"""What to measure again at the next wave: the figures behind a recommendation, with the
direction hoped for (``up``, ``down``, ``toward_zero``, ``resolved``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eclaire.core.levers.rules import RuleSet, Text
from eclaire.core.result.view import Figure, ResultView, Signal

__all__ = ["MAX_WATCH", "WatchItem", "watch_items"]

_DIRECTION = {
    "manager_gap": "down",
    "unit_score": "up",
    "rwg": "up",
    "kendall_w": "up",
    "symptom_share": "down",
    "message_consistency": "up",
    "interface_score": "up",
    "interface_asymmetry": "toward_zero",
    "interface_item": "up",
    "contradiction": "resolved",
    "segment_gap": "toward_zero",
    "customer_signal": "down",
}
MAX_WATCH = 8


@dataclass(frozen=True)
class WatchItem:
    """A figure to measure again at the next wave, with its current value."""

    rule_id: str
    text: Text
    measure: str
    current: float | None
    n: int | None
    direction: str
    unit_id: str | None = None
    other_unit_id: str | None = None
    dimension: str | None = None
    item: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if v is not None}
        out["text"] = dict(self.text)
        out.setdefault("current", None)
        out.setdefault("n", None)
        return out


def watch_items(view: ResultView, ruleset: RuleSet, found: list[Signal]) -> tuple[WatchItem, ...]:
    """The figures of the signals to measure again, clearest first, interfaces both ways, at
    most :data:`MAX_WATCH`."""
    items: dict[tuple[Any, ...], WatchItem] = {}
    for signal in sorted(found, key=lambda s: -(s.margin or 0.0)):
        rule = ruleset.rule(signal.rule_id)
        for f in signal.figures:
            figures = [f]
            back = (
                view.shown_interface(f.other_unit_id, f.unit_id)
                if f.measure == "interface_score"
                else None
            )
            if back is not None:
                figures.append(
                    Figure(
                        "interface_score",
                        back["score"],
                        n=back.get("n"),
                        unit_id=back["from"],
                        other_unit_id=back["to"],
                    )
                )
            for g in figures:
                key = (g.measure, g.unit_id, g.other_unit_id, g.dimension, g.item)
                items.setdefault(
                    key,
                    WatchItem(
                        rule.id,
                        dict(rule.watch),
                        g.measure,
                        g.value,
                        g.n,
                        _DIRECTION.get(g.measure, "up"),
                        g.unit_id,
                        g.other_unit_id,
                        g.dimension,
                        g.item,
                    ),
                )
    return tuple(list(items.values())[:MAX_WATCH])
