"""Forms of the action plan and of the lever settings (GET filters included)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from eclaire.core.levers.rules import PATTERNS, RuleSet, default_rules
from eclaire.core.result.numbers import Numbers
from eclaire.core.result.words import Words
from eclaire.web.organizations.models import Organization
from eclaire.web.plans.models import Action, ActionStatus, Session

WEIGHT_MAX = 100.0
"""Ranking and first-conversation weights: zero or positive; above this they make no sense."""

DECISIONS = (
    ("accept", _("Accept")),
    ("adapt", _("Adapt")),
    ("decline", _("Decline")),
)


class DateInput(forms.DateInput):
    input_type = "date"


def threshold_bounds(rules: RuleSet, key: str) -> tuple[float, float, bool]:
    """``(low, high, whole number)`` accepted for an override key."""
    head, name = key.split(".", 1)
    if head in ("ranking", "first_conversation"):
        return 0.0, WEIGHT_MAX, False
    return PATTERNS[rules.rule(head).pattern].thresholds[name]


def default_value(rules: RuleSet, key: str) -> float:
    head, name = key.split(".", 1)
    if head == "ranking":
        return rules.ranking[name]
    if head == "first_conversation":
        return rules.first_conversation[name]
    return rules.rule(head).thresholds[name]


def _number_field(key: str, low: float, high: float, whole: bool) -> forms.Field:
    if whole:
        return forms.IntegerField(
            label=key, required=False, min_value=int(low), max_value=int(high)
        )
    return forms.FloatField(label=key, required=False, min_value=low, max_value=high)


def plain_number(f: Numbers, value: float) -> str:
    """A threshold in the reader's decimals, without trailing zeros (0,25; 3; 0,6)."""
    if float(value).is_integer():
        return f.count(int(value))
    text = f.num(value, 3)
    return text.rstrip("0").rstrip(",.") if ("," in text or "." in text) else text


class LeverSettingsForm(forms.Form):
    """One optional number per threshold; blank keeps the default of ``levers.yaml``. Labels,
    units and numbers are in the reader's language; the field names stay the keys."""

    def __init__(
        self,
        *args: Any,
        overrides: Mapping[str, float] | None = None,
        lang: str = "fr",
        **kw: Any,
    ):
        super().__init__(*args, **kw)
        self.rules = default_rules()
        words, f = Words(lang), Numbers(lang)
        self.groups: dict[str, tuple[str, list[str]]] = {}
        for key in self.rules.override_keys():
            low, high, whole = threshold_bounds(self.rules, key)
            default = default_value(self.rules, key)
            label, unit = words.lever_threshold(key)
            field = _number_field(label, low, high, whole)
            field.help_text = _("default %(value)s, from %(low)s to %(high)s") % {
                "value": plain_number(f, default),
                "low": plain_number(f, low),
                "high": plain_number(f, high),
            }
            field.unit = unit  # type: ignore[attr-defined]
            head = key.split(".", 1)[0]
            self.groups.setdefault(head, (words.lever_rule(head), []))[1].append(key)
            if not whole:
                field.widget.attrs["step"] = "any"
            field.initial = (overrides or {}).get(key)
            self.fields[key] = field

    def grouped(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fields by rule, each group with its name in words."""
        return [(title, [self[k] for k in keys]) for title, keys in self.groups.values()]

    def overrides(self) -> dict[str, float]:
        """The values that differ from a blank field (only after ``is_valid()``)."""
        return {k: float(v) for k, v in self.cleaned_data.items() if v is not None}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        values = {k: float(v) for k, v in cleaned.items() if v is not None}
        try:
            self.rules.with_overrides(values)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return cleaned


class DecisionForm(forms.Form):
    """Accept, adapt or decline one recommendation shown on the plan page."""

    key = forms.ChoiceField(label=_("Recommendation"))
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS)

    def __init__(self, *args: Any, keys: Sequence[str] = (), **kw: Any):
        super().__init__(*args, **kw)
        key_field = self.fields["key"]
        if isinstance(key_field, forms.ChoiceField):
            key_field.choices = [(k, k) for k in keys]


class VisibilityForm(forms.Form):
    """Show one recommendation to the managers, or hold it back (plan and action pages)."""

    key = forms.ChoiceField(label=_("Recommendation"))
    visible = forms.TypedChoiceField(
        label=_("Visible to the manager"),
        choices=(("yes", _("Yes")), ("no", _("No"))),
        coerce=lambda v: v == "yes",
    )

    def __init__(self, *args: Any, keys: Sequence[str] = (), **kw: Any):
        super().__init__(*args, **kw)
        key_field = self.fields["key"]
        if isinstance(key_field, forms.ChoiceField):
            key_field.choices = [(k, k) for k in keys]


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["status", "adapted_wording", "owner_name", "owner_user", "starts_on", "due_on"]
        widgets = {
            "starts_on": DateInput,
            "due_on": DateInput,
            "adapted_wording": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "owner_name": _("A name, when the owner has no account."),
            "adapted_wording": _("Required when the recommendation is adapted."),
        }

    def __init__(self, *args: Any, organization: Organization, **kw: Any):
        super().__init__(*args, **kw)
        users = get_user_model().objects.filter(memberships__organization=organization)
        owner = self.fields["owner_user"]
        if isinstance(owner, forms.ModelChoiceField):
            owner.queryset = users.order_by("username")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("status") == ActionStatus.ADAPTED
            and not cleaned.get("adapted_wording", "").strip()
        ):
            self.add_error("adapted_wording", _("Write the adapted wording."))
        start, due = cleaned.get("starts_on"), cleaned.get("due_on")
        if start and due and due < start:
            self.add_error("due_on", _("The due date comes before the start."))
        return cleaned


class SessionForm(forms.ModelForm):
    """A session held; the confidential notes field only for a coach."""

    class Meta:
        model = Session
        fields = ["held_on", "format", "participants", "notes"]
        widgets = {"held_on": DateInput, "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, with_notes: bool, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["participants"].widget.attrs["min"] = 1
        if not with_notes:
            del self.fields["notes"]

    def clean_participants(self) -> int:
        value = self.cleaned_data["participants"]
        if value < 1:
            raise forms.ValidationError(_("At least one participant."))
        return int(value)


class PlanFilterForm(forms.Form):
    """The status filter of the plan page (GET)."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *ActionStatus.choices],
    )

    def value(self) -> str:
        return self.cleaned_data.get("status", "") if self.is_valid() else ""
