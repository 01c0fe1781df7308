"""The analysis of a campaign, computed in the background and stored, so pages only read it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from eclaire.web.campaigns.models import Campaign


class ResultStatus(models.TextChoices):
    STALE = "stale", _("Waiting to be computed")
    RUNNING = "running", _("Being computed")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class AnalysisResult(models.Model):
    campaign = models.OneToOneField(Campaign, on_delete=models.CASCADE, related_name="analysis")
    status = models.CharField(
        max_length=10, choices=ResultStatus.choices, default=ResultStatus.STALE
    )
    data = models.JSONField(null=True, blank=True, help_text="The result of eclaire.core.analyze.")
    fingerprint = models.CharField(
        max_length=64, blank=True, help_text="Of the inputs it was computed from."
    )
    computed_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"analysis of {self.campaign} ({self.status})"
