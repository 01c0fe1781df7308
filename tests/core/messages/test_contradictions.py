"""The incompatibility rule between two units' modal commitments."""

import pandas as pd
import pytest

from eclaire.core.messages import UnitCommitment, extract_commitments, incompatibility
from eclaire.core.messages.analyze import commitment_contradictions


def unit(value, kind="delay", subject="delivery", bound="exact", condition=None):
    return UnitCommitment("U", kind, subject, value, None, bound, 5, 5, 10, condition)


@pytest.mark.parametrize(
    ("a", "b", "rule"),
    [
        (unit(48.0), unit(168.0), "delay_ratio"),
        (unit(48.0), unit(72.0), None),
        (unit(None, "discount", "discount"), unit(15.0, "discount", "discount"), "none_vs_value"),
        (unit(None, "discount", "discount"), unit(None, "discount", "discount"), None),
        (
            unit(10.0, "discount", "discount", "max"),
            unit(15.0, "discount", "discount", "max"),
            "discount_gap",
        ),
        (unit(10.0, "discount", "discount"), unit(15.0, "discount", "discount", "max"), None),
        (
            unit(24.0, "warranty", "warranty"),
            unit(60.0, "warranty", "warranty"),
            "warranty_differs",
        ),
        (unit(300.0, "price", "delivery"), unit(500.0, "price", "delivery"), "price_ratio"),
        (unit(100.0, "quantity", "quantity"), unit(120.0, "quantity", "quantity"), None),
        (
            unit(None, "discount", "discount", condition="sans validation"),
            unit(15.0, "discount", "discount", "max"),
            None,
        ),
        (unit(48.0, condition="sauf rupture"), unit(168.0), None),
        (unit(48.0), unit(168.0, condition="sauf urgence"), "delay_ratio"),
        (
            unit(24.0, "warranty", "warranty", condition="if registered"),
            unit(60.0, "warranty", "warranty"),
            None,
        ),
    ],
)
def test_incompatibility(a, b, rule):
    assert incompatibility(a, b) == rule
    assert incompatibility(b, a) == rule


def test_refuses_different_subjects():
    with pytest.raises(ValueError, match="same kind and subject"):
        incompatibility(unit(48.0), unit(48.0, subject="response"))


def test_no_discount_without_approval_does_not_contradict_fifteen_percent_at_most():
    import pandas as pd

    from eclaire.core.messages.analyze import commitment_contradictions

    texts = {
        "LYON": ["pas de remise sans validation !", "pas de remise sans validation du chef",
                 "aucune remise sans accord", "pas de remise", "la qualité"],
        "LILLE": ["15 % de remise max", "remise jusqu'à 15%", "15% max de remise",
                  "remise 15 % au plus", "vendre"],
    }  # fmt: skip
    rows = [{"unit_id": u, "text:MSG": t} for u, ts in texts.items() for t in ts]
    frame = pd.DataFrame(rows)
    assert commitment_contradictions(frame, "unit_id", ["text:MSG"], k=5) == []
    # A side is shown only when at least k members state it: all five do here.
    texts["LYON"] = ["pas de remise", "jamais de remise", "aucune remise", "no discount",
                     "pas de remise du tout"]  # fmt: skip
    texts["LILLE"] = texts["LILLE"][:4] + ["remise de 15 % maximum"]
    rows = [{"unit_id": u, "text:MSG": t} for u, ts in texts.items() for t in ts]
    found = commitment_contradictions(pd.DataFrame(rows), "unit_id", ["text:MSG"], k=5)
    assert [(c["kind"], c["subject"], c["rule"]) for c in found] == [
        ("discount", "discount", "none_vs_value")
    ]


def test_an_unqualified_lead_time_takes_the_units_qualifier():
    (bare,) = extract_commitments("lead time 3 weeks")
    assert (bare.subject, bare.unqualified) == ("delivery", True)
    for text in ("délai 6 semaines", "nos délais : 6 semaines"):
        assert [c.unqualified for c in extract_commitments(text)] == [True]
    for text in ("production lead time 3 weeks", "délai de livraison 48h", "livraison 48h",
                 "délai de fabrication 6 semaines", "lead time de production 6 semaines"):  # fmt: skip
        assert [c.unqualified for c in extract_commitments(text)] == [False], text
    assert "unqualified" not in bare.to_dict()

    texts = {
        "PROD": ["délai 6 semaines", "fabrication 6 semaines", "délai usine 6 semaines",
                 "délai 6 sem", "6 semaines de fab"],
        "LOG": ["délai 2 semaines", "2 semaines de délai", "transport 2 semaines",
                "livraison en 2 semaines", "quai"],
    }  # fmt: skip
    rows = [{"unit_id": u, "text:MSG": t} for u, ts in texts.items() for t in ts for _ in range(5)]
    found = commitment_contradictions(pd.DataFrame(rows), "unit_id", ["text:MSG"], k=5)
    assert found == []  # production 6 weeks (PROD) and delivery 2 weeks (LOG) do not compare
    texts["LOG"] = ["lead time a week", "we produce within a week", "manufacturing 1 week",
                    "lead time 1 week", "safety"]  # fmt: skip
    rows = [{"unit_id": u, "text:MSG": t} for u, ts in texts.items() for t in ts for _ in range(5)]
    found = commitment_contradictions(pd.DataFrame(rows), "unit_id", ["text:MSG"], k=5)
    assert [(c["subject"], c["rule"]) for c in found] == [("production", "delay_ratio")]
    assert [(s["unit_id"], s["n_stating"]) for s in found[0]["sides"]] == [
        ("LOG", 20),
        ("PROD", 25),
    ]


def test_a_unit_that_names_its_deliveries_keeps_lead_time_as_delivery():
    from eclaire.core.messages.contradictions import resolve_lead_times

    def first(text):
        (c,) = extract_commitments(text)
        return {(c.kind, c.subject): c}

    unit = [first(t) for t in ("lead time 3 weeks", "delivery in 3 weeks", "we produce in 1 week")]
    assert [list(r) for r in resolve_lead_times(unit)] == [[("delay", "delivery")]] * 2 + [
        [("delay", "production")]
    ]  # one production and one named delivery: the unqualified lead time stays delivery
    unit.append(first("manufacturing 2 weeks"))
    moved = resolve_lead_times(unit)
    assert list(moved[0]) == [("delay", "production")]
    assert moved[0][("delay", "production")] is unit[0][("delay", "delivery")]
    assert list(unit[0]) == [("delay", "delivery")]  # the input is left as it was


def test_no_false_contradiction_on_the_blind_cases():
    from pathlib import Path

    from eclaire.core.messages.evaluation import contradiction_scores, load_jsonl

    data = Path(__file__).resolve().parents[2] / "data" / "messages"
    cases = load_jsonl(data / "contradictions_blind.jsonl")
    scores, errors = contradiction_scores(cases)
    assert scores.predicted == scores.tp, errors
    assert scores.recall >= 0.85, errors
