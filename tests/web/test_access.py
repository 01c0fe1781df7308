"""The access helpers: scopes, campaigns and units, 404 for anything outside."""

from __future__ import annotations

import pytest
from django.http import Http404

from eclaire.web.accounts.access import (
    get_campaign_for_user,
    get_organization_for_inviter,
    get_unit_for_user,
    scope_unit_codes,
)
from eclaire.web.accounts.models import Membership
from eclaire.web.organizations.models import Unit


def test_coach_scope_is_the_whole_organization(world):
    membership = Membership.objects.get(user=world.coach)
    assert scope_unit_codes(membership) is None


def test_manager_scope_is_their_unit_and_everything_below(world):
    Unit.objects.create(
        organization=world.acme,
        code="VTE-N",
        name="Ventes Nord",
        parent=world.sales,
        function="sales",
        site_kind="field",
    )
    membership = Membership.objects.get(user=world.manager)
    assert scope_unit_codes(membership) == {"VTE", "VTE-N"}


def test_scope_follows_a_given_tree(world):
    membership = Membership.objects.get(user=world.manager)
    assert scope_unit_codes(membership, parents={"DG": None, "VTE": "DG", "X": "VTE"}) == {
        "VTE",
        "X",
    }
    assert scope_unit_codes(membership, parents={"DG": None}) == set()  # absent: nothing, not all


def test_campaign_of_an_organization_of_the_user(world):
    campaign, membership = get_campaign_for_user(world.manager, "acme", "w1")
    assert campaign == world.campaign and membership.role == "manager"


@pytest.mark.parametrize(
    ("who", "org", "slug"),
    [("stranger", "acme", "w1"), ("coach", "other", "w1"), ("coach", "acme", "nope")],
)
def test_campaign_outside_membership_is_not_found(world, who, org, slug):
    with pytest.raises(Http404):
        get_campaign_for_user(getattr(world, who), org, slug)


def test_manager_gets_only_units_in_scope(world):
    unit, _m = get_unit_for_user(world.manager, "acme", "VTE")
    assert unit == world.sales
    for code in ("ADV", "DG", "X", "nope"):
        with pytest.raises(Http404):
            get_unit_for_user(world.manager, "acme", code)


def test_coach_gets_any_unit_of_their_organization_only(world):
    assert get_unit_for_user(world.coach, "acme", "ADV")[0] == world.tiny
    with pytest.raises(Http404):
        get_unit_for_user(world.coach, "other", "X")


def test_a_manager_cannot_invite(world):
    with pytest.raises(Http404):
        get_organization_for_inviter(world.manager, "acme")
    assert get_organization_for_inviter(world.coach, "acme")[0] == world.acme
