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

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from eclaire.core.privacy.auditor import Auditor, DisclosureError
from eclaire.core.privacy.loss import information_loss

from ._section_common import answered_disclosure
from .agreement_section import agreement_groups
from .context import AnalysisContext
from .interfaces_section import _spread, rater_scores
from .item_distributions import item_answers, scored_items
from .priorities_section import _options, ranking_matrix
from .published_groups import rollup_members
from .symptoms_section import _flags, symptom_items
from .tree import rollup_positions

__all__ = ["protect_result", "register_result"]

SEGMENT_STATS = ("mean_a", "ci95_a", "mean_b", "ci95_b", "difference", "difference_ci95")
SEGMENT_TESTS = ("hedges_g", "t", "df", "p", "p_adjusted", "significant", "small_sample")


def _pop(mapping: dict[str, Any], key: str) -> Callable[[], None]:
    def hide() -> None:
        mapping.pop(key, None)

    return hide


def _update(entry: dict[str, Any], **values: Any) -> Callable[[], None]:
    def hide() -> None:
        entry.update(values)

    return hide


def _remove(items: list[Any], item: Any) -> Callable[[], None]:
    def hide() -> None:
        if item in items:
            items.remove(item)

    return hide


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


def _hide_manager_row(gaps: dict[str, Any], row: dict[str, Any]) -> Callable[[], None]:
    """Remove a manager row, and the family rows of its unit whose mean holds its dimension:
    with the family's other rows they would give the manager's hidden score back."""

    def hide() -> None:
        _remove(gaps["managers"], row)()
        for family in list(gaps.get("families") or []):
            if family["unit_id"] == row["unit_id"] and row["dimension"] in family["dimensions"]:
                gaps["families"].remove(family)

    return hide


def _managers(ctx: AnalysisContext, result: dict[str, Any], auditor: Auditor) -> None:
    """The team's cell of each manager gap (``perception_gaps.managers``): the unit roll-up's
    respondents with a score, the very group of the unit's cell, so it goes in the cell's
    channel (``dim:<code>``, nested) and any differencing between them is caught."""
    gaps = result.get("perception_gaps") or {}
    rows = gaps.get("managers") or []
    if not rows:
        return
    members = rollup_members(ctx)
    answered: dict[str, np.ndarray] = {}
    for row in list(rows):
        unit, code = row["unit_id"], row["dimension"]
        if code not in answered:
            answered[code] = ctx.scores[code].notna().to_numpy()
        group = members[unit][answered[code][members[unit]]]
        if group.size != row["n_team"]:  # fail closed: the row is not the group registered
            raise DisclosureError(
                f"perception_gaps.managers {unit}/{code}: n_team {row['n_team']} is not the "
                f"{group.size} respondents of the unit's cell"
            )
        auditor.add(
            f"managers/{unit}/{code}",
            f"dim:{code}",
            group,
            nested=True,
            hide=_hide_manager_row(gaps, row),
        )


