"""The one read-only view of a diagnostic result (``docs/result.md``).

:class:`ResultView` indexes the unit tree and the shown cells of a result; a hidden unit or cell
is simply absent from what it returns (``None`` or left out), so no reader — page, report, lever
rule or terminal summary — can show a hidden value by mistake: a hidden group exposes its ``n``
and nothing else. :class:`Estimate` is a shown figure with its ``n`` and interval;
:class:`Figure` and :class:`Signal` carry what a lever pattern found.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

__all__ = [
    "SCORED_FAMILIES",
    "Estimate",
    "Figure",
    "ResultView",
    "Signal",
    "Z95",
    "finite",
    "standard_error",
]

Z95 = 1.959964
"""Normal 97.5 % quantile: an interval's half-width over Z95 approximates the standard error."""

SCORED_FAMILIES = ("clarity", "pillar", "symptom", "external")


def finite(value: Any) -> bool:
    """A real, finite number (not a bool, not None, not NaN)."""
    kind = type(value)
    if kind is float or kind is int:  # the common case, checked first: tables format thousands
        return math.isfinite(value)
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def standard_error(ci95: Any) -> float | None:
    """``(high − low) / (2 · 1.96)``, or None when the interval is missing or degenerate."""
    if not isinstance(ci95, (list, tuple)) or len(ci95) != 2 or None in ci95:
        return None
    se = (float(ci95[1]) - float(ci95[0])) / (2 * Z95)
    return se if se > 0 else None


@dataclass(frozen=True)
class Estimate:
    """A shown figure: its value, 95 % interval (``low``/``high``, None when it has none) and n."""

    value: float
    n: int
    low: float | None = None
    high: float | None = None

    @classmethod
    def of(cls, cell: Mapping[str, Any] | None, key: str = "mean") -> Estimate | None:
        """The estimate ``cell[key]`` with ``cell["ci95"]`` and ``cell["n"]``; None when absent."""
        if not isinstance(cell, Mapping) or not finite(cell.get(key)):
            return None
        ci = cell.get("ci95") or (None, None)
        low, high = (float(v) if finite(v) else None for v in list(ci)[:2])
        return cls(float(cell[key]), int(cell.get("n") or 0), low, high)

    @property
    def ci95(self) -> tuple[float, float] | None:
        return None if self.low is None or self.high is None else (self.low, self.high)

    @property
    def half_width(self) -> float | None:
        return None if self.ci95 is None else (self.ci95[1] - self.ci95[0]) / 2


