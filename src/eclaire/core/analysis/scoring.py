"""Per-respondent scale scores: reverse-keyed items reversed, then the mean of answered items.

Convention (documented in docs/result.md): a respondent's score on a dimension is the mean of the
items they answered, after reversing reverse-keyed items as ``(min + max) − x``, and only when they
answered at least half of the dimension's items (rounded up); otherwise the score is missing.
"Not applicable" counts as not answered.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from eclaire.core.instrument import Dimension, Instrument

__all__ = ["item_matrix", "score_dimensions", "scored_dimensions"]

RESPONDENT_FAMILIES = ("clarity", "pillar", "symptom", "external", "other")


def scored_dimensions(instrument: Instrument) -> tuple[Dimension, ...]:
    """Dimensions answered once per respondent (everything but the interface block)."""
    return tuple(
        d
        for d in instrument.dimensions
        if d.family in RESPONDENT_FAMILIES
        and any(i.kind in ("likert", "frequency") for i in d.items)
    )


def item_matrix(instrument: Instrument, frame: pd.DataFrame, dimension: Dimension) -> pd.DataFrame:
    """The dimension's item columns as floats, reverse-keyed items reversed; absent columns are NaN."""
    out = {}
    for item in dimension.items:
        if item.kind not in ("likert", "frequency"):
            continue
        values = (
            pd.to_numeric(frame[item.code], errors="coerce").astype(np.float64)
            if item.code in frame.columns
            else pd.Series(np.nan, index=frame.index)
        )
        if item.reverse:
            scale = instrument.scale_of(item)
            values = scale.min + scale.max - values
        out[item.code] = values
    return pd.DataFrame(out, index=frame.index)


def score_dimensions(
    instrument: Instrument,
    frame: pd.DataFrame,
    matrices: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """One column per scored dimension, one row per response; NaN where too few items answered.
    ``matrices``: the dimensions' :func:`item_matrix` of ``frame``, when read already."""
    scores = {}
    for dim in scored_dimensions(instrument):
        items = matrices[dim.code] if matrices is not None else item_matrix(instrument, frame, dim)
        answered = items.notna().sum(axis=1)
        enough = answered >= math.ceil(items.shape[1] / 2)
        scores[dim.code] = items.mean(axis=1).where(enough)
    return pd.DataFrame(scores, index=frame.index)
