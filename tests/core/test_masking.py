"""Masking names in free texts: roster vocabulary, French entities, English heuristic."""

from __future__ import annotations

import pytest

from eclaire.core.masking import (
    PLACEHOLDERS,
    build_vocabulary,
    guess_language,
    mask_texts,
    names_from_emails,
)

FR, EN = PLACEHOLDERS["fr"], PLACEHOLDERS["en"]
VOCAB = build_vocabulary(
    ["jean-luc.vernier@acme.fr", "claire.fontanet@acme.fr", "p0@acme.fr", "contact@acme.fr"],
    ["Ventes Sud-Est", "Logistique Mâcon", "ADV"],
)


def test_names_come_from_the_local_part_of_roster_addresses():
    assert names_from_emails(["Jean-Luc.Vernier@acme.fr", "p0@acme.fr", "rh@acme.fr"]) == {
        "jean",
        "luc",
        "vernier",
    }


def test_roster_names_are_masked_whatever_their_case_and_accents():
    masked = mask_texts(["Il faut en parler avec VERNIER et jean-luc."], VOCAB)
    assert masked == [f"Il faut en parler avec {FR} et {FR}."]


def test_a_first_and_last_name_become_one_placeholder():
    assert mask_texts(["Demandez à Claire Fontanet."], VOCAB) == [f"Demandez à {FR}."]


def test_a_lowercase_common_word_that_is_also_a_roster_name_stays():
    assert mask_texts(["La consigne n'est pas claire."], VOCAB) == ["La consigne n'est pas claire."]


def test_french_person_entities_are_masked():
    (masked,) = mask_texts(
        ["Le problème vient surtout de Bernard Lefoulon qui ne répond jamais."], VOCAB
    )
    assert "Lefoulon" not in masked and "Bernard" not in masked and FR in masked


def test_unit_names_are_kept():
    text = "Il faut une discussion entre Ventes Sud-Est et Logistique Mâcon sur les délais."
    assert mask_texts([text], VOCAB) == [text]


def test_email_addresses_are_masked():
    (masked,) = mask_texts(["Écrivez à quelqu.un@exemple.fr pour les délais."], VOCAB)
    assert "@" not in masked


def test_english_capitalised_names_are_masked_by_the_heuristic():
    (masked,) = mask_texts(
        ["We never get the forecast from Tobias and the Monday meeting with Sales is useless."],
        VOCAB,
        placeholder=EN,
    )
    assert (
        masked
        == f"We never get the forecast from {EN} and the Monday meeting with Sales is useless."
    )


def test_english_name_opening_a_sentence_is_masked_when_a_surname_follows():
    (masked,) = mask_texts(
        ["Tobias Grunwald decides alone. It is not the team's way."], VOCAB, placeholder=EN
    )
    assert masked == f"{EN} decides alone. It is not the team's way."


def test_english_roster_names_are_masked_and_acronyms_kept():
    (masked,) = mask_texts(["The ADV team waits for vernier every week."], VOCAB, placeholder=EN)
    assert masked == f"The ADV team waits for {EN} every week."


def test_language_is_guessed_from_function_words():
    assert guess_language("Nous devons livrer les clients à temps") == "fr"
    assert guess_language("We must deliver to the customers on time") == "en"
    assert guess_language("OK", default="en") == "en"


@pytest.mark.slow
def test_a_batch_of_texts_is_masked_text_by_text_in_order():
    # Throughput is measured by bench/masking.py, not here.
    texts = [
        f"Réponse {i} : le délai promis est de 48 h mais Marc dit une semaine." for i in range(300)
    ]
    masked = mask_texts(texts, VOCAB)
    assert [m.split(" :")[0] for m in masked] == [f"Réponse {i}" for i in range(300)]
    assert all("Marc" not in m and FR in m for m in masked)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The London team decides and our Salesforce licences are shared", None),
        ("Customers in Germany wait; FedEx and the KPIs too", None),
        ("Warehouse B is colder than Warehouse A", None),
        ("Team leaders in Northern Ireland feel forgotten", None),
        ("Broken since Easter, busy on Tuesdays", None),
        ("Emily should be made team lead", "{EN} should be made team lead"),
        ("Oliver B. decides alone", "{EN}. decides alone"),
        ("Supplier Grunwald is late", "Supplier {EN} is late"),
        ("New hires from Poland and Romania, orders to Spain", None),
        ("Ikram and Sophie run sales admin", "{EN} and {EN} run sales admin"),
    ],
)
def test_english_heuristic_keeps_places_brands_and_events(text, expected):
    (masked,) = mask_texts([text], VOCAB, placeholder=EN)
    assert masked == (text if expected is None else expected.format(EN=EN))


def test_french_first_names_missed_by_the_model_are_masked():
    texts = ["Merci Sophie pour les points hebdo", "Élodie du support est débordée",
             "Livraison à la Rochelle sous 48h"]  # fmt: skip
    assert mask_texts(texts, VOCAB) == [
        "Merci [nom masqué] pour les points hebdo",
        "[nom masqué] du support est débordée",
        "Livraison à la Rochelle sous 48h",
    ]


def test_company_names_dates_and_compounds_are_not_people():
    vocabulary = build_vocabulary(["may.young@acme.com", "sage.grand@acme.com"], ["Sales"])
    texts = [
        "Orders from Cedar Trading and Johnson Controls arrive late.",
        "Recruiters from Kuehne+Nagel call every month.",
        "The Young Professionals programme is only for head office.",
        "Budgets were frozen in May again.",
        "Rose-gold packaging looks cheap.",
    ]
    assert mask_texts(texts, vocabulary, placeholder=EN, default_language="en") == texts
    french = ["On n'a jamais eu de formation sur le logiciel Sage.", "La région Grand Est."]
    assert mask_texts(french, vocabulary) == french


def test_a_roster_word_opening_a_sentence_as_its_subject_is_masked():
    vocabulary = build_vocabulary(["grace.rose@acme.com", "pierre.mark@acme.com"], ["ADV"])
    masked = mask_texts(
        ["Mark from logistics fixed it.", "Mark the dates.", "Grace's slides were clear."],
        vocabulary,
        placeholder=EN,
        default_language="en",
    )
    assert masked == [
        f"{EN} from logistics fixed it.",
        "Mark the dates.",
        f"{EN} slides were clear.",
    ]
    assert mask_texts(["Pierre est le seul à répondre.", "Petit à petit ça va."], vocabulary) == [
        f"{FR} est le seul à répondre.",
        "Petit à petit ça va.",
    ]
