"""Organizations, their unit tree and the roster of people invited to answer.

The roster lives here and nowhere near the responses: no foreign key, no shared id, nothing joins a
person to an answer (see docs/privacy.md).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Organization(models.Model):
    slug = models.SlugField(_("identifier"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")

    def __str__(self) -> str:
        return self.name


class UnitFunction(models.TextChoices):
    SALES = "sales", _("Sales")
    SALES_ADMIN = "sales_admin", _("Sales administration")
    SUPPORT = "support", _("Customer support")
    MARKETING = "marketing", _("Marketing")
    PRODUCTION = "production", _("Production")
    LOGISTICS = "logistics", _("Logistics")
    MANAGEMENT = "management", _("Management")
    HR = "hr", _("Human resources")
    FINANCE = "finance", _("Finance")
    IT = "it", _("IT")
    OTHER = "other", _("Other")


class SiteKind(models.TextChoices):
    HEAD_OFFICE = "head_office", _("Head office")
    FIELD = "field", _("Field")
    MIXED = "mixed", _("Mixed")


class Unit(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="units")
    code = models.CharField(
        _("unit id"), max_length=60, help_text=_("The unit_id of import files.")
    )
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    function = models.CharField(_("function"), max_length=20, choices=UnitFunction.choices)
    site_kind = models.CharField(_("site"), max_length=20, choices=SiteKind.choices)

    class Meta:
        ordering = ["organization", "code"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "code"], name="unit_code_unique_in_org")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    MANAGER = "manager", _("Manager")
    MEMBER = "member", _("Member")


class TenureBand(models.TextChoices):
    LT6M = "lt6m", _("Less than 6 months")
    M6TO12 = "6to12m", _("6 to 12 months")
    Y1TO3 = "1to3y", _("1 to 3 years")
    Y3TO10 = "3to10y", _("3 to 10 years")
    GT10Y = "gt10y", _("More than 10 years")


class Contract(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    FIXED_TERM = "fixed_term", _("Fixed term")
    APPRENTICE = "apprentice", _("Apprentice")
    INTERN = "intern", _("Intern")
    TEMP = "temp", _("Temporary")


class Language(models.TextChoices):
    FR = "fr", "Français"
    EN = "en", "English"


class Person(models.Model):
    """One line of the roster: someone to invite. Never linked to an answer."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="people")
    code = models.CharField(_("person id"), max_length=60)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="people")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    tenure_band = models.CharField(
        _("tenure"), max_length=10, choices=TenureBand.choices, blank=True
    )
    contract = models.CharField(_("contract"), max_length=12, choices=Contract.choices, blank=True)
    customer_facing = models.BooleanField(_("customer-facing"), null=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default="fr")

    class Meta:
        ordering = ["organization", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "code"], name="person_code_unique_in_org"
            )
        ]

    def __str__(self) -> str:
        return self.code
