"""Forms of the organization pages: a new organization and the edit of a unit."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eclaire.web.organizations.models import Organization, Unit, UnitFunction
from eclaire.web.organizations.services import descendants


class OrganizationForm(forms.Form):
    name = forms.CharField(label=_("Name of the organization"), max_length=200)


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    parent = forms.ModelChoiceField(
        label=_("Part of"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("— (top of the tree)"),
    )
    function = forms.ChoiceField(label=_("Function"), choices=UnitFunction.choices)

    def __init__(self, org: Organization, unit: Unit, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"name": unit.name, "parent": unit.parent_id, "function": unit.function},
        )
        super().__init__(*args, **kwargs)
        below = descendants(unit) | {unit.pk}
        self.fields["parent"].queryset = (  # type: ignore[attr-defined]
            Unit.objects.filter(organization=org).exclude(pk__in=below).order_by("name")
        )
