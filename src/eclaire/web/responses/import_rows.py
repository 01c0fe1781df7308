"""Turning a validated responses table into rows to store, fast, and spotting a second import.

Answers are gathered column by column (only the filled cells of each column are visited, and the
interface columns, mostly empty, through their sparse index), never row by row through pandas:
that row-wise path cost about 14 ms a response.

A second import of the same responses is recognized by content: each response's unit, segments
and answers are hashed in memory, the campaign's stored responses likewise, and the two sets are
compared. Nothing new is stored, so nothing links a response to a person or to an import.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from eclaire.core.interchange.response_columns import META_COLUMNS
from eclaire.web.responses.models import Response

NA = "NA"
KEY_FIELDS = ("unit_id", "role", "tenure_band", "contract", "customer_facing", "is_self", "answers")
"""The fields that make two responses the same response."""


def answer_dicts(frame: pd.DataFrame, not_applicable: pd.DataFrame) -> list[dict[str, object]]:
    """One ``answers`` dict per row of ``frame``, in column order; ``"NA"`` where not applicable."""
    answers: list[dict[str, object]] = [{} for _ in range(len(frame))]
    for name in frame.columns:
        if name in META_COLUMNS:
            continue
        rows, values = _filled(frame[name])
        marks = _marked(not_applicable, name)
        if len(marks):
            rows = np.concatenate([rows, marks])
            values = values + [NA] * len(marks)
            order = np.argsort(rows, kind="stable")
            rows, values = rows[order], [values[i] for i in order]
        for row, value in zip(rows.tolist(), values, strict=True):
            answers[row][name] = value
    return answers


def _filled(column: pd.Series) -> tuple[np.ndarray, list[object]]:
    """The 0-based rows of the filled cells and their values (whole floats as ints)."""
    if isinstance(column.dtype, pd.SparseDtype):
        sparse = column.array
        rows = np.asarray(sparse.sp_index.indices, dtype=np.int64)
        numbers = np.asarray(sparse.sp_values, dtype=np.float64)
        keep = ~np.isnan(numbers)
        return rows[keep], _numbers(numbers[keep])
    if pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(column):
        numbers = column.to_numpy(dtype=np.float64, na_value=np.nan)
        rows = np.flatnonzero(~np.isnan(numbers))
        return rows, _numbers(numbers[rows])
    cells = column.to_numpy(dtype=object)
    rows = np.flatnonzero([isinstance(v, str) and v.strip() != "" for v in cells])
    return rows, cells[rows].tolist()


def _numbers(values: np.ndarray) -> list[object]:
    if np.all(values == np.round(values)):
        return values.astype(np.int64).tolist()
    return [int(v) if v.is_integer() else v for v in values.tolist()]


def _marked(not_applicable: pd.DataFrame, name: str) -> np.ndarray:
    if name not in not_applicable.columns:
        return np.empty(0, dtype=np.int64)
    column = not_applicable[name]
    if isinstance(column.dtype, pd.SparseDtype):
        sparse = column.array
        rows = np.asarray(sparse.sp_index.indices, dtype=np.int64)
        return rows[np.asarray(sparse.sp_values, dtype=bool)]
    return np.flatnonzero(column.fillna(False).to_numpy(dtype=bool))


def content_key(fields: Sequence[object]) -> bytes:
    """A short digest of one response's ``KEY_FIELDS`` values, equal for equal content."""
    text = json.dumps(list(fields), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def already_stored(campaign_id: int, responses: Iterable[Response]) -> int:
    """How many of ``responses`` match, one for one, a response already stored in the campaign."""
    stored = Response.objects.filter(campaign_id=campaign_id)
    if not stored.exists():
        return 0
    old = Counter(content_key(f) for f in stored.values_list(*KEY_FIELDS).iterator(2000))
    new = Counter(content_key([getattr(r, f) for f in KEY_FIELDS]) for r in responses)
    return sum((old & new).values())
