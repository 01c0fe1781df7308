"""Numbers as a reader sees them: decimal comma in French, intervals, effect sizes and p in words."""

from __future__ import annotations

import math
from collections.abc import Sequence

from eclaire.report.catalogue import Catalogue

Interval = Sequence[float | None] | None


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


class Formatter:
    """Formats numbers for one language. Missing values read as a dash, never as 0."""

    def __init__(self, cat: Catalogue) -> None:
        self.cat = cat
        self.lang = cat.lang

    def num(self, value: object, digits: int = 2, *, signed: bool = False) -> str:
        if not _is_number(value):
            return self.cat.t("none")
        text = f"{float(value):+.{digits}f}" if signed else f"{float(value):.{digits}f}"  # type: ignore[arg-type]
        if text.lstrip("+-") == f"{0:.{digits}f}":
            text = text.lstrip("+-")
        text = text.replace("-", "−")
        return text.replace(".", ",") if self.lang == "fr" else text

    def count(self, value: object) -> str:
        if not _is_number(value):
            return self.cat.t("none")
        text = f"{int(value):,}"  # type: ignore[call-overload]
        return text.replace(",", "\u202f") if self.lang == "fr" else text

    def pct(self, share: object, digits: int = 0) -> str:
        """A share in [0, 1] as a percentage figure, without the sign."""
        if not _is_number(share):
            return self.cat.t("none")
        return self.num(100 * float(share), digits)  # type: ignore[arg-type]

    def bounds(self, ci: Interval, digits: int = 2, *, scale: float = 1.0) -> tuple[str, str]:
        if not ci or len(ci) != 2 or not all(_is_number(v) for v in ci):
            none = self.cat.t("none")
            return none, none
        lo, hi = (scale * float(v) for v in ci)  # type: ignore[arg-type]
        return self.num(lo, digits), self.num(hi, digits)

    def ci(self, ci: Interval, digits: int = 2, *, scale: float = 1.0) -> str:
        """``[lo ; hi]`` (French) or ``[lo ; hi]`` with points (English)."""
        lo, hi = self.bounds(ci, digits, scale=scale)
        if lo == self.cat.t("none"):
            return lo
        return self.cat.t("interval_short", lo=lo, hi=hi)

    def effect(self, g: object) -> str:
        """Cohen's (1988) conventions for a standardized difference: 0.2, 0.5, 0.8."""
        if not _is_number(g):
            return self.cat.t("none")
        size = abs(float(g))  # type: ignore[arg-type]
        key = (
            "negligible"
            if size < 0.2
            else "small"
            if size < 0.5
            else "medium"
            if size < 0.8
            else "large"
        )
        return self.cat.t(f"effect.{key}")

    def p_words(self, p: object) -> str:
        if not _is_number(p):
            return self.cat.t("none")
        value = float(p)  # type: ignore[arg-type]
        if value < 0.001:
            return self.cat.t("pwords.very_unlikely")
        digits = 3 if value < 0.01 else 2
        key = "unlikely" if value < 0.05 else "could_be"
        return self.cat.t(f"pwords.{key}", p=self.num(value, digits))

    def w_words(self, w: object) -> str:
        """Kendall's W in words; the cut points are a reading aid, not a convention of the field."""
        if not _is_number(w):
            return self.cat.t("none")
        value = float(w)  # type: ignore[arg-type]
        cuts = ((0.1, "none"), (0.3, "weak"), (0.5, "moderate"), (0.7, "strong"))
        key = next((name for cut, name in cuts if value < cut), "very_strong")
        return self.cat.t(f"wwords.{key}")

    def band(self, band: object, firm: object = True) -> str:
        name = self.cat.get(f"band.{band}", str(band))
        return name if firm is not False else self.cat.t("band.borderline", band=name)
