"""The HTML report: every section in both languages, self-contained, nothing hidden shown."""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from eclaire.core.analysis.runner import run_analysis
from eclaire.report import render_html
from eclaire.report.catalogue import Catalogue
from eclaire.report.render import tie

SECTIONS = (
    "summary.title",
    "map.title",
    "interfaces.title",
    "gaps.title",
    "priorities.title",
    "symptoms.title",
    "questions.title",
    "method.title",
    "method.units_title",
    "glossary.title",
)
FIXED_DAY = dt.date(2026, 3, 2)


def _html(result: dict[str, Any], lang: str = "en", **kw: Any) -> str:
    return render_html(
        result,
        lang=lang,
        org_name="Maison Exemple",
        campaign_name="Vague 1",
        generated_on=FIXED_DAY,
        **kw,
    )


def _headings(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_section_heading_is_present(result: dict[str, Any], lang: str) -> None:
    html = _html(result, lang)
    cat = Catalogue(lang)
    headings = _headings(html)
    for key in SECTIONS:
        assert tie(cat.t(key)).replace("'", "&#39;") in headings, key
    assert f'<html lang="{lang}">' in html


def test_french_and_english_headings_are_the_expected_words(result: dict[str, Any]) -> None:
    assert "Synthèse" in _headings(_html(result, "fr"))
    assert "Glossaire" in _headings(_html(result, "fr"))
    assert "Summary" in _headings(_html(result, "en"))
    assert "Perception gaps" in _headings(_html(result, "en"))


def test_trend_section_appears_with_a_previous_wave(result_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "wave2.json"
    folder = result_file.parent
    run_analysis(
        instrument_ref="coherence",
        units_file=folder / "units.csv",
        responses_file=folder / "responses.csv",
        out=out,
        previous_file=result_file,
    )
    import json

    second = json.loads(out.read_text(encoding="utf-8"))
    assert second["trend"]
    assert "L&#39;évolution depuis la vague précédente" in _headings(_html(second, "fr"))
    assert "Change since the previous wave" in _headings(_html(second, "en"))


def test_trend_section_is_absent_without_a_previous_wave(result: dict[str, Any]) -> None:
    assert "Change since the previous wave" not in _html(result)


def test_report_is_self_contained(result: dict[str, Any]) -> None:
    html = _html(result)
    assert "http://" not in html and "https://" not in html
    for pattern in (r"<script", r"<link", r"<img", r"\ssrc\s*=", r"url\(", r"@import", r"<iframe"):
        assert not re.search(pattern, html, re.I), pattern
    assert "<style>" in html and "<svg" in html


def _poison(result: dict[str, Any]) -> dict[str, Any]:
    """Plant values in every hidden entry: a correct report ignores them all."""
    bad = copy.deepcopy(result)
    fake_cell = {
        "n": 9,
        "mean": 1.2345,
        "sd": 0.5,
        "ci95": [1.1, 1.3],
        "favorable": {"share": 0.987, "ci95": [0.9, 1.0]},
        "rwg": 0.123,
    }
    for entry in bad["units"].values():
        if entry["suppressed"]:
            entry["scores"] = {d["code"]: dict(fake_cell) for d in bad["dimensions"]}
    for entry in bad["coherence_index"]["units"].values():
        if entry["suppressed"]:
            entry.update(value=12.345, ci95=[1.0, 2.0], band="fragile", band_firm=True)
    for entry in bad["interfaces"]:
        if entry["suppressed"]:
            entry.update(
                score=1.0123, sd=0.1, ci95=[1.0, 1.05], asymmetry=-3.21, asymmetry_ci95=[-4, -3]
            )
    for entry in bad["perception_gaps"]["segments"]:
        if entry["suppressed"]:
            entry.update(
                mean_a=1.01,
                mean_b=4.99,
                difference=-3.98,
                difference_ci95=[-4, -3],
                hedges_g=-9.9,
                p_adjusted=0.0,
                significant=True,
            )
    for entry in bad["priorities"]["units"].values():
        if entry["suppressed"]:
            entry.update(kendall_w=0.01, distance_to_declared=0.99, consensus=["margin"])
    return bad


def test_hidden_groups_never_show_a_value(result: dict[str, Any]) -> None:
    data = copy.deepcopy(result)
    if not any(u["suppressed"] for u in data["units"].values()):
        # pooling leaves this sample no hidden unit: hide the last one as the rules would
        last = data["tree"][-1]["unit_id"]
        data["units"][last] = {"n": data["units"][last]["n"], "suppressed": True}
        data["units"][last]["reason"] = "below_threshold"
    for lang in ("fr", "en"):
        assert _html(_poison(data), lang) == _html(data, lang)


def test_hidden_units_show_their_headcount_and_the_word_hidden(result: dict[str, Any]) -> None:
    html = _html(result)
    hidden = [(uid, u) for uid, u in result["units"].items() if u["suppressed"]]
    names = {row["unit_id"]: row["name"] for row in result["tree"]}
    for uid, unit in hidden:
        row = re.search(
            rf">{re.escape(names[uid])}</th><td class=\"num\">{unit['n']}</td>\s*"
            r"<td colspan=\"\d+\" class=\"hidden-cell\">hidden</td>",
            html,
        )
        assert row, names[uid]


def test_free_text_is_never_rendered(result: dict[str, Any]) -> None:
    data = copy.deepcopy(result)
    data["comments"] = [{"unit_id": "U001", "text": "TEXTE-LIBRE-SECRET"}]
    data["units"]["U001"]["comment"] = "TEXTE-LIBRE-SECRET"
    data["perception_gaps"]["managers"][0]["note"] = "TEXTE-LIBRE-SECRET"
    assert "TEXTE-LIBRE-SECRET" not in _html(data)


def test_first_conversation_and_levers_are_rendered_escaped(result: dict[str, Any]) -> None:
    html = _html(
        result,
        first_conversation={
            "who": "La directrice commerciale",
            "with_whom": "Le responsable <b>ADV</b>",
            "about": "Les délais promis",
            "why_now": "Avant la saison",
            "format": "Médiation",
            "opening_questions": ["Qu'est-ce qui est négociable ?"],
        },
        recommendations=[
            {
                "lever": "Team coaching",
                "target": "Sales and ADV",
                "evidence": "asymmetry −1.2",
                "strength": "strong",
                "urgency": "high",
            }
        ],
    )
    assert "Le responsable &lt;b&gt;ADV&lt;/b&gt;" in html
    assert "Team coaching" in html and "Recommended levers" in html
    assert "Not chosen yet" not in html


def test_first_conversation_placeholder_without_levers(result: dict[str, Any]) -> None:
    assert "Not chosen yet" in _html(result)


def test_every_finding_states_its_n(result: dict[str, Any]) -> None:
    html = _html(result)
    block = re.search(r'<ol class="findings">(.*?)</ol>', html, re.S)
    assert block
    items = re.findall(r"<li[^>]*>(.*?)</li>", block.group(1), re.S)
    assert 3 <= len(items) <= 5
    for item in items:
        assert "n\u00a0=\u00a0" in item


def test_charts_are_accessible(result: dict[str, Any]) -> None:
    html = _html(result)
    charts = re.findall(r"<svg[^>]*>", html)
    assert charts and all('role="img"' in c and "aria-labelledby" in c for c in charts)
    assert html.count("<title id=") == len(charts)
    assert html.count("<caption>") >= 8 and 'scope="col"' in html


def test_unknown_language_is_refused(result: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="lang"):
        _html(result, "de")


def test_the_same_result_gives_the_same_report(result: dict[str, Any]) -> None:
    assert _html(result) == _html(copy.deepcopy(result))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_first_page_states_the_three_first_findings_then_the_conversation(
    result: dict[str, Any], lang: str
) -> None:
    from html import unescape

    from eclaire.core.result.findings import first_findings
    from eclaire.core.result.view import ResultView

    first = first_findings(ResultView(result), lang)
    html = _html(
        result,
        lang=lang,
        first_conversation={
            "who": "La directrice commerciale",
            "with_whom": "ADV",
            "about": "Les délais promis",
            "listen_for": ["Ce que chacun croit négociable"],
            "closing": "Un engagement écrit, daté.",
        },
    )
    summary = html[html.index('id="summary"') : html.index('id="map"')]
    block = re.search(r'<ol class="findings">(.*?)</ol>', summary, re.S)
    assert block and len(first) == 3
    items = re.findall(r"<li[^>]*>(.*?)</li>", block.group(1), re.S)
    assert len(items) == 3
    for item, found in zip(items, first, strict=True):
        assert tie(found.text) in unescape(item)
        assert found.sure and tie(found.sure) in unescape(item)
    conversation = summary.index("Ce que chacun croit négociable")
    assert block.end() < conversation < summary.index("index-box")
    assert "Un engagement écrit, daté." in summary
