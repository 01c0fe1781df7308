"""Name masking on comments written before the rules were tuned (tests/data/masking).

Rules were tuned on the "tune" half; these assertions read the "holdout" half only.
Targets of the key-messages issue: person names found >= 0.95, ordinary words masked <= 1 %.
"""

from pathlib import Path

import pytest

from eclaire.core.masking.evaluation import load_labelled, score_masking

DATA = Path(__file__).resolve().parents[1] / "data" / "masking"


def holdout(lang: str):
    names = (DATA / f"roster_vocabulary_{lang}.txt").read_text(encoding="utf-8").split()
    return score_masking(load_labelled(DATA, "holdout"), names, lang)


def test_french_holdout_meets_the_targets() -> None:
    scores = holdout("fr")
    assert scores.recall >= 0.95
    assert scores.false_rate <= 0.01


def test_english_holdout_meets_the_targets() -> None:
    # 0.917 and 1.4 % on the first 53 held-out comments alone, before the company-name,
    # sentence-subject and world first-name rules (docs/comments.md).
    scores = holdout("en")
    assert scores.recall >= 0.95
    assert scores.false_rate <= 0.01


def test_english_tune_half() -> None:
    names = (DATA / "roster_vocabulary_en.txt").read_text(encoding="utf-8").split()
    scores = score_masking(load_labelled(DATA, "tune"), names, "en")
    assert scores.recall >= 0.95
    assert scores.false_rate <= 0.01


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_comment_of_the_tuned_half_loses_its_first_word_to_the_mask(lang: str) -> None:
    from eclaire.core.masking import PLACEHOLDERS, Vocabulary, _is_ordinary, mask_texts

    items = [i for i in load_labelled(DATA, "tune") if i["lang"] == lang and not i["persons"]]
    names = (DATA / f"roster_vocabulary_{lang}.txt").read_text(encoding="utf-8").split()
    vocabulary = Vocabulary(names=frozenset(names), keep=frozenset())
    masked = mask_texts([i["text"] for i in items], vocabulary, placeholder=PLACEHOLDERS[lang])
    # An ordinary word opening a comment ("Livraison sous 48h"); a magazine named after two
    # first names ("Marie Claire, Elle, Vogue") is a known miss, not this kind.
    opened = [
        i["text"]
        for i, m in zip(items, masked, strict=True)
        if m.startswith(PLACEHOLDERS[lang]) and _is_ordinary(i["text"].split()[0], lang)
    ]
    assert opened == []
