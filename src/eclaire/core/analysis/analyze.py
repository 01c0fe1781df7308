"""``analyze``: the whole diagnostic of one campaign, as one JSON-serializable dict.

The sections are computed in a fixed order and each is owned by its own module; the result is
described by ``docs/result.schema.json`` and documented in ``docs/result.md``. The analysis is
deterministic: the same inputs give the same result, key for key.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from eclaire import __version__
from eclaire.core.collector import frozen_inputs
from eclaire.core.instrument import Instrument
from eclaire.core.levers.section import levers_section
from eclaire.core.privacy.auditor import Auditor

from .agreement_section import agreement_section
from .context import AnalysisContext, build_context
from .disclosure import register_result
from .gaps_section import gaps_section
from .index_section import DEFAULT_WEIGHTS, index_section
from .interfaces_section import interfaces_section
from .lanes import sections_then_audit
from .messages_section import messages_component, messages_section
from .priorities_section import priorities_section
from .reliability_section import reliability_section
from .symptoms_section import symptoms_section
from .trend_section import trend_section
from .units_section import units_section

if TYPE_CHECKING:  # the message analysis is imported when it runs (messages_section)
    from eclaire.core.messages.embedders import Embedder

__all__ = ["analyze", "analyze_audited", "RESULT_SCHEMA_VERSION"]

RESULT_SCHEMA_VERSION = 1
Progress = Callable[[str], None]
MESSAGES_WEIGHT = 0.10
"""Share of message alignment in the coherence index; the other weights keep their ratios."""


def _meta(ctx: AnalysisContext) -> dict[str, Any]:
    inst = ctx.instrument
    depth = {u: 0 for u in ctx.order}
    for unit_id in ctx.order:
        parent = ctx.parents[unit_id]
        depth[unit_id] = 0 if parent is None else depth[parent] + 1
    return {
        "instrument": {"id": inst.id, "version": inst.version, "languages": list(inst.languages)},
        "dimensions": [
            {
                "code": d.code,
                "family": d.family,
                "name": dict(d.name),
                "items": [i.code for i in d.items],
            }
            for d in inst.dimensions
        ],
        "tree": [
            {
                "unit_id": u,
                "name": ctx.unit_info[u].get("name", u),
                "parent_id": ctx.parents[u],
                "function": ctx.unit_info[u].get("function", ""),
                "site_kind": ctx.unit_info[u].get("site_kind", ""),
                "depth": depth[u],
            }
            for u in ctx.order
        ],
    }


def _messages(
    ctx: AnalysisContext,
    enabled: bool,
    lang: str | None,
    embedder: Embedder | None,
    name_vocabulary: Collection[str],
) -> dict[str, Any] | None:
    if not enabled:
        return None
    return messages_section(
        ctx,
        lang=lang or ctx.instrument.languages[0],
        embedder=embedder,
        name_vocabulary=name_vocabulary,
    )


def analyze(
    instrument: Instrument,
    units: pd.DataFrame,
    responses: pd.DataFrame,
    *,
    min_group: int = 5,
    declared_priorities: Sequence[str] = (),
    previous: dict[str, Any] | None = None,
    progress: Progress | None = None,
    messages: bool = True,
    lang: str | None = None,
    name_vocabulary: Collection[str] = (),
    embedder: Embedder | None = None,
    lever_overrides: Mapping[str, float] | None = None,
    processes: int = 2,
) -> dict[str, Any]:
    """Run every section on one campaign.

    ``units`` is a units table (unit_id, name, parent_id, function, site_kind); ``responses`` a
    responses frame in the shape of docs/conventions.md (manager self-assessments marked by a
    true ``self`` column); ``min_group`` the anonymity threshold k (3 or more); ``previous`` the
    result of an earlier wave, for the trend. Every figure is audited before the result is
    returned (:mod:`.disclosure`): a figure that would let anyone isolate fewer than k people
    is hidden, or the analysis raises :class:`~eclaire.core.privacy.auditor.DisclosureError`.
    ``processes``: 2 lets a forked child compute part of a large campaign on a second core
    (:mod:`.lanes`; Linux only), 1 keeps everything in this process; the result is the same.
    """
    return _run(
        instrument,
        units,
        responses,
        min_group=min_group,
        declared_priorities=declared_priorities,
        previous=previous,
        progress=progress,
        messages=messages,
        lang=lang,
        name_vocabulary=name_vocabulary,
        embedder=embedder,
        lever_overrides=lever_overrides,
        processes=processes,
    )[0]


def analyze_audited(
    instrument: Instrument,
    units: pd.DataFrame,
    responses: pd.DataFrame,
    *,
    min_group: int = 5,
    declared_priorities: Sequence[str] = (),
    previous: dict[str, Any] | None = None,
    progress: Progress | None = None,
    messages: bool = True,
    lang: str | None = None,
    name_vocabulary: Collection[str] = (),
    embedder: Embedder | None = None,
    lever_overrides: Mapping[str, float] | None = None,
    processes: int = 2,
) -> tuple[dict[str, Any], Auditor]:
    """:func:`analyze`, with an auditor holding every figure of the finished result (tests
    and the adversarial suite run ``auditor.audit()`` on it; it must find nothing)."""
    result, ctx = _run(
        instrument,
        units,
        responses,
        min_group=min_group,
        declared_priorities=declared_priorities,
        previous=previous,
        progress=progress,
        messages=messages,
        lang=lang,
        name_vocabulary=name_vocabulary,
        embedder=embedder,
        lever_overrides=lever_overrides,
        processes=processes,
    )
    return result, register_result(ctx, result)


@frozen_inputs()  # the collector need not visit the inputs while they are analyzed
def _run(
    instrument: Instrument,
    units: pd.DataFrame,
    responses: pd.DataFrame,
    *,
    min_group: int = 5,
    declared_priorities: Sequence[str] = (),
    previous: dict[str, Any] | None = None,
    progress: Progress | None = None,
    messages: bool = True,
    lang: str | None = None,
    name_vocabulary: Collection[str] = (),
    embedder: Embedder | None = None,
    lever_overrides: Mapping[str, float] | None = None,
    processes: int = 2,
) -> tuple[dict[str, Any], AnalysisContext]:
    say = progress or (lambda _message: None)
    ctx = build_context(
        instrument, units, responses, min_group=min_group, declared_priorities=declared_priorities
    )
    result: dict[str, Any] = {
        "schema_version": RESULT_SCHEMA_VERSION,
        "generator": f"eclaire {__version__}",
        "n_responses": len(ctx.responses),
        "n_self_assessments": len(ctx.self_assessments),
        "min_group": ctx.k,
        **_meta(ctx),
    }
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("reliability", lambda: reliability_section(ctx)),
        ("units", lambda: units_section(ctx)),
        ("agreement", lambda: agreement_section(ctx)),
        ("interfaces", lambda: interfaces_section(ctx)),
        ("perception_gaps", lambda: gaps_section(ctx)),
        ("priorities", lambda: priorities_section(ctx)),
        ("symptoms", lambda: symptoms_section(ctx)),
        ("messages", lambda: _messages(ctx, messages, lang, embedder, name_vocabulary)),
    ]
    # fail closed: the audit hides what must be, or raises DisclosureError
    privacy = sections_then_audit(ctx, result, steps, say, messages=messages, processes=processes)
    say(f"[{len(steps) + 1}/{len(steps) + 2}] coherence_index")
    component = messages_component(result["messages"])
    result["coherence_index"] = index_section(
        ctx,
        result["units"],
        result["symptoms"],
        result["interfaces"],
        weights={**DEFAULT_WEIGHTS, "messages": MESSAGES_WEIGHT / (1 - MESSAGES_WEIGHT)}
        if component
        else None,
        extra={"messages": component} if component else None,
    )
    say(f"[{len(steps) + 2}/{len(steps) + 2}] trend")
    result["trend"] = trend_section(
        result["units"],
        previous,
        instrument_id=ctx.instrument.id,
        tree=result["tree"],
    )
    result["levers"] = levers_section(result, overrides=lever_overrides)
    result["privacy"] = privacy
    return result, ctx
