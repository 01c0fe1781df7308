"""The terminal summary reads the result like the pages and the report: same findings, same
number formats."""

from __future__ import annotations

from tests.core.result.samples import manager_gap, small_result

from eclaire.core.analysis.summary import summarize
from eclaire.core.result.findings import headline_findings
from eclaire.core.result.view import ResultView


def _data() -> dict:
    data = small_result(
        perception_gaps={"managers": [manager_gap("NAN", 2.17, 17, 0.29, True)], "segments": []}
    )
    data["reliability"] = {"clarity.priorities": {"alpha": 0.8123}}
    data["n_self_assessments"] = 1234
    return data


def test_french_summary_lists_the_headline_findings_with_french_numbers() -> None:
    text = summarize(_data(), lang="fr")
    for found in headline_findings(ResultView(_data()), "fr"):
        assert found.text in text and found.evidence in text
    assert "Priorités 0,81" in text
    assert "1\u202f234 auto-évaluations" in text


def test_english_summary_uses_english_words_and_numbers() -> None:
    text = summarize(_data(), lang="en")
    assert "What stands out:" in text and "Priorities 0.81" in text
    assert "In Agence Nantes, the manager rates Priorities at 5.17 out of 5" in text
