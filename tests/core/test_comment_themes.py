"""Comments grouped by theme: every comment once, "other" last, independent of the order."""

from __future__ import annotations

import numpy as np

from eclaire.core.comment_themes import MIN_COMMENTS, comment_themes, typical_first, written
from eclaire.core.messages import CharNgramEmbedder

DELIVERY = ["Livraison sous 48h", "Livraison en 48h partout", "livraison 48h chrono"] * 2
SAFETY = ["La sécurité au quai", "Sécurité des caristes au quai", "sécurité quai"] * 2
TEXTS = DELIVERY + SAFETY + ["Rien à dire"]


def _groups(texts: list[str]) -> list[set[str]]:
    return [{texts[i] for i in t.members} for t in comment_themes(texts, lang="fr")]


def test_every_comment_is_in_exactly_one_theme():
    themes = comment_themes(TEXTS, lang="fr")
    positions = [i for t in themes for i in t.members]
    assert sorted(positions) == list(range(len(TEXTS)))


def test_comments_that_say_the_same_thing_share_a_theme():
    groups = _groups(TEXTS)
    assert any(set(DELIVERY) <= g for g in groups)
    assert not any(set(DELIVERY) & g and set(SAFETY) & g for g in groups)


def test_a_theme_is_named_by_the_terms_its_comments_share():
    themes = comment_themes(TEXTS, lang="fr")
    assert any("livraison" in t.terms for t in themes)
    assert any("securite" in t.terms and "sécurité" in t.label for t in themes)


def test_themes_do_not_depend_on_the_order_of_the_comments():
    assert sorted(map(sorted, _groups(TEXTS))) == sorted(map(sorted, _groups(TEXTS[::-1])))


def test_other_comes_last_and_holds_the_comments_without_a_shared_term():
    themes = comment_themes(["un", "deux", "trois", "quatre"], lang="fr")
    assert [t.is_other for t in themes] == [True] and themes[0].label == ""
    mixed = comment_themes(TEXTS, lang="fr", embedder=CharNgramEmbedder())
    assert [t.is_other for t in mixed] == [False] * (len(mixed) - 1) + [True]
    assert [TEXTS[i] for i in mixed[-1].members] == ["Rien à dire"]  # a theme of one is none


def test_too_few_comments_are_not_grouped():
    texts = ["Livraison sous 48h", "Livraison sous 48h"][: MIN_COMMENTS - 1]
    (only,) = comment_themes(texts, lang="fr")
    assert only.is_other and sorted(only.members) == list(range(len(texts)))
    assert comment_themes([], lang="fr") == []


def test_a_theme_is_named_in_the_words_its_comments_write():
    assert written(["commerciau", "delai", "48h"], ["Les commerciaux, délais", "délai 48h"]) == (
        "commerciaux",
        "délai",  # a tie between "délai" and "délais": the first in alphabetical order
        "48h",
    )
    assert written(["quai"], ["l'heure"]) == ("quai",)  # never written: the term itself


def test_the_most_typical_comments_come_first_each_text_once_before_its_repeats():
    texts = ["livraison sous 48h", "livraison sous 48h", "livraison 48h", "sécurité au quai"]
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [0.9, 0.436], [0.0, 1.0]])
    order = typical_first(texts, vectors, np.arange(4))
    assert [texts[i] for i in order] == [
        "livraison 48h",  # nearest the centroid (0.896, 0.444): cosine 1.0
        "livraison sous 48h",  # 0.896
        "sécurité au quai",  # 0.444
        "livraison sous 48h",  # the repeat comes after every distinct text
    ]
    assert typical_first(texts, vectors, np.array([3, 2, 1, 0])) == order
