"""Detector 1, every language: the organization's roster names, e-mail addresses, phone numbers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from eclaire.core.masking.lexicon import (
    MIN_OPENER_COUNT,
    WORD,
    _base,
    _is_first_name,
    _lexicon,
    is_common_word,
    normalise,
)
from eclaire.core.masking.not_people import (
    CALENDAR_PREPOSITIONS,
    EMAIL_GENERIC,
    EN_CAPITALISED_WORDS,
    EN_ORGANIZATION_WORDS,
    FR_DATE_WORDS,
    FR_HOLIDAYS,
    FR_NOT_BEFORE_NAMES,
    NAME_FOLLOWERS,
)
from eclaire.core.masking.patterns import (
    TITLES,
    Span,
    _adjacent,
    _calendar,
    _is_capitalised,
    _opens_sentence,
)
from eclaire.core.masking.words import EN_STOPWORDS, FR_STOPWORDS

EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
PHONE = re.compile(r"(?<!\w)\+?\d(?:[\s.-]?\d){7,}(?!\w)")
COMPOUND_WORD = re.compile(r"^[A-ZÀ-Ý].*-[a-zà-ÿ]")
NAME_JOINER = re.compile(r"\s*(?:,|\s(?:et|and|&))?\s*")


@dataclass(frozen=True)
class Vocabulary:
    """What one organization's texts are masked against.

    ``names``: normalised first and last names of people (always masked when capitalised).
    ``keep``: normalised words of unit names and functions, never taken for a person's name by
    the model or the heuristic.
    """

    names: frozenset[str]
    keep: frozenset[str]


def names_from_emails(emails: Iterable[str]) -> frozenset[str]:
    """Name tokens of addresses such as ``jean-luc.martin@x.fr``: jean-luc, jean, luc, martin.

    Tokens of fewer than three letters, digits-bearing parts and generic mailboxes (contact,
    info, rh…) are left out: they would mask ordinary words and name nobody.
    """
    found: set[str] = set()
    for email in emails:
        local = normalise(email.partition("@")[0])
        for part in re.split(r"[._+]", local):
            if not part.isascii() or any(c.isdigit() for c in part):
                continue
            found.update(p for p in part.split("-") if len(p) >= 3 and p.isalpha())
    return frozenset(found - EMAIL_GENERIC - FR_STOPWORDS - EN_STOPWORDS)


def build_vocabulary(
    emails: Iterable[str], unit_names: Iterable[str], *, extra_names: Iterable[str] = ()
) -> Vocabulary:
    """The vocabulary of an organization: roster names from ``emails`` (and ``extra_names``),
    and the words of its ``unit_names`` to keep."""
    names = set(names_from_emails(emails))
    names.update(normalise(n) for n in extra_names if len(n) >= 3)
    keep = {normalise(w) for name in unit_names for w in WORD.findall(name)}
    return Vocabulary(names=frozenset(names), keep=frozenset(keep - names))


def _vocabulary_spans(text: str, vocabulary: Vocabulary, language: str) -> list[Span]:
    spans = [m.span() for m in EMAIL.finditer(text)] + [m.span() for m in PHONE.finditer(text)]
    words = list(WORD.finditer(text))
    held = None  # held: an opening common word, masked if a name follows
    for i, match in enumerate(words):
        word = match.group()
        key = normalise(_base(word))
        previous = normalise(words[i - 1].group()) if i else ""
        titled = previous in TITLES
        if not {key, *key.split("-")} & vocabulary.names or COMPOUND_WORD.search(word):
            held = None  # "Rose-gold", "Saint-Laurent-du-Var": names capitalise each part
            continue
        following = words[i + 1] if i + 1 < len(words) else None
        opens = _opens_sentence(text, match.start())
        inside = _is_capitalised(word) and not opens
        if not titled and is_common_word(word, language):
            if inside and _names_a_thing(text, match, following, vocabulary, language, previous):
                held = None
                continue  # "la région Grand Est", "the Young Professionals programme", "in May"
            if not inside and not (
                opens and _is_capitalised(word) and _subject(word, following, text, language)
            ):
                held = match.span() if _is_capitalised(word) else None
                continue
        if held is not None and NAME_JOINER.fullmatch(text[held[1] : match.start()]):
            spans.append(held)  # "Pierre Martin", "Marie, Claire et …"
        held = None
        spans.append(match.span())
    return spans


def _names_a_thing(
    text: str,
    match: re.Match[str],
    following: re.Match[str] | None,
    vocabulary: Vocabulary,
    language: str,
    previous: str,
) -> bool:
    """A capitalised roster word that is also an ordinary word, inside a sentence, which names
    a place, a programme, a product or a date rather than the person: followed by a capitalised
    ordinary word that is no one's name ("Grand Est", "Young Professionals"), a month or a day
    after a preposition ("in May"), a holiday ("avant Noël"), a product or company after its
    noun ("le logiciel Sage")."""
    key = normalise(_base(match.group()))
    if (
        language == "en"
        and previous in CALENDAR_PREPOSITIONS
        and _calendar(key) in EN_CAPITALISED_WORDS
    ):
        return True
    if language == "fr" and (
        previous in FR_NOT_BEFORE_NAMES or (key in FR_HOLIDAYS and previous in FR_DATE_WORDS)
    ):
        return True  # "le logiciel Sage", "avant Noël"
    if following is None or not _adjacent(text, match, following):
        return False
    word = following.group()
    key = normalise(_base(word))
    return (
        _is_capitalised(word)
        and key not in vocabulary.names
        and not _is_first_name(word, language)
        and (
            key in EN_ORGANIZATION_WORDS
            or _lexicon(language).get(_base(word).lower(), 0) >= MIN_OPENER_COUNT
        )
    )


def _subject(word: str, following: re.Match[str] | None, text: str, language: str) -> bool:
    """A roster name that is also an ordinary word, opening a sentence as its subject: with a
    possessive ("Ivy's presentation") or before a word that follows a person ("Will is the
    only one", "Mark from logistics", "Pierre est le seul")."""
    if _base(word) != word:
        return True
    if following is None:
        return False
    after = following.group().casefold().replace("’", "'")  # accents kept: "a", not "à"
    if after in NAME_FOLLOWERS[language]:
        return True
    # "m'a", "nous a": the two words after the name
    rest = text[following.end() :].lstrip().split(" ", 1)[0].casefold()
    return f"{after} {rest}" in NAME_FOLLOWERS[language]
