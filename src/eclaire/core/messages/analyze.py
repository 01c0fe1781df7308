"""``analyze_messages``: the ``messages`` section of the result (message drift).

Which units enter: every unit counts the respondents who answered for it (``unit_col``), not
those of its sub-units; roll-ups are not pooled, since a roll-up's statements mix teams and
the drift between those teams is what the section shows. ``parents`` (the unit tree) orders
the units depth first and rejects unknown unit ids. Privacy thresholds:

- under ``k`` statements: the unit shows ``n`` only and enters no figure;
- from ``k``: consistency, drift, distance to the consensus, contradictions (values and counts);
- from ``comment_k``: themes, examples and verbatim formulations of contradictions, names masked.

All the statements of one key message are embedded in one call (the default embedder is
transductive), so that every unit is measured on the same scale.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from eclaire.core.analysis._numbers import interval, num, nums
from eclaire.core.analysis.tree import tree_order

from .commitments import Commitment, extract_commitments
from .contradictions import (
    find_contradictions,
    respondent_commitments,
    side_entry,
    unit_commitments,
    value_key,
)
from .embedders import LANGS, DefaultEmbedder, Embedder, single_blas_thread
from .masking import mask_names, vocabulary_tokens
from .similarity import centroid, consensus_distances, consistency, drift_matrix
from .themes import document_frequencies, themes

__all__ = ["analyze_messages", "commitment_contradictions", "N_FURTHEST", "N_QUOTES"]

N_FURTHEST = 3
N_QUOTES = 2


def _validate(
    frame: pd.DataFrame, unit_col: str, text_cols: Sequence[str], k: int, comment_k: int, lang: str
) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise ValueError("frame must be a pandas DataFrame")
    if isinstance(text_cols, str) or not text_cols:
        raise ValueError("text_cols must be a non-empty sequence of column names")
    missing = [c for c in (unit_col, *text_cols) if c not in frame.columns]
    if missing:
        raise ValueError(f"columns not in the frame: {', '.join(map(repr, missing))}")
    if k < 3:
        raise ValueError(f"k must be at least 3 (anonymity threshold), got {k}")
    if comment_k < k:
        raise ValueError(f"comment_k ({comment_k}) must be at least k ({k})")
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")


def _units(unit_ids: pd.Series, parents: Mapping[str, str | None] | None) -> list[str]:
    present = sorted(set(unit_ids.dropna().astype(str)))
    if parents is None:
        return present
    unknown = [u for u in present if u not in parents]
    if unknown:
        raise ValueError(f"unit ids not in the unit tree: {', '.join(unknown[:5])}")
    return [u for u in tree_order(parents) if u in set(present)]


def _texts(frame: pd.DataFrame, col: str) -> pd.Series:
    """Stripped statements; missing, blank and non-text cells become ''."""
    return frame[col].map(lambda v: v.strip() if isinstance(v, str) else "")


def _key(col: str) -> str:
    return col.split(":", 1)[1] if col.startswith("text:") else col


def _drift(units: list[str], vectors: np.ndarray, members: dict[str, np.ndarray]) -> dict[str, Any]:
    if not units:
        return {"drift": {"units": [], "matrix": [], "to_consensus": []}, "furthest": []}
    cents = np.vstack([centroid(vectors[members[u]]) for u in units])
    consensus = centroid(np.vstack([vectors[members[u]] for u in units]))
    dist = consensus_distances(cents, consensus)
    order = sorted(range(len(units)), key=lambda i: (-round(float(dist[i]), 10), units[i]))
    furthest = [{"unit_id": units[i], "distance": num(dist[i])} for i in order[:N_FURTHEST]]
    matrix = drift_matrix(cents)
    return {
        "drift": {"units": units, "matrix": [nums(row) for row in matrix], "to_consensus": nums(dist)},
        "furthest": furthest if len(units) >= 2 else [],
    }


def _key_message(
    texts: pd.Series,
    unit_ids: pd.Series,
    units: list[str],
    embedder: Embedder,
    opts: dict[str, Any],
) -> dict[str, Any]:
    said = texts != ""
    statements = texts[said].tolist()
    owners = unit_ids[said].astype(str).to_numpy()
    vectors = embedder.embed(statements, opts["lang"]) if statements else np.zeros((0, 1))
    df, n_docs = document_frequencies(statements)
    members = {u: np.flatnonzero(owners == u) for u in units}
    out_units: dict[str, Any] = {}
    entering = []
    for u in units:
        idx = members[u]
        entry: dict[str, Any] = {"n": int(len(idx))}
        if len(idx) >= opts["k"]:
            c = consistency(vectors[idx])
            entry["consistency"] = {
                "mean": num(c.mean),
                "interval": interval(c.low, c.high),
                "n_pairs": c.n_pairs,
            }
            entering.append(u)
        if len(idx) >= opts["comment_k"]:
            entry["themes"] = themes(
                [statements[i] for i in idx], vectors[idx], df, n_docs, opts["vocabulary"]
            )
        out_units[u] = entry
    return {"n": len(statements), "units": out_units, **_drift(entering, vectors, members)}


def _quotes(
    unit: str,
    c_key: tuple[str, str],
    value: float | None,
    stated: list[tuple[str, list[tuple[str, str, list[Commitment]]]]],
    vocabulary: frozenset[str],
) -> list[dict[str, str]]:
    """Up to 2 masked formulations of a unit's modal commitment, in row order."""
    out: list[dict[str, str]] = []
    for owner, per_col in stated:
        if owner != unit:
            continue
        found = respondent_commitments([cs for _, _, cs in per_col]).get(c_key)
        if found is None or _as_value(value_key(found)) != value:
            continue
        for key, text, cs in per_col:
            if found in cs and all(q["text"] != mask_names(text, vocabulary) for q in out):
                out.append(
                    {
                        "key_message": key,
                        "text": mask_names(text, vocabulary),
                        "span": mask_names(found.text_span, vocabulary),
                    }
                )
                break
        if len(out) == N_QUOTES:
            break
    return out


