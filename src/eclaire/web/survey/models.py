"""A respondent's answers in progress: the only place where a secret meets answers.

A draft is keyed by the hash of the secret (the invitation's token hash or the one-time code's
hash) and lives only until the final submit, which deletes it in the same transaction that
creates the anonymous response (docs/privacy.md, collection).
"""

from __future__ import annotations

from django.db import models

from eclaire.web.campaigns.models import Campaign
from eclaire.web.organizations.models import Unit


class Draft(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="drafts")
    key_hash = models.CharField(max_length=64, unique=True)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    attributes = models.JSONField(
        default=dict, help_text="role, tenure_band, contract, customer_facing ('yes'/'no'/'')."
    )
    answers = models.JSONField(default=dict, help_text="Responses-format column → value.")
    interface_units = models.JSONField(default=list, help_text="Codes of the units picked.")
    page = models.PositiveSmallIntegerField(default=0, help_text="Highest page saved (1-based).")
    revision = models.PositiveIntegerField(
        default=0, help_text="Bumped by every save: a save of an older revision is refused."
    )

    def __str__(self) -> str:
        return "draft"  # says nothing about whose
