"""Perception gaps as a dot plot: one row per unit × dimension, the largest gap first.

Each row is a line of text (who, what, and the gap in words of numbers) above a 1–5 track that
holds the team's 95% interval (band), the team's mean (dot) and the manager's own score
(diamond). Labels sit above the track so the picture stays readable on a narrow screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from eclaire.report.pictures.geometry import (
    GRID,
    MANAGER,
    TEAM,
    Scale,
    chars_in,
    diamond,
)
from eclaire.report.svg import clip, esc, svg, text


@dataclass(frozen=True)
class GapDot:
    label: str
    team: float
    team_lo: float
    team_hi: float
    manager: float
    note: str
    """Written at the end of the label line, e.g. ``+1.2``."""


def sort_gaps(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Notable gaps (the manager outside the team's interval), then the rest; largest first."""

    def size(g: dict[str, Any]) -> tuple[float, str, str]:
        return (-abs(g["gap"]), g["unit_id"], g["dimension"])

    usable = [g for g in rows if g.get("gap") is not None and g.get("team_ci95")]
    notable = sorted((g for g in usable if g.get("outside_team_pi95")), key=size)
    rest = sorted((g for g in usable if not g.get("outside_team_pi95")), key=size)
    return notable, rest


def gap_dot_plot(
    rows: Sequence[GapDot],
    *,
    title: str,
    desc: str,
    legend_team: str,
    legend_manager: str,
    width: int = 420,
    font: float = 13,
    scale_min: float = 1,
    scale_max: float = 5,
) -> Markup:
    """Rows in the given order (the caller sorts them); ticks of the scale on top."""
    pad = font
    track = font * 1.2
    row_h = font * 1.3 + track + pad
    head = font * 1.6
    x = Scale(scale_min, scale_max, pad, width - pad)
    height = head + len(rows) * row_h
    body: list[str] = []
    for tick in range(int(scale_min), int(scale_max) + 1):
        body.append(
            f'<line x1="{x(tick)}" y1="{head - font * 0.3:.1f}" x2="{x(tick)}" y2="{height:.1f}" '
            f'stroke="{GRID}" stroke-width="0.8"/>'
        )
        body.append(text(x(tick), font, f"{tick}", size=font * 0.85, anchor="middle", fill="#555"))
    note_room = max((len(r.note) for r in rows), default=0) * font * 0.6 + font
    room = chars_in(width - 2 * pad - note_room, font)
    for i, row in enumerate(rows):
        y = head + i * row_h + font
        ym = y + font * 0.35 + track / 2
        body.append(f'<g class="gap-row"><title>{esc(row.label)} · {esc(row.note)}</title>')
        body.append(text(pad, y, clip(row.label, room), size=font))
        body.append(text(width - pad, y, row.note, size=font, anchor="end", weight="bold"))
        body.append(
            f'<line class="team-ci" x1="{x(row.team_lo)}" y1="{ym:.1f}" x2="{x(row.team_hi)}" '
            f'y2="{ym:.1f}" stroke="{TEAM}" stroke-width="{font * 0.5:.1f}" '
            'stroke-opacity="0.4" stroke-linecap="round"/>'
        )
        body.append(
            f'<circle class="team" cx="{x(row.team)}" cy="{ym:.1f}" r="{font * 0.33:.1f}" '
            f'fill="{TEAM}"/>'
        )
        body.append(diamond(x(row.manager), ym, round(font * 0.45, 1), MANAGER, "manager"))
        body.append("</g>")
    ly = height + font * 1.4
    r = round(font * 0.45, 1)
    body += [
        f'<circle cx="{pad + r:.1f}" cy="{ly - font * 0.35:.1f}" r="{font * 0.33:.1f}" '
        f'fill="{TEAM}"/>',
        text(pad + 3 * r, ly, legend_team, size=font * 0.9),
        diamond(pad + r, ly + font * 1.05, r, MANAGER, "legend"),
        text(pad + 3 * r, ly + font * 1.4, legend_manager, size=font * 0.9),
    ]
    return svg(width, ly + font * 1.9, title, desc, body)
