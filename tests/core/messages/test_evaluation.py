"""Scoring of extraction against gold labels: ranges and conditions."""

from eclaire.core.messages.evaluation import same_commitment

GOLD = {
    "kind": "delay",
    "subject": "delivery",
    "value": 72.0,
    "unit": "h",
    "bound": "max",
    "negated": False,
}


def test_low_of_a_range_must_match_when_labelled():
    pred = {**GOLD, "low": 48.0}
    assert same_commitment(pred, {**GOLD, "low": 48.0})
    assert not same_commitment(pred, {**GOLD, "low": 24.0})
    assert not same_commitment(GOLD, {**GOLD, "low": 48.0})
    assert same_commitment(GOLD, {**GOLD, "low": None})


def test_condition_is_scored_present_or_absent_not_by_wording():
    gold = {**GOLD, "condition": "sauf rupture fournisseur"}
    assert same_commitment({**GOLD, "condition": "sauf rupture"}, gold)
    assert not same_commitment(GOLD, gold)
    assert not same_commitment({**GOLD, "condition": "sauf rupture"}, {**GOLD, "condition": None})


def test_unlabelled_fields_are_not_scored():
    assert same_commitment({**GOLD, "low": 48.0, "condition": "x"}, GOLD)
