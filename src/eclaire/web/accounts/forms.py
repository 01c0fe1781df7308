"""Forms of accounts: inviting someone into an organization, and asking for a password reset."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from eclaire.web.accounts import mail
from eclaire.web.accounts.access import INVITABLE_ROLES
from eclaire.web.accounts.models import Membership, MembershipRole
from eclaire.web.organizations.models import Organization, Unit


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=150)
    role = forms.ChoiceField(label=_("Role"))
    unit = forms.ModelChoiceField(
        label=_("Unit (for a manager)"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("A manager sees the results of this unit and of the units below it."),
    )
    language = forms.ChoiceField(label=_("Language of the e-mail"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, org: Organization, inviter: Membership, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("language", (get_language() or "fr")[:2])
        super().__init__(*args, **kwargs)
        self.org = org
        allowed = INVITABLE_ROLES.get(inviter.role, ())
        role = cast(forms.ChoiceField, self.fields["role"])
        role.choices = [(r, MembershipRole(r).label) for r in allowed]
        unit = cast(forms.ModelChoiceField, self.fields["unit"])
        unit.queryset = Unit.objects.filter(organization=org).order_by("name")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if Membership.objects.filter(organization=self.org, user__username=email).exists():
            raise forms.ValidationError(_("This person already has access to the organization."))
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") == MembershipRole.MANAGER and data.get("unit") is None:
            self.add_error("unit", _("Choose the unit of the manager."))
        if data.get("role") != MembershipRole.MANAGER:
            data["unit"] = None
        return data


class AccountPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending through ``accounts.mail`` with a link on ECLAIRE_BASE_URL."""

    def send_mail(  # type: ignore[override]
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        path = reverse(
            "password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}
        )
        mail.send_password_reset(to_email, mail.absolute(path), get_language())
