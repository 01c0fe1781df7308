"""Who may see what: a user's role in an organization, and for a manager, their unit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from eclaire.web.organizations.models import Organization, Unit


class MembershipRole(models.TextChoices):
    COACH = "coach", _("Coach")
    SPONSOR = "sponsor", _("Sponsor / HR")
    MANAGER = "manager", _("Manager")


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices)
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("For a manager: the unit whose scope they see."),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_membership_per_org"),
            models.CheckConstraint(
                condition=~models.Q(role="manager") | models.Q(unit__isnull=False),
                name="manager_has_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organization} · {self.role}"
