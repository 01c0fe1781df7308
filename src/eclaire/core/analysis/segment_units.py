"""``perception_gaps.segment_units``: the segment comparisons within each department.

A *department* here is any unit other than the root whose roll-up holds at least ``2k``
respondents with a score on the dimension, whose cell of that dimension is shown, and which
holds fewer of them than its parent (else it repeats its parent's figures). For each
department, segment (newcomers, juniors, field, customer-facing) and dimension, the comparison
of the organization-wide rows (:func:`~.segment_comparison.comparison`) is made over the
roll-up's respondents of each level who scored every dimension of the dimension's family. A
department whose roll-up meets the roll-up of a unit with a manager's family row
(``perception_gaps.families``) is not cut on that family's dimensions
(:func:`_near_family_rows`).

Privacy: a comparison needs at least ``k`` respondents on each side (else it is listed
``suppressed``, ``below_threshold``, with no counts; field vs head office in a department all
on one side has no row). Its two sides are crossing groups of the
dimension's channel (``dim:<code>``): they are audited (:mod:`eclaire.core.privacy.auditor`)
together with the dimension's unit cells and the organization-wide comparisons already chosen,
one department's comparison at a time (the units nearest the root first; at one depth, each
cut in the organization's order for every unit in tree order); one that would isolate anyone, or that leaves the
auditor's exact search too many equations to solve (its undecided case), is hidden
(``differencing``), never repaired: in a large organization the comparisons of the top-level
departments come first. The organization-wide
rows and the unit cells never give way to a department's row. The whole result is audited
again before it leaves (:mod:`.disclosure`).

Multiple testing: the departments' rows are their own family for the Benjamini–Hochberg
adjustment; the organization-wide rows keep theirs.
"""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np

from eclaire.core.privacy import BELOW_THRESHOLD

from .context import AnalysisContext
from .published_groups import rollup_members
from .segment_comparison import adjust_family, comparison
from .segment_cuts import _auditor

__all__ = ["segment_unit_gaps"]

STRUCTURAL = ("field",)
"""Segments read from the units (their site kind, in the result's tree): a department with no
respondent on one side has no row at all, rather than a hidden one."""

Key = tuple[str, str]
LEVEL_A, LEVEL_B = 0, 1
"""(unit id, segment)"""


def segment_unit_gaps(
    ctx: AnalysisContext,
    hidden: dict[str, frozenset[str]],
    cuts: tuple[str, ...],
    families: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Every department × segment × dimension row (see the module), BH-adjusted together;
    ``families``: the manager's family rows (``perception_gaps.families``).

    Needs the organization-wide comparisons chosen first (``ctx.scratch["segments"]``)."""
    if not ctx.disclosure.shows(None):
        return []
    levels = {name: _level_codes(ctx.segment(name).to_numpy(dtype=object)) for name in cuts}
    near = _near_family_rows(ctx, families)
    rows: list[dict[str, Any]] = []
    for dim in ctx.dimensions:
        withheld = near.get(dim.family, frozenset())
        rows += _dimension_rows(ctx, dim.code, hidden[dim.code], levels, withheld)
    adjust_family(rows)
    rank = {u: i for i, u in enumerate(ctx.order)}
    dims = {d.code: i for i, d in enumerate(ctx.dimensions)}
    rows.sort(key=lambda r: (cuts.index(r["segment"]), rank[r["unit_id"]], dims[r["dimension"]]))
    return rows


def _level_codes(levels: np.ndarray) -> np.ndarray:
    """Per respondent, 0 for level ``"a"``, 1 for ``"b"``, 2 for unknown: compared as small
    integers rather than as Python objects, respondent by respondent."""
    return np.select([levels == "a", levels == "b"], [LEVEL_A, LEVEL_B], 2).astype(np.int8)


def _near_family_rows(
    ctx: AnalysisContext, families: list[dict[str, Any]]
) -> dict[str, frozenset[str]]:
    """Per family, the units whose roll-up meets the roll-up of a unit with a family row. Those
    departments are not cut on the family's dimensions: with their levels beside the unit
    cells, an attacker solving every figure over the family's dimensions at once read the
    difference of two people's scores in random organizations (seeds 28 and 52,
    tests/core/privacy/test_segment_units_audit.py), which the auditor, checking groups' sums,
    does not look for. Measured again after a family row's team value became the mean of its
    unit's cells: lifting this rule still lets that attacker read such pairs."""
    members = rollup_members(ctx)
    out: dict[str, frozenset[str]] = {}
    for family in {row["family"] for row in families}:
        taken = np.zeros(len(ctx.responses), dtype=bool)  # a roll-up meets one of them iff it
        for row in families:  # holds a respondent of their union: one mask, no set operation
            if row["family"] == family:
                taken[members[row["unit_id"]]] = True
        out[family] = frozenset(unit for unit, group in members.items() if taken[group].any())
    return out


