"""The report's external-mirror chapter renders the same section as the page, in both languages."""

from __future__ import annotations

from html import unescape

from tests.core.levers_samples import sample_and_result
from tests.core.signals.test_sample_echoes import read_back

from eclaire.core.result.view import ResultView
from eclaire.core.sample.signals import generate_signals
from eclaire.core.signals import measure_signals
from eclaire.core.signals.section import mirror_section
from eclaire.report import render_html
from eclaire.report.render import tie


def test_report_carries_the_mirror_in_both_languages() -> None:
    sample, result = sample_and_result(40, 1)
    frame, truth = generate_signals(sample.units, sample.truth, 1)
    measures = measure_signals(read_back(frame))
    for lang, title, word in (
        ("fr", "Miroir externe", "médiation"),
        ("en", "External mirror", "mediation"),
    ):
        section = mirror_section(ResultView(result, lang), measures, lang)
        html = render_html(
            result, lang=lang, org_name="Org", campaign_name="W1", external_mirror=section
        )
        assert f'id="mirror-h">{title}' in html and word in html
        assert tie(section["echoes"][0]["text"]) in unescape(html)  # as the report ties words
    assert 'id="mirror-h"' not in render_html(result, lang="fr", org_name="Org", campaign_name="W1")


def test_the_period_of_the_signals_is_said_in_months() -> None:
    sample, result = sample_and_result(40, 1)
    frame, _truth = generate_signals(sample.units, sample.truth, 1)
    measures = measure_signals(read_back(frame))
    months = sorted(p for p in measures.groups["period"].unique() if p != "all")
    year, first = months[0].split("-")
    fr = mirror_section(ResultView(result, "fr"), measures, "fr")["summary"]
    en = mirror_section(ResultView(result, "en"), measures, "en")["summary"]
    names = {"01": ("janvier", "January"), "02": ("février", "February"), "03": ("mars", "March")}
    assert f"entre {names[first][0]} {year} et " in fr and months[0] not in fr
    assert f"{names[first][1]} {year} to " in en and months[-1] not in en
