"""Answers to the scored items, from a latent model of unit climate and person noise.

For respondent ``r`` in unit ``u`` and dimension ``d``, the latent *goodness* is

    g = c_u + c_ud + p_r + p_rd + planted offsets

with a unit climate ``c_u`` ~ N(0, 0.30) (within ±0.6), a unit-by-dimension part ``c_ud`` ~ N(0, 0.20)
(within ±0.4), a person
tone ``p_r`` ~ N(0, 0.40) shared by all dimensions (so dimensions correlate) and a person-by-
dimension part ``p_rd`` ~ N(0, 0.40) shared by the items of ``d`` (so items correlate). An item's
answer is ``round(centre + sign · g + item offset + e)`` with ``e`` ~ N(0, 0.55), clipped to the
scale; ``sign`` is −1 for symptoms (a higher frequency is worse). Reverse-keyed items are stored
as answered, that is reversed: ``min + max − value``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from eclaire.core.instrument import Dimension, Instrument, Item
from eclaire.core.sample.patterns import (
    DECISIONS_ITEM,
    EFFECTS,
    MEETINGS_ITEM,
    NEWCOMER_BANDS,
    ONBOARDING_ITEM,
    SUPPORT_DIMENSION,
    Plan,
)

__all__ = ["Respondents", "Climate", "draw_climate", "scale_answers", "self_answers"]

CENTRE = {"clarity": 3.5, "pillar": 3.6, "symptom": 2.6, "external": 3.4}
MISSING_RATE = 0.02
NA_RATE = 0.04
NA_RATE_BACK_OFFICE_EXTERNAL = 0.6
"""Share of people without customer contact who say an external-mirror item does not apply."""


@dataclass(frozen=True)
class Respondents:
    """Who answers: one entry per response row (arrays of equal length)."""

    unit: np.ndarray
    tenure_band: np.ndarray
    customer_facing: np.ndarray
    function: np.ndarray
    member: np.ndarray
    """True for the rows of team members (not managers, not self-assessments)."""

    def __len__(self) -> int:
        return len(self.unit)


@dataclass(frozen=True)
class Climate:
    """The unit-level part of the latent model: ``general[u]`` and ``by_dimension[u, d]``."""

    general: np.ndarray
    by_dimension: np.ndarray
    item_offset: dict[str, float]


def draw_climate(
    instrument: Instrument, n_units: int, plan: Plan, rng: np.random.Generator
) -> Climate:
    """Unit climates, with the planted units set where a pattern needs them."""
    general = np.clip(rng.normal(0.0, 0.30, n_units), -0.6, 0.6)
    by_dim = np.clip(rng.normal(0.0, 0.20, (n_units, len(instrument.dimensions))), -0.4, 0.4)
    for unit in (plan.meetings, plan.dispersed, plan.tense_from, plan.tense_to):
        if unit is not None:  # a planted unit shows its pattern, not a lucky climate
            general[unit] = np.clip(general[unit], -0.3, 0.0)
            by_dim[unit] = np.clip(by_dim[unit], -0.2, 0.0)
    general[plan.coherent] = EFFECTS.coherent_climate
    by_dim[plan.coherent] = 0.0
    if plan.manager_gap is not None:
        general[plan.manager_gap] = 0.0
        by_dim[plan.manager_gap] = 0.0
    items = [i for d in instrument.dimensions for i in d.items]
    # items differ a little in how easy they are to endorse; planted items keep a neutral level
    offsets = np.clip(rng.normal(0.0, 0.20, len(items)), -0.3, 0.3)
    offsets[[k for k, i in enumerate(items) if i.code in (MEETINGS_ITEM, DECISIONS_ITEM)]] = 0.0
    return Climate(general, by_dim, {i.code: float(o) for i, o in zip(items, offsets, strict=True)})


def _sign(dim: Dimension) -> float:
    return -1.0 if dim.family == "symptom" else 1.0


def _planted_goodness(dim: Dimension, who: Respondents, plan: Plan) -> np.ndarray:
    """Offsets in goodness units that a pattern adds to a whole dimension."""
    out = np.zeros(len(who))
    if plan.manager_gap is not None and dim.family == "clarity":
        out[who.unit == plan.manager_gap] += EFFECTS.gap_team_clarity
    if plan.newcomers and dim.code == SUPPORT_DIMENSION:
        newcomer = np.isin(who.tenure_band, NEWCOMER_BANDS) & (who.unit != plan.coherent)
        out[newcomer] += EFFECTS.newcomer_support
    return out


def _planted_item(item: Item, who: Respondents, plan: Plan) -> np.ndarray:
    """Answer points a pattern adds to one item (symptoms: a positive number is worse)."""
    out = np.zeros(len(who))
    if plan.meetings is not None and item.code == MEETINGS_ITEM:
        out[who.unit == plan.meetings] += EFFECTS.meetings
    if plan.meetings is not None and item.code == DECISIONS_ITEM:
        out[who.unit == plan.meetings] += EFFECTS.meetings / 3
    if plan.newcomers and item.code == ONBOARDING_ITEM:
        out[np.isin(who.tenure_band, NEWCOMER_BANDS) & (who.unit != plan.coherent)] += 0.5
    return out


def _to_scale(latent: np.ndarray, item: Item, instrument: Instrument) -> np.ndarray:
    scale = instrument.scale_of(item)
    value = np.clip(np.rint(latent), scale.min, scale.max)
    return scale.min + scale.max - value if item.reverse else value


def scale_answers(
    instrument: Instrument, who: Respondents, climate: Climate, plan: Plan, rng: np.random.Generator
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], np.ndarray]:
    """Answers (float, NaN when missing or not applicable), not-applicable marks per item, and
    the members' mean goodness per unit and dimension (what a manager's self-view starts from)."""
    tone = rng.normal(0.0, 0.40, len(who))
    values: dict[str, np.ndarray] = {}
    na: dict[str, np.ndarray] = {}
    n_units = len(climate.general)
    team = climate.general[:, None] + climate.by_dimension
    counts = np.bincount(who.unit[who.member], minlength=n_units)
    for d, dim in enumerate(instrument.dimensions):
        if dim.family == "interface":
            continue
        goodness = (
            climate.general[who.unit]
            + climate.by_dimension[who.unit, d]
            + tone
            + rng.normal(0.0, 0.40, len(who))
            + _planted_goodness(dim, who, plan)
        )
        sums = np.bincount(who.unit[who.member], goodness[who.member], minlength=n_units)
        team[:, d] = np.where(counts > 0, sums / np.maximum(counts, 1), team[:, d])
        centre = CENTRE.get(dim.family, 3.3)
        for item in dim.items:
            if item.kind not in ("likert", "frequency"):
                continue
            latent = (
                centre
                + _sign(dim) * goodness
                + climate.item_offset[item.code]
                + _planted_item(item, who, plan)
                + rng.normal(0.0, 0.55, len(who))
            )
            values[item.code], na[item.code] = _with_gaps(
                _to_scale(latent, item, instrument), item, dim, who, rng
            )
    _choice_answers(instrument, who, rng, values, na)
    return values, na, team


def _choice_answers(
    instrument: Instrument,
    who: Respondents,
    rng: np.random.Generator,
    values: dict[str, np.ndarray],
    na: dict[str, np.ndarray],
) -> None:
    """Choice questions: the 1-based position of a uniformly drawn option."""
    for item in instrument.questions:
        if item.kind == "choice":
            answer = rng.integers(1, max(len(item.options), 1) + 1, len(who)).astype(float)
            values[item.code], na[item.code] = _with_gaps(answer, item, None, who, rng)


def _with_gaps(
    value: np.ndarray, item: Item, dim: Dimension | None, who: Respondents, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Blank about 2 % of answers at random, and mark "not applicable" where the item allows it."""
    na = np.zeros(len(who), dtype=bool)
    if item.not_applicable:
        p = np.full(len(who), NA_RATE)
        if dim is not None and dim.family == "external":
            p[who.customer_facing == "no"] = NA_RATE_BACK_OFFICE_EXTERNAL
        na = rng.random(len(who)) < p
    missing = rng.random(len(who)) < MISSING_RATE
    return np.where(na | missing, np.nan, value), na


