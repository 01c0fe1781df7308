"""``analyze_messages``: the ``messages`` section of the result (message drift).

Which units enter: every unit counts the respondents who answered for it (``unit_col``), not
those of its sub-units; roll-ups are not pooled, since a roll-up's statements mix teams and
the drift between those teams is what the section shows. ``parents`` (the unit tree) orders
the units depth first and rejects unknown unit ids. Privacy thresholds:

- under ``k`` statements: the unit shows ``n`` only and enters no figure;
- from ``k``: consistency, drift, distance to the consensus, contradictions (values and counts);
- from ``comment_k``: themes, examples and verbatim formulations of contradictions, names masked.

All the statements of one key message are embedded in one call, each distinct text once. The
default embedder's weights are fixed (fitted on the STS train split), so every unit is measured
on the same scale whatever else is analysed with it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from eclaire.core.analysis._numbers import interval, num, nums
from eclaire.core.analysis.tree import tree_order
from eclaire.core.collector import collector_paused

from .commitments import Commitment, extract_commitments
from .contradictions import (
    UnitCommitment,
    find_contradictions,
    resolve_lead_times,
    respondent_commitments,
    side_entry,
    unit_commitments,
    value_key,
)
from .embedders import (
    BLOCK,
    LANGS,
    DefaultEmbedder,
    Embedder,
    dense,
    embed_table,
    single_blas_thread,
)
from .masking import mask_names, vocabulary_tokens
from .similarity import (
    consensus_distances,
    drift_matrix,
    similarity_consistency,
    unit_vectors,
)
from .themes import document_frequencies, themes, vector_classes

__all__ = ["analyze_messages", "commitment_contradictions", "N_FURTHEST", "N_QUOTES"]

N_FURTHEST = 3
N_QUOTES = 2
MAX_GRAM = 1_000  # up to this many distinct texts, a key message keeps all their similarities


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


def _texts(frame: pd.DataFrame, text_cols: Sequence[str]) -> dict[str, list[str]]:
    """Each column's stripped statements; missing, blank and non-text cells become ''."""
    return {
        col: [v.strip() if isinstance(v, str) else "" for v in frame[col].tolist()]
        for col in text_cols
    }


def _key(col: str) -> str:
    return col.split(":", 1)[1] if col.startswith("text:") else col


def _drift(
    units: list[str], cents: dict[str, np.ndarray], table: Any, rows_of: dict[str, np.ndarray]
) -> dict[str, Any]:
    """Drift matrix and distances to the consensus; ``cents[u]`` is ``u``'s centroid and
    ``table[rows_of[u]]`` are ``u``'s vectors."""
    if not units:
        return {"drift": {"units": [], "matrix": [], "to_consensus": []}, "furthest": []}
    centroids = np.vstack([cents[u] for u in units])
    consensus = _consensus(table, np.concatenate([rows_of[u] for u in units]))
    dist = consensus_distances(centroids, consensus)
    order = sorted(range(len(units)), key=lambda i: (-round(float(dist[i]), 10), units[i]))
    furthest = [{"unit_id": units[i], "distance": num(dist[i])} for i in order[:N_FURTHEST]]
    matrix = drift_matrix(centroids)
    return {
        "drift": {
            "units": units,
            "matrix": [nums(row) for row in matrix],
            "to_consensus": nums(dist),
        },
        "furthest": furthest if len(units) >= 2 else [],
    }


