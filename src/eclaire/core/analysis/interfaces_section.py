"""``interfaces``: how each unit rates the units it works with, directed, with asymmetries.

A respondent of unit ``u`` rates a unit ``t`` on the interface items (columns
``if:<t>:<item>``). Their *rating* of ``t`` is the mean of the interface items they answered
(reverse-keyed items reversed as ``min + max − x``), counted only when they answered at least half
of the instrument's interface items (rounded up), the rule of the dimension scores.

An entry ``from → to`` describes the raters of ``to`` found in the roll-up of ``from`` (the unit
and everything under it, as in the ``units`` section):

- ``rollup`` is false when every rater is a direct respondent of ``from`` (for a team: its own
  people), true when the raters come from two or more units of the roll-up. A roll-up whose
  raters all sit in one unit below it is the same group as that unit's entry: it is not repeated.
- ``score``: the mean rating in scale points, ``sd`` (ddof = 1) and the Student t 95% interval.
- ``items``: the mean of each item over the *complete* raters (who answered every item).
- ``asymmetry`` = ``score(from → to) − score(to → from)`` in scale points, when both entries are
  listed and shown, with its Welch (1947) 95% interval; negative: ``from`` rates ``to`` lower than
  ``to`` rates ``from``. Self-ratings (``from`` = ``to``) are not listed.

Privacy: for each target, the raters follow :func:`~eclaire.core.privacy.suppress_interfaces`
(threshold ``k``, no differencing along the raters' unit tree); a hidden entry gives ``n`` and the
reason only. Item means are shown only on shown unit-level entries (``rollup`` false) whose cut
complete / incomplete passes :func:`~eclaire.core.privacy.suppress_partition`: the score (all
raters) and the item means (complete raters) then never isolate fewer than ``k`` people, and no
roll-up shows item means that could be differenced. Reference: Hundepool et al. (2012),
*Statistical Disclosure Control*, Wiley, ch. 4–5.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from eclaire.core.privacy import (
    BELOW_THRESHOLD,
    TreeDisclosure,
    suppress_interfaces,
    suppress_partition,
)
from eclaire.core.stats.differences import grouped_mean_difference_ci
from eclaire.core.stats.intervals import grouped_mean_ci

from ._numbers import nums
from .context import AnalysisContext
from .interface_cells import PREFIX
from .tree import ancestry, expand_to_rollups

__all__ = [
    "interfaces_section",
    "interface_columns",
    "pair_table",
    "rater_disclosure",
    "rehomed",
    "rater_scores",
]


def _target_and_code(ctx: AnalysisContext, column: str, codes: set[str]) -> tuple[str, str]:
    target, sep, code = column[len(PREFIX) :].rpartition(":")
    if not sep or not target:
        raise ValueError(f"interface column {column!r} is not named if:<to_unit_id>:<item_code>")
    if code not in codes:
        raise ValueError(
            f"interface column {column!r}: {code!r} is not an interface item "
            f"of instrument {ctx.instrument.id!r}"
        )
    if target not in ctx.parents:
        raise ValueError(f"interface column {column!r} rates {target!r}, which is not a unit")
    return target, code


def interface_columns(ctx: AnalysisContext) -> dict[str, dict[str, str]]:
    """``target unit → item code → column`` for every ``if:<to_unit_id>:<item_code>`` column."""
    codes = {item.code for item in ctx.instrument.interface_items}
    out: dict[str, dict[str, str]] = {}
    for column in ctx.interfaces.columns:
        target, code = _target_and_code(ctx, column, codes)
        out.setdefault(target, {})[code] = column
    return out


def _cell_slots(ctx: AnalysisContext) -> tuple[np.ndarray, np.ndarray]:
    """Per answered interface cell: the rated unit (position in ``order``) and the item (index
    in the instrument's interface items)."""
    codes = [item.code for item in ctx.instrument.interface_items]
    position = {u: i for i, u in enumerate(ctx.order)}
    by_column = {
        column: (position[t], codes.index(code))
        for t, by_item in interface_columns(ctx).items()
        for code, column in by_item.items()
    }
    spec = np.array([by_column[c] for c in ctx.interfaces.columns], dtype=np.int64)
    spec = spec.reshape(-1, 2)
    return spec[ctx.interfaces.column, 0], spec[ctx.interfaces.column, 1]


def rater_scores(ctx: AnalysisContext) -> pd.DataFrame:
    """One row per (respondent, rated unit) with a rating: ``row`` (position in responses),
    ``from_unit``, ``target`` (positions in ``ctx.order``), ``score``, ``complete`` (answered
    every interface item) and one column per interface item (NaN = not answered)."""
    items = ctx.instrument.interface_items
    codes = [item.code for item in items]
    target, item = _cell_slots(ctx)
    row, value = ctx.interfaces.row, ctx.interfaces.value
    ends = np.array(
        [ctx.instrument.scale_of(i).min + ctx.instrument.scale_of(i).max for i in items],
        dtype="float64",
    )
    reverse = np.array([i.reverse for i in items], dtype=bool)
    value = np.where(reverse[item], ends[item] - value, value)
    pair, slot = np.unique(row * len(ctx.order) + target, return_inverse=True)
    matrix = np.full((len(pair), len(items)), np.nan)
    matrix[slot, item] = value
    answered = (~np.isnan(matrix)).sum(axis=1)
    keep = answered >= math.ceil(len(items) / 2)
    pair, matrix = pair[keep], matrix[keep]
    units = ctx.unit_positions
    with np.errstate(invalid="ignore"):
        frame = {
            "row": pair // len(ctx.order),
            "from_unit": units[pair // len(ctx.order)],
            "target": pair % len(ctx.order),
            "score": np.nanmean(matrix, axis=1),
            "complete": answered[keep] == len(items),
        }
    return pd.DataFrame({**frame, **dict(zip(codes, matrix.T, strict=True))})


def rater_disclosure(ctx: AnalysisContext, long: pd.DataFrame) -> dict[str, TreeDisclosure]:
    """:func:`~eclaire.core.privacy.suppress_interfaces` for each rated unit.

    Only the raters' units, their ancestors and the target's own chain enter each target's
    tree: a subtree without raters is below ``k`` everywhere and changes no residual, so the
    result is the same as on the whole tree, at a fraction of the cost.
    """
    chains = ancestry(ctx.parents)
    size = len(ctx.order)
    # raters per (target, their unit), sorted by target then unit
    pairs, counts = np.unique(
        long["target"].to_numpy(np.int64) * size + long["from_unit"].to_numpy(np.int64),
        return_counts=True,
    )
    targets, units, counts = (pairs // size).tolist(), (pairs % size).tolist(), counts.tolist()
    if not targets:
        return {}
    bounds = [0, *(i + 1 for i in range(len(targets) - 1) if targets[i] != targets[i + 1])]
    out: dict[str, TreeDisclosure] = {}
    for start, end in zip(bounds, [*bounds[1:], len(targets)], strict=True):
        t = ctx.order[targets[start]]
        direct = {ctx.order[u]: n for u, n in zip(units[start:end], counts[start:end], strict=True)}
        tree = {a: ctx.parents[a] for u in [*direct, t] for a in chains[u]}
        out[t] = suppress_interfaces(tree, {t: direct}, ctx.k, pool=True)[t]
    return out


def rehomed(ctx: AnalysisContext, long: pd.DataFrame, pairs: Mapping[str, TreeDisclosure]):
    """``long`` with each rater's unit replaced by its home for the rated unit: the raters of a
    pooled roll-up count with the level above (``TreeDisclosure.homes``)."""
    position = {u: i for i, u in enumerate(ctx.order)}
    from_unit = long["from_unit"].to_numpy().copy()
    target = long["target"].to_numpy()
    for t, disclosure in pairs.items():
        if not disclosure.homes:
            continue
        moves = np.arange(len(ctx.order))
        for unit, home in disclosure.homes.items():
            moves[position[unit]] = position[home]
        at = target == position[t]
        from_unit[at] = moves[from_unit[at]]
    return long.assign(from_unit=from_unit)


def _spread(ctx: AnalysisContext, long: pd.DataFrame) -> pd.DataFrame:
    """``(row, rollup)``: each rating once for the rater's unit and once per ancestor."""
    unique = np.unique(long["from_unit"].to_numpy())
    ids = pd.Series([ctx.order[u] for u in unique])
    chains = expand_to_rollups(ids, ctx.parents)
    position = {u: i for i, u in enumerate(ctx.order)}
    ladder = pd.DataFrame(
        {
            "from_unit": unique[chains["row"].to_numpy()],
            "rollup": chains["rollup"].map(position).to_numpy(dtype=np.int64),
        }
    )
    rated = pd.DataFrame({"i": np.arange(len(long)), "from_unit": long["from_unit"].to_numpy()})
    return rated.merge(ladder, on="from_unit", how="inner", sort=False)


def pair_table(ctx: AnalysisContext, long: pd.DataFrame) -> pd.DataFrame:
    """Per ``(from roll-up, target)``: ``n``, ``mean``, ``sd``, ``lo``, ``hi`` of the ratings,
    ``sources`` (units the raters come from), ``source`` (the first), ``complete`` (complete
    raters), item means over complete raters ``mean:<item>``, and the asymmetry ``asym_diff``,
    ``asym_lo``, ``asym_hi``; indexed by ``from_unit, target`` (unit ids)."""
    codes = [item.code for item in ctx.instrument.interface_items]
    size = len(ctx.order)
    spread = _spread(ctx, long)
    rows = spread["i"].to_numpy()
    key = spread["rollup"].to_numpy() * size + long["target"].to_numpy()[rows]
    frame = pd.DataFrame(
        {"score": long["score"].to_numpy()[rows], "key": key, "src": spread["from_unit"].to_numpy()}
    )
    table = grouped_mean_ci(frame, "score", "key")
    sources = frame.groupby("key")["src"].agg(["nunique", "min"])
    table["sources"], table["source"] = sources["nunique"], sources["min"]
    complete = long["complete"].to_numpy(dtype=bool)[rows]
    table["complete"] = pd.Series(complete).groupby(key).sum()
    items = pd.DataFrame(long[codes].to_numpy(dtype="float64")[rows][complete], columns=codes)
    table = table.join(items.groupby(key[complete]).mean().add_prefix("mean:"))
    swapped = frame.assign(key=(key % size) * size + key // size)
    asym = grouped_mean_difference_ci(frame, swapped, "score", "key")
    table = table.join(asym[["diff", "lo", "hi"]].add_prefix("asym_"))
    keys = table.index.to_numpy()
    order = np.asarray(ctx.order, dtype=object)
    table.index = pd.MultiIndex.from_arrays(
        [order[keys // size], order[keys % size]], names=["from_unit", "target"]
    )
    table["source"] = order[table["source"].to_numpy(dtype=np.int64)]
    return table


def _listed(table: pd.DataFrame) -> pd.DataFrame:
    """Drop self-ratings and roll-ups that repeat the single unit below them."""
    from_unit = table.index.get_level_values("from_unit")
    target = table.index.get_level_values("target")
    repeat = (table["sources"] == 1).to_numpy() & (table["source"].to_numpy() != from_unit)
    return table.loc[~repeat & (from_unit != target)]


def _visibility(
    table: pd.DataFrame, pairs: Mapping[str, TreeDisclosure], k: int
) -> tuple[list[bool], list[bool], list[str]]:
    """Per entry: shown, item means shown, and why a hidden entry is hidden (see the module)."""
    complete = table["complete"].astype(int).tolist()
    n = table["n"].astype(int).tolist()
    single = (table["sources"] == 1).tolist()
    shown, items, reasons = [], [], []
    cuts: dict[tuple[int, int], bool] = {}  # (complete, incomplete) → item means shown
    for i, (f, t) in enumerate(table.index):
        visible = pairs[t].shows(f)
        shown.append(visible)
        reasons.append("" if visible else pairs[t].reasons.get(f, BELOW_THRESHOLD))
        if not (visible and single[i]):
            items.append(False)
            continue
        cut = (complete[i], n[i] - complete[i])
        if cut not in cuts:
            hidden = suppress_partition({"complete": cut[0], "incomplete": cut[1]}, k)
            cuts[cut] = "complete" not in hidden
        items.append(cuts[cut])
    return shown, items, reasons


def _entries(
    ctx: AnalysisContext, table: pd.DataFrame, pairs: Mapping[str, TreeDisclosure]
) -> list[dict[str, Any]]:
    codes = [item.code for item in ctx.instrument.interface_items]
    keys = list(table.index)
    shown, with_items, reasons = _visibility(table, pairs, ctx.k)
    listed = {key for key, ok in zip(keys, shown, strict=True) if ok}
    cols = {
        c: nums(table[c]) for c in ("mean", "sd", "lo", "hi", "asym_diff", "asym_lo", "asym_hi")
    }
    means = {c: nums(table[f"mean:{c}"]) for c in codes}
    rollup, n = (table["sources"].to_numpy() > 1).tolist(), table["n"].astype(int).tolist()
    out: list[dict[str, Any]] = []
    for i, (f, t) in enumerate(keys):
        entry: dict[str, Any] = {
            "from": f,
            "to": t,
            "rollup": rollup[i],
            "n": n[i],
            "suppressed": not shown[i],
        }
        if not shown[i]:
            entry["reason"] = reasons[i]
            out.append(entry)
            continue
        both = (t, f) in listed
        entry |= {
            "score": cols["mean"][i],
            "sd": cols["sd"][i],
            "ci95": [cols["lo"][i], cols["hi"][i]],
            "items": {c: means[c][i] for c in codes if means[c][i] is not None}
            if with_items[i]
            else {},
            "asymmetry": cols["asym_diff"][i] if both else None,
            "asymmetry_ci95": [cols["asym_lo"][i], cols["asym_hi"][i]] if both else None,
        }
        out.append(entry)
    return out


def interfaces_section(ctx: AnalysisContext) -> list[dict[str, Any]]:
    """Every directed pair ``from → to`` that has raters: ``from`` in tree order, then ``to``."""
    if not ctx.instrument.interface_items:
        return []
    long = rater_scores(ctx)
    if long.empty:
        return []
    pairs = rater_disclosure(ctx, long)
    long = rehomed(ctx, long, pairs)
    ctx.scratch["interface_raters"] = long
    return _entries(ctx, _listed(pair_table(ctx, long)), pairs)
