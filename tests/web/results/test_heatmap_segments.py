"""The heatmap with a population chosen: the organization's two rows, then each department's."""

from __future__ import annotations

import re

from django.utils.html import escape
from tests.web.results.conftest import ResultsWorld
from tests.web.results.test_results_views import _html, _name, _num

from eclaire.core.result.words import Words


def _department_rows(world: ResultsWorld, segment: str) -> tuple[dict[str, list], set[str]]:
    """The shown rows by unit, and the units without any, on the heatmap's dimensions."""
    columns = {
        d["code"]
        for d in world.data["dimensions"]
        if d["family"] in ("clarity", "pillar", "external")
    }
    rows = [
        r
        for r in world.data["perception_gaps"]["segment_units"]
        if r["segment"] == segment and r["dimension"] in columns
    ]
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
            head = f'<th scope="row">{name} · {escape(level)}</th>'
            starts = [i for i in range(len(html)) if html.startswith(head, i)]
            assert starts  # a row in each panel with a cut column
            cells = "".join(html[i : html.index("</tr>", i)] for i in starts)
            assert all(_num(r[f"mean_{side}"]) in cells for r in rows)
    for unit_id in hidden:
        assert f"{_name(world.data, unit_id)} · {escape(a)}" not in html
    if hidden:
        assert f"{len(hidden)} department" in html
    else:
        assert "not shown for this population" not in html


def test_no_population_chosen_no_department_rows(world: ResultsWorld):
    html = _html(world, "coach", world.url("heatmap"))
    assert 'class="segment"' not in html and "not shown for this population" not in html


def test_a_populations_symptoms_say_once_that_they_are_not_cut(world: ResultsWorld):
    """One cell across the symptom columns, not the same words in each (seven on the demo)."""
    html = _html(world, "coach", world.url("heatmap") + "?segment=newcomers")
    items = html.count('class="col-share"')  # the symptom columns' headers
    assert items >= 2
    rows = [r for r in html.split("<tr") if r.startswith(' class="segment"')]
    assert rows
    for row in rows:
        assert row.count(">not cut<") <= 1, row  # the index only
        merged = row.count("symptoms are not cut by population")
        assert merged <= 1
        if merged:
            assert re.search(rf'<td class="na" colspan="{items}">', row), row
    assert any("symptoms are not cut by population" in r for r in rows)
