"""Invitations (personal links) and one-time codes (shared access) of a campaign.

These know *who* was invited and *whether* they finished, never *what* they answered: nothing here
points to a response, and a response points to nothing here (docs/privacy.md, collection).
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from eclaire.web.campaigns.models import Campaign
from eclaire.web.organizations.models import Person, Unit


def new_draft_key() -> str:
    """The former random draft key of an invitation; kept for migration 0002 only."""
    return secrets.token_hex(16)


class Invitation(models.Model):
    """One roster person asked to answer one campaign by e-mail.

    ``token_hash`` changes every time an e-mail is sent (the raw token lives only in that e-mail).
    ``draft_secret`` is what finds and opens the person's draft, wrapped with a key derived from
    the server's secret key (``survey.sealing``): it is made with the first e-mail and kept by
    reminders, so a reminder's new link resumes the draft; the submit erases it.
    ``sent_count`` and ``last_sent_on`` record the first invitation only: reminders go to
    unfinished people alone, so a per-person reminder trace would tell when someone finished.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    sent_count = models.PositiveSmallIntegerField(_("e-mails sent"), default=0)
    last_sent_on = models.DateField(_("last sent on"), null=True, blank=True)
    finished = models.BooleanField(_("finished"), default=False)
    draft_secret = models.BinaryField(
        default=b"", help_text="The draft's secret, wrapped (survey.sealing); empty once finished."
    )

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
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="one_entry_per_unit")
        ]

    def __str__(self) -> str:
        return self.key


class MailingKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    REMINDER = "reminder", _("Reminder")


class Mailing(models.Model):
    """One round of e-mails of a campaign: what was sent, when, to how many (counts only)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="mailings")
    kind = models.CharField(_("kind"), max_length=12, choices=MailingKind.choices)
    sent_on = models.DateField(_("sent on"))
    sent = models.PositiveIntegerField(_("sent"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)

    class Meta:
        ordering = ["campaign", "-sent_on", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.sent_on}"
