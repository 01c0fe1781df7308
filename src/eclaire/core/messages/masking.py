"""Masking people in verbatim examples before they leave core.

Rules, the same in French and English (no named-entity model: spaCy's French NER trained on
Wikipedia misses most first names in short survey answers and flags unit names instead):

1. a capitalised token whose accent-free lower-case form is a token of ``name_vocabulary``
   (the roster and unit names the caller passes) is replaced by ``[…]``;
2. a capitalised token after a title (``M.``, ``Mme``, ``Mlle``, ``Mr``, ``Mrs``, ``Ms``,
   ``Dr``, ``monsieur``, ``madame``) or an ``@`` is replaced;
3. e-mail addresses and phone numbers (8 digits or more) are replaced.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from .embedders import fold

__all__ = ["MASK", "vocabulary_tokens", "mask_names"]

MASK = "[…]"
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\w)\+?\d(?:[\s.-]?\d){7,}(?!\w)")
_TITLED = re.compile(
    r"(?:(?<![\w])(?:M\.|Mme|Mlle|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|[Mm]onsieur|[Mm]adame)\s+|@)"
    r"(?P<name>[A-ZÀ-Ý][^\W\d_]*(?:[-'’][^\W\d_]+)*)"
)


def vocabulary_tokens(name_vocabulary: Collection[str]) -> frozenset[str]:
    """Folded single tokens of every entry (``"Le Gall"`` → ``{"gall"}``), 3 letters or more."""
    if isinstance(name_vocabulary, str):
        raise ValueError("name_vocabulary must be a collection of names, not one string")
    tokens = set()
    for entry in name_vocabulary:
        for token in _TOKEN.findall(str(entry)):
            if len(token) >= 3:
                tokens.add(fold(token))
                tokens.update(fold(part) for part in re.split(r"[-'’]", token) if len(part) >= 3)
    return frozenset(tokens)


def mask_names(text: str, vocabulary: frozenset[str]) -> str:
    """``text`` with names, e-mail addresses and phone numbers replaced by ``[…]``."""
    return _masked(text, frozenset(vocabulary))


@lru_cache(maxsize=16384)
def _masked(text: str, vocabulary: frozenset[str]) -> str:
    """:func:`mask_names`, computed once per distinct text and vocabulary."""
    text = _EMAIL.sub(MASK, text)
    text = _PHONE.sub(MASK, text)
    text = _TITLED.sub(lambda m: m.group(0)[: m.start("name") - m.start(0)] + MASK, text)

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token[0].isupper() and fold(token) in vocabulary:
            return MASK
        return token

    return _TOKEN.sub(replace, text) if vocabulary else text
