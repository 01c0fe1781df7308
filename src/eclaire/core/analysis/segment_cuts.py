"""Which segment comparisons a dimension may show beside its unit cells, hiding the least.

Newcomers, juniors, field and customer-facing cuts are shown side by side with the unit cells
of the same dimension, so they are audited together (:mod:`eclaire.core.privacy.auditor`): in a
unit of 30 with 11 newcomers of whom 10 are apprentices, ``11·mean(newcomers) −
10·mean(juniors)`` would give the eleventh newcomer's score. While a group of fewer than ``k``
is isolated, the cheapest repair is taken:

1. fewer than ``k`` people are left out of one level (counted with the unknown level, whose
   mean is never shown): the isolated people when the level holds them all (the eleventh
   newcomer above), or the few members of the level that a unit cell cuts off (three field
   people of a hidden agency pooled with the head-office staff of their department), or a
   whole residual group that the segment splits badly, when it is a small share of the
   comparison (the head office's own staff, with the few members of departments pooled there);
2. otherwise, or when a level would fall under ``k``, the comparison with the fewest
   respondents among those involved is hidden.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

import numpy as np

from eclaire.core.privacy.auditor import Auditor, Leak

from .context import AnalysisContext
from .published_groups import cell_groups, residual_codes

__all__ = ["MAX_REPAIRS", "choose_segments"]

MAX_REPAIRS = 8
"""Repairs tried on one comparison before it is hidden."""
MAX_LEFT_OUT = 0.15
"""Largest share of a comparison's people left out at once to keep it shown."""

Levels = tuple[np.ndarray, np.ndarray]


def _auditor(ctx: AnalysisContext, channel: str, answered: np.ndarray, hidden: frozenset[str]):
    auditor = Auditor(len(ctx.responses), ctx.k)
    for unit, members in cell_groups(ctx, answered, hidden).items():
        auditor.add(f"cell:{unit or ''}", channel, members, nested=True)
    return auditor


def _shrink(
    auditor: Auditor, leak: Leak, kept: dict[str, list[np.ndarray]], residual: np.ndarray
) -> bool:
    """Leave a few people out of a comparison so that it stops isolating the leak, the
    cheapest of: the isolated people, when one level holds them all; a level's members in the
    residual groups of the leak, when fewer than ``k``; those residual groups whole, from both
    levels, when they hold at most :data:`MAX_LEFT_OUT` of the comparison (a residual group
    that the segment splits into a part under ``k``). False if none applies."""
    around = np.flatnonzero(np.isin(residual, np.unique(residual[leak.members])))
    options: list[tuple[int, str, list[np.ndarray]]] = []
    for key in leak.figures:
        name = key.removeprefix("segment:")
        if name not in kept:
            continue
        groups = kept[name]
        for side, group in enumerate(groups):
            if np.isin(leak.members, group).all():
                options.append((leak.size, name, _without(groups, side, leak.members)))
            crossing = np.intersect1d(group, around, assume_unique=True)
            if 0 < crossing.size < auditor.k:
                options.append((int(crossing.size), name, _without(groups, side, crossing)))
        whole = [np.setdiff1d(g, around, assume_unique=True) for g in groups]
        cost = sum(g.size for g in groups) - sum(g.size for g in whole)
        if 0 < cost <= MAX_LEFT_OUT * sum(g.size for g in groups):
            options.append((cost, name, whole))
    options = [o for o in options if min(g.size for g in o[2]) >= auditor.k]
    if not options:
        return False
    _, name, groups = min(options, key=lambda o: (o[0], o[1]))
    kept[name] = groups
    auditor.figure(f"segment:{name}").groups = tuple(groups)
    return True


def _without(groups: list[np.ndarray], side: int, out: np.ndarray) -> list[np.ndarray]:
    return [
        np.setdiff1d(g, out, assume_unique=True) if i == side else g for i, g in enumerate(groups)
    ]


