"""Bar charts with intervals and the interface matrix (the gap dot plot is in ``pictures``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from eclaire.report.svg import (
    HIGH,
    INK,
    WIDTH,
    Legend,
    clip,
    hidden_cell,
    ink_on,
    legend_strip,
    shade,
    svg,
    text,
)

BAR = f"#{HIGH[0]:02x}{HIGH[1]:02x}{HIGH[2]:02x}"
MANAGER = "#c4501b"


@dataclass(frozen=True)
class Bar:
    """One bar on a 0..``top`` axis, its 95% interval and the text written at its end."""

    label: str
    value: float
    lo: float | None
    hi: float | None
    note: str


def hbars(
    bars: Sequence[Bar],
    *,
    top: float,
    title: str,
    desc: str,
    ticks: Sequence[float],
    tick_format: str = "{:.0f}",
    label_width: int = 230,
) -> Markup:
    """Horizontal bars from 0 with the interval as a black line with end caps."""
    note_w, row_h, axis_h = 120, 20, 16
    plot_w = WIDTH - label_width - note_w
    scale = plot_w / top
    body = _axis(label_width, plot_w, scale, ticks, tick_format, len(bars) * row_h)
    for i, bar in enumerate(bars):
        y = i * row_h
        body.append(text(label_width - 6, y + 13, clip(bar.label, 44), size=8.5, anchor="end"))
        body.append(
            f'<rect x="{label_width}" y="{y + 4}" width="{max(0.5, bar.value * scale):.1f}" '
            f'height="11" fill="{BAR}" fill-opacity="0.75"/>'
        )
        if bar.lo is not None and bar.hi is not None:
            x1, x2, ym = label_width + bar.lo * scale, label_width + bar.hi * scale, y + 9.5
            body.append(
                f'<path d="M{x1:.1f} {ym - 4}v8M{x1:.1f} {ym}H{x2:.1f}M{x2:.1f} {ym - 4}v8" '
                f'stroke="{INK}" stroke-width="1.2" fill="none"/>'
            )
        body.append(text(label_width + plot_w + 6, y + 13, bar.note, size=8))
    return svg(WIDTH, len(bars) * row_h + axis_h, title, desc, body)


def _axis(
    x0: float, plot_w: float, scale: float, ticks: Sequence[float], fmt: str, height: float
) -> list[str]:
    out = []
    for tick in ticks:
        x = x0 + tick * scale
        out.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}" stroke="#d6d6d6" '
            'stroke-width="0.6"/>'
        )
        out.append(text(x, height + 11, fmt.format(tick), size=7.5, anchor="middle", fill="#555"))
    out.append(
        f'<line x1="{x0}" y1="{height}" x2="{x0 + plot_w:.1f}" y2="{height}" stroke="#888"/>'
    )
    return out


@dataclass(frozen=True)
class MatrixCell:
    score: float | None = None
    hidden: bool = False


def matrix(
    labels: Sequence[str],
    cells: dict[tuple[int, int], MatrixCell],
    *,
    title: str,
    desc: str,
    legend: Legend,
    fmt: Callable[[float], str],
    lo: float = 2.0,
    hi: float = 4.5,
) -> Markup:
    """Square matrix: row ``i`` rates column ``j``; empty where no link was reported."""
    label_w, head = 190, 110
    size = min(30.0, (WIDTH - label_w) / max(1, len(labels)))
    body: list[str] = []
    for j, name in enumerate(labels):
        x = label_w + j * size + size / 2 + 3
        body.append(
            text(
                x,
                head - 6,
                clip(name, 26),
                size=7.5,
                extra=f' transform="rotate(-50 {x:.1f} {head - 6})"',
            )
        )
    for i, name in enumerate(labels):
        y = head + i * size
        body.append(text(label_w - 6, y + size / 2 + 3, clip(name, 36), size=8, anchor="end"))
        for j in range(len(labels)):
            cell = cells.get((i, j))
            body.append(_matrix_cell(cell, label_w + j * size, y, size, (lo, hi), fmt, i == j))
    ly = head + len(labels) * size + 16
    body.extend(legend_strip(legend, ly))
    return svg(WIDTH, ly + 8, title, desc, body)


def _matrix_cell(
    cell: MatrixCell | None,
    x: float,
    y: float,
    size: float,
    domain: tuple[float, float],
    fmt: Callable[[float], str],
    diagonal: bool,
) -> str:
    if diagonal:
        return f'<rect x="{x:.1f}" y="{y:.1f}" width="{size:.1f}" height="{size:.1f}" fill="#333"/>'
    if cell is None:
        return (
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{size:.1f}" height="{size:.1f}" fill="#fff" '
            'stroke="#e2e2e2"/>'
        )
    if cell.hidden or cell.score is None:
        return hidden_cell(x, y, size, size)
    t = (cell.score - domain[0]) / (domain[1] - domain[0])
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{size:.1f}" height="{size:.1f}" '
        f'fill="{shade(t)}" stroke="#fff"/>'
        + text(
            x + size / 2,
            y + size / 2 + 3,
            fmt(cell.score),
            size=7.5,
            anchor="middle",
            fill=ink_on(t),
        )
    )
