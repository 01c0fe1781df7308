"""The external mirror's echoes as evidence of the mediation lever (core/levers/echoes.py)."""

from __future__ import annotations

import pytest
from tests.core.signals.test_sample_echoes import measured

from eclaire.core.conversation import first_conversation
from eclaire.core.levers import recommend
from eclaire.core.levers.text import describe_figure
from eclaire.core.result.view import ResultView
from eclaire.core.signals.echo import echo_findings

RULE = "customer_echo_interface"
QUIET_SURVEY = {  # the survey's own mediation rules out of reach: the echo stands alone
    "mediation_weak_interface.max_score": 1.0,
    "mediation_asymmetric_interface.min_asymmetry": 4.0,
}


def _echoes(seed: int, mode: str, coherent: bool) -> tuple[dict, list[dict]]:
    result, _truth, measures, _ = measured(seed, mode, coherent)
    return result, [e.to_dict() for e in echo_findings(ResultView(result, "fr"), measures)]


def _with_echo(recs):
    return [r for r in recs if any(e.rule_id == RULE for e in r.evidence)]


def test_the_sample_echo_joins_the_mediation_of_its_pair() -> None:
    result, echoes = _echoes(1, "planted", False)
    assert len(echoes) == 1
    echo = echoes[0]
    recs = recommend(result, echoes=echoes)
    found = _with_echo(recs)
    assert len(found) == 1
    rec = found[0]
    assert rec.lever == "mediation" and rec.target.kind == "pair"
    assert set(rec.target.unit_ids) == {echo["from_unit"], echo["to_unit"]}
    assert rec.id == "mediation:" + "+".join(rec.target.unit_ids)
    # the survey had already found this pair: one recommendation, the echo added to its evidence
    base = recommend(result)
    assert [r.id for r in base] == [r.id for r in recs]
    before = next(r for r in base if r.id == rec.id)
    assert [e.rule_id for e in rec.evidence] == [*(e.rule_id for e in before.evidence), RULE]
    assert rec.score >= before.score + 0.25 - 1e-9  # one more rule fired (ranking weight)
    evidence = next(e for e in rec.evidence if e.rule_id == RULE)
    assert "association" in evidence.text["en"] and "pas la preuve" in evidence.text["fr"]
    customer, inside = evidence.figures
    assert customer.measure == "customer_signal" and customer.item == echo["measure"]
    assert customer.value == echo["value"] and customer.n == echo["events"]
    assert customer.ci95 == (echo["lo"], echo["hi"]) and customer.reference == echo["organization"]
    assert inside.measure == "interface_score" and inside.value == echo["interface_score"]
    assert inside.n == echo["interface_n"]
    view = ResultView(result)
    words = describe_figure(customer, view, "en")
    assert words.startswith(f"{view.name(echo['from_unit'])} → {view.name(echo['to_unit'])}")
    assert "the share of escalations reaches 34%" in words and "n = " in words
    assert "la part d'escalades atteint 34 %" in describe_figure(customer, view, "fr")
    watched = [w for w in rec.watch if w.measure == "customer_signal"]
    assert [(w.item, w.direction, w.current) for w in watched] == [
        (echo["measure"], "down", echo["value"])
    ]
    first = first_conversation(result, recs)
    assert first is not None and first.recommendation_id == rec.id
    assert "not proof of a cause" in first.why_now["en"]


def test_an_echo_alone_makes_its_own_mediation() -> None:
    result, echoes = _echoes(1, "planted", False)
    base = recommend(result, overrides=QUIET_SURVEY)
    recs = recommend(result, overrides=QUIET_SURVEY, echoes=echoes)
    assert len(recs) == len(base) + 1
    rec = _with_echo(recs)[0]
    assert [e.rule_id for e in rec.evidence] == [RULE]
    assert rec.lever == "mediation" and rec.guide == "mediation_interface"
    assert rec.title["fr"].startswith("Médiation — ")
    margin = (echoes[0]["value"] - 1.5 * echoes[0]["organization"]) / (
        (echoes[0]["hi"] - echoes[0]["lo"]) / (2 * 1.959963984540054)
    )
    assert rec.evidence[0].margin == pytest.approx(margin)
    assert [r.rank for r in recs] == list(range(1, len(recs) + 1))


@pytest.mark.parametrize(
    ("seed", "mode", "coherent"), [(3, "all_coherent", True), (1, "planted", True)]
)
def test_no_echo_no_change(seed: int, mode: str, coherent: bool) -> None:
    result, echoes = _echoes(seed, mode, coherent)
    assert echoes == []
    assert [r.to_dict() for r in recommend(result, echoes=echoes)] == [
        r.to_dict() for r in recommend(result)
    ]


def test_an_echo_without_its_figures_is_refused() -> None:
    result, echoes = _echoes(1, "planted", False)
    broken = {k: v for k, v in echoes[0].items() if k not in ("lo", "hi")}
    with pytest.raises(ValueError, match=r"echo 1: expected the keys lo, hi"):
        recommend(result, echoes=[broken])
    with pytest.raises(ValueError, match=r"no rule 'other'"):
        recommend(result, echoes=[{**echoes[0], "rule": "other"}])
