"""GET parameters of the results pages, validated; a bad value falls back to the default."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

ORDERS = [("asc", _("weakest first")), ("desc", _("strongest first"))]


class WithinForm(forms.Form):
    """Narrow a page to one unit's roll-up (a department and everything under it)."""

    within = forms.ChoiceField(label=_("Show"), required=False)

    def __init__(
        self, data: Mapping[str, Any] | None, *, units: Sequence[tuple[str, str]], **kw: Any
    ):
        super().__init__(data, **kw)
        self.fields["within"].choices = [("", _("All units in view")), *units]  # type: ignore[attr-defined]

    def value(self) -> str | None:
        if self.is_valid():
            return self.cleaned_data.get("within") or None
        return None


class HeatmapForm(WithinForm):
    """Sort the heatmap rows: tree order, or by one column."""

    sort = forms.ChoiceField(label=_("Sort by"), required=False)
    order = forms.ChoiceField(label=_("Order"), required=False, choices=ORDERS)
    segment = forms.ChoiceField(label=_("Compare a population"), required=False)

    def __init__(
        self,
        data: Mapping[str, Any] | None,
        *,
        units: Sequence[tuple[str, str]],
        columns: Sequence[tuple[str, str]],
        segments: Sequence[tuple[str, str]] = (),
        **kw: Any,
    ):
        super().__init__(data, units=units, **kw)
        self.fields["segment"].choices = [("", _("None")), *segments]  # type: ignore[attr-defined]
        if not segments:
            del self.fields["segment"]
        self.fields["sort"].choices = [  # type: ignore[attr-defined]
            ("", _("Unit tree")),
            ("index", _("Coherence index")),
            *columns,
        ]

    def sorting(self) -> tuple[str | None, str]:
        """(column or None for tree order, "asc" or "desc"); defaults when the input is invalid."""
        if not self.is_valid():
            return None, "asc"
        return self.cleaned_data.get("sort") or None, self.cleaned_data.get("order") or "asc"

    def population(self) -> str | None:
        """The population cut to compare (``None``: none, or none in this view)."""
        if "segment" not in self.fields or not self.is_valid():
            return None
        return self.cleaned_data.get("segment") or None
