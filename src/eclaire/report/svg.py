"""Inline SVG building blocks: colours, escaped text, the accessible ``<svg>`` wrapper and the heatmap.

Charts are drawn at their printed size (1 px = 1/96 in; the A4 text block is about 650 px wide),
so nothing is rescaled and text stays legible. Every chart has a ``<title>`` and a ``<desc>``;
every value is also written as text, so colour is never the only carrier of meaning.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

WIDTH = 650
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
LOW = (217, 111, 38)  # unfavourable: orange
MID = (246, 244, 240)
HIGH = (38, 108, 170)  # favourable: blue (orange–blue reads for the common colour blindnesses)
HIDDEN_FILL = "#e4e4e4"
INK = "#222"


def esc(text: object) -> str:
    return str(escape(str(text)))


def shade(t: float) -> str:
    """Colour for ``t`` in [0, 1]: 0 unfavourable (orange), 0.5 neutral, 1 favourable (blue)."""
    t = min(1.0, max(0.0, t))
    a, b, u = (LOW, MID, t * 2) if t < 0.5 else (MID, HIGH, (t - 0.5) * 2)
    r, g, bl = (round(x + (y - x) * u) for x, y in zip(a, b, strict=True))
    return f"#{r:02x}{g:02x}{bl:02x}"


def ink_on(t: float) -> str:
    """Black or white text, whichever contrasts better with :func:`shade` of ``t``."""
    return "#fff" if t < 0.12 or t > 0.85 else INK


def text(
    x: float,
    y: float,
    label: object,
    *,
    size: float = 9,
    anchor: str = "start",
    weight: str = "normal",
    fill: str = INK,
    extra: str = "",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}"{extra}>{esc(label)}</text>'
    )


def clip(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def hidden_cell(x: float, y: float, w: float, h: float) -> str:
    """A grey cell crossed by one diagonal: hidden, with no value."""
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{HIDDEN_FILL}" '
        f'stroke="#fff"/><line x1="{x + 2:.1f}" y1="{y + h - 2:.1f}" x2="{x + w - 2:.1f}" '
        f'y2="{y + 2:.1f}" stroke="#9a9a9a" stroke-width="0.8"/>'
    )


def svg(width: float, height: float, title: str, desc: str, body: Sequence[str]) -> Markup:
    """The accessible wrapper: ``role="img"`` labelled by its title and description.

    No ``xmlns``: inline SVG in HTML gets its namespace from the parser, and the file then holds
    no URL at all.
    """
    uid = hashlib.sha1(f"{title}|{desc}|{len(body)}".encode()).hexdigest()[:10]  # stable ids
    return Markup(
        f'<svg class="chart" width="{width:.0f}" '
        f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-labelledby="svg{uid}t svg{uid}d" font-family="{FONT}">'
        f'<title id="svg{uid}t">{esc(title)}</title><desc id="svg{uid}d">{esc(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


@dataclass(frozen=True)
class Column:
    """A heatmap column: its label and how values map to colour (``lo`` unfavourable)."""

    label: str
    lo: float
    hi: float

    def t(self, value: float) -> float:
        return (value - self.lo) / (self.hi - self.lo)


@dataclass(frozen=True)
class Cell:
    value: float | None = None
    text: str = ""
    hidden: bool = False


@dataclass(frozen=True)
class Row:
    label: str
    n_text: str
    depth: int = 0
    hidden: bool = False
    cells: tuple[Cell, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Legend:
    low: str
    high: str
    hidden: str


def heatmap(
    columns: Sequence[Column],
    rows: Sequence[Row],
    *,
    title: str,
    desc: str,
    legend: Legend,
    label_width: int = 200,
    n_label: str = "n",
) -> Markup:
    """Rows × columns of coloured cells with their value written in; hidden cells crossed."""
    head, row_h, n_w = 96, 15, 38
    cell_w = (WIDTH - label_width - n_w) / max(1, len(columns))
    body = _heat_header(columns, label_width + n_w, cell_w, head)
    body.append(
        text(label_width + n_w / 2, head - 4, n_label, size=8, anchor="middle", weight="bold")
    )
    for i, row in enumerate(rows):
        body.extend(_heat_row(row, columns, head + i * row_h, row_h, label_width, n_w, cell_w))
    legend_y = head + len(rows) * row_h + 14
    body.extend(legend_strip(legend, legend_y))
    return svg(WIDTH, legend_y + 16, title, desc, body)


def _heat_header(columns: Sequence[Column], x0: float, cell_w: float, head: int) -> list[str]:
    out = []
    for j, col in enumerate(columns):
        x = x0 + j * cell_w + cell_w / 2 + 3
        out.append(
            text(
                x,
                head - 6,
                clip(col.label, 26),
                size=8,
                extra=f' transform="rotate(-45 {x:.1f} {head - 6})"',
            )
        )
    return out


def _heat_row(
    row: Row, columns: Sequence[Column], y: float, h: float, label_w: int, n_w: int, cell_w: float
) -> list[str]:
    indent = 9 * row.depth
    label = clip(row.label, max(12, int((label_w - indent) / 5.2)))
    weight = "bold" if row.depth == 0 else "normal"
    out = [
        f"<g><title>{esc(row.label)}</title>",
        text(2 + indent, y + h - 4, label, size=8, weight=weight),
        text(label_w + n_w - 4, y + h - 4, row.n_text, size=8, anchor="end"),
        "</g>",
    ]
    x0 = label_w + n_w
    for j, col in enumerate(columns):
        cell = row.cells[j] if j < len(row.cells) else Cell(hidden=True)
        x = x0 + j * cell_w
        if row.hidden or cell.hidden or cell.value is None:
            out.append(hidden_cell(x, y, cell_w, h))
            continue
        t = col.t(cell.value)
        out.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{cell_w:.1f}" height="{h}" '
            f'fill="{shade(t)}" stroke="#fff"/>'
        )
        out.append(
            text(x + cell_w / 2, y + h - 4, cell.text, size=8, anchor="middle", fill=ink_on(t))
        )
    return out


def legend_strip(legend: Legend, y: float) -> list[str]:
    out = [text(0, y, legend.low, size=8)]
    x = 8 + 5.2 * len(legend.low)
    for i in range(9):
        out.append(
            f'<rect x="{x + i * 14:.1f}" y="{y - 9}" width="14" height="10" fill="{shade(i / 8)}"/>'
        )
    x += 9 * 14 + 6
    out.append(text(x, y, legend.high, size=8))
    x += 5.2 * len(legend.high) + 24
    out.append(hidden_cell(x, y - 9, 16, 10))
    out.append(text(x + 22, y, legend.hidden, size=8))
    return out
