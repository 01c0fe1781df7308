"""Priorities as a rank chart: each option's rank in a unit against its rank in a reference.

One row per option, in the unit's order (rank 1 first): the option's name on a line of its own,
then a track of ranks 1..N holding a ring at the reference's rank (the organization, or the
declared order) and a dot at the unit's rank, the ring wider than the dot so that both show
when the ranks are the same. An option that moves by ``moved`` ranks or more is
joined by a thick orange line, the others by a thin grey one. Names have the whole width, so
the picture stays readable on a narrow screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from eclaire.report.pictures.geometry import GRID, MANAGER, QUIET, Scale, chars_in
from eclaire.report.svg import INK, clip, esc, svg, text


@dataclass(frozen=True)
class RankChart:
    reference_title: str
    unit_title: str
    reference: Sequence[str]
    """Option names in the reference order (rank 1 first)."""
    unit: Sequence[str]
    """Option names in the unit's order (rank 1 first): the rows, top to bottom."""


def rank_chart(
    chart: RankChart,
    *,
    title: str,
    desc: str,
    width: int = 420,
    font: float = 13,
    moved: int = 2,
) -> Markup:
    """The unit's options top to bottom, each with its two ranks on a 1..N track."""
    pad = font
    count = max(len(chart.unit), len(chart.reference), 2)
    x = Scale(1, count, pad + font * 0.5, width - pad - font * 0.5)
    track = font * 1.1
    row_h = font * 1.25 + track + font * 0.5
    head = font * 3.2
    ref_rank = {name: i + 1 for i, name in enumerate(chart.reference)}
    r = round(font * 0.36, 1)
    ring = round(r * 1.7, 1)  # wider than the dot: a ring at the dot's own rank still shows
    body = [
        f'<circle class="key-ref" cx="{pad + r:.1f}" cy="{font * 0.65:.1f}" r="{ring}" fill="#fff" '
        f'stroke="{INK}" stroke-width="1.5"/>',
        text(pad + 3 * r, font, clip(chart.reference_title, chars_in(width / 2, font)), size=font),
        f'<circle class="key-unit" cx="{width / 2 + r:.1f}" cy="{font * 0.65:.1f}" r="{r}" '
        f'fill="{INK}"/>',
        text(
            width / 2 + 3 * r,
            font,
            clip(chart.unit_title, chars_in(width / 2 - 3 * r - pad, font)),
            size=font,
            weight="bold",
        ),
    ]
    for rank in range(1, count + 1):
        body.append(
            f'<line x1="{x(rank)}" y1="{head - font * 0.2:.1f}" x2="{x(rank)}" '
            f'y2="{head + len(chart.unit) * row_h:.1f}" stroke="{GRID}" stroke-width="0.8"/>'
        )
        body.append(
            text(x(rank), head - font * 0.6, rank, size=font * 0.85, anchor="middle", fill="#555")
        )
    room = chars_in(width - 2 * pad, font)
    for i, name in enumerate(chart.unit):
        y = head + i * row_h + font
        ym = round(y + font * 0.3 + track / 2, 1)
        mine, theirs = i + 1, ref_rank.get(name)
        far = theirs is not None and abs(mine - theirs) >= moved
        body.append(
            f'<g class="rank-row{" moved" if far else ""}"><title>{esc(name)}: '
            f"{esc(chart.unit_title)} {mine}"
            + (f", {esc(chart.reference_title)} {theirs}" if theirs else "")
            + "</title>"
        )
        body.append(text(pad, y, clip(name, room), size=font, weight="bold" if far else "normal"))
        if theirs is not None:
            body.append(
                f'<line x1="{x(theirs)}" y1="{ym}" x2="{x(mine)}" y2="{ym}" '
                f'stroke="{MANAGER if far else QUIET}" stroke-width="{font * 0.3 if far else 1.5:.1f}"/>'
            )
            body.append(
                f'<circle class="ref" cx="{x(theirs)}" cy="{ym}" r="{ring}" fill="#fff" '
                f'stroke="{INK}" stroke-width="1.5"/>'
            )
        body.append(f'<circle class="unit" cx="{x(mine)}" cy="{ym}" r="{r}" fill="{INK}"/>')
        body.append("</g>")
    return svg(width, head + len(chart.unit) * row_h + font * 0.3, title, desc, body)
