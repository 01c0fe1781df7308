"""Registering the symptoms, the priority rankings, the interfaces and the message sides
(:mod:`eclaire.core.analysis.disclosure`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from eclaire.core.privacy.auditor import Auditor

from ..context import AnalysisContext
from ..interfaces_section import _spread, rater_scores
from ..priorities_section import _options, ranking_matrix
from ..published_groups import rollup_members
from ..symptoms_section import _flags, symptom_items
from .hiding import _pop, _remove, _update


def _symptoms(ctx: AnalysisContext, result: dict[str, Any], auditor: Auditor) -> None:
    members = rollup_members(ctx)
    section = result["symptoms"]
    for item in symptom_items(ctx):
        answered, _ = _flags(ctx, item)
        channel = f"item:{item.code}"
        if item.code in section["overall"]:
            auditor.add(
                f"symptoms/overall/{item.code}",
                channel,
                np.flatnonzero(answered),
                nested=True,
                hide=_pop(section["overall"], item.code),
            )
        for unit, cells in section["units"].items():
            if item.code in cells:
                group = members[unit][answered[members[unit]]]
                auditor.add(
                    f"symptoms/{unit}/{item.code}",
                    channel,
                    group,
                    nested=True,
                    hide=_pop(cells, item.code),
                )


def _hide_ranking(entry: dict[str, Any]) -> Callable[[], None]:
    def hide() -> None:
        n = entry["n"]
        entry.clear()
        entry.update(n=n, suppressed=True, reason="complementary")

    return hide


def _priorities(ctx: AnalysisContext, result: dict[str, Any], auditor: Auditor) -> None:
    section = result["priorities"]
    options = _options(ctx)
    if not options:
        return
    ranked = np.zeros(len(ctx.responses), dtype=bool)
    ranked[ranking_matrix(ctx, options).index.to_numpy()] = True
    members = rollup_members(ctx)
    for unit, entry in section["units"].items():
        if not entry["suppressed"]:
            auditor.add(
                f"priorities/{unit}",
                "priorities",
                members[unit][ranked[members[unit]]],
                nested=True,
                hide=_hide_ranking(entry),
            )
    if not section["overall"]["suppressed"]:
        auditor.add("priorities/overall", "priorities", np.flatnonzero(ranked), nested=True)


def _hide_interface(entry: dict[str, Any], reverse: dict[str, Any] | None) -> Callable[[], None]:
    def hide() -> None:
        for key in ("score", "sd", "ci95", "items", "asymmetry", "asymmetry_ci95"):
            entry.pop(key, None)
        entry.update(suppressed=True, reason="complementary")
        if reverse is not None and "asymmetry" in reverse:
            reverse.update(asymmetry=None, asymmetry_ci95=None)

    return hide


def _interface_raters(ctx: AnalysisContext) -> dict[tuple[str, str], tuple[np.ndarray, np.ndarray]]:
    """Per listed pair ``(from, to)``: its raters and its complete raters (positions)."""
    cached = ctx.scratch.get("interface_groups")
    if cached is not None:
        return cached
    long = ctx.scratch.get("interface_raters")  # as the interfaces section used them
    if long is None:
        long = rater_scores(ctx)
    out: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
    if not long.empty:
        spread = _spread(ctx, long)
        size = len(ctx.order)
        rows = spread["i"].to_numpy()
        keys = spread["rollup"].to_numpy() * size + long["target"].to_numpy()[rows]
        respondent = long["row"].to_numpy()
        complete = long["complete"].to_numpy(dtype=bool)
        for key, at in pd.Series(rows).groupby(keys).indices.items():
            picked = rows[at]
            pair = (ctx.order[int(key) // size], ctx.order[int(key) % size])
            out[pair] = (respondent[picked], respondent[picked[complete[picked]]])
    ctx.scratch["interface_groups"] = out
    return out


def _interfaces(ctx: AnalysisContext, result: dict[str, Any], auditor: Auditor) -> None:
    shown = {(e["from"], e["to"]): e for e in result["interfaces"] if not e["suppressed"]}
    if not shown:
        return
    raters = _interface_raters(ctx)
    for (f, t), entry in shown.items():
        everyone, complete = raters[(f, t)]
        auditor.add(
            f"interfaces/{f}/{t}",
            f"if:{t}",
            everyone,
            nested=True,
            hide=_hide_interface(entry, shown.get((t, f))),
        )
        if entry.get("items"):
            auditor.add(
                f"interfaces/{f}/{t}/items",
                f"if:{t}",
                complete,
                hide=_update(entry, items={}),
            )


def _messages(result: dict[str, Any], auditor: Auditor) -> None:
    section = result.get("messages")
    if not section:
        return
    found = section.get("contradictions", [])
    for i, contradiction in enumerate(list(found)):
        for side in contradiction["sides"]:
            auditor.add_statement(
                f"messages/contradictions/{i}/{side['unit_id']}",
                int(side["n_stating"]),
                hide=_remove(found, contradiction),
            )
