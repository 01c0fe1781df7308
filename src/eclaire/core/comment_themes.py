"""Themes of the free-text comments a reader may see: the clusters of the message analysis.

The comments of one question that a reader may see (already placed by
:func:`eclaire.core.comments.place_comments`, scoped and masked) are embedded with the message
analysis's embedder and cut into themes by :func:`eclaire.core.messages.themes.theme_members`
(Ward clusters of the statement vectors, best silhouette, 1 to 4 themes, each labelled by its 3
terms of highest class-based TF-IDF, each shown as the comments most often write it). A cluster
of a single comment, or without a label term (no term shared by two of its comments), is no
theme: its comments go to "other", as do all of them when there are fewer than
:data:`MIN_COMMENTS`. Within a theme the most typical comments come first
(:func:`typical_first`).

Privacy: a comment's theme and its place in the theme are functions of the shown texts alone,
never of who wrote them, when, or in which unit, so grouping by theme reveals nothing the texts
do not already show. The texts are sorted before clustering, so the themes do not depend on the
order they were given in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .messages.embedders import DefaultEmbedder, Embedder, dense, embed_table, single_blas_thread
from .messages.similarity import centroid
from .messages.themes import document_frequencies, terms_of, theme_members, vector_classes

__all__ = ["CommentTheme", "MIN_COMMENTS", "comment_themes", "typical_first", "written"]

MIN_COMMENTS = 3
"""Below this many comments, they are not grouped (all of them are "other")."""
_WORD = re.compile(r"\d+(?:[.,]\d+)?\w*|[^\W\d_]+")


@dataclass(frozen=True)
class CommentTheme:
    """One theme: its label terms (empty for "other"), the positions of its comments, and each
    term as its comments most often write it (``words``: "délais" for the term ``delai``)."""

    terms: tuple[str, ...]
    members: tuple[int, ...]
    words: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return " · ".join(self.words or self.terms)

    @property
    def is_other(self) -> bool:
        return not self.terms


def comment_themes(
    texts: Sequence[str], *, lang: str, embedder: Embedder | None = None
) -> list[CommentTheme]:
    """Themes of ``texts``, largest first, "other" (if any) last; every position exactly once.

    ``lang``: ``"fr"`` or ``"en"`` (the embedder's language). Empty ``texts`` give no theme.
    """
    if not texts:
        return []
    order = sorted(range(len(texts)), key=lambda i: (texts[i], i))
    if len(texts) < MIN_COMMENTS:
        return [CommentTheme((), tuple(order))]
    ordered = [texts[i] for i in order]
    model = embedder if embedder is not None else DefaultEmbedder()
    with single_blas_thread():
        table, rows = embed_table(model, ordered, lang)
        vectors = dense(table)[rows]
        distinct = len(set(vector_classes(table)[rows].tolist()))
        df, n_docs = document_frequencies(ordered)
        found = theme_members(ordered, vectors, df, n_docs, distinct)
    themes = [
        CommentTheme(
            tuple(terms),
            tuple(order[i] for i in typical_first(ordered, vectors, idx)),
            written(terms, [ordered[int(i)] for i in idx]),
        )
        for terms, idx in found
        if terms and len(idx) > 1
    ]
    rest = np.asarray([i for terms, idx in found if not terms or len(idx) == 1 for i in idx])
    if not rest.size:
        return themes
    return [
        *themes,
        CommentTheme((), tuple(order[i] for i in typical_first(ordered, vectors, rest))),
    ]


def typical_first(texts: Sequence[str], vectors: np.ndarray, idx: np.ndarray) -> list[int]:
    """The positions ``idx`` in order of closeness to their centroid (cosine, rounded to 9
    decimals so that equal texts tie on every machine; ties: text, then position), each
    distinct text once before the repeated ones: the first few read as the theme's typical
    comments, and the order depends on the texts alone."""
    ids = [int(i) for i in idx]
    closeness = np.round(vectors[ids] @ centroid(vectors[ids]), 9).tolist()
    ranked = [
        ids[j]
        for j in sorted(range(len(ids)), key=lambda j: (-closeness[j], texts[ids[j]], ids[j]))
    ]
    seen: set[str] = set()
    first: list[int] = []
    repeated: list[int] = []
    for i in ranked:
        (repeated if texts[i] in seen else first).append(i)
        seen.add(texts[i])
    return first + repeated


def written(terms: Sequence[str], texts: Sequence[str]) -> tuple[str, ...]:
    """Each term as ``texts`` most often write it, in lower case (ties: the first in
    alphabetical order); the term itself when no single word gives it (``48h`` written
    "48 h")."""
    seen: dict[str, Counter[str]] = {t: Counter() for t in terms}
    for text in texts:
        for word in _WORD.findall(text):
            found = terms_of(word)
            if len(found) == 1 and (term := next(iter(found))) in seen:
                seen[term][word.lower()] += 1
    return tuple(
        min(seen[t].items(), key=lambda wc: (-wc[1], wc[0]))[0] if seen[t] else t for t in terms
    )
