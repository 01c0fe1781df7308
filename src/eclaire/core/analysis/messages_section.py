"""``messages``: message drift between units, from the instrument's key-message questions.

A thin bridge to :mod:`eclaire.core.messages` (docs/result/messages.md), plus the component it
adds to the coherence index: for each unit, ``100 × (1 − mean distance of its statements'
centroid to the organization's consensus)`` over the key messages where it has at least k
statements, lowered by 10 points per commitment it contradicts with another unit (at most 30).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

import numpy as np

from .context import AnalysisContext
from .index_section import Component

if TYPE_CHECKING:
    # the message analysis (its patterns, its embedders) is imported only when it runs:
    # a tenth of a second that ``--no-messages`` does not pay
    from eclaire.core.messages.embedders import Embedder

__all__ = ["messages_section", "messages_component", "CONTRADICTION_PENALTY"]

CONTRADICTION_PENALTY = 10.0
MAX_PENALTY = 30.0


def messages_section(
    ctx: AnalysisContext,
    *,
    lang: str = "fr",
    embedder: Embedder | None = None,
    name_vocabulary: Collection[str] = (),
    comment_k: int = 10,
) -> dict[str, Any] | None:
    """The ``messages`` section, or ``None`` when the instrument has no key-message question."""
    columns = [f"text:{i.code}" for i in ctx.instrument.key_message_items]
    columns = [c for c in columns if c in ctx.responses.columns]
    if not columns:
        return None
    from eclaire.core.messages import analyze_messages

    return analyze_messages(
        ctx.responses,
        "unit_id",
        columns,
        parents=ctx.parents,
        k=ctx.k,
        comment_k=max(comment_k, ctx.k),
        embedder=embedder,
        lang=lang,
        name_vocabulary=name_vocabulary,
    )


def messages_component(section: dict[str, Any] | None) -> dict[str | None, Component]:
    """Per unit, the message-alignment component of the coherence index (0–100, no interval)."""
    if not section:
        return {}
    distances: dict[str, list[float]] = {}
    for message in section["key_messages"].values():
        drift = message["drift"]
        for unit_id, value in zip(drift["units"], drift.get("to_consensus", []), strict=False):
            if value is not None:
                distances.setdefault(unit_id, []).append(float(value))
    penalties: dict[str, float] = {}
    for contradiction in section.get("contradictions", []):
        for unit_id in contradiction["units"]:
            penalties[unit_id] = penalties.get(unit_id, 0.0) + CONTRADICTION_PENALTY
    out: dict[str | None, Component] = {}
    for unit_id, values in distances.items():
        value = 100.0 * (1.0 - float(np.mean(values))) - min(
            penalties.get(unit_id, 0.0), MAX_PENALTY
        )
        value = max(0.0, min(100.0, value))
        out[unit_id] = Component(value, value, value)  # no interval: enters at its point value
    return out
