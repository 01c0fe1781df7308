"""The comments of one question grouped by theme (``eclaire.core.comment_themes``), cached.

The themes are computed on the texts this reader may see, after masking, so a label never
carries a masked name and never a word of a comment the reader may not read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.utils.translation import pgettext

from eclaire.core.comment_themes import CommentTheme, comment_themes

if TYPE_CHECKING:
    from eclaire.web.comments.services import CommentGroup

FIRST = 3
"""Comments shown for each theme before "show all"."""


@dataclass(frozen=True)
class Comment:
    text: str
    unit: str | None
    """The unit heading the group the comment is shown in (``None``: the organization)."""
    group: str
    """That group's name."""


@dataclass
class ThemeComments:
    key: str
    """``<question code>.<rank>``, the value of the theme filter."""
    label: str
    comments: list[Comment]
    other: bool = False

    @property
    def first(self) -> list[Comment]:
        return self.comments[:FIRST]

    @property
    def rest(self) -> list[Comment]:
        return self.comments[FIRST:]


def _themes(texts: list[str], lang: str) -> list[CommentTheme]:
    """:func:`comment_themes` with a cache per set of texts."""
    digest = hashlib.sha256(repr((lang, texts)).encode()).hexdigest()
    key = f"eclaire-comment-themes:3:{digest}"
    found = cache.get(key)
    if found is None:
        found = comment_themes(texts, lang="en" if lang == "en" else "fr")
        cache.set(key, found, timeout=24 * 3600)
    return list(found)


def group_by_theme(
    code: str, groups: Sequence[CommentGroup], lang: str, *, placeholder: str
) -> list[ThemeComments]:
    """The comments of ``groups`` by theme, largest theme first and "Other" last.

    ``lang``: the language the comments are written in (the instrument's first one).
    ``placeholder``: the mark of a masked name, left out of the themes (never a label term).
    Within a theme the most typical comments come first, an order that depends on the texts
    alone (:func:`eclaire.core.comment_themes.typical_first`): the first ones shown say nothing
    about who wrote first or in which group.
    """
    comments = [Comment(t, g.unit, g.label) for g in groups for t in g.texts]
    ordered = sorted(comments, key=lambda c: (c.text, c.group))
    texts = [c.text.replace(placeholder, " ") for c in ordered]
    out = []
    for rank, theme in enumerate(_themes(texts, lang), start=1):
        label = pgettext("comment theme", "Other") if theme.is_other else theme.label
        members = [ordered[i] for i in theme.members]
        out.append(ThemeComments(f"{code}.{rank}", label, members, other=theme.is_other))
    return out
