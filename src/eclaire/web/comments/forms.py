"""The comments page's filter (GET): a question, a theme, a unit; a bad value means "all"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from eclaire.web.comments.services import CommentsPage

FIELDS = ("question", "theme", "unit")


class CommentFilterForm(forms.Form):
    question = forms.ChoiceField(label=_("Question"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    unit = forms.ChoiceField(label=_("Unit"), required=False)

    def __init__(self, data: Mapping[str, Any] | None, *, page: CommentsPage, **kw: Any):
        super().__init__(data, **kw)
        short = {q.code: Truncator(q.text).chars(60) for q in page.questions}
        self.fields["question"].choices = [  # type: ignore[attr-defined]
            ("", _("All questions")),
            *short.items(),
        ]
        self.fields["theme"].choices = [  # type: ignore[attr-defined]
            ("", _("All themes")),
            *(
                (short[q.code], [(t.key, t.label) for t in q.themes])
                for q in page.questions
                if q.themes
            ),
        ]
        self.fields["unit"].choices = [  # type: ignore[attr-defined]
            ("", _("All units")),
            *((g.unit, "\u2003" * max(g.depth - 1, 0) + g.label) for g in page.units()),
        ]

    def values(self) -> dict[str, str | None]:
        """Each filter's valid value, ``None`` for "all" or a value not offered."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned.get(name) or None for name in FIELDS}
