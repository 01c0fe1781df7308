"""``lanes``: the sections of an analysis and their audit, on one core or two.

On one core (or a small campaign) the sections run in turn, then the audit of the whole result
(:func:`~.disclosure.protect_result`). With a second core (:func:`.forked.can_fork`), a child
process takes part of the work while the parent does the rest, and both join before what only
combines audited figures (coherence index, trend, levers):

- without the message section, the child computes :data:`FORKED` (about half of the sections'
  time), the parent the others, then the parent audits the whole result;
- with it (it alone takes about as long as all the others and their audit), the child computes
  every other section and audits them, while the parent computes the message section and audits
  it apart (:func:`~.disclosure.protect_messages`: its figures are statements, which combine
  with no other). The parent keeps the language model loaded for the next analysis.

Either way the result is the same, byte for byte, as on one core.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eclaire.core.collector import freeze_outputs

from .context import AnalysisContext
from .disclosure import combine_privacy, protect_messages, protect_result
from .forked import can_fork, start_forked

__all__ = ["FORKED", "FORK_FROM", "sections_then_audit"]

FORKED = ("interfaces", "perception_gaps", "priorities")
"""The sections the child computes when the message section does not run."""
FORK_FROM = 3_000
"""Fewer team responses than this: forking costs more than it saves."""

UNSENT = (
    "interface_groups",
    "item_answers",
    "segment_choices",
    "segment_last",
    "segment_unit_choices",
    "segment_unit_last",
)
"""Entries of ``ctx.scratch`` the child keeps: caches slower to send than to rebuild (the
raters of each interface pair, many small arrays, rebuilt from ``interface_raters``; each
item's answers, read again from the responses), and the memory of the gap sections' choices
from one dimension to the next, which only those sections read. Everything else the audit
reads goes back (at 200,000 responses this halves what is sent, to about 90 MB)."""

Step = tuple[str, Callable[[], Any]]


def sections_then_audit(
    ctx: AnalysisContext,
    result: dict[str, Any],
    steps: list[Step],
    say: Callable[[str], None],
    *,
    messages: bool,
    processes: int = 2,
) -> dict[str, Any]:
    """Put each step's output in ``result`` (in the order of ``steps``), audit it in place, and
    return the ``privacy`` summary; in two processes when ``processes`` allows it."""
    number = {name: f"[{i}/{len(steps) + 2}] {name}" for i, (name, _) in enumerate(steps, 1)}
    if len(ctx.responses) < FORK_FROM or not can_fork(processes):
        for name, step in steps:
            say(number[name])
            result[name] = step()
        freeze_outputs()
        return protect_result(ctx, result)
    if messages:  # the child: every other section and their audit; the parent: messages
        others = [(n, s) for n, s in steps if n != "messages"]
        with start_forked(lambda: _audited(ctx, result, others)) as audited:
            say(number["messages"])
            section = dict(steps)["messages"]()
            for name, _ in others:
                say(number[name])
            partial, privacy, scratch = audited()
        _join(result, {**partial, "messages": section}, steps)
        _merge_scratch(ctx.scratch, scratch)
        freeze_outputs()
        return combine_privacy(privacy, protect_messages(ctx, result))
    child = [(n, s) for n, s in steps if n in FORKED]
    done: dict[str, Any] = {}
    with start_forked(lambda: ({n: s() for n, s in child}, _sent(ctx.scratch))) as wait:
        for name, step in steps:
            if name not in FORKED:
                say(number[name])
                done[name] = step()
        for name, _ in child:
            say(number[name])
        outputs, scratch = wait()
    _join(result, {**outputs, **done}, steps)
    _merge_scratch(ctx.scratch, scratch)
    freeze_outputs()
    return protect_result(ctx, result)


def _audited(
    ctx: AnalysisContext, result: dict[str, Any], steps: list[Step]
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """In the child: ``result`` with the steps' outputs, audited without the message section;
    its privacy summary; what the sections left in ``ctx.scratch``."""
    partial = {**result, **{name: step() for name, step in steps}, "messages": None}
    freeze_outputs()
    privacy = protect_result(ctx, partial)  # may hide within any part: all of it goes back
    del partial["messages"]
    return partial, privacy, _sent(ctx.scratch)


def _sent(scratch: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in scratch.items() if key not in UNSENT}


def _join(result: dict[str, Any], outputs: dict[str, Any], steps: list[Step]) -> None:
    """``result`` takes ``outputs``, its keys in the order one core gives: those it holds
    already in place, then the steps in their order."""
    for key in [*result, *(name for name, _ in steps), *outputs]:
        if key in outputs:
            result[key] = outputs[key]


def _merge_scratch(mine: dict[str, Any], theirs: dict[str, Any]) -> None:
    """Take in what the child's sections left for the audit in ``ctx.scratch``: its entries
    the parent lacks and, of a cache both filled, the child's keys the parent lacks (both
    computed the same values from the same inputs)."""
    for key, value in theirs.items():
        if key not in mine:
            mine[key] = value
        elif isinstance(mine[key], dict) and isinstance(value, dict):
            for inner, cached in value.items():
                mine[key].setdefault(inner, cached)
