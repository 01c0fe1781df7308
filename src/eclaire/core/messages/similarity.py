"""Consistency of a unit's statements and drift between units, on L2-normalised embeddings.

Consistency of a unit (``n ≥ 3`` statements ``x_i``, ``s_ij = x_i·x_j`` the cosine similarity):

    C = (2 / (n(n−1))) · Σ_{i<j} s_ij

the mean pairwise cosine similarity, a U-statistic. Its 95 % interval is a jackknife over
respondents (Quenouille, 1956; Efron & Stein, 1981): with ``C_(i)`` the mean over the pairs
without respondent ``i``, ``se = √((n−1)/n · Σ_i (C_(i) − C̄)²)`` and the interval
``C ± t_{0.975, n−1} · se``, clipped to [−1, 1]. Leaving out respondents, not pairs, respects
that every pair shares its members with other pairs.

Drift between units ``u`` and ``v``: ``d(u, v) = 1 − cos(c_u, c_v)``, with ``c_u`` the mean
of the unit's statement vectors (its centroid). It measures where the two units' messages
sit, not how scattered each one is (that is the consistency). Distance to the organization's
consensus: ``1 − cos(c_u, c_org)``, ``c_org`` the mean of all entering statements.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from eclaire.core.stats.distributions import t_ppf

from .embedders import dense

__all__ = [
    "Consistency",
    "consistency",
    "similarity_consistency",
    "similarities",
    "UnitVectors",
    "unit_vectors",
    "centroid",
    "drift_matrix",
    "consensus_distances",
]


@dataclass(frozen=True)
class Consistency:
    mean: float
    low: float
    high: float
    n: int
    n_pairs: int


def consistency(vectors: np.ndarray) -> Consistency:
    """Mean pairwise cosine similarity of the rows and its jackknife 95 % interval."""
    return similarity_consistency(vectors @ vectors.T)


def similarity_consistency(sims: np.ndarray) -> Consistency:
    """:func:`consistency` from the ``n × n`` matrix of the statements' cosine similarities."""
    n = int(sims.shape[0])
    if sims.ndim != 2 or sims.shape[1] != n:
        raise ValueError(f"sims must be a square matrix, got shape {sims.shape}")
    if n < 3:
        raise ValueError(f"consistency needs at least 3 statements, got {n}")
    row = sims.sum(axis=1) - np.diag(sims)
    total = float(row.sum()) / 2.0
    pairs = n * (n - 1) / 2.0
    mean = total / pairs
    loo = (total - row) / ((n - 1) * (n - 2) / 2.0)
    se = math.sqrt((n - 1) / n * float(np.sum((loo - loo.mean()) ** 2)))
    half = float(t_ppf(0.975, n - 1)) * se
    return Consistency(mean, max(-1.0, mean - half), min(1.0, mean + half), n, int(pairs))


def similarities(table: Any, rows: np.ndarray, gram: np.ndarray | None = None) -> np.ndarray:
    """``table[rows] @ table[rows].T``, each distinct row of ``table`` multiplied once.

    Statements repeat a lot (a unit of 340 statements says some 70 distinct things), so the
    product of the distinct rows is expanded instead of computed on every statement. ``gram``:
    ``table @ table.T`` when the caller has it (a key message's few hundred distinct texts).
    """
    if gram is not None:
        return gram[np.ix_(rows, rows)]
    distinct, inverse = np.unique(rows, return_inverse=True)
    sub = dense(table[distinct])  # the table may be sparse (embed_table)
    inverse = inverse.reshape(-1)
    return (sub @ sub.T)[np.ix_(inverse, inverse)]


@dataclass(frozen=True)
class UnitVectors:
    """One unit's statement vectors, kept to the columns where one of them is not zero.

    ``vectors`` is ``table[rows]`` without the columns that are zero in every row (a unit's
    statements use some 1,000 of the 4,396 columns), ``columns`` the columns kept, ``dim`` the
    table's width and ``sims`` the statements' cosine similarities (:func:`similarities`).
    Dot products, norms and means are those of the full rows; the narrow copy costs a fifth of
    the memory traffic of the full one.
    """

    sims: np.ndarray
    vectors: np.ndarray
    columns: np.ndarray
    dim: int

    def centroid(self) -> np.ndarray:
        """:func:`centroid` of the full rows, bit for bit: each column's mean is the same sum
        in the same order, and the norm is taken on the full-width mean."""
        mean = np.zeros(self.dim)
        mean[self.columns] = self.vectors.mean(axis=0)
        norm = float(np.linalg.norm(mean))
        return mean / norm if norm > 0 else mean


def unit_vectors(table: Any, rows: np.ndarray, gram: np.ndarray | None = None) -> UnitVectors:
    """:class:`UnitVectors` of ``table[rows]``, each distinct row taken from ``table`` once."""
    distinct, inverse = np.unique(rows, return_inverse=True)
    inverse = inverse.reshape(-1)
    sub = dense(table[distinct])  # the table may be sparse (embed_table)
    # ``take`` along one axis, then the other: the values of ``[np.ix_(…)]``, several times faster.
    if gram is not None:
        sims = gram.take(rows, axis=0).take(rows, axis=1)
    else:
        sims = (sub @ sub.T).take(inverse, axis=0).take(inverse, axis=1)
    columns = np.flatnonzero(np.any(sub != 0.0, axis=0))
    vectors = sub.take(columns, axis=1).take(inverse, axis=0)
    return UnitVectors(sims, vectors, columns, int(table.shape[1]))


def centroid(vectors: np.ndarray) -> np.ndarray:
    """Mean row, normalised to length 1 (zero stays zero)."""
    mean = vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else mean


def drift_matrix(centroids: np.ndarray) -> np.ndarray:
    """``1 − cos`` between normalised centroids, symmetric, zero diagonal."""
    out = 1.0 - centroids @ centroids.T
    np.fill_diagonal(out, 0.0)
    return np.clip((out + out.T) / 2.0, 0.0, 2.0)


def consensus_distances(centroids: np.ndarray, consensus: np.ndarray) -> np.ndarray:
    """``1 − cos(c_u, c_org)`` for every unit centroid."""
    return np.clip(1.0 - centroids @ consensus, 0.0, 2.0)
