"""Themes of a unit's statements: clusters of embeddings, labelled by their key terms.

1. Ward agglomerative clustering of the L2-normalised statement vectors (Euclidean distance on
   unit vectors is a monotone function of cosine distance: ``‖x − y‖² = 2 − 2·cos``) into
   ``c = 2 … min(4, n // 3, distinct statements)`` clusters; the ``c`` with the best mean silhouette (cosine) is
   kept if that silhouette is at least 0.05, else the statements form one theme
   (Rousseeuw, 1987). Deterministic: no random start.
2. Label: the 3 terms of highest class-based TF-IDF, ``tf_c(t) · ln(1 + N / df(t))``, with
   ``tf_c(t)`` the number of the theme's statements that contain term ``t``, ``df(t)`` the
   number of all statements of the key message that contain it and ``N`` their count
   (Grootendorst, 2022). Terms are folded words of 3 letters or more without stop words, a
   final plural ``s``/``x`` removed ("lemma-light"), and figures with their unit (``48h``).
   Terms in a single statement of a theme of 3 or more are not used.
3. Examples: the 2 distinct statements nearest the theme centroid, names masked.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from .embedders import BLOCK, dense, fold
from .masking import mask_names
from .similarity import centroid

__all__ = [
    "terms_of",
    "document_frequencies",
    "vector_classes",
    "themes",
    "theme_members",
    "MIN_SILHOUETTE",
    "MAX_THEMES",
]

MAX_THEMES = 4
MIN_SILHOUETTE = 0.05
N_TERMS = 3
N_EXAMPLES = 2
_TERM = re.compile(
    r"\d+(?:[.,]\d+)?\s?(?:h|j|jours?|%|€|k€|ans?|mois|days?|hours?|weeks?|sem)\b|[a-z]{3,}"
)
STOP_WORDS = frozenset(
    [
        "les",
        "des",
        "une",
        "est",
        "pas",
        "que",
        "qui",
        "pour",
        "dans",
        "par",
        "sur",
        "avec",
        "sans",
        "son",
        "ses",
        "leur",
        "leurs",
        "nos",
        "notre",
        "votre",
        "vos",
        "nous",
        "vous",
        "ils",
        "elles",
        "elle",
        "lui",
        "aux",
        "cette",
        "ces",
        "tout",
        "tous",
        "toute",
        "toutes",
        "plus",
        "moins",
        "tres",
        "bien",
        "etre",
        "avoir",
        "fait",
        "faire",
        "faut",
        "doit",
        "sont",
        "ont",
        "mais",
        "donc",
        "car",
        "comme",
        "aussi",
        "encore",
        "deja",
        "chez",
        "entre",
        "quand",
        "dont",
        "alors",
        "peu",
        "sous",
        "the",
        "and",
        "for",
        "are",
        "with",
        "our",
        "your",
        "their",
        "its",
        "this",
        "that",
        "those",
        "these",
        "all",
        "any",
        "not",
        "but",
        "from",
        "into",
        "can",
        "will",
        "must",
        "should",
        "have",
        "has",
        "was",
        "were",
        "been",
        "them",
        "they",
        "what",
        "which",
        "who",
        "very",
        "more",
        "less",
        "only",
        "also",
        "just",
        "than",
        "then",
        "too",
        "out",
        "off",
        "per",
        "via",
        "jusqu",
        "avec",
    ]
)


def terms_of(text: str) -> set[str]:
    """The distinct label terms of one statement."""
    return set(_terms(text))


@lru_cache(maxsize=16384)
def _terms(text: str) -> frozenset[str]:
    """:func:`terms_of`, computed once per distinct statement (statements repeat a lot)."""
    out = set()
    for token in _TERM.findall(fold(text)):
        token = token.replace(" ", "")
        if token in STOP_WORDS:
            continue
        if token[-1] in "sx" and len(token) > 4 and token.isalpha():
            token = token[:-1]
        out.add(token)
    return frozenset(out)


def document_frequencies(texts: Sequence[str]) -> tuple[Counter[str], int]:
    """``term → number of texts that contain it``, and the number of texts."""
    counts: Counter[str] = Counter()
    for text, times in Counter(texts).items():
        for term in _terms(text):
            counts[term] += times
    return counts, len(texts)


def vector_classes(vectors: Any) -> np.ndarray:
    """A class id per row; rows equal once rounded to 8 decimals share their class.

    The number of classes among a unit's rows is its number of distinct statements, the cap
    on its number of themes. ``vectors`` may be a sparse table (:func:`.embedders.embed_table`):
    it is then read :data:`.embedders.BLOCK` rows at a time and the ids are in order of first
    appearance (only their equality matters).
    """
    if vectors.shape[0] == 0:
        return np.zeros(0, dtype=np.intp)
    if not hasattr(vectors, "toarray"):
        return np.unique(np.round(vectors, 8), axis=0, return_inverse=True)[1].reshape(-1)
    ids: dict[bytes, int] = {}
    out = np.empty(vectors.shape[0], dtype=np.intp)
    for start in range(0, vectors.shape[0], BLOCK):
        block = np.round(dense(vectors[start : start + BLOCK]), 8) + 0.0  # -0.0 is 0.0
        for i, row in enumerate(block):
            out[start + i] = ids.setdefault(row.tobytes(), len(ids))
    return out


def _clusters(
    vectors: np.ndarray, distinct: int | None = None, sims: np.ndarray | None = None
) -> np.ndarray:
    """Labels of the best Ward cut into 2 … ``MAX_THEMES`` clusters, or one cluster.

    The Ward tree and the cosine distances are computed once for all the cuts, from ``sims``
    (``vectors @ vectors.T``) when the caller has it.
    """
    from scipy.cluster.hierarchy import ward

    n = vectors.shape[0]
    if distinct is None:
        distinct = len(np.unique(np.round(vectors, 8), axis=0))
    sizes = range(2, min(MAX_THEMES, n // 3, distinct) + 1)
    if not sizes:
        return np.zeros(n, dtype=int)
    if sims is None:
        sims = vectors @ vectors.T
    cuts = _cuts(ward(_euclidean(sims)), n, sizes)
    distances = np.clip(1.0 - sims, 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    best: tuple[float, np.ndarray] | None = None
    for c in sizes:
        score = _silhouette(distances, cuts[c])
        if best is None or score > best[0] + 1e-12:
            best = (score, cuts[c])
    if best is None or best[0] < MIN_SILHOUETTE:
        return np.zeros(n, dtype=int)
    return best[1]


def _euclidean(sims: np.ndarray) -> np.ndarray:
    """Condensed Euclidean distances ``√(s_ii + s_jj − 2·s_ij)`` from a Gram matrix."""
    from scipy.spatial.distance import squareform

    diag = np.diag(sims)
    squared = np.maximum(diag[:, None] + diag[None, :] - 2.0 * sims, 0.0)
    np.fill_diagonal(squared, 0.0)
    return squareform(np.sqrt(squared), checks=False)


def _cuts(tree: np.ndarray, n: int, sizes: range) -> dict[int, np.ndarray]:
    """Leaf labels for each number of clusters ``c`` in ``sizes``: the clusters left after the
    first ``n − c`` merges of the linkage ``tree`` (the cut of scikit-learn's
    ``AgglomerativeClustering`` and of scipy's ``cut_tree``)."""
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    out: dict[int, np.ndarray] = {}
    for step in range(n - 1):
        if n - step in sizes:
            labels = np.zeros(n, dtype=int)
            for label, leaves in enumerate(members.values()):
                labels[leaves] = label
            out[n - step] = labels
        a, b = int(tree[step, 0]), int(tree[step, 1])
        members[n + step] = members.pop(a) + members.pop(b)
    return out


def _silhouette(distances: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette (Rousseeuw, 1987) over a distance matrix, with the arithmetic of
    scikit-learn's ``silhouette_score(metric="precomputed")`` but without its input checks,
    which cost more than the computation on a unit's few dozen statements."""
    codes = np.unique(labels, return_inverse=True)[1].reshape(-1)
    freqs = np.bincount(codes)
    n = len(codes)
    sums = distances @ np.eye(len(freqs))[codes]
    own = (np.arange(n), codes)
    intra = sums[own]
    sums[own] = np.inf
    sums /= freqs
    inter = sums.min(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        intra /= (freqs - 1).take(codes, mode="clip")
        samples = (inter - intra) / np.maximum(intra, inter)
    return float(np.mean(np.nan_to_num(samples)))


def _label(texts: Sequence[str], df: Counter[str], n_docs: int) -> list[str]:
    tf: Counter[str] = Counter()
    for text, times in Counter(texts).items():  # each distinct statement once
        for term in _terms(text):
            tf[term] += times
    floor = 2 if len(texts) >= 3 else 1
    scored = [
        (-count * math.log(1 + n_docs / max(df[t], 1)), t)
        for t, count in tf.items()
        if count >= floor
    ]
    return [t for _, t in sorted(scored)[:N_TERMS]]


def _examples(texts: Sequence[str], vectors: np.ndarray, vocabulary: frozenset[str]) -> list[str]:
    center = centroid(vectors)
    # Rounded so that statements with the same vector tie on every machine (the last bits of a
    # dot product depend on the CPU's vector instructions), then the first statement comes first.
    closeness = np.round(vectors @ center, 9)
    order = np.lexsort((np.arange(len(texts)), -closeness))
    out: list[str] = []
    for i in order:
        masked = mask_names(texts[i].strip(), vocabulary)
        if masked not in out:
            out.append(masked)
        if len(out) == N_EXAMPLES:
            break
    return out


def theme_members(
    texts: Sequence[str],
    vectors: np.ndarray,
    df: Counter[str],
    n_docs: int,
    distinct: int | None = None,
    sims: np.ndarray | None = None,
) -> list[tuple[list[str], np.ndarray]]:
    """``[(terms, positions)]``: each theme's label terms and the positions of its statements
    in ``texts``, largest theme first (ties: first statement). Steps 1 and 2 of the module doc.
    """
    if len(texts) != vectors.shape[0]:
        raise ValueError("texts and vectors must have the same length")
    labels = _clusters(vectors, distinct, sims)
    groups = sorted(
        (np.flatnonzero(labels == c) for c in np.unique(labels)),
        key=lambda idx: (-len(idx), int(idx[0])),
    )
    return [(_label([texts[int(i)] for i in idx], df, n_docs), idx) for idx in groups]


def themes(
    texts: Sequence[str],
    vectors: np.ndarray,
    df: Counter[str],
    n_docs: int,
    vocabulary: frozenset[str],
    distinct: int | None = None,
    sims: np.ndarray | None = None,
) -> list[dict[str, Any]]:
    """``[{label, terms, n, share, examples}]``, largest theme first (ties: first statement).

    ``distinct``: the number of distinct vectors (rounded to 8 decimals) when the caller
    knows it (see :func:`vector_classes`); counted here otherwise. ``sims``: the statements'
    cosine similarities ``vectors @ vectors.T`` when the caller has them.
    """
    out = []
    for terms, idx in theme_members(texts, vectors, df, n_docs, distinct, sims):
        members = [texts[int(i)] for i in idx]
        out.append(
            {
                "label": " · ".join(terms),
                "terms": terms,
                "n": int(len(idx)),
                "share": round(len(idx) / len(texts), 4),
                "examples": _examples(members, vectors[idx], vocabulary),
            }
        )
    return out
