"""Masking people in the verbatim examples of key messages: the policy of :mod:`eclaire.core.masking`.

Comments and key messages go through the same :func:`eclaire.core.masking.mask_texts` (roster
names, the French entity model, the English heuristic, titles, e-mail addresses and phone
numbers; ordinary words are never taken for names). Only the placeholder differs: a stored
result is read in French and in English, so its verbatims carry the neutral ``[…]``.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from eclaire.core.masking import Vocabulary, mask_texts, normalise

__all__ = ["MASK", "vocabulary_tokens", "mask_names"]

MASK = "[…]"
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)


def vocabulary_tokens(name_vocabulary: Collection[str]) -> frozenset[str]:
    """Normalised single tokens of every entry (``"Le Gall"`` → ``{"gall"}``), 3 letters or more."""
    if isinstance(name_vocabulary, str):
        raise ValueError("name_vocabulary must be a collection of names, not one string")
    tokens = set()
    for entry in name_vocabulary:
        for token in _TOKEN.findall(str(entry)):
            if len(token) >= 3:
                tokens.add(normalise(token))
                tokens.update(
                    normalise(part) for part in re.split(r"[-'’]", token) if len(part) >= 3
                )
    return frozenset(tokens)


def mask_names(text: str, vocabulary: frozenset[str]) -> str:
    """``text`` with names, e-mail addresses and phone numbers replaced by ``[…]``."""
    return _masked(text, frozenset(vocabulary))


@lru_cache(maxsize=16384)
def _masked(text: str, vocabulary: frozenset[str]) -> str:
    """:func:`mask_names`, computed once per distinct text and vocabulary."""
    names = Vocabulary(names=vocabulary, keep=frozenset())
    return mask_texts([text], names, placeholder=MASK)[0]
