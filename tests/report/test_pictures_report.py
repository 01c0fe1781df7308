"""The report draws the same gap dot plot and priority rank charts as the web pages."""

from __future__ import annotations

import html as html_lib
import re
import xml.etree.ElementTree as ET
from typing import Any

from eclaire.report import render_html
from eclaire.report.view_links import TOP_GAPS
from eclaire.report.view_other import TOP_RANK_CHARTS


def _chapter(html: str, chapter: str) -> str:
    match = re.search(rf'<section class="chapter" id="{chapter}".*?</section>', html, re.S)
    assert match, chapter
    return match.group(0)


def _render(result: dict[str, Any]) -> str:
    return str(render_html(result, lang="en", org_name="Maison Exemple", campaign_name="Vague 1"))


def _names(result: dict[str, Any]) -> dict[str, str]:
    return {u["unit_id"]: u["name"] for u in result["tree"]}


def test_gap_chapter_draws_the_notable_gaps_largest_first(result: dict[str, Any]) -> None:
    gaps = [g for g in result["perception_gaps"]["managers"] if g.get("team_ci95")]
    notable = sorted(
        (g for g in gaps if g["outside_team_pi95"]),
        key=lambda g: (-abs(g["gap"]), g["unit_id"], g["dimension"]),
    )
    assert notable
    svg = re.search(r"<svg .*?</svg>", _chapter(_render(result), "gaps"), re.S)
    assert svg
    rows = ET.fromstring(svg.group(0)).findall("g[@class='gap-row']")
    expected = notable[:TOP_GAPS]
    assert len(rows) == len(expected)
    names = _names(result)
    for row, gap in zip(rows, expected, strict=True):
        title = html_lib.unescape(row.findtext("title") or "")
        assert title.startswith(names[gap["unit_id"]] + " · "), title
        assert f"n = {gap['n_team']}" in title


def test_priority_chapter_draws_the_units_farthest_from_the_organization(
    result: dict[str, Any],
) -> None:
    prio = result["priorities"]
    org = prio["overall"]["consensus"]
    far = sorted(
        (
            (u, c)
            for u, c in prio["units"].items()
            if not c["suppressed"] and (c.get("distance_to_organization") or 0) > 0
        ),
        key=lambda uc: (-uc[1]["distance_to_organization"], uc[0]),
    )[:TOP_RANK_CHARTS]
    assert far
    block = re.search(
        r'<div class="rank-charts">.*?</div>', _chapter(_render(result), "priorities"), re.S
    )
    assert block
    charts = [ET.fromstring(s) for s in re.findall(r"<svg .*?</svg>", block.group(0), re.S)]
    assert len(charts) == len(far)
    names = _names(result)
    for svg, (unit_id, cell) in zip(charts, far, strict=True):
        assert names[unit_id] in html_lib.unescape(svg.findtext("title") or "")
        rows = [g for g in svg.findall("g") if (g.get("class") or "").startswith("rank-row")]
        assert len(rows) == len(cell["consensus"])
        for i, (row, option) in enumerate(zip(rows, cell["consensus"], strict=True)):
            theirs = org.index(option) + 1
            assert html_lib.unescape(row.findtext("title") or "").endswith(
                f" {i + 1}, Organization {theirs}"
            )
            assert ("moved" in (row.get("class") or "")) is (abs(i + 1 - theirs) >= 2)
