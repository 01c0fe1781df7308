"""Similarity weights fitted once on the STS benchmark's train split and shipped with the package.

The default embedder used to estimate its IDF weights and the removed SIF component on the texts
of each call, so the similarity of two statements depended on the other statements analysed with
them. Everything it fits is now fitted once, on the train split of the STS benchmark (French and
English; stsb-multi-mt, May, 2021; Cer et al., 2017; scores CC BY-SA 4.0), and stored in
``eclaire/data/messages/similarity.npz``; a pair's score no longer depends on the batch.

What is fitted (``bench/fit_similarity.py`` refits it and writes the file):

- per language, the smoothed IDF of the hashed character 2–4-grams: ``ln((1 + N) / (1 + df)) + 1``
  over the train sentences;
- for French, the 8 principal directions of the SIF sentence vectors of the train sentences
  (removed, Arora, Liang & Ma, 2017) and a linear map ``M`` (300 × 300) of the SIF space, fitted by
  L-BFGS to bring ``cos(M·a, M·b)`` close to score/5 on the train pairs, with a ridge penalty
  ``λ‖M − I‖²`` that keeps it near the identity;
- ``λ`` and the weight of the character part were chosen by 5-fold cross-validation on the train
  split (never on dev); the dev split is only reported.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["TrainedSimilarity", "load_trained", "save_trained", "fit_projection", "fit_idf"]

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "messages" / "similarity.npz"


@dataclass(frozen=True)
class TrainedSimilarity:
    """Fitted weights of the default embedder (see the module docstring)."""

    n_features: int
    char_idf: dict[str, np.ndarray]
    sif_components: np.ndarray
    sif_map: np.ndarray
    char_weight: float
    provenance: dict[str, object]


def save_trained(weights: TrainedSimilarity, path: Path) -> None:
    """Write ``weights`` as a compressed ``.npz`` (float32 arrays and a JSON provenance)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "n_features": weights.n_features,
        "char_weight": weights.char_weight,
        "provenance": weights.provenance,
    }
    arrays: dict[str, Any] = {
        "meta": np.frombuffer(json.dumps(meta, sort_keys=True).encode(), dtype=np.uint8),
        "sif_components": weights.sif_components.astype(np.float32),
        "sif_map": weights.sif_map.astype(np.float32),
    }
    arrays.update({f"idf_{lang}": idf.astype(np.float32) for lang, idf in weights.char_idf.items()})
    np.savez_compressed(path, **arrays)


@lru_cache(maxsize=2)
def load_trained(path: str | None = None) -> TrainedSimilarity:
    """The weights shipped with the package (or those of ``path``), read once per process."""
    file = Path(path) if path else DEFAULT_PATH
    if not file.is_file():
        raise ValueError(f"similarity weights not found at {file}")
    with np.load(file) as data:
        meta = json.loads(bytes(data["meta"]).decode())
        idf = {k[4:]: data[k].astype(np.float64) for k in data.files if k.startswith("idf_")}
        return TrainedSimilarity(
            n_features=int(meta["n_features"]),
            char_idf=idf,
            sif_components=data["sif_components"].astype(np.float64),
            sif_map=data["sif_map"].astype(np.float64),
            char_weight=float(meta["char_weight"]),
            provenance=meta["provenance"],
        )


def file_digest(path: Path) -> str:
    """SHA-256 of a file, recorded in the provenance of what was fitted on it."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fit_idf(counts: object) -> np.ndarray:
    """Smoothed IDF ``ln((1 + N) / (1 + df)) + 1`` of a documents × features count matrix."""
    from scipy import sparse

    matrix = sparse.csr_matrix(counts)
    n_docs = matrix.shape[0]
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    return np.log((1.0 + n_docs) / (1.0 + df)) + 1.0


def _cosine_loss(
    flat: np.ndarray, left: np.ndarray, right: np.ndarray, target: np.ndarray, lam: float
) -> tuple[float, np.ndarray]:
    """Mean squared error of ``cos(M·a, M·b)`` against ``target`` plus ``λ‖M − I‖²``, and its
    gradient with respect to ``M`` (flattened)."""
    dim = left.shape[1]
    m = flat.reshape(dim, dim)
    p, q = left @ m.T, right @ m.T
    norm_p = np.linalg.norm(p, axis=1) + 1e-9
    norm_q = np.linalg.norm(q, axis=1) + 1e-9
    cos = np.einsum("ij,ij->i", p, q) / (norm_p * norm_q)
    resid = 2.0 * (cos - target) / len(target)
    grad_p = (q / (norm_p * norm_q)[:, None] - cos[:, None] * p / (norm_p**2)[:, None]) * resid[
        :, None
    ]
    grad_q = (p / (norm_p * norm_q)[:, None] - cos[:, None] * q / (norm_q**2)[:, None]) * resid[
        :, None
    ]
    offset = m - np.eye(dim)
    loss = float(np.mean((cos - target) ** 2) + lam * np.sum(offset**2))
    grad = grad_p.T @ left + grad_q.T @ right + 2.0 * lam * offset
    return loss, grad.ravel()


def fit_projection(
    left: np.ndarray, right: np.ndarray, scores: np.ndarray, *, lam: float, max_iter: int = 200
) -> np.ndarray:
    """The linear map ``M`` of :func:`_cosine_loss` for sentence vectors of pairs scored 0–5."""
    from scipy.optimize import minimize

    if left.shape != right.shape or len(scores) != len(left):
        raise ValueError("left, right and scores must describe the same pairs")
    dim = left.shape[1]
    result = minimize(
        _cosine_loss,
        np.eye(dim).ravel(),
        args=(left, right, np.asarray(scores, dtype=np.float64) / 5.0, lam),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": max_iter},
    )
    return np.asarray(result.x.reshape(dim, dim))


def principal_directions(vectors: np.ndarray, count: int) -> np.ndarray:
    """The ``count`` leading right singular vectors of ``vectors`` (rows), as ``count × dim``."""
    _, vecs = np.linalg.eigh(vectors.T @ vectors)
    return np.ascontiguousarray(vecs[:, ::-1][:, :count].T)


def cross_validate(
    fit_and_score: Callable[[np.ndarray, np.ndarray], np.ndarray],
    n: int,
    folds: int = 5,
    seed: int = 0,
) -> np.ndarray:
    """Out-of-fold predictions: ``fit_and_score(train_mask, test_mask)`` returns the scores of the
    test rows from a fit on the train rows."""
    fold = np.random.default_rng(seed).integers(0, folds, n)
    out = np.zeros(n)
    for k in range(folds):
        out[fold == k] = fit_and_score(fold != k, fold == k)
    return out


def pair_cosines(
    vectors: Callable[[Sequence[str]], np.ndarray], a: Sequence[str], b: Sequence[str]
) -> np.ndarray:
    """Row-wise dot products of the (normalised) vectors of two aligned lists of texts."""
    left, right = vectors(list(a)), vectors(list(b))
    return np.einsum("ij,ij->i", left, right)