def self_answers(
    instrument: Instrument,
    units: np.ndarray,
    team: np.ndarray,
    climate: Climate,
    plan: Plan,
    rng: np.random.Generator,
) -> dict[str, np.ndarray]:
    """Manager self-assessments, one row per unit in ``units``, on the self-assessment items.

    A manager sees their team as it is (``team``: the members' mean goodness per unit and
    dimension) plus a self-view bias: about +0.2 points (sd 0.15, at most +0.35; +0.1 in the
    coherent unit), and ``EFFECTS.gap_self_clarity`` on clarity for the planted manager.
    """
    bias = np.clip(rng.normal(0.2, 0.15, len(units)), -0.2, 0.35)
    bias[units == plan.coherent] = 0.1
    gap = units == plan.manager_gap
    values: dict[str, np.ndarray] = {}
    for d, dim in enumerate(instrument.dimensions):
        items = [
            i for i in dim.items if i.self_text is not None and i.kind in ("likert", "frequency")
        ]
        if not items:
            continue
        if dim.family == "clarity":
            own = np.where(gap, EFFECTS.gap_self_clarity, bias)
        else:
            own = np.where(gap, 0.7, bias)
        goodness = team[units, d] + own + rng.normal(0.0, 0.1, len(units))
        for item in items:
            latent = (
                CENTRE.get(dim.family, 3.3)
                + _sign(dim) * goodness
                + climate.item_offset[item.code]
                + rng.normal(0.0, 0.3, len(units))
            )
            values[item.code] = _to_scale(latent, item, instrument)
    return values
