"""The pictures of the gaps and priorities pages hold the right marks, in the right order,
for a real analysed campaign (the ``world`` fixture of conftest.py)."""

from __future__ import annotations

import html as html_lib
import re
import xml.etree.ElementTree as ET
from typing import Any

ResultsWorld = Any

WIDTH, FONT = 420, 14.5  # the web drawing size (eclaire.web.results.pictures)


def _svg(html: str, figure_id: str) -> ET.Element:
    match = re.search(rf'<figure [^>]*id="{figure_id}">(<svg .*?</svg>)</figure>', html, re.S)
    assert match, f"no picture {figure_id}"
    return ET.fromstring(match.group(1))


def _html(world: ResultsWorld, url: str) -> str:
    response = world.clients["coach"].get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def _x(value: float, lo: float, hi: float) -> float:
    """Where a value sits on a track drawn from ``lo`` to ``hi`` across the picture."""
    return FONT + (WIDTH - 2 * FONT) * (value - lo) / (hi - lo)


def _names(world: ResultsWorld) -> dict[str, str]:
    return {u["unit_id"]: u["name"] for u in world.data["tree"]}


def _size(g: dict[str, Any]) -> tuple[float, str, str]:
    return (-abs(g["gap"]), g["unit_id"], g["dimension"])


def test_gap_dot_plot_draws_the_notable_gaps_largest_first(world: ResultsWorld):
    html = _html(world, world.url("gaps"))
    gaps = world.data["perception_gaps"]["managers"]
    notable = sorted((g for g in gaps if g["outside_team_pi95"]), key=_size)
    rest = sorted((g for g in gaps if not g["outside_team_pi95"]), key=_size)
    assert notable and rest, "the sample should have both kinds of gap"
    names = _names(world)
    for figure, expected in (("gaps-notable", notable), ("gaps-rest", rest)):
        rows = _svg(html, figure).findall("g[@class='gap-row']")
        assert len(rows) == len(expected)
        for row, gap in zip(rows, expected, strict=True):
            assert (row.findtext("title") or "").startswith(names[gap["unit_id"]] + " · ")
            team = row.find("circle[@class='team']")
            assert team is not None
            assert abs(float(team.get("cx", "nan")) - _x(gap["team"], 1, 5)) < 0.11
            band = row.find("line[@class='team-ci']")
            assert band is not None
            assert abs(float(band.get("x1", "nan")) - _x(gap["team_ci95"][0], 1, 5)) < 0.11
            assert abs(float(band.get("x2", "nan")) - _x(gap["team_ci95"][1], 1, 5)) < 0.11
            manager = row.find("path[@class='manager']")
            assert manager is not None
            x = float(re.match(r"M([\d.]+) ", manager.get("d", "")).group(1))  # type: ignore[union-attr]
            assert abs(x - _x(gap["manager"], 1, 5)) < 0.11
    # The notable ones are in sight; the rest and the table are folded.
    assert html.index('id="gaps-notable"') < html.index('<details class="picture-more">')
    assert html.index('id="gaps-rest"') > html.index('<details class="picture-more">')


def test_rank_charts_put_each_unit_against_the_organization(world: ResultsWorld):
    html = _html(world, world.url("priorities"))
    prio = world.data["priorities"]
    org = prio["overall"]["consensus"]
    names = _names(world)
    shown = [
        (u, prio["units"][u])
        for u in names  # tree order, kept for ties
        if u in prio["units"]
        and not prio["units"][u]["suppressed"]
        and prio["units"][u].get("consensus")
    ]
    assert len(shown) > 6, "the sample should fold some units"
    shown.sort(key=lambda uc: -(uc[1].get("distance_to_organization") or 0))
    headings = re.findall(r'<h3 class="picture-name"><a [^>]*>([^<]+)</a></h3>', html)
    assert [html_lib.unescape(h) for h in headings] == [names[u] for u, _ in shown]
    items = re.findall(r'<h3 class="picture-name">.*?(<svg .*?</svg>)</li>', html, re.S)
    assert len(items) == len(shown)
    count = len(org)
    for svg, (unit_id, cell) in zip(items, shown, strict=True):
        rows = ET.fromstring(svg).findall("g")
        rows = [g for g in rows if (g.get("class") or "").startswith("rank-row")]
        assert len(rows) == len(cell["consensus"])
        for i, (row, option) in enumerate(zip(rows, cell["consensus"], strict=True)):
            theirs = org.index(option) + 1
            title = row.findtext("title") or ""
            expected = f"{names[unit_id]} {i + 1}, Organization {theirs}"
            assert html_lib.unescape(title).endswith(expected), title
            ring = row.find("circle[@class='ref']")
            dot = row.find("circle[@class='unit']")
            assert ring is not None and dot is not None
            left = FONT + FONT * 0.5
            step = (WIDTH - 2 * left) / (count - 1)
            assert abs(float(ring.get("cx", "nan")) - (left + step * (theirs - 1))) < 0.11
            assert abs(float(dot.get("cx", "nan")) - (left + step * i)) < 0.11
            moved = abs(i + 1 - theirs) >= 2
            assert ("moved" in (row.get("class") or "")) is moved


def test_interface_map_draws_only_the_notable_links_with_a_numbered_key(world: ResultsWorld):
    html = _html(world, world.url("interfaces"))
    links = [e for e in world.data["interfaces"] if not e["rollup"] and not e["suppressed"]]
    weakest = sorted(links, key=lambda e: (e["score"], e["from"], e["to"]))[:10]
    asymmetric = [
        e
        for e in links
        if e.get("asymmetry") is not None
        and e["asymmetry"] < 0
        and e["asymmetry_ci95"]
        and e["asymmetry_ci95"][1] < 0
    ]
    asymmetric = sorted(asymmetric, key=lambda e: (e["asymmetry"], e["from"], e["to"]))[:10]
    notable = {(e["from"], e["to"]) for e in weakest + asymmetric}
    assert len(notable) < len(links), "the sample should have links that are not drawn"
    match = re.search(r'<svg [^>]*class="chart graph".*?</svg>', html, re.S)
    assert match
    svg = ET.fromstring(match.group(0))
    edges = [e for e in svg.iter() if (e.get("class") or "").startswith("edge")]
    assert len(edges) == len(notable)
    names = _names(world)
    nodes = [g for g in svg.iter() if g.get("class") == "map-node"]
    units = {u for pair in notable for u in pair}
    assert len(nodes) == len(units)
    key = re.search(r'<ol class="map-key"[^>]*>(.*?)</ol>', html, re.S)
    assert key
    listed = [html_lib.unescape(x) for x in re.findall(r"<li>(.*?)</li>", key.group(1))]
    assert sorted(listed) == sorted(names.get(u, u) for u in units)
    ns = "{http://www.w3.org/2000/svg}"
    for i, node in enumerate(nodes):
        assert node.findtext(f"{ns}text") == str(i + 1)
        assert html_lib.unescape(node.findtext(f"{ns}title") or "") == f"{i + 1}. {listed[i]}"
    for edge in edges:  # each arrow's title starts with a unit of the key
        title = html_lib.unescape(edge.findtext(f"{ns}title") or "")
        assert sum(1 for name in listed if title.startswith(name)) >= 1, title
