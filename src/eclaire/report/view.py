"""Read-only access to a result (``docs/result.md``) for the report, with the privacy rules kept.

Every accessor returns ``None`` (or leaves an entry out) for anything hidden, so templates
cannot show a hidden value by mistake: a hidden group exposes its ``n`` and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from eclaire.report.catalogue import Catalogue
from eclaire.report.formatting import Formatter

SCORED_FAMILIES = ("clarity", "pillar", "symptom", "external")
MAP_FAMILIES = ("clarity", "pillar")


class ResultView:
    """The result plus the language it is read in."""

    def __init__(self, result: Mapping[str, Any], lang: str) -> None:
        if not isinstance(result, Mapping) or "units" not in result or "tree" not in result:
            raise ValueError(
                "result must be a diagnostic result (docs/result.md), with units and tree"
            )
        self.r = result
        self.cat = Catalogue(lang, list(result.get("dimensions") or []))
        self.fmt = Formatter(self.cat)
        self.k = int(result.get("min_group") or 5)
        self.tree: list[dict[str, Any]] = list(result["tree"])
        self._names = {row["unit_id"]: str(row.get("name") or row["unit_id"]) for row in self.tree}
        self._depth = {row["unit_id"]: int(row.get("depth") or 0) for row in self.tree}

    # -- units ------------------------------------------------------------------------------
    def name(self, unit_id: object) -> str:
        return self._names.get(str(unit_id), str(unit_id))

    def depth(self, unit_id: str) -> int:
        return self._depth.get(unit_id, 0)

    def unit(self, unit_id: str) -> dict[str, Any]:
        return dict(self.r["units"].get(unit_id) or {"n": 0, "suppressed": True})

    def shown(self, unit_id: str) -> bool:
        entry = self.r["units"].get(unit_id)
        return bool(entry) and not entry.get("suppressed", True)

    def score(self, unit_id: str, dim: str) -> dict[str, Any] | None:
        """A shown unit's cell on ``dim`` (mean, ci95, n, …), or ``None`` when hidden or absent."""
        if not self.shown(unit_id):
            return None
        cell = (self.r["units"][unit_id].get("scores") or {}).get(dim)
        return cell if cell and cell.get("mean") is not None else None

    def index(self, unit_id: str) -> dict[str, Any] | None:
        entry = ((self.r.get("coherence_index") or {}).get("units") or {}).get(unit_id)
        if not entry or entry.get("suppressed") or entry.get("value") is None:
            return None
        return dict(entry)

    def unit_ids(self) -> Iterator[str]:
        for row in self.tree:
            yield row["unit_id"]

    def org_unit(self) -> str | None:
        """The single top unit when shown (the organization, or a manager's scope), else ``None``."""
        ids = set(self._names)
        roots = [row["unit_id"] for row in self.tree if row.get("parent_id") not in ids]
        return roots[0] if len(roots) == 1 and self.shown(roots[0]) else None

    # -- dimensions -------------------------------------------------------------------------
    def dimensions(self, families: tuple[str, ...] = SCORED_FAMILIES) -> list[dict[str, Any]]:
        return [d for d in self.r.get("dimensions") or [] if d.get("family") in families]

    def symptom_items(self) -> list[str]:
        items: list[str] = []
        for dim in self.dimensions(("symptom",)):
            items.extend(dim.get("items") or [])
        return items or list((self.r.get("symptoms") or {}).get("overall") or {})

    def family(self, code: str) -> str:
        for dim in self.r.get("dimensions") or []:
            if dim.get("code") == code:
                return str(dim.get("family"))
        return ""

    # -- other sections ---------------------------------------------------------------------
    def overall_index(self) -> dict[str, Any] | None:
        entry = (self.r.get("coherence_index") or {}).get("overall")
        if not entry or entry.get("suppressed") or entry.get("value") is None:
            return None
        return dict(entry)

    def shown_interfaces(self, *, unit_level: bool = True) -> list[dict[str, Any]]:
        return [
            e
            for e in self.r.get("interfaces") or []
            if not e.get("suppressed")
            and e.get("score") is not None
            and (not unit_level or not e.get("rollup"))
        ]

    def symptom_cell(self, unit_id: str | None, item: str) -> dict[str, Any] | None:
        section = self.r.get("symptoms") or {}
        if unit_id is None:
            cells = section.get("overall") or {}
        elif not self.shown(unit_id):
            return None
        else:
            cells = (section.get("units") or {}).get(unit_id) or {}
        cell = cells.get(item)
        return cell if cell and cell.get("share") is not None else None

    def option_label(self, code: str) -> str:
        return (
            option_labels(str((self.r.get("instrument") or {}).get("id") or ""))
            .get(code, {})
            .get(self.cat.lang, code.replace("_", " "))
        )


@lru_cache(maxsize=8)
def option_labels(instrument_id: str) -> dict[str, dict[str, str]]:
    """Labels of the ranking options of a default instrument; empty for an unknown one."""
    from eclaire.core.instrument_loader import InstrumentError, load_default_instrument

    if not instrument_id:
        return {}
    try:
        instrument = load_default_instrument(instrument_id)
    except (InstrumentError, FileNotFoundError, KeyError, ValueError):
        return {}
    return {
        opt.code: dict(opt.label)
        for q in instrument.questions
        if q.kind == "ranking"
        for opt in q.options
    }
