"""The one place that decides what a user may see: organizations, campaigns, units, scopes.

Every view, export and download calls one of these helpers with the identifiers of its URL and
uses what it returns; no view filters by role or organization on its own.

Rules:

- A **coach** or a **sponsor** sees the whole of each organization they are a member of. A coach
  may have memberships in several organizations; each is checked on its own.
- A **manager** sees their unit and its sub-units, at every depth (their *scope*), in their
  organization only.
- Anything else is answered with **404, never 403**: an unknown organization, campaign or unit
  and a forbidden one look the same, so a URL reveals nothing about what exists.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import Http404

from eclaire.web.accounts.models import Membership, MembershipRole
from eclaire.web.campaigns.models import Campaign
from eclaire.web.organizations.models import Organization, Unit

AnyUser = AbstractBaseUser | AnonymousUser

INVITABLE_ROLES: Mapping[str, tuple[str, ...]] = {
    MembershipRole.COACH: (MembershipRole.SPONSOR, MembershipRole.MANAGER),
    MembershipRole.SPONSOR: (MembershipRole.MANAGER,),
}
"""Who may invite whom: a coach invites sponsors and managers; a sponsor invites managers."""


def memberships_of(user: AnyUser) -> list[Membership]:
    """All memberships of ``user`` (none for an anonymous visitor), with organization and unit."""
    if not user.is_authenticated:
        return []
    return list(Membership.objects.filter(user_id=user.pk).select_related("organization", "unit"))


def get_organization_for_user(user: AnyUser, slug: str) -> tuple[Organization, Membership]:
    """The organization and the user's membership in it; 404 (never 403) when there is none.

    A 404 says nothing about whether the organization exists. A manager gets the organization
    too: use :func:`scope_unit_codes` before showing anything of its units.
    """
    for membership in memberships_of(user):
        if membership.organization.slug == slug:
            return membership.organization, membership
    raise Http404("No such organization.")


def get_campaign_for_user(
    user: AnyUser, org_slug: str, campaign_slug: str
) -> tuple[Campaign, Membership]:
    """The campaign ``campaign_slug`` of organization ``org_slug`` and the user's membership.

    Any member (coach, sponsor, manager) gets the campaign; 404 when the user is not a member of
    the organization or the campaign does not belong to it. The caller still restricts what it
    shows to :func:`scope_unit_codes` of the membership.
    """
    org, membership = get_organization_for_user(user, org_slug)
    campaign = (
        Campaign.objects.select_related("organization", "instrument")
        .filter(organization=org, slug=campaign_slug)
        .first()
    )
    if campaign is None:
        raise Http404("No such campaign.")
    return campaign, membership


def get_unit_for_user(user: AnyUser, org_slug: str, unit_code: str) -> tuple[Unit, Membership]:
    """The unit ``unit_code`` of organization ``org_slug`` and the user's membership.

    A coach or sponsor gets any unit of the organization; a manager only a unit inside their
    scope (their unit or one below it). 404 otherwise, exactly as for a unit that does not exist.
    """
    org, membership = get_organization_for_user(user, org_slug)
    unit = Unit.objects.filter(organization=org, code=unit_code).first()
    if unit is None:
        raise Http404("No such unit.")
    scope = scope_unit_codes(membership)
    if scope is not None and unit.code not in scope:
        raise Http404("No such unit.")
    return unit, membership


def live_parents(org: Organization) -> dict[str, str | None]:
    """The organization's current unit tree: unit code → parent code (``None`` for a root)."""
    rows = Unit.objects.filter(organization=org).values_list("code", "parent__code")
    return {code: parent for code, parent in rows}


def scope_unit_codes(
    membership: Membership, *, parents: Mapping[str, str | None] | None = None
) -> set[str] | None:
    """The codes of the units a membership may see, or ``None`` for the whole organization.

    ``None`` for a coach or a sponsor. For a manager: their unit's code and the codes of all its
    descendants. ``parents`` (code → parent code) gives the tree to walk, for instance a
    campaign's frozen unit tree; by default the organization's current tree. A manager whose
    unit is missing from that tree sees nothing (an empty set), never everything.
    """
    if membership.role != MembershipRole.MANAGER:
        return None
    if membership.unit is None:
        return set()
    tree = live_parents(membership.organization) if parents is None else parents
    return subtree_codes(tree, membership.unit.code)


def subtree_codes(parents: Mapping[str, str | None], root: str) -> set[str]:
    """``root`` and all the units below it in the tree ``parents``; empty if ``root`` is not in it."""
    if root not in parents:
        return set()
    children: dict[str | None, list[str]] = {}
    for code, parent in parents.items():
        children.setdefault(parent, []).append(code)
    scope, todo = set(), [root]
    while todo:
        code = todo.pop()
        scope.add(code)
        todo.extend(children.get(code, []))
    return scope


def get_organization_for_inviter(user: AnyUser, slug: str) -> tuple[Organization, Membership]:
    """The organization when the user may invite people into it (a coach or a sponsor).

    404 for a manager as for a non-member. What each role may invite: :data:`INVITABLE_ROLES`.
    """
    org, membership = get_organization_for_user(user, slug)
    if membership.role not in INVITABLE_ROLES:
        raise Http404("No such organization.")
    return org, membership


def may_create_organization(user: AnyUser) -> bool:
    """Whether ``user`` may create an organization: staff, or a coach of at least one.

    The creator becomes the new organization's coach. Sponsors and managers belong to one
    client and do not create others.
    """
    if not user.is_authenticated:
        return False
    if getattr(user, "is_staff", False):
        return True
    return Membership.objects.filter(user_id=user.pk, role=MembershipRole.COACH).exists()


def require_organization_creator(user: AnyUser) -> None:
    """404 (as everywhere) unless :func:`may_create_organization`."""
    if not may_create_organization(user):
        raise Http404("No such page.")