def _consensus(table: Any, rows: np.ndarray) -> np.ndarray:
    """``centroid(table[rows])`` without the ``len(rows) × dim`` copy: each distinct row of
    ``table`` weighted by how often ``rows`` names it."""
    counts = np.bincount(rows, minlength=table.shape[0])
    total = np.zeros(table.shape[1])
    for start in range(0, table.shape[0], BLOCK):  # the table may be sparse (embed_table)
        total += counts[start : start + BLOCK] @ dense(table[start : start + BLOCK])
    mean = total / len(rows)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else mean


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
    if statements:
        table, rows = embed_table(embedder, statements, opts["lang"])
    else:
        table, rows = np.zeros((0, 1)), np.zeros(0, dtype=np.intp)
    classes = vector_classes(table)[rows]
    df, n_docs = document_frequencies(statements)
    members = _members(owners, units)
    gram = dense(table) @ dense(table).T if table.shape[0] <= MAX_GRAM else None
    out_units: dict[str, Any] = {}
    entering = []
    cents: dict[str, np.ndarray] = {}
    for u in units:
        idx = members[u]
        entry: dict[str, Any] = {"n": int(len(idx))}
        if len(idx) >= opts["k"]:
            unit = unit_vectors(table, rows[idx], gram)
            entry["consistency"] = _consistency(unit.sims)
            cents[u] = unit.centroid()
            entering.append(u)
        if len(idx) >= opts["comment_k"]:
            mine = [statements[i] for i in idx]
            distinct = len(np.unique(classes[idx]))
            vocabulary = opts["vocabulary"]
            entry["themes"] = themes(
                mine, unit.vectors, df, n_docs, vocabulary, distinct, unit.sims
            )
        out_units[u] = entry
    rows_of = {u: rows[members[u]] for u in units}
    return {"n": len(statements), "units": out_units, **_drift(entering, cents, table, rows_of)}


def _members(owners: np.ndarray, units: list[str]) -> dict[str, np.ndarray]:
    """Positions of each unit's statements, in statement order."""
    codes, uniques = pd.factorize(owners)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
    found = {str(u): order[bounds[i] : bounds[i + 1]] for i, u in enumerate(uniques)}
    empty = np.zeros(0, dtype=np.intp)
    return {u: found.get(u, empty) for u in units}


def _consistency(sims: np.ndarray) -> dict[str, Any]:
    c = similarity_consistency(sims)
    return {"mean": num(c.mean), "interval": interval(c.low, c.high), "n_pairs": c.n_pairs}


class _Stated(NamedTuple):
    """One respondent's non-empty statements and their first commitment per subject."""

    statements: list[tuple[str, str, list[Commitment]]]  # (key message, text, commitments)
    first: dict[tuple[str, str], Commitment]  # respondent_commitments of the statements


def _stated(texts: dict[str, list[str]], unit_ids: pd.Series) -> dict[str, list[_Stated]]:
    """Each unit's respondents who wrote something, in row order; extraction once per text and
    once per distinct set of a respondent's answers (200,000 respondents of the sample wrote
    some 83,000 distinct sets): respondents who wrote the same share one :class:`_Stated`."""
    keys = [_key(col) for col in texts]
    extracted: dict[str, list[Commitment]] = {}
    known: dict[tuple[str, ...], _Stated | None] = {}
    out: dict[str, list[_Stated]] = {}
    for owner, answers in zip(unit_ids.tolist(), zip(*texts.values(), strict=True), strict=True):
        if not isinstance(owner, str):
            continue
        if answers not in known:
            per_col = []
            for key, text in zip(keys, answers, strict=True):
                if text:
                    if text not in extracted:
                        extracted[text] = extract_commitments(text)
                    per_col.append((key, text, extracted[text]))
            first = respondent_commitments([cs for _, _, cs in per_col])
            known[answers] = _Stated(per_col, first) if per_col else None
        respondent = known[answers]
        if respondent is not None:
            out.setdefault(owner, []).append(respondent)
    return out


def _quotes(
    c_key: tuple[str, str],
    value: float | None,
    stated: list[_Stated],
    vocabulary: frozenset[str],
) -> list[dict[str, str]]:
    """Up to 2 masked formulations of a unit's modal commitment, in row order."""
    out: list[dict[str, str]] = []
    for respondent in stated:
        found = respondent.first.get(c_key)
        if found is None or _as_value(value_key(found)) != value:
            continue
        for key, text, cs in respondent.statements:
            if found not in cs:
                continue
            masked = mask_names(text, vocabulary)
            if all(q["text"] != masked for q in out):
                span = mask_names(found.text_span, vocabulary)
                out.append({"key_message": key, "text": masked, "span": span})
                break
        if len(out) == N_QUOTES:
            break
    return out


