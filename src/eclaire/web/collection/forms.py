"""Forms of the organizer's pages; every input is validated here before a service runs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from eclaire.web.campaigns.models import Campaign, CampaignStatus, Instrument
from eclaire.web.collection.services import MAX_CODES_PER_SHEET, PriorityOption
from eclaire.web.organizations.models import Organization


class DateInput(forms.DateInput):
    input_type = "date"


def closed_campaigns(org: Organization) -> Any:
    """The organization's closed campaigns, the latest first (the suggested previous wave)."""
    return Campaign.objects.filter(organization=org, status=CampaignStatus.CLOSED).order_by(
        "-closes_on", "-opens_on", "-pk"
    )


class CampaignForm(forms.Form):
    """A new campaign; ``previous`` is the wave it measures again (trends, actions' effect)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    instrument = forms.ModelChoiceField(
        label=_("Questionnaire version"), queryset=Instrument.objects.all(), empty_label=None
    )
    opens_on = forms.DateField(label=_("Opens on"), required=False, widget=DateInput)
    closes_on = forms.DateField(label=_("Closes on"), required=False, widget=DateInput)
    previous = forms.ModelChoiceField(
        label=_("Previous wave"),
        queryset=Campaign.objects.none(),
        required=False,
        empty_label=_("None: this is the first measure"),
        help_text=_(
            "The closed campaign this one measures again: trends, the effect of the actions "
            "decided after it and the report compare with it."
        ),
    )

    def __init__(
        self, org: Organization, *args: Any, source: Campaign | None = None, **kwargs: Any
    ) -> None:
        """``source``: a closed campaign whose settings the new wave copies (its "new wave")."""
        closed = closed_campaigns(org)
        suggested = source or closed.first()
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("previous", suggested.pk if suggested else None)
        if source is not None:
            initial.setdefault("instrument", source.instrument_id)
            initial.setdefault("name", _("%(name)s · next wave") % {"name": source.name})
        else:
            latest = Instrument.objects.filter(code="coherence").order_by("-version").first()
            if latest is not None:
                initial.setdefault("instrument", latest.pk)
        super().__init__(*args, **kwargs)
        self.fields["previous"].queryset = closed  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("The closing date comes before the opening date."))
        return data


def option_label(option: PriorityOption) -> str:
    lang = (get_language() or "fr")[:2]
    return option.label.get(lang) or next(iter(option.label.values()), option.code)


class PrioritiesForm(forms.Form):
    """One place (1 = first) per priority: reordering without JavaScript."""

    def __init__(
        self, options: Sequence[PriorityOption], current: Sequence[str], *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.options = list(options)
        places = [(i, str(i)) for i in range(1, len(self.options) + 1)]
        order = [c for c in current if c in {o.code for o in self.options}]
        order += [o.code for o in self.options if o.code not in order]
        for option in self.options:
            self.fields[option.code] = forms.TypedChoiceField(
                label=option_label(option),
                choices=places,
                coerce=int,
                initial=order.index(option.code) + 1,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        places = [data.get(o.code) for o in self.options]
        if None not in places and len(set(places)) != len(places):
            raise forms.ValidationError(_("Give each priority a different place."))
        return data

    def order(self) -> list[str]:
        return sorted((o.code for o in self.options), key=lambda code: self.cleaned_data[code])


class CodeSheetForm(forms.Form):
    count = forms.IntegerField(
        label=_("Number of codes"), min_value=1, max_value=MAX_CODES_PER_SHEET, initial=24
    )
    format = forms.ChoiceField(choices=[("html", "HTML"), ("pdf", "PDF")], initial="html")
