"""Open answers the way people type them: short, varied, sometimes abbreviated or misspelt.

Each sentence of :mod:`eclaire.core.sample.phrases` is turned once into a few variants (lower-case
start, no accents, abbreviations, a typo, trailing punctuation); respondents then pick variants with
numpy, so generation costs a few array look-ups per question and function.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np

from eclaire.core.instrument import Instrument
from eclaire.core.sample.phrases import (
    ABBREVIATIONS_EN,
    ABBREVIATIONS_FR,
    BLANK_RATE,
    EN,
    FR,
    Pools,
)

__all__ = ["open_answers"]

VARIANTS = 4
SPECIFIC_WEIGHT = 6.0
"""A sentence of the respondent's own function is this much likelier than a common one: enough
for a planted message (48 h in sales) to be stated by k people of a unit of 15, the threshold
a contradiction side needs (``eclaire.core.privacy.messages``)."""


def _strip_accents(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _typo(text: str, rng: np.random.Generator) -> str:
    """Swap, drop or double one letter inside a word."""
    letters = [i for i in range(1, len(text) - 1) if text[i].isalpha() and text[i + 1].isalpha()]
    if not letters:
        return text
    i = int(rng.choice(letters))
    kind = int(rng.integers(3))
    if kind == 0:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if kind == 1:
        return text[:i] + text[i + 1 :]
    return text[:i] + text[i] + text[i:]


def _variant(text: str, abbreviations: dict[str, str], rng: np.random.Generator) -> str:
    out = text
    if rng.random() < 0.35:
        for word, short in abbreviations.items():
            out = re.sub(rf"\b{re.escape(word)}\b", short, out)
    if rng.random() < 0.3:
        out = out[0].lower() + out[1:]
    if rng.random() < 0.2:
        out = _strip_accents(out)
    if rng.random() < 0.2:
        out = _typo(out, rng)
    ending = rng.choice(["", "", "", ".", " !", "..."])
    return out.rstrip(".!? ") + ending if ending else out


def _variants(
    sentences: tuple[str, ...], abbreviations: dict[str, str], rng: np.random.Generator
) -> list[str]:
    out: list[str] = []
    for sentence in sentences:
        out.append(sentence)
        out += [_variant(sentence, abbreviations, rng) for _ in range(VARIANTS - 1)]
    return out


def _pool(
    pools: Pools, code: str, function: str, abbreviations: dict[str, str], rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Sentences a person of ``function`` may write for ``code``, with their probabilities."""
    by_function = pools.get(code, pools["*"])
    common = _variants(by_function["*"], abbreviations, rng)
    own = _variants(by_function.get(function, ()), abbreviations, rng)
    weights = np.array([1.0] * len(common) + [SPECIFIC_WEIGHT] * len(own))
    return np.array(common + own, dtype=object), weights / weights.sum()


def open_answers(
    instrument: Instrument, functions: np.ndarray, lang: str, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """One object array per text question (``None`` where the respondent wrote nothing)."""
    pools, abbreviations = (EN, ABBREVIATIONS_EN) if lang == "en" else (FR, ABBREVIATIONS_FR)
    out: dict[str, np.ndarray] = {}
    for item in instrument.text_items:
        answers = np.full(len(functions), None, dtype=object)
        for function in np.unique(functions):
            rows = np.flatnonzero(functions == function)
            sentences, p = _pool(pools, item.code, str(function), abbreviations, rng)
            answers[rows] = sentences[rng.choice(len(sentences), size=len(rows), p=p)]
        blank = rng.random(len(functions)) < BLANK_RATE.get(item.code, BLANK_RATE["*"])
        answers[blank] = None
        out[item.code] = answers
    return out
