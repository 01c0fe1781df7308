"""Which words are ordinary words of a language, and which are first names.

The word lists of :mod:`eclaire.core.masking` decide with these (see that module's docstring):
pyspellchecker's frequency lists (built from subtitles, proper names left out; MIT) and Faker's
first names and country names (MIT), both read once per process.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from functools import lru_cache

from eclaire.core.masking.words import EN_COMMON, EN_STOPWORDS, FR_COMMON

WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def normalise(word: str) -> str:
    """Lowercase without accents: ``Éloïse`` → ``eloise``."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


# Least count in the word-frequency lexicon for a word to be ordinary rather than a name; chosen
# on the "tune" half of tests/data/masking (bench/masking.py reports the "holdout" half).
MIN_COUNT = {"fr": 500, "en": 10000}
# A capitalised word opening an English sentence is held as the first half of a name ("Okafor
# Ade said") only when the lexicon counts it fewer times than this: first names that are not in
# the name lists keep a few hundred ("tobias" 207), ordinary nouns more ("supplier" 2,549).
MIN_OPENER_COUNT = 1000


@lru_cache(maxsize=2)
def _lexicon(language: str) -> dict[str, int]:
    """Word → count in pyspellchecker's frequency list of ``language`` (built from subtitles,
    proper names left out), or ``{}`` when the package is missing."""
    import gzip
    import json
    from importlib import resources

    try:
        data = resources.files("spellchecker").joinpath("resources", f"{language}.json.gz")
        return dict(json.loads(gzip.decompress(data.read_bytes())))
    except (ModuleNotFoundError, FileNotFoundError):
        return {}


@lru_cache(maxsize=65536)
def is_common_word(word: str, language: str) -> bool:
    """Whether ``word`` is an ordinary word rather than a name (see the module docstring)."""
    base = _base(word)
    if normalise(base) in (FR_COMMON if language == "fr" else EN_COMMON):
        return True
    lexicon = _lexicon(language)
    count = max(lexicon.get(base.lower(), 0), lexicon.get(normalise(base), 0))
    return count >= MIN_COUNT[language]


@lru_cache(maxsize=2)
def _first_names(language: str) -> frozenset[str]:
    """Normalised first names of Faker's person providers (``en_US`` and ``en_GB``, or
    ``fr_FR``), or an empty set when Faker is not installed."""
    locales = {"en": ("en_US", "en_GB"), "fr": ("fr_FR",)}[language]
    found: set[str] = set()
    for locale in locales:
        found |= _faker_first_names(locale)
    lexicon = _lexicon(language)
    for locale in WORLD_LOCALES:
        found |= {
            n
            for n in _faker_first_names(locale)
            if len(n) >= 3 and n.isascii() and lexicon.get(n, 0) < MIN_COUNT[language]
        }
    return frozenset(found)


# Colleagues come from everywhere: the first names of these Faker locales count too (in Latin
# script, and only those the language's lexicon does not count as an ordinary word).
WORLD_LOCALES = (
    "en_IN", "en_NG", "en_KE", "en_PK", "yo_NG", "ig_NG", "tw_GH", "es_ES", "pt_PT", "pt_BR",
    "it_IT", "de_DE", "nl_NL", "pl_PL", "ro_RO", "tr_TR", "vi_VN", "fr_DZ",
)  # fmt: skip


@lru_cache(maxsize=32)
def _faker_first_names(locale: str) -> frozenset[str]:
    try:
        module = importlib.import_module(f"faker.providers.person.{locale}")
    except ModuleNotFoundError:
        return frozenset()
    names = getattr(module.Provider, "first_names", ())
    return frozenset(normalise(n) for n in (names.keys() if hasattr(names, "keys") else names))


@lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    """Normalised words of the English country names of Faker's address provider ("spain",
    "vietnam", "arab"…) and the nations of the United Kingdom, or those four alone."""
    found = {"england", "scotland", "wales", "britain"}
    try:
        module = importlib.import_module("faker.providers.address.en_US")
    except ModuleNotFoundError:
        return frozenset(found)
    for country in module.Provider.countries:
        found.update(normalise(w) for w in WORD.findall(country))
    return frozenset(found - EN_STOPWORDS)


@lru_cache(maxsize=65536)
def _is_first_name(word: str, language: str) -> bool:
    """A first name that is not also an ordinary word of the short lists (``Emily``, not
    ``Rose`` nor ``Will``)."""
    key = normalise(_base(word))
    return key in _first_names(language) and key not in (
        FR_COMMON if language == "fr" else EN_COMMON
    )


def _is_ordinary(word: str, language: str) -> bool:
    """An ordinary word of ``language`` that is not a first name: subtitles say "Emily" often."""
    return is_common_word(word, language) and not _is_first_name(word, language)


def _base(word: str) -> str:
    """``word`` without a possessive ``'s``: ``Laurence's`` → ``Laurence``."""
    return re.sub(r"['’]s$", "", word)
