"""Instruments (versioned questionnaires) and campaigns, the waves of an organization."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from eclaire.web.organizations.models import Organization


class Instrument(models.Model):
    """A questionnaire version, stored as the YAML it was loaded from."""

    code = models.CharField(_("instrument"), max_length=60)
    version = models.PositiveIntegerField(_("version"))
    source = models.TextField(_("YAML source"))
    title = models.JSONField(_("title"), default=dict)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="instrument_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Campaign(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="campaigns"
    )
    slug = models.SlugField(_("identifier"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="campaigns")
    status = models.CharField(
        _("status"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    declared_priorities = models.JSONField(
        _("declared priorities"),
        default=list,
        help_text=_("Priority codes in the order declared by the leadership."),
    )
    units_snapshot = models.JSONField(
        _("unit tree when opened"), default=list, help_text=_("Frozen when the campaign opens.")
    )
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_waves"
    )

    class Meta:
        ordering = ["organization", "-opens_on", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "slug"], name="campaign_slug_unique_in_org"
            )
        ]

    def __str__(self) -> str:
        return self.name
