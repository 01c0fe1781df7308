"""The web overview and the downloaded report read the result through one reader: they headline
the same findings (same order, same units, same numbers), in French and in English, and a French
page or report carries no English template text."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.urls import reverse

ResultsWorld = Any  # the ``world`` fixture of conftest.py

FINDING = re.compile(r'<li class="finding finding-(\w+)">(.*?)</li>', re.S)
ENGLISH = (
    "the", "and", "with", "of", "is", "are", "out of", "interval", "mean", "higher is better",
    "lower is better", "read with care", "small team", "small sample", "least shared", "weakest",
    "sum over", "shown", "hidden", "units", "team", "rates", "Symptoms", "Absence of",
)  # fmt: skip
"""English words that have no business in a French rendering (outside ``lang="en"`` elements)."""


def _text(fragment: str) -> str:
    plain = html.unescape(re.sub(r"<[^>]+>", " ", fragment))
    return " ".join(plain.replace("\u00a0", " ").replace("\u202f", " ").split())


def _findings(page: str) -> list[tuple[str, str, str]]:
    """(kind, sentence, evidence) of each headline finding of a page or report."""
    out = []
    for kind, body in FINDING.findall(page):
        sentence = re.search(r"<p>(?:<strong>)?(.*?)(?:</strong>)?</p>", body, re.S)
        evidence = re.search(r'<p class="evidence">(.*?)</p>', body, re.S)
        assert sentence and evidence, body
        out.append((kind, _text(sentence.group(1)), _text(evidence.group(1))))
    return out


def _get(
    world: ResultsWorld, who: str, url: str, lang: str, query: dict[str, str] | None = None
) -> str:
    response = world.clients[who].get(url, query or {}, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200, url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode()


def _report(world: ResultsWorld, who: str, lang: str) -> str:
    url = reverse("report_html", kwargs={"slug": "acme", "campaign": "w1"})
    return _get(world, who, url, lang, {"lang": lang})


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("who", ["coach", "manager"])
def test_overview_and_report_headline_the_same_findings(
    world: ResultsWorld, who: str, lang: str
) -> None:
    web = _findings(_get(world, who, world.url("overview"), lang))
    report = _findings(_report(world, who, lang))
    assert len(web) >= 2
    assert web == report


def _french_text(page: str) -> str:
    page = re.sub(r"<(style|script|svg|title)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r'<(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', " ", page, flags=re.S)
    return _text(page)


def _english_in(text: str) -> list[str]:
    return [w for w in ENGLISH if re.search(rf"(?<![\w'’-]){re.escape(w)}(?![\w'’-])", text)]


def _shown_child(world: ResultsWorld, parent: str) -> str:
    """A shown unit under ``parent`` (so its page compares it with the rest), else ``parent``."""
    kids = [u["unit_id"] for u in world.data["tree"] if u["parent_id"] == parent]
    return next((u for u in kids if not world.data["units"][u]["suppressed"]), parent)


def test_french_pages_and_report_carry_no_english_template_text(world: ResultsWorld) -> None:
    top = world.data["tree"][0]["unit_id"]
    for who, unit in (
        ("coach", _shown_child(world, top)),
        ("manager", _shown_child(world, world.scope_root)),
    ):
        pages = {name: world.url(name) for name in ("overview", "gaps", "priorities", "interfaces")}
        pages["unit"] = world.url("unit", unit_code=unit)
        for name, url in pages.items():
            text = _french_text(_get(world, who, url, "fr"))
            assert _english_in(text) == [], (who, name)
        assert _english_in(_french_text(_report(world, who, "fr"))) == [], (who, "report")


def test_the_index_components_say_which_way_is_better(world: ResultsWorld) -> None:
    page = _text(_get(world, "coach", world.url("overview"), "fr"))
    assert "Absence de symptômes" in page and "plus haut, c’est mieux" in page
    assert "moins, c’est mieux" not in page


def test_a_unit_page_compares_with_the_rest_of_the_organization(world: ResultsWorld) -> None:
    from eclaire.core.result.numbers import Numbers
    from eclaire.core.result.rest import rest_mean

    top = world.data["tree"][0]["unit_id"]
    unit = _shown_child(world, top)
    page = _text(_get(world, "coach", world.url("unit", unit_code=unit), "en"))
    assert "Compared with the rest" in page
    assert re.search(
        r"(clearly (higher|lower) than|not clearly different from) the rest of the organization",
        page,
    )
    name = next(u["name"] for u in world.data["tree"] if u["unit_id"] == top)
    assert f"against {name}" not in page
    code = next(iter(world.data["units"][unit]["scores"]))
    cells = (world.data["units"][top]["scores"][code], world.data["units"][unit]["scores"][code])
    rest = rest_mean(*cells, k=world.data["min_group"])
    assert rest is not None
    assert f"The rest of the organization: {Numbers('en').num(rest.value)}" in page