def choose_segments(
    ctx: AnalysisContext,
    code: str,
    answered: np.ndarray,
    hidden: frozenset[str],
    candidates: Mapping[str, Levels],
) -> dict[str, Levels | None]:
    """Per candidate segment, the level groups ``(a, b)`` to show on dimension ``code``
    (positions in responses), or None when the comparison must be hidden. Segments are added
    in the given order, each repaired at most :data:`MAX_REPAIRS` times, else hidden (the
    comparisons already kept stay as they were)."""
    key = (hashlib.sha1(np.packbits(answered).tobytes()).hexdigest(), hidden, tuple(candidates))
    cache = ctx.scratch.setdefault("segment_choices", {})
    if key not in cache:  # dimensions answered by the same people share their choice
        cache[key] = _reuse(ctx, code, answered, hidden, candidates) or _choose(
            ctx, code, answered, hidden, candidates
        )
        ctx.scratch["segment_last"] = (candidates, cache[key])
    return cache[key]


def _reuse(
    ctx: AnalysisContext,
    code: str,
    answered: np.ndarray,
    hidden: frozenset[str],
    candidates: Mapping[str, Levels],
) -> dict[str, Levels | None] | None:
    """The previous dimension's choice (same comparisons hidden, same people left out),
    applied to this one's respondents, if one audit finds it safe; else None."""
    last = ctx.scratch.get("segment_last")
    if last is None or tuple(last[0]) != tuple(candidates):
        return None
    before, chosen = last
    out: dict[str, Levels | None] = {}
    auditor = _auditor(ctx, f"dim:{code}", answered, hidden)
    for name, levels in candidates.items():
        if chosen[name] is None:
            out[name] = None
            continue
        left_out = [_minus(b, c) for b, c in zip(before[name], chosen[name], strict=True)]
        groups = [
            np.setdiff1d(g, out_, assume_unique=True)
            for g, out_ in zip(levels, left_out, strict=True)
        ]
        if min(g.size for g in groups) < ctx.k:
            return None
        out[name] = (groups[0], groups[1])
        auditor.add(f"segment:{name}", f"dim:{code}", groups)
    return out if auditor.leak(f"dim:{code}") is None else None


def _choose(
    ctx: AnalysisContext,
    code: str,
    answered: np.ndarray,
    hidden: frozenset[str],
    candidates: Mapping[str, Levels],
) -> dict[str, Levels | None]:
    channel = f"dim:{code}"
    auditor = _auditor(ctx, channel, answered, hidden)
    residual = residual_codes(ctx, hidden)
    kept = {name: list(levels) for name, levels in candidates.items()}
    dropped: set[str] = set()
    for name, levels in candidates.items():
        before = {other: list(groups) for other, groups in kept.items()}
        auditor.add(f"segment:{name}", channel, levels)
        leak = auditor.leak(channel)
        for _ in range(MAX_REPAIRS):
            if leak is None or not _shrink(auditor, leak, kept, residual):
                break
            leak = auditor.leak(channel)
        if leak is not None:  # give up this comparison, undo its repairs
            dropped.add(name)
            auditor.figures = [f for f in auditor.figures if f.key != f"segment:{name}"]
            kept = before
            for other in kept:
                if other not in dropped and f"segment:{other}" in auditor.keys():  # noqa: SIM118
                    auditor.figure(f"segment:{other}").groups = tuple(kept[other])
    return {
        name: None if name in dropped else (kept[name][0], kept[name][1]) for name in candidates
    }


def _minus(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``np.setdiff1d(a, b)``: the sorted distinct members of ``a`` not in ``b``. Level groups
    are sorted positions already, so a mask answers without np.setdiff1d's two sorts."""
    if a.size < 2 or (a[1:] > a[:-1]).all():
        if not b.size:
            return a.copy()
        inside = np.zeros(max(int(a.max(initial=-1)), int(b.max())) + 1, dtype=bool)
        inside[b] = True
        return a[~inside[a]]
    return np.setdiff1d(a, b)