def _as_value(key: float | str | None) -> float | None:
    return float(key) if isinstance(key, (int, float)) else None


def _unit_ids(frame: pd.DataFrame, unit_col: str) -> pd.Series:
    """Unit ids as strings; missing and empty ones become None."""
    column = frame[unit_col]
    ids = [
        str(v) if known and str(v) else None
        for v, known in zip(column.tolist(), column.notna().tolist(), strict=True)
    ]
    return pd.Series(ids, index=frame.index, dtype=object)


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
    texts = _texts(frame, text_cols)
    return _contradictions(texts, unit_ids, _units(unit_ids, parents), opts)


def _contradictions(
    texts: dict[str, list[str]],
    unit_ids: pd.Series,
    units: list[str],
    opts: dict[str, Any],
) -> list[dict[str, Any]]:
    stated = _stated(texts, unit_ids)
    per_unit = {}
    for u in units:
        resolved = resolve_lead_times([respondent.first for respondent in stated.get(u, [])])
        if u in stated:
            stated[u] = [
                r if f == r.first else r._replace(first=f)  # most respondents keep theirs
                for r, f in zip(stated[u], resolved, strict=True)
            ]
        per_unit[u] = unit_commitments(u, resolved, len(resolved), opts["k"])
    quotes: dict[UnitCommitment, list[dict[str, str]]] = {}  # a side recurs in many pairs
    out = []
    for a, b, rule in find_contradictions(per_unit):
        out.append(
            {
                "kind": a.kind,
                "subject": a.subject,
                "rule": rule,
                "units": [a.unit_id, b.unit_id],
                "sides": [_side(side, stated, quotes, opts) for side in (a, b)],
            }
        )
    return out


def _side(
    side: UnitCommitment,
    stated: dict[str, list[_Stated]],
    quotes: dict[UnitCommitment, list[dict[str, str]]],
    opts: dict[str, Any],
) -> dict[str, Any]:
    """One side of a contradiction, with its examples from ``comment_k`` respondents."""
    entry = side_entry(side)
    entry["value"] = num(entry["value"])
    if side.n >= opts["comment_k"]:
        if side not in quotes:
            mine = stated.get(side.unit_id, [])
            c_key = (side.kind, side.subject)
            quotes[side] = _quotes(c_key, side.value, mine, opts["vocabulary"])
        entry["examples"] = [dict(q) for q in quotes[side]]
    return entry


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
    with collector_paused():
        return _analyze(
            frame, unit_col, text_cols, parents, k, comment_k, embedder, lang, name_vocabulary
        )


def _analyze(
    frame: pd.DataFrame,
    unit_col: str,
    text_cols: Sequence[str],
    parents: Mapping[str, str | None] | None,
    k: int,
    comment_k: int,
    embedder: Embedder | None,
    lang: str,
    name_vocabulary: Collection[str],
) -> dict[str, Any]:
    unit_ids = _unit_ids(frame, unit_col)
    units = _units(unit_ids, parents)
    model = embedder if embedder is not None else DefaultEmbedder()
    opts = {
        "k": k,
        "comment_k": comment_k,
        "lang": lang,
        "vocabulary": vocabulary_tokens(name_vocabulary),
    }
    texts = _texts(frame, text_cols)
    with single_blas_thread():
        key_messages = {
            _key(col): {
                "column": col,
                **_key_message(
                    pd.Series(texts[col], index=frame.index), unit_ids, units, model, opts
                ),
            }
            for col in text_cols
        }
    return {
        "embedder": model.name,
        "lang": lang,
        "k": k,
        "comment_k": comment_k,
        "key_messages": key_messages,
        "contradictions": _contradictions(texts, unit_ids, units, opts),
    }