def _as_value(key: float | str | None) -> float | None:
    return float(key) if isinstance(key, (int, float)) else None


def _unit_ids(frame: pd.DataFrame, unit_col: str) -> pd.Series:
    return frame[unit_col].map(lambda v: str(v) if pd.notna(v) and str(v) else None)


def commitment_contradictions(
    frame: pd.DataFrame,
    unit_col: str,
    text_cols: Sequence[str],
    *,
    parents: Mapping[str, str | None] | None = None,
    k: int = 5,
    comment_k: int = 10,
    name_vocabulary: Collection[str] = (),
) -> list[dict[str, Any]]:
    """The ``contradictions`` list alone (no embedding): see :mod:`.contradictions`."""
    _validate(frame, unit_col, text_cols, k, comment_k, "fr")
    unit_ids = _unit_ids(frame, unit_col)
    opts = {"k": k, "comment_k": comment_k, "vocabulary": vocabulary_tokens(name_vocabulary)}
    return _contradictions(frame, unit_ids, text_cols, _units(unit_ids, parents), opts)


def _contradictions(
    frame: pd.DataFrame,
    unit_ids: pd.Series,
    text_cols: Sequence[str],
    units: list[str],
    opts: dict[str, Any],
) -> list[dict[str, Any]]:
    cols = {col: _texts(frame, col) for col in text_cols}
    stated: list[tuple[str, list[tuple[str, str, list[Commitment]]]]] = []
    for row in range(len(frame)):
        per_col = [
            (_key(col), cols[col].iat[row], extract_commitments(cols[col].iat[row]))
            for col in text_cols
            if cols[col].iat[row]
        ]
        if per_col and isinstance(unit_ids.iat[row], str):
            stated.append((unit_ids.iat[row], per_col))
    per_unit = {}
    for u in units:
        mine = [respondent_commitments([cs for _, _, cs in p]) for owner, p in stated if owner == u]
        per_unit[u] = unit_commitments(u, mine, len(mine), opts["k"])
    out = []
    for a, b, rule in find_contradictions(per_unit):
        sides = []
        for side in (a, b):
            entry = side_entry(side)
            entry["value"] = num(entry["value"])
            if side.n >= opts["comment_k"]:
                entry["examples"] = _quotes(
                    side.unit_id, (side.kind, side.subject), side.value, stated, opts["vocabulary"]
                )
            sides.append(entry)
        out.append(
            {
                "kind": a.kind,
                "subject": a.subject,
                "rule": rule,
                "units": [a.unit_id, b.unit_id],
                "sides": sides,
            }
        )
    return out


def analyze_messages(
    frame: pd.DataFrame,
    unit_col: str,
    text_cols: Sequence[str],
    *,
    parents: Mapping[str, str | None] | None = None,
    k: int = 5,
    comment_k: int = 10,
    embedder: Embedder | None = None,
    lang: str = "fr",
    name_vocabulary: Collection[str] = (),
) -> dict[str, Any]:
    """The JSON-ready ``messages`` section (docs/result/messages.md).

    ``frame`` has one row per respondent, ``unit_col`` their unit id and ``text_cols`` one free
    text per key message (``text:MSG_PROMISE``…). ``name_vocabulary``: roster and unit names to
    mask in any verbatim that leaves the function.
    """
    _validate(frame, unit_col, text_cols, k, comment_k, lang)
    unit_ids = _unit_ids(frame, unit_col)
    units = _units(unit_ids, parents)
    model = embedder if embedder is not None else DefaultEmbedder()
    opts = {
        "k": k,
        "comment_k": comment_k,
        "lang": lang,
        "vocabulary": vocabulary_tokens(name_vocabulary),
    }
    with single_blas_thread():
        key_messages = {
            _key(col): {
                "column": col,
                **_key_message(_texts(frame, col), unit_ids, units, model, opts),
            }
            for col in text_cols
        }
    return {
        "embedder": model.name,
        "lang": lang,
        "k": k,
        "comment_k": comment_k,
        "key_messages": key_messages,
        "contradictions": _contradictions(frame, unit_ids, text_cols, units, opts),
    }
