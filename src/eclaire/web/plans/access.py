"""Who may see and change the action plan and the lever settings (404, never 403).

- **Actions**: a coach or a sponsor sees and changes every action of their organization's
  campaigns; a manager sees, read-only, the actions whose every target unit lies in their scope
  and whose recommendation the coach does not hold back from managers (:mod:`.visibility`).
- **Sessions' notes** are confidential: :func:`sees_confidential_notes` is true for a coach
  membership only.
- **Lever settings**: every member may read them; only a coach may change them.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import Http404

from eclaire.web.accounts.access import (
    AnyUser,
    get_campaign_for_user,
    get_organization_for_user,
    scope_unit_codes,
)
from eclaire.web.accounts.models import Membership, MembershipRole
from eclaire.web.campaigns.models import Campaign
from eclaire.web.organizations.models import Organization
from eclaire.web.plans.models import Action
from eclaire.web.plans.visibility import action_shown_to_managers, manager_visibility
from eclaire.web.results.stored import load_result

ORGANIZERS = (MembershipRole.COACH, MembershipRole.SPONSOR)


def is_organizer(membership: Membership) -> bool:
    return membership.role in ORGANIZERS


def sees_confidential_notes(membership: Membership) -> bool:
    """Session notes: coach memberships only, never a sponsor or a manager."""
    return membership.role == MembershipRole.COACH


def may_edit_lever_settings(membership: Membership) -> bool:
    """Lever thresholds: a coach changes them; a sponsor or a manager reads them."""
    return membership.role == MembershipRole.COACH


def campaign_scope(campaign: Campaign, membership: Membership) -> set[str] | None:
    """The unit codes the membership may see in this campaign (``None``: all), walked on the
    unit tree of the campaign's stored result when there is one, else the live tree."""
    _stored, data = load_result(campaign)
    if data and data.get("tree"):
        parents = {u["unit_id"]: u.get("parent_id") for u in data["tree"]}
        return scope_unit_codes(membership, parents=parents)
    return scope_unit_codes(membership)


def in_scope(units: Iterable[str], scope: set[str] | None) -> bool:
    codes = set(units)
    return scope is None or (bool(codes) and codes <= scope)


def visible_actions(campaign: Campaign, membership: Membership) -> QuerySet[Action] | list[Action]:
    """The actions of the campaign this membership may read."""
    actions = Action.objects.filter(campaign=campaign).select_related("owner_user")
    scope = campaign_scope(campaign, membership)
    if scope is None:
        return actions
    visibility = manager_visibility(campaign)
    return [
        a
        for a in actions
        if in_scope(a.target_units, scope) and action_shown_to_managers(a, visibility)
    ]


def get_campaign_for_organizer(
    user: AnyUser, org_slug: str, campaign_slug: str
) -> tuple[Campaign, Membership]:
    """The campaign when the user may change its plan (coach or sponsor); 404 otherwise."""
    campaign, membership = get_campaign_for_user(user, org_slug, campaign_slug)
    if not is_organizer(membership):
        raise Http404("No such campaign.")
    return campaign, membership


def get_action_for_user(
    user: AnyUser, org_slug: str, campaign_slug: str, action_id: int
) -> tuple[Action, Membership]:
    """The action ``action_id`` of the campaign, when the user may read it; 404 otherwise."""
    campaign, membership = get_campaign_for_user(user, org_slug, campaign_slug)
    action = (
        Action.objects.select_related("campaign__organization", "owner_user")
        .filter(campaign=campaign, pk=action_id)
        .first()
    )
    if action is None or action not in visible_actions(campaign, membership):
        raise Http404("No such action.")
    return action, membership


def get_action_for_organizer(
    user: AnyUser, org_slug: str, campaign_slug: str, action_id: int
) -> tuple[Action, Membership]:
    """The action when the user may change it (coach or sponsor); 404 otherwise."""
    action, membership = get_action_for_user(user, org_slug, campaign_slug, action_id)
    if not is_organizer(membership):
        raise Http404("No such action.")
    return action, membership


def get_lever_settings_for_user(user: AnyUser, org_slug: str) -> tuple[Organization, Membership]:
    """The organization whose lever settings any member may read."""
    return get_organization_for_user(user, org_slug)


def get_lever_settings_for_editor(user: AnyUser, org_slug: str) -> tuple[Organization, Membership]:
    """The organization when the user may change its lever settings (a coach); 404 otherwise."""
    org, membership = get_organization_for_user(user, org_slug)
    if not may_edit_lever_settings(membership):
        raise Http404("No such organization.")
    return org, membership
