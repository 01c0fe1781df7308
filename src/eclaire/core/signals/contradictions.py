"""Contradictory messages told to a customer, found in verbatims and ticket texts.

A text is a *contradiction* when it carries two commitments of the same kind and compatible
subjects whose values differ by at least :data:`MIN_RATIO` ("on m'a promis 48 h, on me dit
5 jours": two delays, 48 h and 120 h). The commitments come from the one extraction of the
key-messages analysis (:func:`eclaire.core.messages.commitments.extract_commitments`), so a
delay is read the same way in an employee's statement and in a customer's complaint.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from eclaire.core.messages.commitments import Commitment, extract_commitments

__all__ = ["MIN_RATIO", "Contradiction", "find_contradiction", "contradiction_flags"]

MIN_RATIO = 1.5
"""Two values of the same kind count as contradictory from this ratio (larger / smaller) up."""
COMPARED_KINDS = frozenset({"delay", "price", "discount", "percent", "warranty"})


@dataclass(frozen=True)
class Contradiction:
    """The two commitments that disagree, as written in the text."""

    kind: str
    subject: str
    first: str
    second: str
    first_value: float
    second_value: float


def _compatible(a: Commitment, b: Commitment) -> bool:
    if a.kind != b.kind or a.unit != b.unit:
        return False
    return a.subject == b.subject or "other" in (a.subject, b.subject)


def find_contradiction(text: str) -> Contradiction | None:
    """The first pair of commitments of ``text`` that contradict each other, if any."""
    if not text or not isinstance(text, str):
        return None
    found = [
        (c, float(c.value))
        for c in extract_commitments(text)
        if c.kind in COMPARED_KINDS and c.value is not None and not c.negated and c.value > 0
    ]
    for i, (a, va) in enumerate(found):
        for b, vb in found[i + 1 :]:
            if _compatible(a, b) and max(va, vb) / min(va, vb) >= MIN_RATIO:
                subject = a.subject if a.subject != "other" else b.subject
                return Contradiction(a.kind, subject, a.text_span, b.text_span, va, vb)
    return None


def contradiction_flags(texts: Iterable[object]) -> list[bool]:
    """For each text (``NaN`` or empty: no text), whether it holds a contradiction."""
    return [isinstance(t, str) and find_contradiction(t) is not None for t in texts]
