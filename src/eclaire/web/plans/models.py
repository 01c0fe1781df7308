"""The action plan of a campaign and the lever settings of an organization.

An :class:`Action` is what a coach or a sponsor decided about one recommendation of the levers
(accepted, adapted, declined), then followed until the next wave measures it. A :class:`Session`
records one conversation held for an action; its ``notes`` are confidential (docs/plans.md):
shown to coach memberships only, never to a sponsor or a manager, never exported.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from eclaire.web.campaigns.models import Campaign
from eclaire.web.organizations.models import Organization


class LeverSettings(models.Model):
    """Per-organization overrides of the lever thresholds (``RuleSet.override_keys()``)."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="lever_settings"
    )
    overrides = models.JSONField(_("threshold overrides"), default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"lever settings of {self.organization}"


class Lever(models.TextChoices):
    INDIVIDUAL_COACHING = "individual_coaching", _("Individual coaching")
    TEAM_COACHING = "team_coaching", _("Team coaching")
    MEDIATION = "mediation", _("Mediation")


class ActionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    ADAPTED = "adapted", _("Adapted")
    DECLINED = "declined", _("Declined")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class Action(models.Model):
    """One recommendation taken into the plan. ``key`` is the recommendation's stable id
    (``<lever>:<unit>+<unit>``): the same lever on the same target in a later computation."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="actions")
    key = models.CharField(_("recommendation"), max_length=200)
    lever = models.CharField(_("lever"), max_length=30, choices=Lever.choices)
    target_kind = models.CharField(_("target kind"), max_length=20)
    target_units = models.JSONField(_("target units"), default=list)
    target_label = models.JSONField(_("target"), default=dict)
    title = models.JSONField(_("title"), default=dict)
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PROPOSED
    )
    adapted_wording = models.TextField(_("adapted wording"), blank=True)
    owner_name = models.CharField(_("owner"), max_length=200, blank=True)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_actions",
        verbose_name=_("owner (account)"),
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    watch = models.JSONField(
        _("outcome to watch"),
        default=list,
        help_text=_("The figures to measure again at the next wave (the recommendation's watch)."),
    )
    recommendation = models.JSONField(
        _("recommendation as decided"),
        default=dict,
        help_text=_("The recommendation with its evidence when the decision was taken."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["campaign", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "key"], name="one_action_per_recommendation"
            )
        ]

    def __str__(self) -> str:
        return self.key

    def text(self, field: str, lang: str) -> str:
        """A bilingual field (``title``, ``target_label``) in ``lang``, else any language."""
        value: dict[str, Any] = getattr(self, field) or {}
        return str(value.get(lang) or next(iter(value.values()), self.key))

    @property
    def owner_display(self) -> str:
        if self.owner_name:
            return self.owner_name
        if self.owner_user is not None:
            return self.owner_user.get_full_name() or self.owner_user.get_username()
        return ""


class SessionFormat(models.TextChoices):
    ONE_TO_ONE = "one_to_one", _("One-to-one")
    TEAM = "team", _("Team session")
    MEDIATED = "mediated", _("Mediated meeting")


class Session(models.Model):
    """A conversation held for an action. ``notes`` are confidential: coach memberships only."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("date"))
    format = models.CharField(_("format"), max_length=12, choices=SessionFormat.choices)
    participants = models.PositiveIntegerField(_("participants"))
    notes = models.TextField(
        _("confidential notes"),
        blank=True,
        help_text=_("Seen by the coaches of the organization only; never exported."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.action} · {self.held_on}"


class ManagerVisibility(models.Model):
    """Whether the managers see one recommendation of a campaign, as the coach decided.

    Without a row the default applies (:func:`eclaire.web.plans.report_hooks.shown_to_managers`):
    individual coaching of a manager is held back from every manager until the coach has talked
    to that manager; every other recommendation is shown. The coach and the sponsor always see
    every recommendation."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="manager_visibility"
    )
    key = models.CharField(_("recommendation"), max_length=200)
    visible = models.BooleanField(_("visible to the manager"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "key"], name="one_visibility_per_recommendation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key}: {'shown' if self.visible else 'held back'}"
