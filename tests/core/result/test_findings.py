"""The one headline selection: the cases where the words used to be wrong, as regressions."""

from __future__ import annotations

from typing import Any

import pytest
from tests.core.result.samples import manager_gap as _gap
from tests.core.result.samples import small_result as _result

from eclaire.core.result.findings import Finding, all_findings, headline_findings
from eclaire.core.result.scope import scoped_result
from eclaire.core.result.view import ResultView


def _one(result: dict[str, Any], kind: str, lang: str = "en") -> Finding:
    found = [f for f in all_findings(ResultView(result), lang) if f.kind == kind]
    assert len(found) == 1, [f.kind for f in all_findings(ResultView(result), lang)]
    return found[0]


def _priorities(**units: float) -> dict[str, Any]:
    cells = {u: {"n": 17, "suppressed": False, "kendall_w": w} for u, w in units.items()}
    return {"overall": None, "units": cells, "distances": []}


def test_one_unit_in_a_managers_scope_is_not_called_least_shared() -> None:
    scoped = scoped_result(_result(priorities=_priorities(NAN=0.92)), {"NAN"})
    for lang, banned in (("en", "least"), ("fr", "moins partagées")):
        found = _one(scoped, "priorities", lang)
        assert banned not in found.text
        assert "Agence Nantes" in found.text and ("0.92" in found.text or "0,92" in found.text)


def test_strong_agreement_everywhere_is_not_called_least_shared() -> None:
    found = _one(_result(priorities=_priorities(NAN=0.92, DCO=0.85)), "priorities")
    assert "least shared" not in found.text
    assert "Direction commerciale" in found.text and "strong" in found.text


def test_weak_agreement_in_one_of_several_units_is_least_shared() -> None:
    found = _one(_result(priorities=_priorities(NAN=0.21, DCO=0.85)), "priorities")
    assert found.text.startswith("Priorities are least shared in Agence Nantes")
    assert found.unit_id == "NAN"


def test_seventeen_people_with_a_narrow_interval_get_no_small_team_warning() -> None:
    gaps = {"managers": [_gap("NAN", 2.17, 17, 0.29, small=True)], "segments": []}
    found = _one(_result(perception_gaps=gaps), "manager")
    assert found.caution == ""
    assert "small" not in found.text.lower()


def test_a_wide_team_interval_gets_a_caution_whatever_the_head_count() -> None:
    gaps = {"managers": [_gap("DCO", 1.5, 58, 0.71, small=False)], "segments": []}
    assert "0.71" in _one(_result(perception_gaps=gaps), "manager").caution
    assert "0,71" in _one(_result(perception_gaps=gaps), "manager", "fr").caution


def test_the_largest_manager_gap_is_chosen_whatever_the_team_size() -> None:
    rows = [_gap("DCO", 0.64, 58, 0.2, small=False), _gap("NAN", 2.17, 17, 0.29, small=True)]
    found = _one(_result(perception_gaps={"managers": rows, "segments": []}), "manager")
    assert found.unit_id == "NAN" and found.figures == (5.17, 3.0)


def test_a_single_link_is_not_called_the_weakest() -> None:
    link = {"from": "NAN", "to": "DCO", "n": 12, "score": 2.1, "ci95": [1.8, 2.4]}
    found = _one(_result(interfaces=[{**link, "suppressed": False, "rollup": False}]), "link")
    assert found.text.startswith("One link is measured")
    assert "weakest" not in found.text


def test_a_hidden_unit_is_never_headlined() -> None:
    data = _result(
        perception_gaps={"managers": [_gap("NAN", 2.17, 17, 0.29, True)], "segments": []}
    )
    data["units"]["NAN"] = {"n": 17, "suppressed": True, "reason": "complementary"}
    kinds = {f.kind for f in all_findings(ResultView(data), "en")}
    assert "manager" not in kinds


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_weakest_dimension_names_the_organization_not_its_top_unit(lang: str) -> None:
    found = headline_findings(ResultView(_result()), lang)[0]
    assert found.kind == "dimension" and "Direction générale" not in found.text
    assert found.figures == (3.4,)


def test_a_lever_figure_without_a_value_reads_back_from_its_dict() -> None:
    from eclaire.core.result.view import Figure

    figure = Figure("share_often", None, n=12, unit_id="NAN")
    assert Figure(**figure.to_dict()) == figure


def test_each_finding_says_how_sure_it_is_in_words() -> None:
    narrow = {"managers": [_gap("NAN", 2.17, 17, 0.29, small=True)], "segments": []}
    wide = {"managers": [_gap("DCO", 1.5, 58, 0.71, small=False)], "segments": []}
    for found in all_findings(ResultView(_result(perception_gaps=narrow)), "en"):
        assert found.sure, found.kind
    assert _one(_result(perception_gaps=narrow), "manager").sure.endswith("one person's view.")
    assert "une seule personne" in _one(_result(perception_gaps=wide), "manager", "fr").sure
    assert "narrow" in _one(_result(), "dimension").sure


def test_a_wide_interval_makes_the_figure_imprecise_in_words() -> None:
    from eclaire.core.result.findings import sureness
    from eclaire.core.result.numbers import Numbers

    en, fr = Numbers("en"), Numbers("fr")
    assert sureness(en, "estimate", True).startswith("An imprecise figure")
    assert sureness(en, "tested", False) == "Probably real, not noise."
    assert sureness(fr, "tested", False) == "Probablement réel, pas du bruit."


def test_the_first_screen_states_the_first_three_headline_findings() -> None:
    from eclaire.core.result.findings import FIRST_SCREEN, first_findings

    view = ResultView(_result())
    assert FIRST_SCREEN == 3
    assert first_findings(view, "fr") == headline_findings(view, "fr")[:3]
    assert len(first_findings(view, "fr")) == min(3, len(headline_findings(view, "fr")))
