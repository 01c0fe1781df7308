"""The one place that decides whether a user may see an organization or a unit."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import Http404

from eclaire.web.accounts.models import Membership
from eclaire.web.organizations.models import Organization


def memberships_of(user: AbstractBaseUser | AnonymousUser) -> list[Membership]:
    if not user.is_authenticated:
        return []
    return list(Membership.objects.filter(user_id=user.pk).select_related("organization", "unit"))


def get_organization_for_user(
    user: AbstractBaseUser | AnonymousUser, slug: str
) -> tuple[Organization, Membership]:
    """The organization and the user's membership in it; 404 (never 403) when there is none.

    A 404 says nothing about whether the organization exists.
    """
    for membership in memberships_of(user):
        if membership.organization.slug == slug:
            return membership.organization, membership
    raise Http404("No such organization.")
