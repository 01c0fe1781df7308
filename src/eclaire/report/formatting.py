"""Numbers as the report prints them: :class:`eclaire.core.result.numbers.Numbers` (the one
formatter of a result), with intervals in brackets for the report's tables."""

from __future__ import annotations

from eclaire.core.result.numbers import Interval, Numbers
from eclaire.report.catalogue import Catalogue


class Formatter(Numbers):
    """Formats numbers for one language. Missing values read as a dash, never as 0."""

    def __init__(self, cat: Catalogue) -> None:
        super().__init__(cat.lang)
        self.cat = cat

    def ci(self, ci: Interval, digits: int = 2, *, scale: float = 1.0) -> str:  # type: ignore[override]
        """``[lo ; hi]`` (French, decimal commas) or ``[lo ; hi]`` with points (English)."""
        lo, hi = self.bounds(ci, digits, scale=scale)
        if lo == self.dash:
            return lo
        return self.cat.t("interval_short", lo=lo, hi=hi)

    def effect(self, g: object) -> str:
        return self.words.effect(g)

    def w_words(self, w: object) -> str:
        return self.words.w_words(w)

    def band(self, band: object, firm: object = True) -> str:
        return self.words.band(band, firm)
