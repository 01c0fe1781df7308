"""Bar charts with intervals, the manager-versus-team dot chart and the interface matrix."""

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
class GapRow:
    """A manager's self-assessment against the team's mean and interval, on the 1–5 scale."""

    label: str
    team: float
    team_lo: float
    team_hi: float
    manager: float
    note: str


def gap_dots(
    rows: Sequence[GapRow],
    *,
    title: str,
    desc: str,
    legend_team: str,
    legend_manager: str,
    scale_min: float = 1,
    scale_max: float = 5,
) -> Markup:
    label_w, note_w, row_h = 250, 110, 18
    plot_w = WIDTH - label_w - note_w
    scale = plot_w / (scale_max - scale_min)

    def x_of(v: float) -> float:
        return label_w + (v - scale_min) * scale

    height = len(rows) * row_h
    ticks = [scale_min + i for i in range(int(scale_max - scale_min) + 1)]
    body: list[str] = []
    for tick in ticks:
        body.append(
            f'<line x1="{x_of(tick):.1f}" y1="0" x2="{x_of(tick):.1f}" y2="{height}" '
            'stroke="#d6d6d6" stroke-width="0.6"/>'
        )
        body.append(
            text(x_of(tick), height + 11, f"{tick:.0f}", size=7.5, anchor="middle", fill="#555")
        )
    for i, row in enumerate(rows):
        y = i * row_h + row_h / 2
        body.append(text(label_w - 6, y + 3, clip(row.label, 48), size=8, anchor="end"))
        body.append(
            f'<line x1="{x_of(row.team_lo):.1f}" y1="{y}" x2="{x_of(row.team_hi):.1f}" '
            f'y2="{y}" stroke="{BAR}" stroke-width="5" stroke-opacity="0.45"/>'
        )
        body.append(f'<circle cx="{x_of(row.team):.1f}" cy="{y}" r="2.6" fill="{BAR}"/>')
        mx = x_of(row.manager)
        body.append(f'<path d="M{mx:.1f} {y - 4.5}l4.5 4.5l-4.5 4.5l-4.5 -4.5z" fill="{MANAGER}"/>')
        body.append(text(WIDTH - note_w + 6, y + 3, row.note, size=7.5))
    ly = height + 28
    body += _gap_legend(ly, legend_team, legend_manager)
    return svg(WIDTH, ly + 6, title, desc, body)


def _gap_legend(y: float, team: str, manager: str) -> list[str]:
    return [
        f'<line x1="0" y1="{y - 3}" x2="22" y2="{y - 3}" stroke="{BAR}" stroke-width="5" '
        f'stroke-opacity="0.45"/><circle cx="11" cy="{y - 3}" r="2.6" fill="{BAR}"/>',
        text(28, y, team, size=8),
        f'<path d="M300 {y - 7.5}l4.5 4.5l-4.5 4.5l-4.5 -4.5z" fill="{MANAGER}"/>',
        text(310, y, manager, size=8),
    ]


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
