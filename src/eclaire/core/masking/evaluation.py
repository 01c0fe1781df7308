"""Scoring name masking against labelled comments (``tests/data/masking``).

Token level: a person-name token is found when the masked text no longer shows it; an ordinary
token (every other word) is wrongly masked when it is gone. Tokens are aligned with
:class:`difflib.SequenceMatcher`, so the placeholder's own words do not count.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import PLACEHOLDERS, Vocabulary, mask_texts, normalise

__all__ = ["MaskingScores", "load_labelled", "score_masking"]

TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*\.?", re.UNICODE)


@dataclass(frozen=True)
class MaskingScores:
    """Counts of one language's comments; ``recall`` and ``false_rate`` as shares."""

    comments: int
    name_tokens: int
    found: int
    ordinary_tokens: int
    wrongly_masked: int

    @property
    def recall(self) -> float:
        return self.found / self.name_tokens if self.name_tokens else 1.0

    @property
    def false_rate(self) -> float:
        return self.wrongly_masked / self.ordinary_tokens if self.ordinary_tokens else 0.0


def load_labelled(folder: Path, split: str | None = None) -> list[dict[str, Any]]:
    """The labelled comments of ``folder/comments.jsonl``, of one ``split`` or all."""
    lines = (folder / "comments.jsonl").read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines if line.strip()]
    return [i for i in items if split is None or i["split"] == split]


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def _gone(original: str, masked: str) -> set[int]:
    before = [t[2] for t in _tokens(original)]
    after = [t[2] for t in _tokens(masked)]
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    return {
        i
        for tag, i1, i2, _, _ in matcher.get_opcodes()
        if tag in ("replace", "delete")
        for i in range(i1, i2)
    }


def _person_tokens(text: str, persons: Sequence[str]) -> set[int]:
    spans = [(text.find(p), text.find(p) + len(p)) for p in persons]
    return {
        i
        for i, (start, end, _) in enumerate(_tokens(text))
        if any(start < high and end > low for low, high in spans)
    }


def score_masking(
    items: Iterable[Mapping[str, Any]], names: Iterable[str], lang: str
) -> MaskingScores:
    """Mask the ``lang`` comments of ``items`` with the roster ``names`` and count."""
    subset = [i for i in items if i["lang"] == lang]
    vocabulary = Vocabulary(names=frozenset(normalise(n) for n in names), keep=frozenset())
    masked = mask_texts(
        [i["text"] for i in subset],
        vocabulary,
        placeholder=PLACEHOLDERS[lang],
        default_language=lang,
    )
    found = total = wrong = ordinary = 0
    for item, text in zip(subset, masked, strict=True):
        gone = _gone(item["text"], text)
        person = _person_tokens(item["text"], item["persons"])
        found += len(gone & person)
        total += len(person)
        wrong += len(gone - person)
        ordinary += len(_tokens(item["text"])) - len(person)
    return MaskingScores(len(subset), total, found, ordinary, wrong)
