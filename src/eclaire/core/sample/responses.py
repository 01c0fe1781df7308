"""The responses frame: segments, item answers, interface ratings, ranks and open answers.

One row per response, in the shape of docs/conventions.md; the frame holds no person id. Manager
self-assessments are extra rows (``role`` manager, ``self`` True) that answer only the items of
the self-assessment variant.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from eclaire.core.instrument import Instrument
from eclaire.core.sample.answers import (
    Climate,
    Respondents,
    draw_climate,
    scale_answers,
    self_answers,
)
from eclaire.core.sample.interfaces import interface_ratings
from eclaire.core.sample.organization import Organization
from eclaire.core.sample.patterns import Plan
from eclaire.core.sample.rankings import priority_ranks
from eclaire.core.sample.texts import open_answers

__all__ = ["build_responses"]


def build_responses(
    instrument: Instrument,
    org: Organization,
    roster: pd.DataFrame,
    unit: np.ndarray,
    rows: np.ndarray,
    is_self: np.ndarray,
    plan: Plan,
    streams: Sequence[np.random.Generator],
    lang: str,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The responses frame and its not-applicable marks, for roster ``rows`` in ``unit``."""
    functions = org.units["function"].to_numpy()[unit]
    people = roster.iloc[rows]
    who = Respondents(
        unit=unit,
        tenure_band=people["tenure_band"].to_numpy(),
        customer_facing=people["customer_facing"].to_numpy(),
        function=functions,
        member=(people["role"].to_numpy() == "member") & ~is_self,
    )
    climate = draw_climate(instrument, len(org.units), plan, streams[0])
    items, na = _item_frames(instrument, who, is_self, climate, plan, streams)
    ratings, marks = interface_ratings(
        instrument, org, np.where(is_self, -1, unit), plan, streams[3]
    )
    parts = [_segments(people, org, unit, is_self), items, ratings]
    na = pd.concat([na, marks], axis=1)
    parts += _ranks_and_texts(instrument, unit, functions, is_self, plan, streams, lang)
    return pd.concat(parts, axis=1), na


def _ranks_and_texts(
    instrument: Instrument,
    unit: np.ndarray,
    functions: np.ndarray,
    is_self: np.ndarray,
    plan: Plan,
    streams: Sequence[np.random.Generator],
    lang: str,
) -> list[pd.DataFrame]:
    """The ``rank:`` and ``text:`` columns (empty on self-assessment rows)."""
    parts = []
    ranking = instrument.ranking
    if ranking is not None and ranking.options:
        ranks = priority_ranks(len(ranking.options), unit, functions, plan, streams[4])
        ranks[is_self] = np.nan
        columns = [f"rank:{o.code}" for o in ranking.options]
        parts.append(pd.DataFrame(ranks, columns=columns, copy=False))
    texts = open_answers(instrument, functions, lang, streams[5])
    for answers in texts.values():
        answers[is_self] = None
    frame = {f"text:{code}": pd.array(v, dtype="str") for code, v in texts.items()}
    parts.append(pd.DataFrame(frame, index=range(len(unit))))
    return parts


def _segments(
    people: pd.DataFrame, org: Organization, unit: np.ndarray, is_self: np.ndarray
) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "unit_id": org.units["unit_id"].to_numpy()[unit],
            "role": people["role"].to_numpy(),
            "tenure_band": people["tenure_band"].to_numpy(),
            "contract": people["contract"].to_numpy(),
            "customer_facing": people["customer_facing"].to_numpy(),
        }
    ).astype("str")
    frame["self"] = is_self
    return frame


def _item_frames(
    instrument: Instrument,
    who: Respondents,
    is_self: np.ndarray,
    climate: Climate,
    plan: Plan,
    streams: Sequence[np.random.Generator],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Answers to the plain items (self rows hold the self-assessment) and their NA marks."""
    values, na, team = scale_answers(instrument, who, climate, plan, streams[1])
    own = self_answers(instrument, who.unit[is_self], team, climate, plan, streams[2])
    codes = [item.code for item in instrument.respondent_items]
    matrix = np.full((len(who), len(codes)), np.nan)
    marks = np.zeros((len(who), len(codes)), dtype=bool)
    for j, code in enumerate(codes):
        if code in values:
            matrix[:, j] = values[code]
            marks[:, j] = na[code]
        matrix[is_self, j] = own.get(code, np.nan)
        marks[is_self, j] = False
    return (
        pd.DataFrame(matrix, columns=codes, copy=False),
        pd.DataFrame(marks, columns=codes, copy=False),
    )
