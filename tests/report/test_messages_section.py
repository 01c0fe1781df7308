"""The key messages section of the report: present in both languages, the planted contradiction
stated in words, and no formulation quoted for a small group."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from eclaire.report.render import render_html


def _render(result: dict[str, Any], lang: str) -> str:
    return render_html(result, lang=lang, org_name="Acme", campaign_name="Vague 1")


def _section(html: str) -> str:
    start = html.index('<section class="chapter" id="key-messages"')
    return html[start : html.index("</section>", start)]


def _names(result: dict[str, Any]) -> dict[str, str]:
    return {u["unit_id"]: u["name"] for u in result["tree"]}


def _planted(result: dict[str, Any]) -> dict[str, Any]:
    """The best supported of the planted contradictions (delivery, 48 h against 168 h): the
    report shows the best supported first."""
    planted = [
        c
        for c in result["messages"]["contradictions"]
        if c["subject"] == "delivery" and {s["value"] for s in c["sides"]} == {48.0, 168.0}
    ]
    assert planted, "the sample's planted delivery contradiction is missing"
    return max(planted, key=lambda c: min(s["n_modal"] for s in c["sides"]))


@pytest.mark.parametrize(
    ("lang", "title", "subject", "week"),
    [
        ("fr", "Les messages clés", "Délai de livraison", "168 h (≈ 7 jours)"),
        ("en", "Key messages", "Delivery lead time", "168 h (≈ 7 days)"),
    ],
)
def test_section_states_the_planted_contradiction(
    result: dict[str, Any], lang: str, title: str, subject: str, week: str
) -> None:
    html = _render(result, lang)
    assert '<a href="#key-messages">' + title + "</a>" in html  # table of contents
    section = _section(html)
    assert subject in section and week in section and "48 h" in section
    # contradictions come before the per-message tables
    assert section.index(subject) < section.index('class="num">n</th>')


def test_every_contradiction_side_carries_its_n(result: dict[str, Any]) -> None:
    section = _section(_render(result, "en"))
    assert section.count("who state a value say this (unit: n\u00a0=\u00a0") >= 2


def test_small_groups_are_never_quoted(result: dict[str, Any]) -> None:
    data = copy.deepcopy(result)
    entry = data["messages"]["key_messages"]["MSG_PROMISE"]
    small = next(u for u, e in entry["units"].items() if 0 < e["n"] < data["messages"]["k"])
    entry["units"][small]["themes"] = [
        {"label": "x", "terms": ["x"], "n": 2, "share": 1.0, "examples": ["QUOTE-SMALL"]}
    ]
    side = _planted(data)["sides"][0]
    entry["units"][side["unit_id"]]["n"] = 9
    side["examples"] = [{"key_message": "MSG_PROMISE", "text": "QUOTE-NINE", "span": "48h"}]
    section = _section(_render(data, "fr"))
    assert "QUOTE-SMALL" not in section and "QUOTE-NINE" not in section
    assert _names(data)[side["unit_id"]] in section  # the unit is named, its words are not


def test_statements_are_inert(result: dict[str, Any]) -> None:
    data = copy.deepcopy(result)
    side = _planted(data)["sides"][1]
    side["examples"] = [{"key_message": "MSG_PROMISE", "text": "<b>5 jours</b>", "span": "5 jours"}]
    section = _section(_render(data, "en"))
    assert "<b>5 jours</b>" not in section and "&lt;b&gt;5 jours&lt;/b&gt;" in section


def test_a_result_without_messages_says_why(result: dict[str, Any]) -> None:
    section = _section(_render({**result, "messages": None}, "en"))
    assert "This analysis holds no key messages" in section
