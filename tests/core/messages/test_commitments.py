"""Commitment extraction: tricky cases in French and English, and an F1 floor on the labelled set."""

from pathlib import Path

import pytest

from eclaire.core.messages import extract_commitments
from eclaire.core.messages.evaluation import extraction_scores, load_jsonl

DATA = Path(__file__).resolve().parents[2] / "data" / "messages"


def one(text: str) -> dict:
    found = extract_commitments(text)
    assert len(found) == 1, found
    return found[0].to_dict()


@pytest.mark.parametrize(
    ("text", "kind", "subject", "value", "bound"),
    [
        ("Livraison sous 48h", "delay", "delivery", 48.0, "max"),
        ("livraison 48 h chrono", "delay", "delivery", 48.0, "exact"),
        ("expé ss 5j", "delay", "delivery", 120.0, "max"),
        ("livraison 1 sem", "delay", "delivery", 168.0, "exact"),
        ("on livre sous huitaine", "delay", "delivery", 192.0, "max"),
        ("livraison J+2", "delay", "delivery", 48.0, "exact"),
        ("en 24h chrono pour livrer", "delay", "delivery", 24.0, "exact"),
        ("une semaine de délai de livraison", "delay", "delivery", 168.0, "exact"),
        ("shipping in two weeks", "delay", "delivery", 336.0, "exact"),
        ("call back within 4 hours", "delay", "response", 4.0, "max"),
        ("RÉPONSE CLIENT SOUS 2H !!", "delay", "response", 2.0, "max"),
        ("remise de 10 %", "discount", "discount", 10.0, "exact"),
        ("-20% sur les fins de série", "discount", "discount", 20.0, "exact"),
        ("up to 15% off for key accounts", "discount", "discount", 15.0, "max"),
        ("minimum 50 pièces", "quantity", "quantity", 50.0, "min"),
        ("MOQ 100", "quantity", "quantity", 100.0, "min"),
        ("garantie 2 ans", "warranty", "warranty", 24.0, "exact"),
        ("2-year warranty", "warranty", "warranty", 24.0, "exact"),
        ("franco de port dès 500€ HT", "price", "delivery", 500.0, "min"),
        ("commande mini 5 k€", "price", "quantity", 5000.0, "min"),
    ],
)
def test_extracts_and_normalizes(text, kind, subject, value, bound):
    got = one(text)
    assert (got["kind"], got["subject"], got["value"], got["bound"]) == (
        kind,
        subject,
        value,
        bound,
    )
    assert not got["negated"]


def test_business_days_count_one_point_four_calendar_days():
    got = one("delivery within 3 business days")
    assert got["value"] == pytest.approx(3 * 24 * 1.4)
    assert got["business_days"] is True
    assert one("sous 5 jours ouvrés")["value"] == pytest.approx(168.0)


@pytest.mark.parametrize("text", ["48-72h pour livrer", "livraison entre 48 et 72h", "48 à 72 h"])
def test_range_keeps_upper_value_as_maximum_and_lower_as_low(text):
    got = one(text)
    assert (got["value"], got["low"], got["bound"]) == (72.0, 48.0, "max")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("pas de remise", "discount"),
        ("jamais de remise !!", "discount"),
        ("no discount", "discount"),
        ("on ne fait jamais de remises", "discount"),
        ("we never discount", "discount"),
        ("aucune garantie", "warranty"),
        ("No warranty on consumables", "warranty"),
    ],
)
def test_value_free_negations(text, kind):
    got = one(text)
    assert (got["kind"], got["value"], got["negated"]) == (kind, None, True)


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("pas de remise au-delà de 15%", "max"),
        ("no discount beyond 10 %", "max"),
        ("pas plus de 10% de remise", "max"),
        ("pas moins de 5 jours pour la prod", "min"),
        ("no batch smaller than 100 units", "min"),
    ],
)
def test_negation_before_a_bound_flips_it_instead_of_negating(text, bound):
    got = one(text)
    assert got["bound"] == bound
    assert got["negated"] is False


def test_negated_delay_and_subject_carried_from_the_previous_clause():
    first, second = extract_commitments("livraison sous 72h, pas 48h")
    assert (first.value, first.negated) == (72.0, False)
    assert (second.subject, second.value, second.negated) == ("delivery", 48.0, True)


@pytest.mark.parametrize(
    "text",
    [
        "SAV joignable 24h/24 7j/7",
        "départ camion à 16h",
        "mis à jour chaque semaine",
        "prix ferme 12 mois",
        "Toujours dire oui au client 😅",
        "",
    ],
)
def test_opening_hours_clock_times_and_plain_words_are_not_commitments(text):
    assert extract_commitments(text) == []


def test_text_span_points_into_the_original_text():
    text = "Expé sous 5 jours ouvrés"
    (got,) = extract_commitments(text)
    assert text[got.start : got.end] == got.text_span == "5 jours ouvrés"


def test_rejects_non_text():
    with pytest.raises(ValueError, match="must be a string"):
        extract_commitments(48)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["commitments.jsonl", "commitments_holdout.jsonl"])
def test_labelled_set_f1_floor(name):
    items = load_jsonl(DATA / name)
    assert sum(i["lang"] == "fr" for i in items) >= 60
    scores, errors = extraction_scores(items)
    assert scores.f1 >= 0.9, errors


def test_labelled_set_size():
    items = load_jsonl(DATA / "commitments.jsonl")
    assert sum(i["lang"] == "fr" for i in items) >= 150
    assert sum(i["lang"] == "en" for i in items) >= 50
