"""Customer signals of a campaign: one row per help-desk, CRM or survey event.

No agent name or id is stored (the readers drop such columns), and no customer name: the account
is kept only as a keyed digest, to count distinct customers behind a figure. Promised and
delivered dates are reduced to the delay in days.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from eclaire.core.signals.format import KINDS
from eclaire.web.campaigns.models import Campaign
from eclaire.web.organizations.models import Unit


class SignalKind(models.TextChoices):
    TICKET = "ticket", _("Ticket")
    COMPLAINT = "complaint", _("Complaint")
    ESCALATION = "escalation", _("Escalation")
    RETURN = "return", _("Return")
    LOST_DEAL = "lost_deal", _("Lost deal")
    WON_DEAL = "won_deal", _("Won deal")
    SURVEY = "survey", _("Satisfaction survey")


if tuple(SignalKind.values) != KINDS:  # the core format is the reference
    raise RuntimeError("SignalKind must list eclaire.core.signals.format.KINDS in order")


class CustomerSignal(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="signals")
    source = models.CharField(_("source"), max_length=20, default="file")
    signal_id = models.CharField(_("signal id"), max_length=100)
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=12, choices=SignalKind.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    handoff_from = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handoff_to = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    account_digest = models.CharField(_("account (digest)"), max_length=16, blank=True)
    reopened = models.BooleanField(_("reopened"), null=True)
    delay_days = models.FloatField(_("days late"), null=True)
    reason = models.CharField(_("reason"), max_length=60, blank=True)
    score = models.FloatField(_("score"), null=True)
    score_scale = models.CharField(_("scale"), max_length=4, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["campaign", "date", "signal_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "signal_id"], name="signal_id_unique_in_campaign"
            )
        ]
        indexes = [models.Index(fields=["campaign", "unit"])]

    def __str__(self) -> str:
        return f"{self.signal_id} ({self.kind})"
