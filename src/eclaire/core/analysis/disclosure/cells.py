"""Registering the unit cells, the answers behind them, agreement, reliability and the
coherence index (:mod:`eclaire.core.analysis.disclosure`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from eclaire.core.privacy.auditor import Auditor

from .._section_common import answered_disclosure
from ..agreement_section import agreement_groups
from ..context import AnalysisContext
from ..item_distributions import item_answers, scored_items
from ..published_groups import rollup_members
from ..symptoms_section import _flags, symptom_items
from .hiding import _pop, _update


def _units(ctx: AnalysisContext, result: dict[str, Any], auditor: Auditor) -> None:
    members = rollup_members(ctx)
    answered = {code: ctx.scores[code].notna().to_numpy() for code in ctx.scores.columns}
    for unit, entry in result["units"].items():
        for code in list(entry.get("scores", {})):
            group = members[unit][answered[code][members[unit]]]
            auditor.add(
                f"units/{unit}/{code}",
                f"dim:{code}",
                group,
                nested=True,
                hide=_pop(entry["scores"], code),
            )
            _item_answers(ctx, unit, code, entry["scores"][code], auditor)
    for code, flags in answered.items():  # the organization's cells (coherence index, gaps)
        if _organization_cell_shown(ctx, flags):
            auditor.add(f"organization/{code}", f"dim:{code}", np.flatnonzero(flags), nested=True)


def _item_answers(
    ctx: AnalysisContext, unit: str, code: str, cell: dict[str, Any], auditor: Auditor
) -> None:
    """The answers to each item of a shown cell (``units.<u>.scores.<dim>.items``).

    Their respondents are the cell's own (``dim:<code>``); the counts of answers sum each item's
    answers over those of them who answered it, so they go in the item's channel
    (``item:<code>``), beside the symptom shares of the same item. There the groups are the unit
    roll-ups of one filter (scored on the dimension and answered the item), nested, unless the
    symptom shares use another filter (answered the item, scored or not): then crossing, and the
    audit searches the differences between the two. Hiding one hides that item's answers; the
    cell's other items leave after the audit (:func:`_drop_partial_answers`)."""
    members = rollup_members(ctx)[unit]
    for item_code in cell.get("items") or {}:
        keep, nested = _answered_item(ctx, code, item_code)
        auditor.add(
            f"units/{unit}/{code}/items/{item_code}",
            f"item:{item_code}",
            members[keep[members]],
            nested=nested,
            hide=_pop(cell["items"], item_code),
        )


def _answered_item(ctx: AnalysisContext, code: str, item_code: str) -> tuple[np.ndarray, bool]:
    """Respondents scored on ``code`` who answered ``item_code``, and whether their roll-ups
    nest with the symptom shares' of the item (computed once per dimension and item)."""
    cache = ctx.scratch.setdefault("answered_item", {})
    if (code, item_code) not in cache:
        dim = next(d for d in ctx.dimensions if d.code == code)
        item = next(i for i in dim.items if i.code == item_code)
        said, _level = item_answers(ctx, item)
        scored = ctx.scores[code].notna().to_numpy()
        symptom = any(i.code == item_code for i in symptom_items(ctx))
        answered, _often = _flags(ctx, item)
        same = not symptom or bool(((said & scored) == answered).all())
        cache[(code, item_code)] = (said & scored, same)
    return cache[(code, item_code)]


def _drop_partial_answers(ctx: AnalysisContext, result: dict[str, Any]) -> None:
    """A cell whose answers the audit hid for some item shows none (the answers behind a cell
    are read whole); hiding more after the audit cannot open a leak."""
    for entry in result["units"].values():
        for code, cell in (entry.get("scores") or {}).items():
            expected = {i.code for i in scored_items(ctx, code)}
            if "items" in cell and set(cell["items"]) != expected:
                del cell["items"]


def _organization_cell_shown(ctx: AnalysisContext, answered: np.ndarray) -> bool:
    """The rule of ``organization_scores``: a dimension answered by fewer than k people, or
    whose organization cell the tree rule hides, has no organization cell to register."""
    if not ctx.disclosure.shows(None) or int(answered.sum()) < ctx.k:
        return False
    return answered_disclosure(ctx, pd.Series(answered)).shows(None)


def _agreement(ctx: AnalysisContext, result: dict[str, Any], auditor: Auditor) -> None:
    for code, entry in result["agreement"].items():
        if entry.get("icc1") is None:
            continue
        labels = agreement_groups(ctx, code)
        # the members of each group (ascending), groups by label: a stable sort, then cuts
        at = np.flatnonzero(labels >= 0)
        at = at[np.argsort(labels[at], kind="stable")]
        cuts = np.flatnonzero(np.diff(labels[at])) + 1
        auditor.add(
            f"agreement/{code}",
            f"dim:{code}",
            np.split(at, cuts) if at.size else [],
            nested=True,  # residual groups of the shown cells: disjoint, inside the roll-ups
            hide=_update(entry, icc1=None, icc2=None, meaningful=False),
        )


def _hide_reliability(entry: dict[str, Any]) -> Callable[[], None]:
    def hide() -> None:
        kept: dict[str, Any] = {k: entry[k] for k in ("n", "items", "k_items") if k in entry}
        entry.clear()
        entry.update(kept, suppressed=True)

    return hide


def _reliability(ctx: AnalysisContext, result: dict[str, Any], auditor: Auditor) -> None:
    for code, entry in result.get("reliability", {}).items():
        if entry.get("suppressed") or code not in ctx.scores.columns:
            continue
        auditor.add(
            f"reliability/{code}",
            f"dim:{code}",
            np.flatnonzero(ctx.scores[code].notna().to_numpy()),
            nested=True,  # the organization's cell: holds every other group of the channel
            hide=_hide_reliability(entry),
        )


def _hide_index(entry: dict[str, Any]) -> Callable[[], None]:
    def hide() -> None:
        n = entry.get("n", 0)
        entry.clear()
        entry.update(n=n, suppressed=True)

    return hide


def _coherence(ctx: AnalysisContext, result: dict[str, Any], auditor: Auditor) -> None:
    section = result.get("coherence_index")
    if not section:
        return
    members = rollup_members(ctx)
    for unit, entry in section["units"].items():
        if not entry.get("suppressed") and entry.get("value") is not None:
            auditor.add(
                f"coherence/{unit}",
                "coherence",
                members[unit],
                nested=True,
                hide=_hide_index(entry),
            )
    overall = section["overall"]
    if not overall.get("suppressed") and overall.get("value") is not None:
        auditor.add(
            "coherence/overall",
            "coherence",
            np.arange(len(ctx.responses)),
            nested=True,
            hide=_hide_index(overall),
        )
