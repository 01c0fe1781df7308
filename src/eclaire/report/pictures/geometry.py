"""Shared geometry of the pictures: linear scales, text widths, colours of the marks."""

from __future__ import annotations

from dataclasses import dataclass

from eclaire.report.svg import HIGH

TEAM = f"#{HIGH[0]:02x}{HIGH[1]:02x}{HIGH[2]:02x}"
"""The team (or the organization): the favourable blue of the report."""
MANAGER = "#c4501b"
"""The manager (or the unit when it moves away from the organization): orange."""
QUIET = "#9a9a9a"
GRID = "#d6d6d6"
REPORT_FONT = 10
"""Text size of the pictures in the report, drawn at their printed size (px at 96 dpi)."""
CHAR_WIDTH = 0.58
"""Average advance of a character of a sans-serif font, as a share of the font size."""


@dataclass(frozen=True)
class Scale:
    """Maps ``lo..hi`` onto ``x0..x1`` (values outside are clamped to the ends)."""

    lo: float
    hi: float
    x0: float
    x1: float

    def __call__(self, value: float) -> float:
        v = min(self.hi, max(self.lo, value))
        return round(self.x0 + (self.x1 - self.x0) * (v - self.lo) / (self.hi - self.lo), 1)


def chars_in(width: float, font: float) -> int:
    """How many characters of size ``font`` fit in ``width`` (at least 8)."""
    return max(8, int(width / (font * CHAR_WIDTH)))


def diamond(x: float, y: float, r: float, fill: str, cls: str) -> str:
    return (
        f'<path class="{cls}" d="M{x:.1f} {y - r:.1f}l{r} {r}l{-r} {r}l{-r} {-r}z" fill="{fill}"/>'
    )
