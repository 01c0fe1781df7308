"""Inviting a coach's sponsors and managers: the account, the membership and the e-mail, at once."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, User
from django.db import transaction
from django.urls import reverse

from eclaire.web.accounts import mail
from eclaire.web.accounts.models import Membership, MembershipRole
from eclaire.web.accounts.tokens import make_invitation_token
from eclaire.web.organizations.models import Organization, Unit


def _get_or_create_user(email: str) -> tuple[User, bool]:
    """The account of ``email``; a new one has no usable password until the link is followed."""
    user = User.objects.filter(username=email).first()
    if user is not None:
        return user, False
    user = User(username=email, email=email)
    user.set_unusable_password()
    user.save()
    return user, True


@transaction.atomic
def do_invite(
    org: Organization,
    inviter: Membership,
    *,
    email: str,
    role: str,
    unit: Unit | None,
    language: str,
) -> Membership:
    """Give ``email`` a role in ``org`` and send the invitation; nothing is kept if sending fails.

    Someone who already has an account (a coach of another organization) gets a notice with the
    login page; anyone else a one-time link to set their password (valid seven days).
    """
    user, _created = _get_or_create_user(email)
    membership = Membership.objects.create(user=user, organization=org, role=role, unit=unit)
    has_account = user.has_usable_password()
    if has_account:
        url = mail.absolute(reverse("login"))
    else:
        url = mail.absolute(reverse("accounts:accept", args=[make_invitation_token(user)]))
    mail.send_invitation(
        mail.InvitationMail(
            to=email,
            org_name=org.name,
            role_label=MembershipRole(role).label,
            unit_name=unit.name if unit is not None else "",
            inviter=inviter.user.get_username(),
            url=url,
            has_account=has_account,
            language=language,
        )
    )
    return membership


def do_set_password(user: AbstractBaseUser, password: str) -> None:
    """Set the invitee's password; this also spends the invitation link."""
    user.set_password(password)
    user.save(update_fields=["password"])
