"""The report's reading of a result: :class:`eclaire.core.result.view.ResultView` (the one view
of a result, with the privacy rules kept) plus the language it is read in.

Every accessor returns ``None`` (or leaves an entry out) for anything hidden, so templates
cannot show a hidden value by mistake: a hidden group exposes its ``n`` and nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from eclaire.core.result import view as core
from eclaire.report.catalogue import Catalogue
from eclaire.report.formatting import Formatter

SCORED_FAMILIES = core.SCORED_FAMILIES
MAP_FAMILIES = ("clarity", "pillar")


class ResultView(core.ResultView):
    """The result plus the language it is read in."""

    def __init__(self, result: Mapping[str, Any], lang: str) -> None:
        super().__init__(result, lang)
        self.r = result
        self.cat = Catalogue(lang, list(result.get("dimensions") or []))
        self.fmt = Formatter(self.cat)

    def unit(self, unit_id: str) -> dict[str, Any]:
        return dict(self.entry(unit_id))

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
