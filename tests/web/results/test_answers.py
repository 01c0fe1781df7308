"""The answers behind a heatmap cell: the cell links to them, the unit page reads them out."""

from __future__ import annotations

import copy
import html
from typing import Any

from eclaire.web.results.models import AnalysisResult
from eclaire.web.results.stored import clear_cache

ResultsWorld = Any  # the ``world`` fixture of conftest.py


def _with_answers(data: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    """A clarity cell that carries its items' answers: unit, dimension, cell."""
    for unit, entry in data["units"].items():
        for code, cell in (entry.get("scores") or {}).items():
            if code.startswith("clarity.") and cell.get("items"):
                return unit, code, cell
    raise AssertionError("the sample has no cell with answers")


def _page(world: ResultsWorld, url: str, who: str = "coach") -> str:
    response = world.clients[who].get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


def test_the_unit_page_reads_each_question_in_plain_words(world: ResultsWorld):
    unit, code, cell = _with_answers(world.data)
    page = _page(world, world.url("unit", unit_code=unit))
    assert f'id="answers-{code}"' in page and "The answers behind the scores" in page
    item, answers = next(iter(cell["items"].items()))
    agree = sum(answers["counts"][-2:])
    assert f"{agree} of {cell['n']}: agree or strongly agree" in page
    assert f"Strongly disagree {answers['counts'][0]}" in page
    assert page.count('class="answer-bar') >= len(cell["items"])
    assert f'<details class="answers-dim" id="answers-{code}">' in page  # folded by default
    opened = _page(world, world.url("unit", unit_code=unit) + f"?answers={code}")
    assert f'<details class="answers-dim" id="answers-{code}" open>' in opened


def test_a_heatmap_cell_leads_to_the_answers_behind_it(world: ResultsWorld):
    unit, code, _cell = _with_answers(world.data)
    page = _page(world, world.url("heatmap"))
    href = world.url("unit", unit_code=unit) + f"?answers={code}#answers-{code}"
    assert f'<a href="{href}">the answers behind it</a>' in page


def test_a_cell_without_answers_says_why_and_links_to_its_figures(world: ResultsWorld):
    unit, code, _cell = _with_answers(world.data)
    data = copy.deepcopy(world.data)
    del data["units"][unit]["scores"][code]["items"]
    AnalysisResult.objects.filter(campaign=world.campaign).update(data=data)
    clear_cache()
    page = _page(world, world.url("unit", unit_code=unit))
    assert f'id="answers-{code}"' not in page and "Not shown for" in page
    heatmap = _page(world, world.url("heatmap"))
    assert world.url("unit", unit_code=unit) + f"#s-{code}" in heatmap
    assert world.url("unit", unit_code=unit) + f"?answers={code}" not in heatmap


def test_a_manager_reads_the_answers_of_their_scope_only(world: ResultsWorld):
    page = _page(world, world.url("unit", unit_code=world.scope_root), "manager")
    assert "answers-" in page
    response = world.clients["manager"].get(world.url("unit", unit_code=world.sibling))
    assert response.status_code == 404
