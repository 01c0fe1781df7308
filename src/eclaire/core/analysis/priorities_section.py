"""``priorities``: do people rank the priorities the same way, and the way that was declared?

Rankings come from the columns ``rank:<option>`` (1 = first) of the instrument's ranking
question. Convention for incomplete rankings: a respondent counts when they ranked at least
:data:`MIN_RANKED` options; the options they left unranked share the bottom places (average rank,
a tie), and every row is re-ranked with average ranks for ties. A respondent with fewer ranked
options is left out.

- ``kendall_w``: Kendall & Babington Smith's (1939) coefficient of concordance W, corrected for
  ties (Kendall, 1948), per unit roll-up and for the organization: 0 = no agreement, 1 = everyone
  gives the same order. ``chi2 = m(K − 1)·W`` on ``K − 1`` degrees of freedom (Friedman, 1937)
  with its p-value tests "no agreement at all" (``m`` raters, ``K`` options).
- ``w_test`` (teams only: shown units without sub-units): is the team's agreement lower than
  the organization's at the same size? :func:`~eclaire.core.stats.rankings.kendall_w_permutation`
  draws :data:`PERMUTATION_DRAWS` groups of as many rankers from the team and the other shown
  teams of the same function (like with like), or of every function when those hold fewer
  rankers than the team; ``p`` (one-sided), ``null_median`` (the median W of the drawn
  groups), ``reference`` (``function`` or ``teams``), ``n_reference`` (the other rankers).
  The draws are seeded by the unit id: the analysis stays deterministic. Roll-ups and the
  organization are never tested: they mix teams, and their W says so.
- ``consensus``: options by mean rank (ties by code).
- ``distance_to_declared``, ``distance_to_organization`` and ``distances``: the normalized
  Kendall (1938) tau distance between two orders, the share of option pairs placed in opposite
  order (0 = same order, 1 = reversed). The declared order is ``declared_priorities`` of the
  context, else the order of the options in the instrument; when it names only some options,
  the consensus is compared on those. ``distances`` holds the pairs of shown *sibling* units
  (same parent), at most :data:`MAX_PAIRS`, the most distant first; ``distances_total`` counts
  the sibling pairs before that cut.

Privacy: the tree rule runs again on the respondents who count, on top of the units the context
hides (as the ``units`` section does per dimension); a hidden unit gives its ``n`` only.
"""

from __future__ import annotations

import zlib
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from eclaire.core.privacy import BELOW_THRESHOLD, TreeDisclosure
from eclaire.core.stats.distributions import chi2_sf
from eclaire.core.stats.rankings import (
    RankedRows,
    average_ranks,
    grouped_kendall_w,
    kendall_tau_distance,
)
from eclaire.core.stats.w_permutations import permutation_tests

from ._numbers import num
from .context import AnalysisContext
from .tree import children_of

__all__ = ["priorities_section", "ranking_matrix", "tau_distance_matrix", "MAX_PAIRS", "MIN_RANKED"]

PREFIX = "rank:"
MIN_RANKED = 2
MAX_PAIRS = 1000
PERMUTATION_DRAWS = 9999
ORGANIZATION = "__organization__"


def _options(ctx: AnalysisContext) -> list[str]:
    question = ctx.instrument.ranking
    return [] if question is None else [o.code for o in question.options]


def _declared(ctx: AnalysisContext, options: list[str]) -> list[str]:
    declared = list(ctx.declared_priorities) or options
    unknown = [code for code in declared if code not in options]
    if unknown:
        raise ValueError(
            f"declared priorities {unknown} are not options of the ranking question ({options})"
        )
    if len(set(declared)) != len(declared):
        raise ValueError(f"declared priorities repeat an option: {declared}")
    return declared


def ranking_matrix(ctx: AnalysisContext, options: list[str]) -> pd.DataFrame:
    """Re-ranked rows (1 = first, average ranks for ties) of the respondents who count; the
    options they left unranked share the bottom places. Index: positions in responses."""
    raw = pd.DataFrame(
        {
            code: pd.to_numeric(ctx.responses[PREFIX + code], errors="coerce")
            if PREFIX + code in ctx.responses.columns
            else np.nan
            for code in options
        },
        index=ctx.responses.index,
    ).astype("float64")
    counted = raw.notna().sum(axis=1) >= MIN_RANKED
    values = raw.loc[counted].to_numpy()
    values = np.where(np.isnan(values), np.inf, values)
    ranks = average_ranks(values) if len(values) else values
    return pd.DataFrame(ranks, index=raw.index[counted], columns=options)


def _disclosure(ctx: AnalysisContext, ranks: pd.DataFrame) -> TreeDisclosure:
    ranked = np.zeros(len(ctx.responses), dtype=bool)
    ranked[ranks.index.to_numpy()] = True
    hidden: set[str | None] = set(ctx.disclosure.suppressed)
    if ctx.disclosure.total_suppressed:
        hidden.add(None)
    return ctx.tree_rule(ctx.home_counts(ranked), hidden)


