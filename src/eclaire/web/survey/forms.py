"""Forms of the survey pages: validation here, rendering data for the templates in ``questions``.

Field names are the responses-format columns (``CR1``, ``if:VTE:IF_INFO``, ``rank:margin``,
``text:MSG_PROMISE``; ``self:CR1`` in the draft for a manager's self-assessment).
"""

from __future__ import annotations

import functools
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eclaire.core.instrument import Instrument, Item
from eclaire.web.organizations.models import Contract, TenureBand
from eclaire.web.survey.flow import Survey
from eclaire.web.survey.sections import SHARED_KINDS, ByIdentity, Section, column

NA = "NA"
MAX_TEXT = 1000
ABOUT_FIELDS = ("tenure_band", "contract", "customer_facing")
UNITS_FIELD = "units"


def _about_choices(name: str) -> list[tuple[str, Any]]:
    if name == "tenure_band":
        options = list(TenureBand.choices)
    elif name == "contract":
        options = list(Contract.choices)
    else:
        options = [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]
    return [*options, ("", gettext_lazy("I prefer not to say"))]


class PageForm(forms.Form):
    """One page of the survey; built from its section.

    Only a bound form (a page sent) has fields: an unbound one carries the initial values of a
    page shown, whose markup ``render.page_questions`` builds without the fields, and building
    them took an eighth of the instructions of showing a page.
    """

    def __init__(self, survey: Survey, section: Section, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survey, self.section = survey, section
        if self.is_bound:
            self._add_fields(survey, section)

    def _add_fields(self, survey: Survey, section: Section) -> None:
        if section.kind == "about":
            for name in ABOUT_FIELDS:
                self.fields[name] = forms.ChoiceField(choices=_about_choices(name), required=False)
        elif section.kind == "pick":
            choices = [(u.code, u.name) for u in survey.units]
            self.fields[UNITS_FIELD] = forms.MultipleChoiceField(choices=choices, required=False)
        elif section.kind == "ranking":
            ranks = [("", "—")] + [(str(n), str(n)) for n in range(1, len(survey.priorities) + 1)]
            for code, _label in survey.priorities:
                self.fields[f"rank:{code}"] = forms.ChoiceField(choices=ranks, required=False)
        elif section.kind in SHARED_KINDS:
            self.fields.update(_shared_item_fields(ByIdentity(section, survey.instrument)))
        else:
            self.fields.update(_item_fields(section, survey.instrument))

    def clean_units(self) -> list[str]:
        picked: list[str] = self.cleaned_data.get(UNITS_FIELD, [])
        limit = self.survey.instrument.interface_max_units
        if len(picked) > limit:
            raise forms.ValidationError(
                _("Choose %(limit)d departments at most (you chose %(n)d).")
                % {"limit": limit, "n": len(picked)}
            )
        return picked

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.section.kind == "ranking":
            self._check_ranks(cleaned)
        return cleaned

    def _check_ranks(self, cleaned: dict[str, Any]) -> None:
        names = [f"rank:{code}" for code, _label in self.survey.priorities]
        given: dict[str, str] = {n: str(cleaned[n]) for n in names if cleaned.get(n)}
        if not given:
            return
        seen: dict[str, list[str]] = {}
        for name, rank in given.items():
            seen.setdefault(rank, []).append(name)
        for rank, holders in seen.items():
            if len(holders) > 1:
                for name in holders:
                    message = _("Rank %(rank)s is given more than once.") % {"rank": rank}
                    self.add_error(name, message + " " + _("Give each priority a different rank."))
        for name in names:
            if name not in given and name not in self.errors:
                self.add_error(name, _("Give a rank to every priority, or leave them all empty."))

    # -- reading and writing the draft -----------------------------------------------------------
    def answers(self) -> dict[str, Any]:
        """The valid answers of this page, as stored in the draft (call after ``is_valid``)."""
        out: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if name in ABOUT_FIELDS or name == UNITS_FIELD or value in ("", None):
                continue
            if name.startswith("text:"):
                out[name] = value.strip()
            elif value == NA:
                out[name] = NA
            elif self.fields[name].__class__ is forms.ChoiceField and str(value).isdigit():
                out[name] = int(value)
            else:
                out[name] = value
        return {k: v for k, v in out.items() if v != ""}


def _item_fields(section: Section, instrument: Instrument) -> dict[str, forms.Field]:
    return {column(section, item): _item_field(section, instrument, item) for item in section.items}


@functools.lru_cache(maxsize=2048)
def _shared_item_fields(key: ByIdentity) -> dict[str, forms.Field]:
    """The fields of a page that is the same object on every request (``sections.SHARED_KINDS``:
    the instrument's pages, a unit's rating page), built once per process and shared by the
    forms of that page: validating reads a field and never changes it (error messages are lazy,
    told in each request's language), and building them took a fifth of the instructions of a
    save (0.8 of 4.3 M). ``key`` holds the section and its instrument."""
    section, instrument = key.objs
    if not isinstance(section, Section) or not isinstance(instrument, Instrument):
        raise TypeError("expected a section and its instrument")
    return _item_fields(section, instrument)


def _item_field(section: Section, instrument: Instrument, item: Item) -> forms.Field:
    if item.kind == "text":
        return forms.CharField(max_length=MAX_TEXT, required=False)
    if item.kind == "choice":
        return forms.ChoiceField(choices=[(o.code, o.code) for o in item.options], required=False)
    scale = instrument.scale_of(item)
    choices = [(str(v), str(v)) for v in range(scale.min, scale.max + 1)]
    if item.not_applicable:
        choices.append((NA, NA))
    return forms.ChoiceField(
        choices=choices,
        required=section.required,
        error_messages={"required": gettext_lazy("Choose an answer.")},
    )


def initial_for(survey: Survey, section: Section) -> dict[str, Any]:
    draft = survey.draft
    if section.kind == "about":
        return {name: draft.attributes.get(name, "") for name in ABOUT_FIELDS}
    if section.kind == "pick":
        return {UNITS_FIELD: list(draft.interface_units)}
    return {k: str(v) for k, v in draft.answers.items()}


def section_columns(survey: Survey, section: Section) -> tuple[str, ...]:
    if section.kind == "ranking":
        return tuple(f"rank:{code}" for code, _label in survey.priorities)
    return section.columns


def missing_answers(survey: Survey, section: Section) -> int:
    """How many required answers of a page are not in the draft yet."""
    if not section.required:
        return 0
    return sum(1 for c in section.columns if c not in survey.draft.answers)
