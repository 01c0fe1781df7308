"""The one number formatter of a result: French decimals (``0,42``), thin spaces, true minus.

Missing values read as a dash, never as 0. French puts a narrow no-break space (U+202F) between
thousands and before ``%``; English uses a comma and no space. Every reader of a result (web
pages, report, terminal summary) formats through :class:`Numbers`, so a figure reads the same
wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eclaire.core.result.view import finite
from eclaire.core.result.words import Words

__all__ = ["NNBSP", "Numbers", "similarity_0_1"]

NNBSP = "\u202f"
Interval = Sequence[float | None] | None


class Numbers:
    """Numbers formatted for one language."""

    def __init__(self, lang: str) -> None:
        self.words = Words(lang)
        self.lang = self.words.lang
        self.sep = "," if self.lang == "fr" else "."
        self.dash = self.words.t("none")
        self._percent = self.words.t("percent", value="{}").replace(" ", NNBSP)
        self._range = self.words.raw("range")
        self.no_interval = self.words.t("no_interval")

    def num(self, value: object, digits: int = 2, *, signed: bool = False) -> str:
        """``3,42`` / ``3.42``; ``signed`` adds ``+`` to positive values; −0 reads 0."""
        if not finite(value):
            return self.dash
        text = f"{float(value):+.{digits}f}" if signed else f"{float(value):.{digits}f}"  # type: ignore[arg-type]
        if text.lstrip("+-") == f"{0:.{digits}f}":
            text = text.lstrip("+-")
        text = text.replace("-", "−")
        return text.replace(".", self.sep)

    def signed(self, value: object, digits: int = 2) -> str:
        return self.num(value, digits, signed=True)

    def count(self, value: object) -> str:
        """A head count with thousands grouped: ``1 234`` (fr), ``1,234`` (en)."""
        if not finite(value):
            return self.dash
        text = f"{int(value):,}"  # type: ignore[call-overload]
        return text.replace(",", NNBSP) if self.lang == "fr" else text

    def points(self, share: object, digits: int = 0) -> str:
        """A share in [0, 1] as a number of percentage points, without the sign."""
        if not finite(share):
            return self.dash
        return self.num(100 * float(share), digits)  # type: ignore[arg-type]

    def pct(self, share: object, digits: int = 0) -> str:
        """A share in [0, 1] as ``42 %`` (fr) or ``42%`` (en)."""
        if not finite(share):
            return self.dash
        return self._percent.format(self.points(share, digits))

    def bounds(self, ci: Interval, digits: int = 2, *, scale: float = 1.0) -> tuple[str, str]:
        """The two ends of an interval, each formatted (a dash each when there is none)."""
        if not ci or len(ci) != 2 or not all(finite(v) for v in ci):
            return self.dash, self.dash
        lo, hi = (scale * float(v) for v in ci)  # type: ignore[arg-type]
        return self.num(lo, digits), self.num(hi, digits)

    def ci(self, ci: Interval, digits: int = 2) -> str:
        """``3,10 à 3,62`` / ``3.10 to 3.62``, or "no interval"."""
        lo, hi = self.bounds(ci, digits)
        return self.no_interval if lo == self.dash else self._range.format(lo=lo, hi=hi)

    def ci_pct(self, ci: Interval) -> str:
        """An interval of shares: ``12 % à 20 %``."""
        if not ci or len(ci) != 2 or not all(finite(v) for v in ci):
            return self.no_interval
        return self._range.format(lo=self.pct(ci[0]), hi=self.pct(ci[1]))

    def p(self, value: object) -> str:
        if not finite(value):
            return self.dash
        if float(value) < 0.0001:  # type: ignore[arg-type]
            return self.words.t("p_below", value=self.num(0.0001, 4))
        return self.num(value, 4)

    def p_words(self, p: object) -> str:
        """An adjusted p-value in words (how likely chance explains the gap)."""
        if not finite(p):
            return self.dash
        value = float(p)  # type: ignore[arg-type]
        if value < 0.001:
            return self.words.t("pwords.very_unlikely")
        key = "unlikely" if value < 0.05 else "could_be"
        return self.words.t(f"pwords.{key}", p=self.num(value, 3 if value < 0.01 else 2))


def similarity_0_1(mean: float, ci: Any) -> tuple[float, list[float] | None]:
    """A mean similarity (cosine) and its interval read on 0–1: between two statements a
    negative cosine says no more than "nothing in common", so what lies below 0 reads as 0
    (and above 1 as 1). The web page and the report show key-message consistency this way."""

    def clip(x: Any) -> float:
        return min(max(float(x), 0.0), 1.0)

    interval = None
    if isinstance(ci, list | tuple) and len(ci) >= 2 and None not in ci[:2]:
        interval = [clip(ci[0]), clip(ci[1])]
    return clip(mean), interval
