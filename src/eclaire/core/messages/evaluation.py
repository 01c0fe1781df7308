"""Scoring commitment extraction and contradiction flags against a labelled set.

Extraction: a predicted commitment is a true positive when a gold commitment of the same
statement has the same ``kind``, ``subject``, ``unit``, ``bound`` and ``negated`` and a value
equal within 0.1 % (both ``None`` for value-free negations); where the gold item labels them,
the same ``low`` (lower end of a range, ``None`` if none) and a condition present on both or
absent on both (the wording is not compared); each gold item matches once.
Precision = TP / predicted, recall = TP / gold, F1 = 2PR / (P + R), micro-averaged over all
statements.

Contradiction flags: each labelled case gives the statements of two units and the
``(kind, subject)`` pairs on which they contradict each other; a flag is ``(case, kind,
subject)`` and is scored the same way. Cases run through
:func:`~eclaire.core.messages.analyze.commitment_contradictions` with ``k = 5``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .commitments import extract_commitments

__all__ = [
    "Scores",
    "load_jsonl",
    "same_commitment",
    "extraction_scores",
    "flag_scores",
    "contradiction_scores",
]

FIELDS = ("kind", "subject", "unit", "bound", "negated")


@dataclass(frozen=True)
class Scores:
    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """One JSON object per non-blank line."""
    lines = Path(path).read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-3 * max(abs(b), 1e-9)


def same_commitment(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    if any(pred[f] != gold[f] for f in FIELDS):
        return False
    if "low" in gold and not _same_number(pred.get("low"), gold["low"]):
        return False
    if "condition" in gold and bool(pred.get("condition")) != bool(gold["condition"]):
        return False
    return _same_number(pred["value"], gold["value"])


def _match(preds: Sequence[Mapping[str, Any]], golds: Sequence[Mapping[str, Any]]) -> int:
    left = list(golds)
    tp = 0
    for pred in preds:
        hit = next((g for g in left if same_commitment(pred, g)), None)
        if hit is not None:
            left.remove(hit)
            tp += 1
    return tp


def extraction_scores(items: Iterable[Mapping[str, Any]]) -> tuple[Scores, list[dict[str, Any]]]:
    """Micro scores over labelled statements, and the statements with any error."""
    tp = predicted = gold = 0
    errors = []
    for item in items:
        preds = [c.to_dict() for c in extract_commitments(item["text"])]
        golds = item["commitments"]
        hits = _match(preds, golds)
        tp, predicted, gold = tp + hits, predicted + len(preds), gold + len(golds)
        if hits != len(preds) or hits != len(golds):
            errors.append(
                {"id": item.get("id"), "text": item["text"], "predicted": preds, "gold": golds}
            )
    return Scores(tp, predicted, gold), errors


def flag_scores(predicted: Iterable[tuple[str, ...]], gold: Iterable[tuple[str, ...]]) -> Scores:
    """Scores of two sets of flags (any hashable keys, e.g. ``(case, kind, subject)``)."""
    p, g = set(predicted), set(gold)
    return Scores(len(p & g), len(p), len(g))


def case_flags(case: Mapping[str, Any], k: int = 5) -> set[tuple[str, str, str]]:
    """Predicted ``(case id, kind, subject)`` flags of one labelled contradiction case.

    Each labelled statement counts as ``k`` respondents: a labelled unit has about 5 people,
    and a side is shown only when ``k`` people state its value, so without the copies the
    privacy threshold, not the extraction, would decide what is scored."""
    from .analyze import commitment_contradictions

    rows = [
        {"unit_id": unit, "text:MSG": text}
        for unit, texts in case["units"].items()
        for text in texts
        for _ in range(k)
    ]
    found = commitment_contradictions(pd.DataFrame(rows), "unit_id", ["text:MSG"], k=k)
    return {(case["id"], c["kind"], c["subject"]) for c in found}


def contradiction_scores(
    cases: Iterable[Mapping[str, Any]], k: int = 5
) -> tuple[Scores, list[dict[str, Any]]]:
    """Scores of the flags over labelled cases, and the cases with any error."""
    predicted: set[tuple[str, ...]] = set()
    gold: set[tuple[str, ...]] = set()
    errors = []
    for case in cases:
        mine = case_flags(case, k)
        theirs = {(case["id"], kind, subject) for kind, subject in case["flags"]}
        predicted |= mine
        gold |= theirs
        if mine != theirs:
            errors.append({"id": case["id"], "predicted": sorted(mine), "gold": sorted(theirs)})
    return flag_scores(predicted, gold), errors
