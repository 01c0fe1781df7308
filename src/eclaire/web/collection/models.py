"""Invitations (personal links) and one-time codes (shared access) of a campaign.

These know *who* was invited and *whether* they finished, never *what* they answered: nothing here
points to a response, and a response points to nothing here (docs/privacy.md, collection).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from eclaire.web.campaigns.models import Campaign
from eclaire.web.organizations.models import Person, Unit


class Invitation(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    sent_count = models.PositiveSmallIntegerField(_("e-mails sent"), default=0)
    last_sent_on = models.DateField(_("last sent on"), null=True, blank=True)
    finished = models.BooleanField(_("finished"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "person"], name="one_invitation_per_person")
        ]

    def __str__(self) -> str:
        return f"invitation {self.pk}"


class AccessCode(models.Model):
    """A one-time code printed on a sheet, for people without e-mail; works once."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="access_codes")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="access_codes")
    code_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"code {self.pk}"


class UnitEntry(models.Model):
    """The public key of a unit's shared entry page (the QR code of the poster)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="unit_entries")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="entries")
    key = models.SlugField(max_length=32, unique=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="one_entry_per_unit")]

    def __str__(self) -> str:
        return self.key