def _friedman(w: float, m: int, k: int) -> tuple[float | None, float | None]:
    if not np.isfinite(w):
        return None, None
    chi2 = m * (k - 1) * w
    return num(chi2), num(_chi2_sf(chi2, k - 1))


@lru_cache(maxsize=4096)
def _chi2_sf(chi2: float, df: int) -> float:
    """``chi2_sf``, remembered: roll-ups of one size and agreement share it."""
    return float(chi2_sf(chi2, df))


def _group_tables(ctx: AnalysisContext, ranks: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Kendall's W (``n_raters``, ``w``) and mean ranks per roll-up and for the organization.
    (``ctx.responses`` has a positional index, so ``ranks.index`` are the rows of ``rollups``.)"""
    spread = ctx.rollups[ctx.rollups["row"].isin(ranks.index)]
    frame = pd.concat([ranks.loc[spread["row"].to_numpy()], ranks], ignore_index=True)
    groups = pd.Series(
        np.concatenate(
            [
                spread["rollup"].to_numpy(dtype=object),
                np.full(len(ranks), ORGANIZATION, dtype=object),
            ]
        ),
        name="group",
    )
    w = grouped_kendall_w(frame, list(ranks.columns), groups)
    return w, frame.groupby(groups.to_numpy()).mean()


def _consensus_orders(means: pd.DataFrame) -> dict[str, list[str]]:
    """Per group, the options by mean rank, ties by code, an option without a mean last: the
    order of :func:`~eclaire.core.stats.rankings.consensus_order`, for every group at once."""
    codes = np.asarray(means.columns.astype(str), dtype=object)
    by_code = np.argsort(np.argsort(codes, kind="stable"), kind="stable")
    values = means.to_numpy(dtype=np.float64)
    keys = np.broadcast_to(by_code, values.shape)
    order = np.lexsort((keys, values), axis=1)
    return {group: codes[row].tolist() for group, row in zip(means.index, order, strict=True)}


def tau_distance_matrix(orders: list[list[str]]) -> np.ndarray:
    """Pairwise normalized Kendall tau distances between orders of the same codes, vectorized:
    the share of code pairs ``(i, j)`` whose relative order differs (as
    :func:`~eclaire.core.stats.rankings.kendall_tau_distance`)."""
    codes = sorted(orders[0])
    position = np.array([[order.index(c) for c in codes] for order in orders])
    i, j = np.triu_indices(len(codes), 1)
    before = position[:, i] < position[:, j]
    disagree = (before[:, None, :] != before[None, :, :]).sum(axis=2)
    return disagree / len(i)


def _sibling_distances(
    ctx: AnalysisContext, shown: dict[str, list[str]], n: dict[str, int]
) -> tuple[list[dict[str, Any]], int]:
    pairs: list[tuple[float, str, str]] = []
    for siblings in children_of(ctx.parents).values():
        ids = [u for u in siblings if u in shown]
        if len(ids) < 2:
            continue
        matrix = tau_distance_matrix([shown[u] for u in ids])
        a, b = np.triu_indices(len(ids), 1)
        pairs += [(float(matrix[x, y]), ids[x], ids[y]) for x, y in zip(a, b, strict=True)]
    rank = {u: i for i, u in enumerate(ctx.order)}
    pairs.sort(key=lambda p: (-p[0], rank[p[1]], rank[p[2]]))
    out = [
        {"a": a, "b": b, "n_a": n[a], "n_b": n[b], "distance": num(d)}
        for d, a, b in pairs[:MAX_PAIRS]
    ]
    return out, len(pairs)


def _distance(order: list[str], reference: list[str]) -> float | None:
    """Distance on the codes of ``reference`` (the consensus restricted to them)."""
    if len(reference) < 2:
        return None
    return _order_distance(tuple(order), tuple(reference))


@lru_cache(maxsize=4096)
def _order_distance(order: tuple[str, ...], reference: tuple[str, ...]) -> float | None:
    """:func:`_distance`, remembered: many teams share a consensus order."""
    return num(kendall_tau_distance([c for c in order if c in reference], reference))


def _reason(ctx: AnalysisContext, disclosure: TreeDisclosure, unit_id: str) -> str:
    """Why a unit is hidden: the context's reason when the context hides it already."""
    return ctx.disclosure.reasons.get(unit_id) or disclosure.reasons.get(unit_id) or BELOW_THRESHOLD


def _unit_entry(
    ctx: AnalysisContext,
    unit_id: str,
    disclosure: TreeDisclosure,
    w: pd.DataFrame,
    orders: dict[str, list[str]],
    reference: dict[str, list[str]],
) -> dict[str, Any]:
    n = int(disclosure.counts.get(unit_id, 0))
    if not disclosure.shows(unit_id) or unit_id not in w.index:
        return {"n": n, "suppressed": True, "reason": _reason(ctx, disclosure, unit_id)}
    value = float(w.at[unit_id, "w"])
    consensus = orders[unit_id]
    k = len(consensus)
    chi2, p = _friedman(value, int(w.at[unit_id, "n_raters"]), k)
    return {
        "n": n,
        "suppressed": False,
        "kendall_w": num(value),
        "chi2": chi2,
        "df": k - 1,
        "p": p,
        "consensus": consensus,
        "distance_to_declared": _distance(consensus, reference["declared"]),
        "distance_to_organization": _distance(consensus, reference["organization"])
        if reference["organization"]
        else None,
    }


def _add_w_tests(ctx: AnalysisContext, ranks: pd.DataFrame, units: dict[str, Any]) -> None:
    """``w_test`` on every shown team (see the module docstring), in place."""
    children = children_of(ctx.parents)
    teams = [u for u, e in units.items() if not e["suppressed"] and not children.get(u)]
    # Only complete rankings enter the test; they are re-ranked once for every team's test.
    complete = ranks[ranks.notna().all(axis=1)]
    pool = RankedRows.of(complete.to_numpy(dtype="float64"))
    owner = ctx.responses.loc[complete.index, "unit_id"].astype(str).to_numpy()
    # Row positions of each team's rankers, found once (comparing unit ids per team costs seconds).
    rows_of = pd.Series(np.arange(len(owner))).groupby(owner).indices

    def rows(units: list[str]) -> np.ndarray:
        found = [rows_of[u] for u in units if u in rows_of]
        return np.sort(np.concatenate(found)) if found else np.empty(0, dtype=np.intp)

    function = {u: ctx.unit_info[u].get("function", "") for u in teams}
    by_function: dict[str, list[str]] = {}
    for u in teams:
        by_function.setdefault(function[u], []).append(u)
    tested: list[tuple[str, str, np.ndarray, np.ndarray]] = []
    for unit in teams:
        group = rows([unit])
        others = rows([u for u in by_function[function[unit]] if u != unit])
        reference = "function"
        if len(others) < len(group):
            others = rows([u for u in teams if u != unit])
            reference = "teams"
        if len(group) >= 2 and len(others) >= len(group):
            tested.append((unit, reference, group, others))
    # every team's test at once: each its own seed and draws, as pool.permutation_test alone
    results = permutation_tests(
        pool,
        [(group, others, zlib.crc32(unit.encode("utf-8"))) for unit, _, group, others in tested],
        draws=PERMUTATION_DRAWS,
    )
    for (unit, reference, _, others), test in zip(tested, results, strict=True):
        units[unit]["w_test"] = {
            "p": num(test.p),
            "null_median": num(test.null_median),
            "draws": test.draws,
            "reference": reference,
            "n_reference": len(others),
        }


def _empty(declared: list[str], options: list[str]) -> dict[str, Any]:
    return {
        "declared": declared,
        "options": options,
        "min_ranked": MIN_RANKED,
        "overall": {"n": 0, "suppressed": True, "kendall_w": None, "consensus": []},
        "units": {},
        "distances": [],
        "distances_total": 0,
    }


def _overall(
    ctx: AnalysisContext,
    ranks: pd.DataFrame,
    disclosure: TreeDisclosure,
    w: pd.DataFrame,
    orders: dict[str, list[str]],
) -> dict[str, Any]:
    n, k = len(ranks), ranks.shape[1]
    if not disclosure.shows(None) or ORGANIZATION not in w.index:
        return {"n": n, "suppressed": True, "kendall_w": None, "consensus": []}
    value = float(w.at[ORGANIZATION, "w"])
    chi2, p = _friedman(value, n, k)
    return {
        "n": n,
        "suppressed": False,
        "kendall_w": num(value),
        "chi2": chi2,
        "df": k - 1,
        "p": p,
        "consensus": orders[ORGANIZATION],
    }


def priorities_section(ctx: AnalysisContext) -> dict[str, Any]:
    options = _options(ctx)
    declared = _declared(ctx, options)
    ranks = ranking_matrix(ctx, options) if len(options) >= 2 else pd.DataFrame()
    if ranks.empty:
        return _empty(declared, options)
    disclosure = _disclosure(ctx, ranks)
    w, means = _group_tables(ctx, ranks)
    orders = _consensus_orders(means)
    overall = _overall(ctx, ranks, disclosure, w, orders)
    reference = {"declared": declared, "organization": overall["consensus"]}
    units = {u: _unit_entry(ctx, u, disclosure, w, orders, reference) for u in ctx.order}
    _add_w_tests(ctx, ranks, units)
    shown = {u: e["consensus"] for u, e in units.items() if not e["suppressed"]}
    distances, total = _sibling_distances(ctx, shown, {u: e["n"] for u, e in units.items()})
    overall["distance_to_declared"] = (
        _distance(overall["consensus"], declared) if overall["consensus"] else None
    )
    return {
        "declared": declared,
        "options": options,
        "min_ranked": MIN_RANKED,
        "overall": overall,
        "units": units,
        "distances": distances,
        "distances_total": total,
    }
