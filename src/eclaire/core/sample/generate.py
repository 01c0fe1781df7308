"""``generate_sample``: a fictional company, its roster and its survey answers, with known patterns.

The same arguments give the same sample, to the byte once written. Every random part draws from
its own stream (``numpy.random.SeedSequence(seed).spawn``), so changing one part of the model
leaves the others as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from eclaire.core.instrument import Instrument
from eclaire.core.sample.organization import MAX_UNITS, MIN_UNITS, build_organization
from eclaire.core.sample.patterns import MIN_PLANTED_RESPONDENTS, Plan, choose_plan
from eclaire.core.sample.responses import build_responses
from eclaire.core.sample.roster import MAX_PEOPLE, build_roster, min_people, unit_sizes
from eclaire.core.sample.truth import build_truth

__all__ = ["Sample", "generate_sample", "LANGUAGES", "SEGMENT_COLUMNS"]

LANGUAGES = ("fr", "en")
SEGMENT_COLUMNS = ("unit_id", "role", "tenure_band", "contract", "customer_facing", "self")
SELF_ASSESSMENT_RATE = 0.85
"""Share of managers who fill in the self-assessment (always, in the planted units)."""


@dataclass(frozen=True)
class Sample:
    """A generated organization: its units, roster, anonymous responses and what was planted.

    ``responses`` follows docs/conventions.md (floats, NaN = no answer or not applicable, ``self``
    boolean); ``not_applicable`` is the boolean frame of the item columns that tells the two apart.
    """

    units: pd.DataFrame
    roster: pd.DataFrame
    responses: pd.DataFrame
    truth: dict
    not_applicable: pd.DataFrame = field(default_factory=pd.DataFrame)


def _check_arguments(
    units: int, people: int, seed: int, instrument: Instrument, response_rate: float, lang: str
) -> None:
    for name, value in (("units", units), ("people", people), ("seed", seed)):
        if isinstance(value, bool) or not isinstance(value, int | np.integer):
            raise ValueError(f"{name} must be an integer, got {value!r}")
    if not MIN_UNITS <= units <= MAX_UNITS:
        raise ValueError(f"units must be between {MIN_UNITS} and {MAX_UNITS}, got {units}")
    if not 0 < people <= MAX_PEOPLE:
        raise ValueError(f"people must be between 1 and {MAX_PEOPLE}, got {people}")
    if seed < 0:
        raise ValueError(f"seed must be zero or positive, got {seed}")
    if not isinstance(instrument, Instrument):
        raise ValueError(f"instrument must be an Instrument, got {type(instrument).__name__}")
    if (
        isinstance(response_rate, bool)
        or not isinstance(response_rate, int | float)
        or not 0.3 <= response_rate <= 1.0
    ):
        raise ValueError(f"response_rate must be a number between 0.3 and 1, got {response_rate!r}")
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, got {lang!r}")


def generate_sample(
    *,
    units: int,
    people: int,
    seed: int,
    instrument: Instrument,
    response_rate: float = 0.75,
    lang: str = "fr",
) -> Sample:
    """A sample of ``units`` units and ``people`` people answering ``instrument``.

    About ``response_rate`` of the roster answers; managers add self-assessment rows. Raises
    ``ValueError`` for bad arguments, including too few people for the planted patterns.
    """
    _check_arguments(units, people, seed, instrument, response_rate, lang)
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(10)]
    org = build_organization(units)
    plan = choose_plan(org, instrument)
    _check_people(people, min_people(org, plan.min_sizes(response_rate)), units, response_rate)
    sizes = unit_sizes(org, people, plan.min_sizes(response_rate), streams[0])
    roster = build_roster(org, sizes, streams[1], lang)
    unit_of_person = np.repeat(np.arange(len(sizes)), sizes)
    rows, is_self = _respondent_rows(roster, unit_of_person, plan, response_rate, streams[2])
    responses, na = build_responses(
        instrument, org, roster, unit_of_person[rows], rows, is_self, plan, streams[3:], lang
    )
    truth = build_truth(instrument, org, plan, responses, seed, people, response_rate, lang)
    return Sample(org.units, roster, responses, truth, not_applicable=na)


def _check_people(people: int, needed: int, units: int, response_rate: float) -> None:
    if people < needed:
        raise ValueError(
            f"people must be at least {needed} for {units} units at response_rate {response_rate} "
            f"(each planted unit needs {MIN_PLANTED_RESPONDENTS} respondents), got {people}"
        )


def _respondent_rows(
    roster: pd.DataFrame, unit: np.ndarray, plan: Plan, rate: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Roster rows behind each response row, and which rows are self-assessments.

    Members answer at a rate that varies by unit (sd 0.08 around ``rate``); planted units answer
    at ``rate`` with at least ``MIN_PLANTED_RESPONDENTS`` members. Rows come sorted by unit, in
    random order within a unit, so the order of the file does not follow the roster.
    """
    n_units = int(unit.max()) + 1
    manager = (roster["role"] == "manager").to_numpy()
    unit_rate = np.clip(rate + rng.normal(0.0, 0.08, n_units), 0.15, 1.0)
    planted = np.array(sorted(plan.min_sizes(rate)), dtype=np.int64)
    unit_rate[planted] = rate
    members = np.bincount(unit[~manager], minlength=n_units)
    quota = np.rint(unit_rate * members).astype(np.int64)
    quota[planted] = np.maximum(
        quota[planted], np.minimum(members[planted], MIN_PLANTED_RESPONDENTS)
    )
    key = rng.random(len(unit)) + manager  # managers sort after their members
    order = np.lexsort((key, unit))
    first = np.searchsorted(unit[order], np.arange(n_units))
    position = np.empty(len(unit), dtype=np.int64)
    position[order] = np.arange(len(unit)) - first[unit[order]]
    answers = ~manager & (position < quota[unit])
    answers |= manager & (rng.random(len(unit)) < rate)
    assesses = manager & (rng.random(len(unit)) < SELF_ASSESSMENT_RATE)
    assesses[manager & np.isin(unit, planted)] = True
    rows = np.concatenate([np.flatnonzero(answers), np.flatnonzero(assesses)])
    is_self = np.concatenate([np.zeros(answers.sum(), bool), np.ones(assesses.sum(), bool)])
    shuffle = np.lexsort((rng.random(len(rows)), unit[rows]))
    return rows[shuffle], is_self[shuffle]
