"""What the detectors share: a span, sentence openings, titles, capitals, calendar words."""

from __future__ import annotations

import re

from eclaire.core.masking.not_people import EN_CAPITALISED_WORDS

SENTENCE_END = re.compile(r"[.!?:;\n•\-–—(\"«]\s*$")
TITLES = frozenset(
    ["m", "mm", "mme", "mmes", "mlle", "mr", "mrs", "ms", "dr", "monsieur", "madame"]
)

Span = tuple[int, int]


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _adjacent(text: str, left: re.Match[str], right: re.Match[str] | None) -> bool:
    return right is not None and not text[left.end() : right.start()].strip()


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start]
    return not before.strip() or bool(SENTENCE_END.search(before))


def _calendar(key: str) -> str:
    """``tuesdays`` → ``tuesday``: a plural day or month is still a calendar word."""
    singular = key[:-1] if key.endswith("s") else key
    return singular if singular in EN_CAPITALISED_WORDS else key
