"""Read-only access to a diagnostic result for the lever recommender, and the evidence types.

:class:`ResultView` indexes the unit tree and the shown cells of a result (``docs/result.md``);
a hidden unit or cell is simply absent from what it returns, so no rule can fire on it.
:class:`Figure` and :class:`Signal` carry what a pattern found, with its ``n`` and interval.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

__all__ = ["Figure", "ResultView", "Signal", "Z95", "standard_error"]

Z95 = 1.959964
"""Normal 97.5 % quantile: an interval's half-width over Z95 approximates the standard error."""


def standard_error(ci95: Any) -> float | None:
    """``(high − low) / (2 · 1.96)``, or None when the interval is missing or degenerate."""
    if not isinstance(ci95, list | tuple) or len(ci95) != 2 or None in ci95:
        return None
    se = (float(ci95[1]) - float(ci95[0])) / (2 * Z95)
    return se if se > 0 else None


@dataclass(frozen=True)
class Figure:
    """One figure behind a recommendation, as the result states it (scale points, shares…)."""

    measure: str
    value: float | None
    n: int | None = None
    ci95: tuple[float | None, float | None] | None = None
    threshold: float | None = None
    reference: float | None = None
    unit_id: str | None = None
    other_unit_id: str | None = None
    dimension: str | None = None
    item: str | None = None
    detail: tuple[tuple[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "detail":
                if value:
                    out["detail"] = dict(value)
            elif value is not None:
                out[f.name] = list(value) if f.name == "ci95" else value
        return out


@dataclass(frozen=True)
class Signal:
    """A pattern found on one target: ``margin`` is the standardized distance past the threshold
    (None when the figure has no interval); ``strong`` says the pattern's strong criterion holds."""

    rule_id: str
    target: str
    unit_ids: tuple[str, ...]
    figures: tuple[Figure, ...]
    margin: float | None
    strong: bool


class ResultView:
    """The unit tree and the shown cells of a result."""

    def __init__(self, result: Mapping[str, Any]) -> None:
        if not isinstance(result, Mapping) or "tree" not in result or "units" not in result:
            raise ValueError("result must be a diagnostic result with 'tree' and 'units'")
        self.result = result
        self.tree = {row["unit_id"]: row for row in result["tree"]}
        self.order = [row["unit_id"] for row in result["tree"]]
        roots = [u for u in self.order if self.tree[u]["parent_id"] is None]
        self.root: str | None = roots[0] if len(roots) == 1 else None
        self.dimension_family = {d["code"]: d["family"] for d in result.get("dimensions", [])}
        self.dimension_names = {d["code"]: dict(d["name"]) for d in result.get("dimensions", [])}

    def name(self, unit_id: str) -> str:
        return str(self.tree.get(unit_id, {}).get("name", unit_id))

    def function(self, unit_id: str) -> str:
        return str(self.tree.get(unit_id, {}).get("function", "") or "")

    def parent(self, unit_id: str) -> str | None:
        return self.tree.get(unit_id, {}).get("parent_id")

    def ancestors(self, unit_id: str) -> list[str]:
        """Parent first, root last."""
        out, current = [], self.parent(unit_id)
        while current is not None and current not in out:
            out.append(current)
            current = self.parent(current)
        return out

    def related(self, a: str, b: str) -> bool:
        """One unit is the other or lies above it."""
        return a == b or a in self.ancestors(b) or b in self.ancestors(a)

    def branch(self, unit_id: str) -> str:
        """The ancestor just under the root (the unit itself at depth 0 or 1)."""
        chain = [unit_id, *self.ancestors(unit_id)]
        return chain[-2] if len(chain) >= 2 else chain[-1]

    def common_ancestor(self, units: list[str]) -> str:
        """The lowest unit that is, or lies above, every unit of ``units``."""
        chains = [[u, *self.ancestors(u)] for u in units]
        for candidate in chains[0]:
            if all(candidate in chain for chain in chains[1:]):
                return candidate
        return chains[0][-1]

    def shown_unit(self, unit_id: str) -> Mapping[str, Any] | None:
        entry = self.result["units"].get(unit_id)
        return entry if isinstance(entry, Mapping) and not entry.get("suppressed", True) else None

    def n(self, unit_id: str) -> int:
        entry = self.result["units"].get(unit_id) or {}
        return int(entry.get("n") or 0)

    def score(self, unit_id: str, dimension: str) -> Mapping[str, Any] | None:
        """The shown cell of ``dimension`` in the unit's roll-up, with a mean."""
        unit = self.shown_unit(unit_id)
        cell = (unit or {}).get("scores", {}).get(dimension)
        return cell if isinstance(cell, Mapping) and _finite(cell.get("mean")) else None

    def symptom(self, unit_id: str | None, item: str) -> Mapping[str, Any] | None:
        """A shown symptom cell (``unit_id`` None: the organization)."""
        section = self.result.get("symptoms") or {}
        cells = section.get("overall", {}) if unit_id is None else section.get("units", {})
        cell = (cells if unit_id is None else cells.get(unit_id, {})).get(item)
        return cell if isinstance(cell, Mapping) and _finite(cell.get("share")) else None

    def shown_interfaces(self) -> list[Mapping[str, Any]]:
        return [
            e
            for e in self.result.get("interfaces") or []
            if not e.get("suppressed", True) and _finite(e.get("score"))
        ]

    def organization_n(self) -> int:
        if self.root is not None and self.n(self.root):
            return self.n(self.root)
        return int(self.result.get("n_responses") or 0)


def _finite(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
