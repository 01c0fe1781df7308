"""Contradictory messages told to customers, through the key messages' commitment extraction."""

from __future__ import annotations

import pytest

from eclaire.core.signals import find_contradiction


@pytest.mark.parametrize(
    "text",
    [
        "On m'a promis 48 h, on me dit 5 jours.",
        "Le commercial annonçait une livraison sous 48h, la logistique parle d'une semaine",
        "Sales promised delivery in 2 days, support now says 2 weeks.",
        "Remise de 10 % promise par le commercial, l'ADV n'applique que 5 %",
    ],
)
def test_finds_two_commitments_that_disagree(text: str) -> None:
    found = find_contradiction(text)
    assert found is not None
    assert max(found.first_value, found.second_value) >= 1.5 * min(
        found.first_value, found.second_value
    )


@pytest.mark.parametrize(
    "text",
    [
        "Livraison sous 48 h comme prévu, merci.",
        "Commande livrée en retard.",
        "Délai de 48 h annoncé, livré en 2 jours.",
        "",
    ],
)
def test_no_contradiction_when_values_agree_or_are_absent(text: str) -> None:
    assert find_contradiction(text) is None
