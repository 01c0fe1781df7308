"""Who may run a campaign: the coach and the sponsor of its organization, never a manager."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from eclaire.web.accounts.access import get_organization_for_user
from eclaire.web.accounts.models import Membership, MembershipRole
from eclaire.web.campaigns.models import Campaign
from eclaire.web.organizations.models import Organization

ORGANIZER_ROLES = frozenset({MembershipRole.COACH, MembershipRole.SPONSOR})


def get_organization_for_organizer(
    user: AbstractBaseUser | AnonymousUser, slug: str
) -> tuple[Organization, Membership]:
    """The organization when the user is its coach or sponsor.

    404 when the user has no membership (as everywhere); 403 for a member without the role,
    who already knows the organization exists.
    """
    org, membership = get_organization_for_user(user, slug)
    if membership.role not in ORGANIZER_ROLES:
        raise PermissionDenied("Only the coach or the sponsor may run campaigns.")
    return org, membership


def get_campaign_for_organizer(
    user: AbstractBaseUser | AnonymousUser, slug: str, campaign_slug: str
) -> tuple[Organization, Campaign]:
    org, _membership = get_organization_for_organizer(user, slug)
    campaign = get_object_or_404(
        Campaign.objects.select_related("instrument"), organization=org, slug=campaign_slug
    )
    return org, campaign
