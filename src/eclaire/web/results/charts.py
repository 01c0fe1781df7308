"""Inline SVG charts: accessible images (``role="img"``, ``<title>``, ``<desc>``).

Every chart stands beside a table or a list that holds the same numbers in text, so colour is
never the only carrier of meaning. Styles come from classes and presentation attributes only
(the content security policy forbids inline ``style``). Coordinates are rounded so the markup
stays small and identical for the same input.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

SCORE_STEPS = (2.5, 3.0, 3.5, 4.0)
"""Bin edges of 1–5 scores: bin 0 (below 2.5) is the weakest, bin 4 (4 or more) the strongest."""
SHARE_STEPS = (0.4, 0.3, 0.2, 0.1)
"""Bin edges of symptom shares (higher is worse): bin 0 (40 % or more) is the weakest."""
MAP_SIZE = 520
"""Width and height of the interface map (SVG units)."""
NODE_RADIUS = 17
EDGE_COLOURS = ("#b2182b", "#d6604d", "#7a7a7a", "#4393c3", "#2166ac")


def score_bin(score: float) -> int:
    return sum(1 for step in SCORE_STEPS if score >= step)


def share_bin(share: float) -> int:
    return sum(1 for step in SHARE_STEPS if share < step)


def _open(width: int, height: int, uid: str, title: str, desc: str, cls: str) -> str:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="{}" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-t {}-d"><title id="{}-t">{}</title><desc id="{}-d">{}</desc>',
        cls,
        width,
        height,
        uid,
        uid,
        uid,
        title,
        uid,
        desc,
    )


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    low: float | None
    high: float | None
    text: str


def bars_0_100(bars: Sequence[Bar], *, uid: str, title: str, desc: str) -> SafeString:
    """Horizontal bars on 0–100 with their 95% ranges as whiskers."""
    left, width, row = 230, 300, 30
    height = row * len(bars) + 24
    parts = [_open(left + width + 70, height, uid, title, desc, "chart bars")]
    x = lambda v: round(left + width * max(0.0, min(100.0, v)) / 100, 1)  # noqa: E731
    for tick in (0, 50, 70, 100):
        parts.append(
            format_html(
                '<line class="grid" x1="{}" x2="{}" y1="0" y2="{}"/><text class="tick" x="{}" y="{}">{}</text>',
                x(tick),
                x(tick),
                height - 16,
                x(tick),
                height - 2,
                tick,
            )
        )
    for i, bar in enumerate(bars):
        y = i * row + 6
        parts.append(
            format_html(
                '<text class="label" x="{}" y="{}">{}</text>'
                '<rect class="bar" x="{}" y="{}" width="{}" height="14"/>'
                '<text class="value" x="{}" y="{}">{}</text>',
                left - 8,
                y + 12,
                bar.label,
                left,
                y,
                round(x(bar.value) - left, 1),
                x(100) + 8,
                y + 12,
                bar.text,
            )
        )
        if bar.low is not None and bar.high is not None:
            parts.append(
                format_html(
                    '<line class="whisker" x1="{}" x2="{}" y1="{}" y2="{}"/>',
                    x(bar.low),
                    x(bar.high),
                    y + 7,
                    y + 7,
                )
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def row_bar(value: float, low: float | None, high: float | None) -> SafeString:
    """One bar on 0–100 with its 95 % interval, for a table row: it takes the width of its cell,
    so it reflows on a phone. Decorative (``aria-hidden``): the row states the same figures."""
    clip = lambda v: round(max(0.0, min(100.0, float(v))), 1)  # noqa: E731
    whisker = ""
    if low is not None and high is not None:
        whisker = format_html(
            '<line class="whisker" x1="{}" x2="{}" y1="6" y2="6"/>', clip(low), clip(high)
        )
    return format_html(
        '<svg class="row-bar" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true" '
        'focusable="false"><line class="grid" x1="50" x2="50" y1="0" y2="12"/>'
        '<line class="grid" x1="70" x2="70" y1="0" y2="12"/>'
        '<rect class="bar" x="0" y="2" width="{}" height="8"/>{}</svg>',
        clip(value),
        whisker,
    )


def gap_dots(team: float, low: float, high: float, manager: float, *, title: str) -> SafeString:
    """A 1–5 line: the team's mean with its interval (bar) and the manager's score (diamond)."""
    x = lambda v: round(8 + 144 * (v - 1) / 4, 1)  # noqa: E731
    m = x(manager)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart dots" viewBox="0 0 160 24" role="img">'
        "<title>{}</title>"
        '<line class="axis" x1="8" x2="152" y1="12" y2="12"/>'
        '<line class="team-ci" x1="{}" x2="{}" y1="12" y2="12"/>'
        '<circle class="team" cx="{}" cy="12" r="5"/>'
        '<path class="manager" d="M{} 5 L{} 12 L{} 19 L{} 12 Z"/></svg>',
        title,
        x(low),
        x(high),
        x(team),
        m,
        m + 7,
        m,
        m - 7,
    )


@dataclass(frozen=True)
class Node:
    unit_id: str
    label: str
    group: str


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    score: float
    title: str
    highlight: bool


def circle_layout(
    nodes: Sequence[Node], radius: float, centre: float
) -> dict[str, tuple[float, float]]:
    """Nodes on a circle, in the given order (grouped by function by the caller), first at top."""
    count = max(len(nodes), 1)
    out = {}
    for i, node in enumerate(nodes):
        angle = -math.pi / 2 + 2 * math.pi * i / count
        out[node.unit_id] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
    return out


def _edge(a: tuple[float, float], b: tuple[float, float], edge: Edge, uid: str) -> str:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    # Shift each direction to its own side so A→B and B→A are both visible; stop short of nodes.
    ox, oy = -dy / length * 3, dx / length * 3
    trim = (NODE_RADIUS + 3) / length
    x1, y1 = a[0] + dx * trim + ox, a[1] + dy * trim + oy
    x2, y2 = b[0] - dx * trim + ox, b[1] - dy * trim + oy
    colour = score_bin(edge.score)
    return format_html(
        '<line class="edge b{}{}" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" '
        'marker-end="url(#{}-a{})"><title>{}</title></line>',
        colour,
        " strong" if edge.highlight else "",
        round(x1, 1),
        round(y1, 1),
        round(x2, 1),
        round(y2, 1),
        EDGE_COLOURS[colour],
        uid,
        colour,
        edge.title,
    )


def _numbered(node: Node, number: int, pos: tuple[float, float]) -> str:
    """A node drawn as its number in a circle (the names are in the key beside the map)."""
    return format_html(
        '<g class="map-node"><title>{}. {}</title><circle class="node g-{}" cx="{}" cy="{}" r="{}"/>'
        '<text class="node-num" x="{}" y="{}" text-anchor="middle">{}</text></g>',
        number,
        node.label,
        node.group,
        round(pos[0], 1),
        round(pos[1], 1),
        NODE_RADIUS,
        round(pos[0], 1),
        round(pos[1] + 8, 1),
        number,
    )


def interface_graph(
    nodes: Sequence[Node], edges: Sequence[Edge], *, uid: str, title: str, desc: str
) -> SafeString:
    """The directed graph of units: numbered nodes on a circle, arrows coloured by score.

    Drawn small (``MAP_SIZE``) so the node numbers stay legible on a phone; the names are
    listed, with the same numbers, beside the picture.
    """
    size = MAP_SIZE
    centre = size / 2
    pos = circle_layout(nodes, centre - NODE_RADIUS - 4, centre)
    markers = format_html_join(
        "",
        '<marker id="{}-a{}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="4" '
        'markerHeight="4" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="{}"/></marker>',
        ((uid, i, colour) for i, colour in enumerate(EDGE_COLOURS)),
    )
    ordered = sorted(edges, key=lambda e: e.highlight)  # highlighted edges drawn last, on top
    lines = "".join(
        _edge(pos[e.source], pos[e.target], e, uid)
        for e in ordered
        if e.source in pos and e.target in pos
    )
    labels = "".join(_numbered(n, i + 1, pos[n.unit_id]) for i, n in enumerate(nodes))
    return mark_safe(
        _open(size, size, uid, title, desc, "chart graph")
        + f"<defs>{markers}</defs><g>{lines}</g><g>{labels}</g></svg>"
    )


def legend_swatch(bin_index: int) -> SafeString:
    return mark_safe(f'<span class="swatch b{int(bin_index)}" aria-hidden="true"></span>')


def text(value: str) -> str:
    return str(escape(value))