def _families(ctx: AnalysisContext, result: dict[str, Any], auditor: Auditor) -> None:
    """The group of each family gap's spread (``perception_gaps.families``): the unit roll-up's
    respondents with a family score, nested, in the family's own channel, sums of squares only.

    The row's team value is the mean of the unit's published cells of the family
    (:func:`~eclaire.core.analysis.gaps_section.family_gaps`), already audited in their
    ``dim:<code>`` channels: it publishes no sum of family scores, so nothing combines with the
    cells (``m·F·n − Σ_j D_j`` is a combination of the cells themselves). Its sd,
    interval and prediction interval publish the group's sum of squares about its own mean."""
    rows = (result.get("perception_gaps") or {}).get("families") or []
    if not rows:
        return
    members = rollup_members(ctx)
    answered: dict[str, np.ndarray] = {}
    for row in list(rows):
        codes, unit, family = row["dimensions"], row["unit_id"], row["family"]
        key = ",".join(codes)
        if key not in answered:
            scored = ctx.scores[codes].notna().sum(axis=1).to_numpy()
            answered[key] = scored >= -(-len(codes) // 2)
        auditor.add(
            f"families/{unit}/{family}",
            f"family:{family}",
            members[unit][answered[key][members[unit]]],
            moments=("sumsq",),
            nested=True,
            hide=_remove(rows, row),
        )


def _organization_cell_shown(ctx: AnalysisContext, answered: np.ndarray) -> bool:
    """The rule of ``organization_scores``: a dimension answered by fewer than k people, or
    whose organization cell the tree rule hides, has no organization cell to register."""
    if not ctx.disclosure.shows(None) or int(answered.sum()) < ctx.k:
        return False
    return answered_disclosure(ctx, pd.Series(answered)).shows(None)


def _hide_segment(row: dict[str, Any]) -> Callable[[], None]:
    def hide() -> None:
        for key in (*SEGMENT_STATS, *SEGMENT_TESTS):
            row.pop(key, None)
        row.update(suppressed=True, reason="differencing")

    return hide


def _segments(ctx: AnalysisContext, result: dict[str, Any], auditor: Auditor) -> None:
    chosen = ctx.scratch.get("segments", {})
    for row in result["perception_gaps"]["segments"]:
        if row["suppressed"]:
            continue
        name, code = row["segment"], row["dimension"]
        auditor.add(
            f"segments/{name}/{code}", f"dim:{code}", chosen[(name, code)], hide=_hide_segment(row)
        )


def _segment_units(ctx: AnalysisContext, result: dict[str, Any], auditor: Auditor) -> None:
    """Each side of a department's comparison (``perception_gaps.segment_units``), crossing, in
    the dimension's channel; hidden, the row keeps its unit, segment and dimension only."""
    chosen = ctx.scratch.get("segment_units", {})
    for row in result["perception_gaps"].get("segment_units") or []:
        if row["suppressed"]:
            continue
        unit, name, code = row["unit_id"], row["segment"], row["dimension"]
        groups = chosen[(unit, name, code)]
        if (groups[0].size, groups[1].size) != (row["n_a"], row["n_b"]):  # fail closed
            raise DisclosureError(
                f"perception_gaps.segment_units {unit}/{name}/{code}: n_a, n_b are not the "
                f"{groups[0].size}, {groups[1].size} respondents registered"
            )
        auditor.add(
            f"segment_units/{unit}/{name}/{code}",
            f"dim:{code}",
            groups,
            hide=_hide_segment_unit(row),
        )


def _hide_segment_unit(row: dict[str, Any]) -> Callable[[], None]:
    def hide() -> None:
        for key in ("n_a", "n_b", *SEGMENT_STATS, *SEGMENT_TESTS):
            row.pop(key, None)
        row.update(suppressed=True, reason="differencing")

    return hide


def _agreement(ctx: AnalysisContext, result: dict[str, Any], auditor: Auditor) -> None:
    for code, entry in result["agreement"].items():
        if entry.get("icc1") is None:
            continue
        labels = agreement_groups(ctx, code)
        groups = pd.Series(np.arange(labels.size))[labels >= 0].groupby(labels[labels >= 0])
        auditor.add(
            f"agreement/{code}",
            f"dim:{code}",
            [g.to_numpy() for _, g in groups],
            nested=True,  # residual groups of the shown cells: disjoint, inside the roll-ups
            hide=_update(entry, icc1=None, icc2=None, meaningful=False),
        )


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


def _drop_orphan_gap_rows(result: dict[str, Any]) -> None:
    """Fail closed: a manager row whose unit cell is not shown leaves (the team's mean and the
    manager's own score with it), whichever figure the audit chose to hide; so does a family
    row missing one of its unit's cells (with the others, it gives the hidden one back)."""
    gaps = result.get("perception_gaps") or {}
    for row in list(gaps.get("managers") or []):
        cells = result["units"].get(row["unit_id"], {}).get("scores", {})
        if row["dimension"] not in cells:
            _hide_manager_row(gaps, row)()
    families = gaps.get("families") or []
    for row in list(families):
        cells = result["units"].get(row["unit_id"], {}).get("scores", {})
        if any(code not in cells for code in row["dimensions"]):
            families.remove(row)


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
