"""Detector 3, English texts: capitalised words that look like names, for want of a model."""

from __future__ import annotations

import re

from eclaire.core.masking.lexicon import (
    MIN_OPENER_COUNT,
    WORD,
    _base,
    _country_words,
    _is_first_name,
    _is_ordinary,
    _lexicon,
    normalise,
)
from eclaire.core.masking.not_people import (
    EN_CAPITALISED_WORDS,
    EN_NOT_BEFORE_NAMES,
    EN_ORGANIZATION_WORDS,
)
from eclaire.core.masking.patterns import (
    TITLES,
    Span,
    _adjacent,
    _calendar,
    _is_capitalised,
    _opens_sentence,
)
from eclaire.core.masking.vocabulary import Vocabulary
from eclaire.core.masking.words import EN_STOPWORDS


def _heuristic_spans(text: str, vocabulary: Vocabulary, language: str = "en") -> list[Span]:
    """Capitalised words that look like names (see the module docstring)."""
    spans: list[Span] = []
    pending: Span | None = None  # a sentence-opening capitalised word, masked if a name follows
    previous, proper = "", False  # proper: the previous word is a capitalised ordinary word
    joined = False  # the held opener is followed by "and" or "or"
    words = list(WORD.finditer(text))
    for i, match in enumerate(words):
        word, key = match.group(), normalise(match.group())
        before, previous = normalise(previous), word
        after_proper = proper and _adjacent(text, words[i - 1], match)
        proper = (
            _is_capitalised(word)
            and not _opens_sentence(text, match.start())
            and _is_ordinary(word, language)
        )
        if before.rstrip(".") in TITLES and _is_capitalised(word) and key.rstrip(".") not in TITLES:
            spans.append(match.span())  # "Mrs White": a title names a person
            pending = None
            continue
        if len(word) == 1 and word.isupper():  # an initial ("Oliver B.") or "Warehouse B"
            if spans and not text[spans[-1][1] : match.start()].strip():
                spans.append(match.span())
            pending = None
            continue
        candidate = (
            _is_capitalised(word)
            and not (word.isupper() and len(word) > 1)
            and not _inner_capital(word)
            and key not in vocabulary.keep
            and _calendar(key) not in EN_CAPITALISED_WORDS
            and key not in EN_STOPWORDS
            and key.rstrip(".") not in TITLES
            and before not in EN_NOT_BEFORE_NAMES
            and (key not in _country_words() or _is_first_name(word, language))  # "Spain"
            and not (after_proper and not _is_first_name(word, language))  # "Northern Ireland"
            and not _in_company_name(text, words, i)  # "Cedar Trading", "Kuehne+Nagel"
        )
        if not candidate:
            if not (pending is not None and key in ("and", "or") and not joined):
                pending = None
            joined = pending is not None  # "Ikram and Sophie": held across the conjunction
            continue
        if joined and pending is not None and not _is_first_name(word, language):
            pending = None  # only a first name after "and" tells that the opener was a name too
        joined = False
        if _opens_sentence(text, match.start()):
            if _is_first_name(word, language):
                spans.append(match.span())  # "Emily should lead the team"
                pending = None
            else:  # "Okafor Ade said", not "Supplier Bosch": an opener unknown as a word
                known = _lexicon(language).get(_base(word).lower(), 0) >= MIN_OPENER_COUNT
                pending = None if known or _is_ordinary(word, language) else match.span()
            continue
        if _is_ordinary(word, language):
            pending = None
            continue
        if pending is not None:
            spans.append(pending)
        spans.append(match.span())
        pending = None
    return spans


def _in_company_name(text: str, words: list[re.Match[str]], i: int) -> bool:
    """A word of a company's name: a word that ends one ("Trading", "Hospitals", "Controls"),
    a capitalised word just before it ("Cedar Trading", "Johnson Controls"), or a word glued
    to another by ``+`` or ``&`` ("Kuehne+Nagel", "Marks&Spencer")."""
    match = words[i]
    if normalise(_base(match.group())) in EN_ORGANIZATION_WORDS:
        return True
    glued = text[max(match.start() - 1, 0) : match.start()] + text[match.end() : match.end() + 1]
    if any(c in "+&" for c in glued):
        return True
    following = words[i + 1] if i + 1 < len(words) else None
    return (
        following is not None
        and _adjacent(text, match, following)
        and _is_capitalised(following.group())
        and normalise(_base(following.group())) in EN_ORGANIZATION_WORDS
    )


def _inner_capital(word: str) -> bool:
    """``FedEx``, ``PowerPoint``, ``KPIs``: a capital inside the word (not after ``'``, ``-``,
    ``Mc`` or ``Mac``) marks a brand or an acronym, not a person's name."""
    base = re.sub(r"^Ma?c(?=[A-Z])", "", _base(word))
    return any(c.isupper() and base[i - 1] not in "'’-" for i, c in enumerate(base) if i > 0)
