"""The results pages: what a coach sees, what a manager sees, what nobody sees."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from eclaire.web.organizations.models import Unit
from eclaire.web.responses.models import Response
from eclaire.web.results.models import AnalysisResult, ResultStatus

ResultsWorld = Any  # the ``world`` fixture of conftest.py
PAGES = ("overview", "heatmap", "interfaces", "gaps", "gaps_table", "priorities", "trends")


def _html(world: ResultsWorld, who: str, url: str, lang: str = "en") -> str:
    response = world.clients[who].get(url, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200, url
    return response.content.decode()


def _num(value: float, places: int = 2) -> str:
    return f"{value:.{places}f}".replace("-", "−")


def _row(html: str, name: str) -> str:
    """The heatmap row (``<tr>…</tr>``) of the unit called ``name``."""
    match = re.search(
        r"<tr><th scope=\"row\"[^>]*><a [^>]*>" + re.escape(name) + r"</a></th>.*?</tr>", html, re.S
    )
    assert match, f"no row for {name}"
    return match.group(0)


def _shown_units(data: dict[str, Any]) -> list[str]:
    return [u for u, c in data["units"].items() if not c["suppressed"]]


def _name(data: dict[str, Any], unit_id: str) -> str:
    from django.utils.html import escape

    return str(escape(next(u["name"] for u in data["tree"] if u["unit_id"] == unit_id)))


def test_every_page_renders_for_the_coach(world: ResultsWorld):
    for page in PAGES:
        html = _html(world, "coach", world.url(page))
        assert 'aria-current="page"' in html


def test_overview_shows_the_index_responses_and_findings(world: ResultsWorld):
    html = _html(world, "coach", world.url("overview"))
    overall = world.data["coherence_index"]["overall"]
    assert f'<span class="big">{_num(overall["value"], 0)}</span>' in html
    assert f'<span class="big">{world.data["n_responses"]}</span>' in html
    assert html.count('<li class="finding ') >= 3
    assert 'id="first-conversation-title"' in html
    assert '<meta http-equiv="refresh"' not in html


def test_heatmap_cells_hold_the_stored_means_with_n_and_interval(world: ResultsWorld):
    unit_id = _shown_units(world.data)[1]
    cell = world.data["units"][unit_id]["scores"]["clarity.roles"]
    row = _row(_html(world, "coach", world.url("heatmap")), _name(world.data, unit_id))
    assert f">{_num(cell['mean'])}<" in row
    assert (
        f"n = {cell['n']} · 95% interval {_num(cell['ci95'][0])} to {_num(cell['ci95'][1])}" in row
    )


def test_heatmap_sorts_by_a_validated_parameter(world: ResultsWorld):
    html = _html(world, "coach", world.url("heatmap") + "?sort=pillar.support&order=asc")
    shown = [
        u for u in _shown_units(world.data) if "pillar.support" in world.data["units"][u]["scores"]
    ]
    weakest = min(shown, key=lambda u: world.data["units"][u]["scores"]["pillar.support"]["mean"])
    first = re.search(r"<tbody>\s*<tr><th scope=\"row\"[^>]*><a [^>]*>([^<]+)</a>", html)
    assert first and first.group(1) == _name(world.data, weakest)
    bad = _html(world, "coach", world.url("heatmap") + "?sort=<script>&order=sideways")
    assert "<script>" not in bad


def test_interface_page_lists_the_weakest_link(world: ResultsWorld):
    html = _html(world, "coach", world.url("interfaces"))
    shown = [e for e in world.data["interfaces"] if not e["rollup"] and not e["suppressed"]]
    weakest = min(shown, key=lambda e: e["score"])
    assert f"{_num(weakest['score'])}</td>" in html
    assert f"n = {weakest['n']} · {_num(weakest['ci95'][0])} to {_num(weakest['ci95'][1])}" in html
    assert 'role="img"' in html


def test_gaps_page_shows_manager_gaps_and_segment_effect_sizes(world: ResultsWorld):
    html = _html(world, "coach", world.url("gaps"))
    gap = world.data["perception_gaps"]["managers"][0]
    assert ("+" if gap["gap"] > 0 else "") + _num(gap["gap"]) in html
    shown = [s for s in world.data["perception_gaps"]["segments"] if not s["suppressed"]]
    if shown:
        assert ("+" if shown[0]["hedges_g"] > 0 else "") + _num(shown[0]["hedges_g"]) in html
        assert "not significant" in html or "significant" in html


def test_gap_figures_are_one_link_away_with_every_row(world: ResultsWorld):
    html = _html(world, "coach", world.url("gaps"))
    rows = world.data["perception_gaps"]["managers"]
    assert f'href="{world.url("gaps_table")}"' in html and f"({len(rows)} rows)" in html
    assert "<table>" not in html.split('id="seg-title"')[0]  # the long table left this page
    table = _html(world, "coach", world.url("gaps_table"))
    assert table.count('<th scope="row"><a href=') == len(rows)
    assert world.url("export", table="gaps", fmt="csv") in table
    narrow = _html(world, "coach", world.url("gaps") + f"?within={world.scope_root}")
    assert world.url("gaps_table") + f"?within={world.scope_root}" in narrow


def test_priorities_page_shows_kendalls_w(world: ResultsWorld):
    html = _html(world, "coach", world.url("priorities"))
    assert _num(world.data["priorities"]["overall"]["kendall_w"]) in html
    assert "Declared order" in html


def test_trends_page_says_how_to_get_a_trend(world: ResultsWorld):
    html = _html(world, "coach", world.url("trends"))
    assert "No previous wave" in html and "New wave" in html and "--previous" not in html


def test_unit_page_shows_its_scores_interfaces_and_placeholder(world: ResultsWorld):
    unit_id = _shown_units(world.data)[1]
    html = _html(world, "coach", world.url("unit", unit_code=unit_id))
    cell = world.data["units"][unit_id]["scores"]["pillar.trust"]
    assert f">{_num(cell['mean'])}" in html and f"n = {cell['n']}" in html
    assert 'id="recommendations-title"' in html


def test_pages_in_french_and_english(world: ResultsWorld):
    assert "Vue d’ensemble" in _html(
        world, "coach", world.url("overview"), "fr"
    ) or "Vue d'ensemble" in _html(world, "coach", world.url("overview"), "fr")
    assert "Overview" in _html(world, "coach", world.url("overview"), "en")
    fr_dim = world.data["dimensions"][0]["name"]["fr"]
    en_dim = world.data["dimensions"][0]["name"]["en"]
    assert fr_dim in _html(world, "coach", world.url("heatmap"), "fr")
    assert en_dim in _html(world, "coach", world.url("heatmap"), "en")


def _manager_urls(world: ResultsWorld) -> list[str]:
    from eclaire.web.accounts.access import subtree_codes

    parents = {u["unit_id"]: u["parent_id"] for u in world.data["tree"]}
    units = sorted(subtree_codes(parents, world.scope_root))
    return [world.url(p) for p in PAGES] + [world.url("unit", unit_code=u) for u in units]


def test_manager_never_sees_a_sibling_unit(world: ResultsWorld):
    sibling = _name(world.data, world.sibling)
    longer = [
        n
        for n in (_name(world.data, u["unit_id"]) for u in world.data["tree"])
        if sibling in n and n != sibling
    ]
    for url in _manager_urls(world):
        html = _html(world, "manager", url)
        for name in longer:  # "Marketing produit" is another unit than "Marketing"
            html = html.replace(name, "")
        assert sibling not in html, url
    response = world.clients["manager"].get(world.url("unit", unit_code=world.sibling))
    assert response.status_code == 404


def test_manager_sees_no_organization_wide_figure(world: ResultsWorld):
    html = _html(world, "manager", world.url("overview"))
    assert f'<span class="big">{world.data["n_responses"]}</span>' not in html
    assert "Gaps between populations" not in _html(world, "manager", world.url("gaps"))


@pytest.fixture
def unsuppressed(world: ResultsWorld, sample_dir: Path, tmp_path: Path) -> dict[str, Any]:
    """The same sample analysed with k = 3: the means the privacy rules hide at k = 5."""
    from eclaire.core.analysis.runner import run_analysis

    out = tmp_path / "k3.json"
    run_analysis(
        instrument_ref="coherence",
        units_file=sample_dir / "units.csv",
        responses_file=sample_dir / "responses.csv",
        out=out,
        min_group=3,
        previous_file=None,
        declared=None,
        lang="en",
        progress=lambda _m: None,
    )
    return json.loads(out.read_text())


def test_a_suppressed_unit_never_shows_a_score(world: ResultsWorld, unsuppressed: dict[str, Any]):
    hidden = [
        u
        for u in world.data["units"]
        if world.data["units"][u]["suppressed"]
        and not unsuppressed["units"].get(u, {"suppressed": True})["suppressed"]
    ]
    assert hidden, "the sample should hide some unit that k = 3 would show"
    heat = _html(world, "coach", world.url("heatmap"))
    for unit_id in hidden:
        means = [_num(c["mean"]) for c in unsuppressed["units"][unit_id]["scores"].values()]
        row = _row(heat, _name(world.data, unit_id))
        page = _html(world, "coach", world.url("unit", unit_code=unit_id))
        main = page.split('<main id="main">')[1]
        for mean in means:
            assert f">{mean}<" not in row and mean not in main, (unit_id, mean)
        assert "hidden" in row


def test_free_text_is_not_on_these_pages(world: ResultsWorld):
    texts = set()
    for answers in Response.objects.filter(campaign=world.campaign).values_list(
        "answers", flat=True
    )[:200]:
        texts |= {
            v
            for k, v in answers.items()
            if k.startswith("text:") and isinstance(v, str) and len(v) > 15
        }
    assert texts, "the sample should hold free-text answers"
    for page in PAGES:
        html = _html(world, "coach", world.url(page))
        assert not [t for t in texts if t in html], page


@pytest.mark.parametrize("status", [ResultStatus.STALE, ResultStatus.RUNNING])
def test_a_result_being_computed_refreshes_the_page(world: ResultsWorld, status: str):
    AnalysisResult.objects.filter(campaign=world.campaign).update(status=status)
    html = _html(world, "coach", world.url("overview"))
    assert '<meta http-equiv="refresh" content="15">' in html
    assert "previous analysis" in html  # the stored data is still shown meanwhile


def test_a_failed_result_says_so_without_refreshing(world: ResultsWorld):
    AnalysisResult.objects.filter(campaign=world.campaign).update(
        status=ResultStatus.FAILED, error="ValueError: x"
    )
    html = _html(world, "coach", world.url("overview"))
    assert "failed" in html and '<meta http-equiv="refresh"' not in html
    assert "ValueError" not in _html(world, "manager", world.url("overview"))


def test_no_result_yet_is_a_page_not_an_error(world: ResultsWorld):
    AnalysisResult.objects.filter(campaign=world.campaign).delete()
    for page in PAGES:
        assert "No analysis yet" in _html(world, "coach", world.url(page))


def test_organization_page_links_to_the_results(world: ResultsWorld):
    html = _html(world, "coach", reverse("organization", kwargs={"slug": "acme"}))
    assert world.url("overview") in html


def test_unknown_unit_is_404(world: ResultsWorld):
    unit = Unit.objects.filter(organization=world.campaign.organization).first()
    assert unit is not None
    assert world.clients["coach"].get(world.url("unit", unit_code="NOPE")).status_code == 404
