"""E-mail notifications: what each person wants, what each campaign allows, what was sent.

Three kinds (:class:`Kind`): the results are ready after a campaign closed; the response rate is
below a threshold a few days before the end; an action of the plan is due soon or overdue. A
person turns each kind off in their preferences; a coach or a sponsor turns each kind off for a
campaign. :class:`Sent` records each notice once, so the command can run as often as cron likes.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from eclaire.web.campaigns.models import Campaign


class Kind(models.TextChoices):
    RESULTS_READY = "results_ready", _("Results ready after closing")
    LOW_RATE = "low_rate", _("Response rate low before the end")
    ACTION_DUE = "action_due", _("Action due soon or overdue")


class Preference(models.Model):
    """One person's choices; without a row every kind is on, in French."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    language = models.CharField(
        _("language of the e-mails"), max_length=5, choices=settings.LANGUAGES, default="fr"
    )
    results_ready = models.BooleanField(_("results ready after closing"), default=True)
    low_rate = models.BooleanField(_("response rate low before the end"), default=True)
    action_due = models.BooleanField(_("actions due soon or overdue"), default=True)

    def __str__(self) -> str:
        return f"notification preference of {self.user}"


class CampaignSetting(models.Model):
    """One campaign's switches and thresholds; without a row the defaults below apply."""

    campaign = models.OneToOneField(
        Campaign, on_delete=models.CASCADE, related_name="notification_setting"
    )
    results_ready = models.BooleanField(_("tell when the results are ready"), default=True)
    low_rate = models.BooleanField(_("warn when the response rate is low"), default=True)
    low_rate_below = models.PositiveSmallIntegerField(
        _("low rate: below (%)"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("Share of invited people who finished."),
    )
    low_rate_days = models.PositiveSmallIntegerField(_("low rate: days before the end"), default=5)
    action_due = models.BooleanField(_("remind the owners of actions due"), default=True)
    action_due_days = models.PositiveSmallIntegerField(
        _("actions: days before the due date"), default=7
    )

    def __str__(self) -> str:
        return f"notification setting of {self.campaign}"


class Sent(models.Model):
    """One notice sent to one person, so that it is never sent twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(
        max_length=100, help_text="What the notice was about (an action, a date)."
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "campaign", "kind", "key"], name="one_notice_per_subject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} · {self.key} · {self.user}"
