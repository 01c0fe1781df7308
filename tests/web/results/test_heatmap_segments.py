"""The heatmap with a population chosen: the organization's two rows, then each department's."""

from __future__ import annotations

from django.utils.html import escape
from tests.web.results.conftest import ResultsWorld
from tests.web.results.test_results_views import _html, _name, _num

from eclaire.core.result.words import Words


def _department_rows(world: ResultsWorld, segment: str) -> tuple[dict[str, list], set[str]]:
    rows = [r for r in world.data["perception_gaps"]["segment_units"] if r["segment"] == segment]
    shown: dict[str, list] = {}
    for r in rows:
        if not r["suppressed"]:
            shown.setdefault(r["unit_id"], []).append(r)
    return shown, {r["unit_id"] for r in rows} - set(shown)


def test_a_chosen_population_adds_two_rows_per_department_where_it_is_shown(world: ResultsWorld):
    segment = next(
        s
        for s in ("newcomers", "juniors", "customer_facing", "field")
        if _department_rows(world, s)[0]
    )
    shown, hidden = _department_rows(world, segment)
    html = _html(world, "coach", world.url("heatmap") + f"?segment={segment}")
    a, b = Words("en").segment_levels(segment)
    for unit_id, rows in shown.items():
        name = _name(world.data, unit_id)
        for side, level in (("a", a), ("b", b)):
            start = html.index(f'<th scope="row">{name} · {escape(level)}</th>')
            row = html[start : html.index("</tr>", start)]
            assert _num(rows[0][f"mean_{side}"]) in row
    for unit_id in hidden:
        assert f"{_name(world.data, unit_id)} · {escape(a)}" not in html
    if hidden:
        assert f"{len(hidden)} department" in html
    else:
        assert "not shown for this population" not in html


def test_no_population_chosen_no_department_rows(world: ResultsWorld):
    html = _html(world, "coach", world.url("heatmap"))
    assert 'class="segment"' not in html and "not shown for this population" not in html
