"""Themes of the free-text comments a reader may see: the clusters of the message analysis.

The comments of one question that a reader may see (already placed by
:func:`eclaire.core.comments.place_comments`, scoped and masked) are embedded with the message
analysis's embedder and cut into themes by :func:`eclaire.core.messages.themes.theme_members`
(Ward clusters of the statement vectors, best silhouette, 1 to 4 themes, each labelled by its 3
terms of highest class-based TF-IDF, each shown as the comments most often write it). A cluster of a single comment, or without a label term (no
term shared by two of its comments), is no theme: its comments go to "other", as do all of them
when there are fewer than :data:`MIN_COMMENTS`.

Privacy: a comment's theme is a function of the shown texts alone, never of who wrote them or
in which unit, so grouping by theme reveals nothing the texts do not already show. The texts
are sorted before clustering, so the themes do not depend on the order they were given in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .messages.embedders import DefaultEmbedder, Embedder, dense, embed_table, single_blas_thread
from .messages.themes import document_frequencies, terms_of, theme_members, vector_classes

__all__ = ["CommentTheme", "MIN_COMMENTS", "comment_themes", "written"]

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
            tuple(order[int(i)] for i in idx),
            written(terms, [ordered[int(i)] for i in idx]),
        )
        for terms, idx in found
        if terms and len(idx) > 1
    ]
    other = sorted(order[int(i)] for terms, idx in found if not terms or len(idx) == 1 for i in idx)
    return themes + ([CommentTheme((), tuple(other))] if other else [])


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
