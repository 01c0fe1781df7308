"""Themes of the free-text comments a reader may see: the clusters of the message analysis.

The comments of one question that a reader may see (already placed by
:func:`eclaire.core.comments.place_comments`, scoped and masked) are embedded with the message
analysis's embedder and cut into themes by :func:`eclaire.core.messages.themes.theme_members`
(Ward clusters of the statement vectors, best silhouette, 1 to 4 themes, each labelled by its 3
terms of highest class-based TF-IDF). A cluster of a single comment, or without a label term (no
term shared by two of its comments), is no theme: its comments go to "other", as do all of them
when there are fewer than :data:`MIN_COMMENTS`.

Privacy: a comment's theme is a function of the shown texts alone, never of who wrote them or
in which unit, so grouping by theme reveals nothing the texts do not already show. The texts
are sorted before clustering, so the themes do not depend on the order they were given in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .messages.embedders import DefaultEmbedder, Embedder, dense, embed_table, single_blas_thread
from .messages.themes import document_frequencies, theme_members, vector_classes

__all__ = ["CommentTheme", "MIN_COMMENTS", "comment_themes"]

MIN_COMMENTS = 3
"""Below this many comments, they are not grouped (all of them are "other")."""


@dataclass(frozen=True)
class CommentTheme:
    """One theme: its label terms (empty for "other") and the positions of its comments."""

    terms: tuple[str, ...]
    members: tuple[int, ...]

    @property
    def label(self) -> str:
        return " · ".join(self.terms)

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
        CommentTheme(tuple(terms), tuple(order[int(i)] for i in idx))
        for terms, idx in found
        if terms and len(idx) > 1
    ]
    other = sorted(order[int(i)] for terms, idx in found if not terms or len(idx) == 1 for i in idx)
    return themes + ([CommentTheme((), tuple(other))] if other else [])