@dataclass(frozen=True)
class Figure:
    """One figure behind a recommendation, as the result states it (scale points, shares…)."""

    measure: str
    value: float | None = None  # to_dict() leaves a missing value out; reading it back must work
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
    """The unit tree and the shown cells of a result (the whole of it, or a manager's scope);
    ``lang`` is the language names are read in when a caller gives none."""

    def __init__(self, result: Mapping[str, Any], lang: str | None = None) -> None:
        if not isinstance(result, Mapping) or "tree" not in result or "units" not in result:
            raise ValueError(
                "result must be a diagnostic result (docs/result.md), with tree and units"
            )
        self.result = result
        self.lang = lang
        self.tree = {row["unit_id"]: row for row in result["tree"]}
        self.order = [row["unit_id"] for row in result["tree"]]
        roots = [u for u in self.order if self.tree[u].get("parent_id") not in self.tree]
        self.roots = roots
        self.root: str | None = roots[0] if len(roots) == 1 else None
        self.k = int(result.get("min_group") or 5)
        self.min_depth = min((int(r.get("depth") or 0) for r in result["tree"]), default=0)
        dims = list(result.get("dimensions") or [])
        self.dimension_family = {d["code"]: d["family"] for d in dims}
        self.dimension_names = {d["code"]: dict(d.get("name") or {}) for d in dims}
        self._partners = {
            p["unit_id"]: str(p.get("name") or p["unit_id"])
            for p in result.get("partner_names") or []
        }
        # A view reads a finished result: its tree and its interface entries are read once.
        self._ancestors: dict[str, tuple[str, ...]] = {}
        self._above: dict[str, frozenset[str]] = {}
        self._interfaces: dict[bool, list[Mapping[str, Any]]] = {}
        self._interface_index: dict[tuple[Any, Any], Mapping[str, Any]] | None = None

    # -- the tree ---------------------------------------------------------------------------
    @property
    def is_scoped(self) -> bool:
        """A manager's scope (``web`` cut the result with :func:`scoped_result`)."""
        return "scope" in self.result

    def unit_ids(self) -> list[str]:
        return list(self.order)

    def name(self, unit_id: object) -> str:
        row = self.tree.get(str(unit_id))
        if row is not None:
            return str(row.get("name") or unit_id)
        return self._partners.get(str(unit_id), str(unit_id))

    def function(self, unit_id: str) -> str:
        return str(self.tree.get(unit_id, {}).get("function", "") or "")

    def parent(self, unit_id: str) -> str | None:
        return self.tree.get(unit_id, {}).get("parent_id")

    def depth(self, unit_id: str) -> int:
        """Depth below the view's top (0 for the organization, or a manager's own unit)."""
        row = self.tree.get(unit_id)
        return int(row.get("depth") or 0) - self.min_depth if row else 0

    def ancestors(self, unit_id: str) -> list[str]:
        """Parent first, root last."""
        found = self._ancestors.get(unit_id)
        if found is None:
            out, current = [], self.parent(unit_id)
            while current is not None and current not in out:
                out.append(current)
                current = self.parent(current)
            found = self._ancestors[unit_id] = tuple(out)
        return list(found)

    def related(self, a: str, b: str) -> bool:
        """One unit is the other or lies above it."""
        return a == b or self.under(b, a) or self.under(a, b)

    def under(self, unit_id: str, top: str) -> bool:
        """``unit_id`` lies below ``top`` (a set per unit: the lever rules ask millions of
        times at 200,000 respondents)."""
        found = self._above.get(unit_id)
        if found is None:
            found = self._above[unit_id] = frozenset(self.ancestors(unit_id))
        return top in found

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

    def top(self) -> str | None:
        """The single top unit when shown (the organization, or a manager's own unit)."""
        return self.root if self.root is not None and self.shown(self.root) else None

    # -- units ------------------------------------------------------------------------------
    def entry(self, unit_id: str) -> Mapping[str, Any]:
        """The unit's roll-up entry (hidden: ``n`` and ``reason`` only)."""
        entry = self.result["units"].get(unit_id)
        return entry if isinstance(entry, Mapping) else {"n": 0, "suppressed": True}

    def shown(self, unit_id: str) -> bool:
        return not self.entry(unit_id).get("suppressed", True)

    def shown_unit(self, unit_id: str) -> Mapping[str, Any] | None:
        entry = self.entry(unit_id)
        return None if entry.get("suppressed", True) else entry

    def n(self, unit_id: str) -> int:
        return int(self.entry(unit_id).get("n") or 0)

    def organization_n(self) -> int:
        if self.root is not None and self.n(self.root):
            return self.n(self.root)
        return int(self.result.get("n_responses") or 0)

    def score(self, unit_id: str, dimension: str) -> Mapping[str, Any] | None:
        """The shown cell of ``dimension`` in the unit's roll-up, with a mean."""
        cell = (self.shown_unit(unit_id) or {}).get("scores", {}).get(dimension)
        return cell if isinstance(cell, Mapping) and finite(cell.get("mean")) else None

    def item_answers(self, unit_id: str, dimension: str) -> Mapping[str, Mapping[str, Any]]:
        """The answers behind a shown cell, per item (``counts`` per answer, lowest first, and
        ``missing``); empty when the cell is hidden or carries none."""
        items = (self.score(unit_id, dimension) or {}).get("items")
        return items if isinstance(items, Mapping) else {}

    def index(self, unit_id: str | None) -> Mapping[str, Any] | None:
        """The shown coherence index of a unit (``None``: of the organization)."""
        section = self.result.get("coherence_index") or {}
        entry = (
            section.get("overall") if unit_id is None else (section.get("units") or {}).get(unit_id)
        )
        if (
            not isinstance(entry, Mapping)
            or entry.get("suppressed")
            or not finite(entry.get("value"))
        ):
            return None
        return entry

    def index_entry(self, unit_id: str | None) -> Mapping[str, Any] | None:
        """The index entry as stored, shown or hidden (a hidden one keeps ``n`` and ``reason``)."""
        section = self.result.get("coherence_index") or {}
        if unit_id is None:
            return section.get("overall")
        return (section.get("units") or {}).get(unit_id)

    # -- dimensions and sections --------------------------------------------------------------
    def dimensions(self, families: tuple[str, ...] = SCORED_FAMILIES) -> list[Mapping[str, Any]]:
        return [d for d in self.result.get("dimensions") or [] if d.get("family") in families]

    def dim_name(self, code: str, lang: str | None = None) -> str:
        """A dimension's name in ``lang`` (default: the view's), else in another, else its code."""
        names = self.dimension_names.get(code) or {}
        return str(names.get(lang or self.lang or "") or next(iter(names.values()), code))

    def family(self, code: str) -> str:
        return str(self.dimension_family.get(code, ""))

    def symptom_items(self) -> list[str]:
        items: list[str] = []
        for dim in self.dimensions(("symptom",)):
            items.extend(dim.get("items") or [])
        return items or list((self.result.get("symptoms") or {}).get("overall") or {})

    def symptom(self, unit_id: str | None, item: str) -> Mapping[str, Any] | None:
        """A shown symptom cell (``unit_id`` None: the organization)."""
        section = self.result.get("symptoms") or {}
        if unit_id is None:
            cells = section.get("overall") or {}
        elif not self.shown(unit_id):
            return None
        else:
            cells = (section.get("units") or {}).get(unit_id) or {}
        cell = cells.get(item)
        return cell if isinstance(cell, Mapping) and finite(cell.get("share")) else None

    def shown_interfaces(self, *, unit_level: bool = False) -> list[Mapping[str, Any]]:
        """Shown interface entries; ``unit_level``: only those rated by one unit (no roll-ups)."""
        if unit_level not in self._interfaces:
            self._interfaces[unit_level] = [
                e
                for e in self.result.get("interfaces") or []
                if not e.get("suppressed", True)
                and finite(e.get("score"))
                and (not unit_level or not e.get("rollup"))
            ]
        return list(self._interfaces[unit_level])

    def shown_interface(self, rater: Any, rated: Any) -> Mapping[str, Any] | None:
        """The shown interface entry of ``rater`` rating ``rated`` (roll-ups included), if any."""
        if self._interface_index is None:
            self._interface_index = {(e["from"], e["to"]): e for e in self.shown_interfaces()}
        return self._interface_index.get((rater, rated))
