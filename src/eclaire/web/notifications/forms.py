"""The two forms of notifications: a person's preferences, a campaign's switches."""

from __future__ import annotations

from django import forms

from eclaire.web.notifications.models import CampaignSetting, Preference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["language", "results_ready", "low_rate", "action_due"]


class CampaignSettingForm(forms.ModelForm):
    class Meta:
        model = CampaignSetting
        fields = [
            "results_ready",
            "low_rate",
            "low_rate_below",
            "low_rate_days",
            "action_due",
            "action_due_days",
        ]
