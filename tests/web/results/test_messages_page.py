"""The messages page (message drift): what a coach sees, what a manager sees, what nobody sees.

The organization is the sample of ``conftest.py`` (generated, imported, analysed with
``do_compute``); its sample plants a delivery lead time of 48 h in sales and of 5 working days
(168 h) in logistics.
"""

from __future__ import annotations

import copy
import csv
from pathlib import Path
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from eclaire.web.accounts.access import subtree_codes
from eclaire.web.results.models import AnalysisResult, ResultStatus

ResultsWorld = Any  # the ``world`` fixture of conftest.py


def _url() -> str:
    return reverse("results_messages:messages", kwargs={"slug": "acme", "campaign_slug": "w1"})


def _html(world: ResultsWorld, who: str = "coach", lang: str = "en") -> str:
    response = world.clients[who].get(_url(), HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return response.content.decode()


def _names(data: dict[str, Any]) -> dict[str, str]:
    return {u["unit_id"]: u["name"] for u in data["tree"]}


def _planted(data: dict[str, Any]) -> dict[str, Any]:
    """The planted contradiction: delivery lead time, 48 h against 168 h."""
    for c in data["messages"]["contradictions"]:
        values = {s["value"] for s in c["sides"]}
        if c["subject"] == "delivery" and values == {48.0, 168.0}:
            return c
    raise AssertionError("the sample's planted delivery contradiction is missing")


def _store(world: ResultsWorld, data: dict[str, Any]) -> None:
    AnalysisResult.objects.filter(campaign=world.campaign).update(
        data=data, status=ResultStatus.READY, computed_at=timezone.now()
    )


def test_coach_sees_the_planted_contradiction_in_english(world: ResultsWorld) -> None:
    html = _html(world, lang="en")
    c, names = _planted(world.data), _names(world.data)
    assert "Delivery lead time" in html
    for side in c["sides"]:
        assert escape(names[side["unit_id"]]) in html
    assert "48 h" in html and "168 h (≈ 7 days)" in html
    assert "In one or two sentences, what do we promise our customers?" in html
    assert "of the" in html and "respondents who state a value say this" in html


def test_coach_sees_the_page_in_french(world: ResultsWorld) -> None:
    html = _html(world, lang="fr")
    assert '<html lang="fr"' in html
    assert "Délai de livraison" in html
    assert "168 h (≈ 7 jours)" in html
    assert "En une ou deux phrases, que promettons-nous à nos clients ?" in html
    assert "Dérive entre les unités" in html


def test_consistency_and_drift_carry_their_n(world: ResultsWorld) -> None:
    html = _html(world)
    entry = world.data["messages"]["key_messages"]["MSG_PROMISE"]
    uid, unit = next((u, e) for u, e in entry["units"].items() if e.get("consistency"))
    mean = f"{unit['consistency']['mean']:.2f}".replace("-", "−")
    assert f'<td class="num">{unit["n"]}</td><td class="num">{mean}</td>' in html
    assert 'class="drift"' in html and "Legend" in html


def test_manager_sees_only_their_scope(world: ResultsWorld) -> None:
    html = _html(world, "manager")
    parents = {u["unit_id"]: u["parent_id"] for u in world.data["tree"]}
    scope = subtree_codes(parents, world.scope_root)
    names = _names(world.data)
    inside = [names[u] for u in scope]
    for uid, name in names.items():
        if uid not in scope and not any(name in other for other in inside):
            assert escape(name) not in html, f"{name} is outside the manager's scope"
    assert "Furthest from the consensus" not in html


def test_manager_of_sales_is_told_of_contradictions_outside_their_scope(
    world: ResultsWorld,
) -> None:
    from eclaire.web.organizations.models import Unit

    sales = _planted(world.data)["sides"][0]["unit_id"]
    world.manager.memberships.update(unit=Unit.objects.get(code=sales))
    html = _html(world, "manager")
    assert "a unit outside it: the coach and the sponsor see" in html
    other = _planted(world.data)["sides"][1]["unit_id"]
    assert escape(_names(world.data)[other]) not in html


def _small_unit_texts(world: ResultsWorld, sample_dir: Path) -> set[str]:
    """Statements written only in units with fewer than ``comment_k`` statements of a message."""
    section = world.data["messages"]
    small: set[str] = set()
    big: set[str] = set()
    with (sample_dir / "responses.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for code, entry in section["key_messages"].items():
        for row in rows:
            text = (row.get(f"text:{code}") or "").strip()
            n = (entry["units"].get(row["unit_id"]) or {}).get("n", 0)
            if text:
                (small if n < section["comment_k"] else big).add(text)
    return {t for t in small if not any(t in b for b in big) and len(t) > 12}


def test_no_statement_of_a_unit_under_comment_k_is_quoted(
    world: ResultsWorld, sample_dir: Path
) -> None:
    texts = _small_unit_texts(world, sample_dir)
    assert texts, "the sample should have statements written only in small units"
    html = _html(world)
    assert [t for t in texts if escape(t) in html] == []


def test_quotes_held_for_a_small_unit_are_not_shown(world: ResultsWorld) -> None:
    data = copy.deepcopy(world.data)
    entry = data["messages"]["key_messages"]["MSG_PROMISE"]
    uid, unit = next((u, e) for u, e in entry["units"].items() if 0 < e["n"] < 10)
    unit["themes"] = [{"label": "x", "terms": ["x"], "n": 2, "share": 1.0, "examples": ["QUOTE-1"]}]
    side = _planted(data)["sides"][0]
    entry["units"][side["unit_id"]]["n"] = 9
    side["examples"] = [{"key_message": "MSG_PROMISE", "text": "QUOTE-2", "span": "48h"}]
    _store(world, data)
    html = _html(world)
    assert "QUOTE-1" not in html and "QUOTE-2" not in html


def test_html_in_a_statement_is_inert(world: ResultsWorld) -> None:
    data = copy.deepcopy(world.data)
    entry = data["messages"]["key_messages"]["MSG_PROMISE"]
    uid = next(u for u, e in entry["units"].items() if e.get("themes"))
    entry["units"][uid]["themes"][0]["examples"] = ["<script>alert('x')</script>"]
    entry["units"][uid]["themes"][0]["terms"] = ["<b>gras</b>"]
    _store(world, data)
    html = _html(world)
    assert "<script>alert" not in html and "<b>gras</b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;gras&lt;/b&gt;" in html


def test_a_result_without_messages_says_why(world: ResultsWorld) -> None:
    _store(world, {**world.data, "messages": None})
    html = _html(world)
    assert "This analysis holds no key messages" in html