def _departments(ctx: AnalysisContext, answered: np.ndarray, hidden: frozenset[str]):
    """(unit, its roll-up's respondents with a score) for each department of the dimension; a
    unit whose parent holds the very same respondents (a sub-unit with every member of its
    parent) repeats its parent's figures and is left out."""
    rollups = rollup_members(ctx)
    for unit, members in rollups.items():
        parent = ctx.parents[unit]
        if parent is None or unit in hidden or not ctx.disclosure.shows(unit):
            continue
        group = members[answered[members]]
        if group.size >= 2 * ctx.k and group.size < int(answered[rollups[parent]].sum()):
            yield unit, group


def _depths(ctx: AnalysisContext) -> dict[str, int]:
    out: dict[str, int] = {}
    for unit in ctx.order:  # tree order: a parent before its children
        parent = ctx.parents[unit]
        out[unit] = 0 if parent is None else out[parent] + 1
    return out


def _complete(ctx: AnalysisContext, code: str) -> np.ndarray:
    """Per respondent, whether they scored every dimension of ``code``'s family."""
    family = next(d.family for d in ctx.dimensions if d.code == code)
    codes = [d.code for d in ctx.dimensions if d.family == family]
    return ctx.scores[codes].notna().all(axis=1).to_numpy()


def _dimension_rows(
    ctx: AnalysisContext,
    code: str,
    hidden: frozenset[str],
    levels: dict[str, np.ndarray],
    withheld: frozenset[str],
) -> list[dict[str, Any]]:
    scores = ctx.scores[code].to_numpy(dtype="float64")
    answered = ~np.isnan(scores)
    complete = _complete(ctx, code)
    out: list[dict[str, Any]] = []
    candidates: dict[Key, tuple[np.ndarray, np.ndarray]] = {}
    depth = _depths(ctx)
    found = _departments(ctx, answered, hidden | withheld)  # cells: ``hidden`` alone
    departments = sorted(found, key=lambda d: depth[d[0]])
    for at in sorted({depth[unit] for unit, _ in departments}):
        for name, level in levels.items():
            for unit, everyone in (d for d in departments if depth[d[0]] == at):
                group = everyone[complete[everyone]]
                codes = level[group]
                a, b = group[codes == LEVEL_A], group[codes == LEVEL_B]
                if name in STRUCTURAL and min(a.size, b.size) == 0:
                    continue  # all field or all head office: nothing to compare, nothing hidden
                if min(a.size, b.size) < ctx.k:
                    out.append(_suppressed(unit, name, code, BELOW_THRESHOLD))
                else:
                    candidates[(unit, name)] = (a, b)
    kept = _choose(ctx, code, answered, complete, hidden, candidates)
    chosen = ctx.scratch.setdefault("segment_units", {})
    for (unit, name), (a, b) in candidates.items():
        if (unit, name) not in kept:
            out.append(_suppressed(unit, name, code, "differencing"))
            continue
        chosen[(unit, name, code)] = (a, b)
        out.append({"unit_id": unit, **comparison(name, code, scores[a], scores[b])})
    return out


def _suppressed(unit: str, name: str, code: str, reason: str) -> dict[str, Any]:
    return {
        "unit_id": unit,
        "segment": name,
        "dimension": code,
        "suppressed": True,
        "reason": reason,
    }


def _choose(
    ctx: AnalysisContext,
    code: str,
    answered: np.ndarray,
    complete: np.ndarray,
    hidden: frozenset[str],
    candidates: dict[Key, tuple[np.ndarray, np.ndarray]],
) -> set[Key]:
    """The candidates shown beside the unit cells and the organization-wide comparisons of
    ``code``: those kept on the previous dimension, if one audit finds them safe here (the
    ones hidden there stay hidden), then each new candidate that isolates nobody."""
    if not candidates:
        return set()
    masks = np.packbits(np.concatenate([answered, complete])).tobytes()
    key = (hashlib.sha1(masks).hexdigest(), hidden, tuple(candidates))
    cache = ctx.scratch.setdefault("segment_unit_choices", {})
    if key in cache:  # dimensions answered by the same people share their choice
        return cache[key]
    channel = f"dim:{code}"
    auditor = _auditor(ctx, channel, answered, hidden)
    for (name, dim), groups in ctx.scratch.get("segments", {}).items():
        if dim == code:
            auditor.add(f"segment:{name}", channel, groups)
    tried, kept_before = ctx.scratch.get("segment_unit_last", (set(), set()))
    kept = {c for c in candidates if c in kept_before}
    for c in kept:
        auditor.add(f"unit-segment:{c}", channel, candidates[c])
    if kept and auditor.leak(channel) is not None:
        auditor.figures = [f for f in auditor.figures if not f.key.startswith("unit-segment:")]
        kept, tried = set(), set()
    for c, groups in candidates.items():
        if c in kept or c in tried:
            continue
        auditor.add(f"unit-segment:{c}", channel, groups)
        leak = auditor.leak(channel)
        if leak is None:
            kept.add(c)
            continue
        auditor.figures = [f for f in auditor.figures if f.key != f"unit-segment:{c}"]
        if leak.undecided:  # the organization's rows join every level in one system, which
            break  # only grows: the rest would be undecided too, and are hidden unsearched
    ctx.scratch["segment_unit_last"] = (set(candidates) | tried, kept)
    cache[key] = kept
    return kept
