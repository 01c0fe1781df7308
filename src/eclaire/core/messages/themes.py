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
from typing import Any

import numpy as np

from .embedders import fold
from .masking import mask_names
from .similarity import centroid

__all__ = ["terms_of", "document_frequencies", "themes", "MIN_SILHOUETTE", "MAX_THEMES"]

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
    out = set()
    for token in _TERM.findall(fold(text)):
        token = token.replace(" ", "")
        if token in STOP_WORDS:
            continue
        if token[-1] in "sx" and len(token) > 4 and token.isalpha():
            token = token[:-1]
        out.add(token)
    return out


def document_frequencies(texts: Sequence[str]) -> tuple[Counter[str], int]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(terms_of(text))
    return counts, len(texts)


def _clusters(vectors: np.ndarray) -> np.ndarray:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.metrics import silhouette_score

    n = vectors.shape[0]
    distinct = len(np.unique(np.round(vectors, 8), axis=0))
    best: tuple[float, np.ndarray] | None = None
    for c in range(2, min(MAX_THEMES, n // 3, distinct) + 1):
        labels = AgglomerativeClustering(n_clusters=c, linkage="ward").fit_predict(vectors)
        score = float(silhouette_score(vectors, labels, metric="cosine"))
        if best is None or score > best[0] + 1e-12:
            best = (score, labels)
    if best is None or best[0] < MIN_SILHOUETTE:
        return np.zeros(n, dtype=int)
    return best[1]


def _label(texts: Sequence[str], df: Counter[str], n_docs: int) -> list[str]:
    tf: Counter[str] = Counter()
    for text in texts:
        tf.update(terms_of(text))
    floor = 2 if len(texts) >= 3 else 1
    scored = [
        (-count * math.log(1 + n_docs / max(df[t], 1)), t)
        for t, count in tf.items()
        if count >= floor
    ]
    return [t for _, t in sorted(scored)[:N_TERMS]]


def _examples(texts: Sequence[str], vectors: np.ndarray, vocabulary: frozenset[str]) -> list[str]:
    center = centroid(vectors)
    order = np.lexsort((np.arange(len(texts)), -(vectors @ center)))
    out: list[str] = []
    for i in order:
        masked = mask_names(texts[i].strip(), vocabulary)
        if masked not in out:
            out.append(masked)
        if len(out) == N_EXAMPLES:
            break
    return out


def themes(
    texts: Sequence[str],
    vectors: np.ndarray,
    df: Counter[str],
    n_docs: int,
    vocabulary: frozenset[str],
) -> list[dict[str, Any]]:
    """``[{label, terms, n, share, examples}]``, largest theme first (ties: first statement)."""
    if len(texts) != vectors.shape[0]:
        raise ValueError("texts and vectors must have the same length")
    labels = _clusters(vectors)
    groups = sorted(
        (np.flatnonzero(labels == c) for c in np.unique(labels)),
        key=lambda idx: (-len(idx), int(idx[0])),
    )
    out = []
    for idx in groups:
        members = [texts[int(i)] for i in idx]
        terms = _label(members, df, n_docs)
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
