"""Every figure of a result registered with its respondents, audited before the result leaves.

:func:`register_result` hands each published figure to a
:class:`~eclaire.core.privacy.auditor.Auditor` with the groups of respondents it sums, in its
channel: the unit cells and the organization's cell of each dimension (``dim:<code>``, nested), the
answers to each item behind a unit cell (``item:<code>``, see :func:`_item_answers`), the
segment comparisons, organization-wide and within departments (``segment_units``; same channel,
crossing), the team cells of the manager's gaps
(``perception_gaps.managers``: the unit's cell again, in ``dim:<code>``, nested; hidden, the
row leaves with the manager's score and the unit's family rows that average it), the groups
of the manager's family gaps (``family:<family>``, nested, sums of squares: the team's value is
the mean of the unit's cells, :func:`_families`), the ICC groups (same channel, crossing, sums
of squares), the symptom items (``item:<code>``), the priority rankings (``priorities``), the
interface ratings of each rated unit (``if:<unit>``: the raters' roll-ups nested, the item means
over complete raters crossing), the contradiction sides (statements, threshold only), the
reliability of each dimension (``dim:<code>``, over the respondents with a score: the group of
the organization's cell, sums of squares) and, once computed, the coherence index of each unit
and of the organization (``coherence``: the unit roll-ups, nested; it combines shown figures
only). The trend deltas repeat cells both waves published (docs/privacy.md, Trend).
:func:`protect_result` runs the auditor's fail-closed loop on the result in place, before the
sections that only combine shown figures (coherence index, trend, levers), and writes the
``privacy`` summary with the information-loss figure (:mod:`eclaire.core.privacy.loss`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from eclaire.core.privacy.auditor import Auditor
from eclaire.core.privacy.loss import information_loss

from ..context import AnalysisContext
from ..tree import rollup_positions
from .cells import _agreement, _coherence, _drop_partial_answers, _reliability, _units
from .gaps import _drop_orphan_gap_rows, _families, _managers, _segment_units, _segments
from .sections import _interface_raters, _interfaces, _messages, _priorities, _symptoms

__all__ = ["combine_privacy", "protect_messages", "protect_result", "register_result"]


def register_result(ctx: AnalysisContext, result: dict[str, Any]) -> Auditor:
    """An auditor holding every figure of ``result`` (the sections computed so far)."""
    auditor = Auditor(len(ctx.responses), ctx.k)
    _units(ctx, result, auditor)
    _segments(ctx, result, auditor)
    _segment_units(ctx, result, auditor)
    _managers(ctx, result, auditor)
    _families(ctx, result, auditor)
    _agreement(ctx, result, auditor)
    _symptoms(ctx, result, auditor)
    _priorities(ctx, result, auditor)
    _interfaces(ctx, result, auditor)
    _messages(result, auditor)
    _reliability(ctx, result, auditor)
    _coherence(ctx, result, auditor)
    return auditor


def _hidden_groups(ctx: AnalysisContext, result: dict[str, Any]) -> list[np.ndarray]:
    """Members of the groups whose results are hidden: unit roll-ups (over the respondents'
    own units), levels of hidden segment comparisons, raters of hidden interface entries."""
    rows, units = rollup_positions(ctx.responses["unit_id"], ctx.parents, ctx.order)
    order = {u: i for i, u in enumerate(ctx.order)}
    out = [rows[units == order[u]] for u, e in result["units"].items() if e["suppressed"]]
    for row in result["perception_gaps"]["segments"]:
        if row["suppressed"]:
            level = ctx.segment(row["segment"])
            answered = ctx.scores[row["dimension"]].notna()
            out += [np.flatnonzero((level == lvl) & answered) for lvl in ("a", "b")]
    hidden = [(e["from"], e["to"]) for e in result["interfaces"] if e["suppressed"]]
    if hidden:
        raters = _interface_raters(ctx)
        out += [raters[pair][0] for pair in hidden if pair in raters]
    return out


def protect_result(ctx: AnalysisContext, result: dict[str, Any]) -> dict[str, Any]:
    """Audit ``result`` in place (hiding what must be), and return its ``privacy`` summary:
    ``audited_figures``, ``hidden_by_audit`` and ``information_loss`` (0–1)."""
    auditor = register_result(ctx, result)
    count = len(auditor.figures) + len(auditor.statements)
    hidden = auditor.protect()
    _drop_orphan_gap_rows(result)
    _drop_partial_answers(ctx, result)
    loss = information_loss(len(ctx.responses), _hidden_groups(ctx, result), ctx.k)
    return {
        "audited_figures": count,
        "hidden_by_audit": len(hidden),
        "information_loss": round(loss, 4),
    }


def protect_messages(ctx: AnalysisContext, result: dict[str, Any]) -> dict[str, Any]:
    """Audit the message section alone, in place: its figures are statements (a contradiction
    side must reach k people on its own), which no other figure combines with, so it can be
    audited apart from the rest (in the parent while a forked child audits the other sections,
    see :mod:`..lanes`). The ``privacy`` summary of these figures, for :func:`combine_privacy`."""
    auditor = Auditor(len(ctx.responses), ctx.k)
    _messages(result, auditor)
    count = len(auditor.statements)
    return {"audited_figures": count, "hidden_by_audit": len(auditor.protect())}


def combine_privacy(sections: dict[str, Any], messages: dict[str, Any]) -> dict[str, Any]:
    """The ``privacy`` summary of a result audited in two parts (:func:`protect_result` on all
    but the message section, :func:`protect_messages` on it): the counts add up; hiding a
    contradiction side hides no respondent's answers, so the information loss is the first's."""
    return {
        "audited_figures": sections["audited_figures"] + messages["audited_figures"],
        "hidden_by_audit": sections["hidden_by_audit"] + messages["hidden_by_audit"],
        "information_loss": sections["information_loss"],
    }
