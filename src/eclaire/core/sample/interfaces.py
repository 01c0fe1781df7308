"""Interface ratings: each respondent rates the few units their work depends on.

Whom a person rates follows how the functions of a distributor work together (sales with ADV and
production, ADV with logistics, support with production, marketing with sales, the field with the
head office), with a stable preference of each unit for some partners. The rating of unit ``v`` by
a respondent of unit ``u`` is

    g = 3.5 + q_v + a_uv + l_r,    answer = round(g + item offset + e),

with the partner's standing ``q_v`` ~ N(0, 0.25), the planted pair effects ``a_uv``, the person's
leniency ``l_r`` ~ N(0, 0.35) and ``e`` ~ N(0, 0.55).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from eclaire.core.instrument import Instrument
from eclaire.core.sample.answers import MISSING_RATE, NA_RATE
from eclaire.core.sample.organization import Organization
from eclaire.core.sample.patterns import EFFECTS, Plan

__all__ = ["interface_ratings"]

FUNCTIONS = (
    "sales",
    "sales_admin",
    "support",
    "marketing",
    "production",
    "logistics",
    "management",
    "hr",
    "finance",
    "it",
)
# How often a person of the row's function rates a unit of the column's function.
AFFINITY = np.array(
    [
        # sal  adv  sup  mkt  prod log  dg   hr   fin  it
        [0.6, 3.0, 1.5, 1.5, 2.5, 1.5, 0.5, 0.3, 0.5, 0.3],  # sales
        [3.0, 0.5, 1.0, 0.3, 1.5, 2.5, 0.2, 0.1, 1.0, 0.4],  # sales_admin
        [1.5, 1.0, 0.6, 0.5, 2.0, 1.0, 0.2, 0.1, 0.2, 0.5],  # support
        [3.0, 0.5, 0.8, 0.4, 1.5, 0.3, 0.5, 0.2, 0.4, 0.6],  # marketing
        [1.5, 1.2, 1.2, 0.6, 1.2, 2.0, 0.3, 0.4, 0.2, 0.5],  # production
        [1.0, 2.5, 0.6, 0.1, 2.0, 0.8, 0.2, 0.3, 0.2, 0.4],  # logistics
        [2.0, 1.0, 1.0, 1.0, 2.0, 1.0, 0.0, 1.0, 1.5, 0.5],  # management
        [1.0, 0.5, 0.5, 0.3, 1.5, 1.0, 1.0, 0.2, 1.0, 0.5],  # hr
        [1.5, 1.5, 0.3, 0.5, 1.0, 0.5, 1.0, 0.8, 0.3, 0.6],  # finance
        [1.0, 1.0, 1.0, 0.8, 1.0, 1.0, 0.5, 0.6, 1.0, 0.3],  # it
    ]
)
HOW_MANY_P = (0.15, 0.25, 0.25, 0.20, 0.15)
"""Probability that a respondent rates 1, 2, 3, 4 or 5 units."""
PAIR_BOOST = 60.0


def _weights(org: Organization, plan: Plan, rng: np.random.Generator) -> np.ndarray:
    """``w[u, v]``: how likely a person of unit ``u`` is to rate unit ``v``."""
    f_index = {f: i for i, f in enumerate(FUNCTIONS)}
    fi = np.array([f_index.get(f, -1) for f in org.units["function"]])
    aff = np.where((fi[:, None] >= 0) & (fi[None, :] >= 0), AFFINITY[fi][:, fi], 0.5)
    counts = np.bincount(np.where(fi >= 0, fi, len(FUNCTIONS)), minlength=len(FUNCTIONS) + 1)
    w = aff / counts[np.where(fi >= 0, fi, len(FUNCTIONS))][None, :]
    w *= rng.lognormal(0.0, 1.0, w.shape)  # each unit has its habitual partners
    np.fill_diagonal(w, 0.0)
    for a, b in _named_pairs(plan):
        w[a, b] = PAIR_BOOST * w[a].max()
        w[b, a] = PAIR_BOOST * w[b].max()
    return w


def _named_pairs(plan: Plan) -> list[tuple[int, int]]:
    pairs = [(plan.tense_from, plan.tense_to), (plan.coherent, plan.coherent_partner)]
    return [(a, b) for a, b in pairs if a is not None and b is not None]


def _pair_effects(org: Organization, plan: Plan) -> np.ndarray:
    """``a[u, v]``, the planted part of how unit ``u`` rates unit ``v``."""
    n = len(org.units)
    a = np.zeros((n, n))
    functions = org.units["function"].to_numpy()
    if plan.tense_from is not None and plan.tense_to is not None:
        a[np.ix_(functions == "sales", functions == "production")] = EFFECTS.tense_interface
        a[plan.tense_from, plan.tense_to] += EFFECTS.tense_pair_extra
    good = EFFECTS.coherent_interface
    a[plan.coherent, :] = np.maximum(a[plan.coherent, :], good)
    a[:, plan.coherent] = np.maximum(a[:, plan.coherent], good)
    return a


def _choose_partners(
    w: np.ndarray, unit: np.ndarray, limit: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """(row, partner) pairs: each row picks 1–``limit`` units without replacement, with
    probabilities proportional to its unit's weights (Gumbel top-k, one unit at a time).
    Rows whose unit is negative (self-assessments) rate nobody."""
    rows_out, to_out = [], []
    how_many = rng.choice(np.arange(1, 6), size=len(unit), p=HOW_MANY_P)
    for u in np.unique(unit[unit >= 0]):
        rows = np.flatnonzero(unit == u)
        available = int((w[u] > 0).sum())
        k = min(limit, 5, available)
        if k == 0:
            continue
        keys = np.log(w[u] + 1e-300)[None, :] + rng.gumbel(size=(len(rows), w.shape[1]))
        top = np.argsort(-keys, axis=1, kind="stable")[:, :k]
        take = np.arange(k)[None, :] < np.minimum(how_many[rows], k)[:, None]
        rows_out.append(np.broadcast_to(rows[:, None], top.shape)[take])
        to_out.append(top[take])
    if not rows_out:
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    return np.concatenate(rows_out), np.concatenate(to_out)


def _sparse_columns(
    n_rows: int, row: np.ndarray, column: np.ndarray, value: np.ndarray, n_columns: int
) -> tuple[list[pd.arrays.SparseArray], list[pd.arrays.SparseArray]]:
    """One sparse float column (NaN where not rated or not answered) and one sparse bool column
    of not-applicable marks per interface column, from the cells' (row, column, value); a value
    of ``inf`` marks "not applicable" (stored as NaN)."""
    order = np.argsort(column, kind="stable")
    bounds = np.searchsorted(column[order], np.arange(n_columns + 1))
    values, marks = [], []
    for j in range(n_columns):
        cells = order[bounds[j] : bounds[j + 1]]
        dense = np.full(n_rows, np.nan)
        dense[row[cells]] = value[cells]
        na = np.isinf(dense)
        dense[na] = np.nan
        values.append(pd.arrays.SparseArray(dense, fill_value=np.nan))
        marks.append(pd.arrays.SparseArray(na, fill_value=False))
    return values, marks


def interface_ratings(
    instrument: Instrument,
    org: Organization,
    unit: np.ndarray,
    plan: Plan,
    rng: np.random.Generator,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``if:<to_unit>:<item>`` columns (units that someone rated, in id order), one row per
    response, as sparse floats (``pd.SparseDtype("float64", nan)``: NaN where not rated, left
    blank or not applicable), and the matching not-applicable marks as sparse booleans; ``unit``
    is −1 for rows that rate nobody. Sparse, since a respondent rates at most a few units."""
    items = instrument.interface_items
    if not items or len(unit) == 0:
        return pd.DataFrame(index=range(len(unit))), pd.DataFrame(index=range(len(unit)))
    row, to = _choose_partners(_weights(org, plan, rng), unit, instrument.interface_max_units, rng)
    standing = rng.normal(0.0, 0.25, len(org.units))
    for u in (plan.tense_from, plan.tense_to, plan.coherent, plan.coherent_partner):
        if u is not None:  # the planted pairs show their planted effect, not a partner's standing
            standing[u] = 0.0
    leniency = rng.normal(0.0, 0.35, len(unit))
    g = 3.5 + standing[to] + _pair_effects(org, plan)[unit[row], to] + leniency[row]
    rated = np.unique(to)
    slot = np.searchsorted(rated, to)
    values = []
    for item in items:
        scale = instrument.scale_of(item)
        latent = g + rng.normal(0.0, 0.2) + rng.normal(0.0, 0.55, len(g))
        value = np.clip(np.rint(latent), scale.min, scale.max)
        value = scale.min + scale.max - value if item.reverse else value
        na = (rng.random(len(g)) < NA_RATE) & item.not_applicable
        value[rng.random(len(g)) < MISSING_RATE] = np.nan
        value[na] = np.inf  # not applicable: NaN in the answers, marked apart
        values.append(value)
    column = (slot[None, :] * len(items) + np.arange(len(items))[:, None]).ravel()
    answers, marks = _sparse_columns(
        len(unit), np.tile(row, len(items)), column, np.concatenate(values), len(rated) * len(items)
    )
    ids = org.units["unit_id"].to_numpy()
    columns = [f"if:{ids[v]}:{item.code}" for v in rated for item in items]
    return (
        pd.DataFrame(dict(zip(columns, answers, strict=True)), index=range(len(unit))),
        pd.DataFrame(dict(zip(columns, marks, strict=True)), index=range(len(unit))),
    )
