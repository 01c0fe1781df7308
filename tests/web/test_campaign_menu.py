"""The one campaign menu: every page for the coach, only what a manager may open, and the closed
campaign page with its counts and a link to its results."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from eclaire.web.accounts.models import Membership
from eclaire.web.campaigns.menu import campaign_menu

ORGANIZER_ONLY = {"campaign", "invitations", "codes", "people", "notifications", "mirror"}


def _keys(world, user: User) -> set[str]:
    membership = Membership.objects.get(user=user, organization=world.acme)
    return {i.key for g in campaign_menu(world.campaign, membership, "") for i in g.items}


def _client(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


@pytest.fixture
def sponsor(world) -> User:
    user = User.objects.create_user(username="rh@x.fr", password="a long password 123")
    Membership.objects.create(user=user, organization=world.acme, role="sponsor")
    return user


def test_coach_menu_reaches_every_page_of_the_campaign(world):
    world.campaign.status = "open"
    world.campaign.save()
    assert _keys(world, world.coach) == {
        "overview", "heatmap", "units", "interfaces", "gaps", "priorities", "messages",
        "mirror", "comments", "trends", "plan", "levers", "report", "campaign", "invitations",
        "codes", "people", "notifications",
    }  # fmt: skip


def test_codes_and_posters_only_while_the_campaign_is_open(world):
    assert "codes" not in _keys(world, world.coach)  # a draft


def test_manager_menu_has_no_page_they_cannot_open(world, sponsor):
    assert not _keys(world, world.manager) & ORGANIZER_ONLY
    assert _keys(world, sponsor) >= ORGANIZER_ONLY - {"codes"}
    membership = Membership.objects.get(user=world.manager)
    client = _client(world.manager)
    for group in campaign_menu(world.campaign, membership, ""):
        for item in group.items:
            assert client.get(item.url.split("#")[0]).status_code == 200, item.key


def test_managers_units_entry_opens_their_own_unit(world):
    membership = Membership.objects.get(user=world.manager)
    units = next(
        i
        for g in campaign_menu(world.campaign, membership, "")
        for i in g.items
        if i.key == "units"
    )
    assert units.url.endswith(f"/results/units/{world.sales.code}/")


def test_menu_marks_the_current_page_and_shows_breadcrumbs(world):
    html = _client(world.coach).get(f"/o/acme/c/{world.campaign.slug}/comments/").content.decode()
    assert html.count('aria-current="page"') == 3  # crumb, phone menu, wide menu
    assert '<details class="campaign-menu menu-phone">' in html
    start = html.index('class="crumbs"')
    crumbs = html[start : html.index("</nav>", start)]
    assert reverse("organization", args=["acme"]) in crumbs and "Comments" in crumbs


def test_closed_campaign_page_shows_its_responses_and_links_to_results(world):
    world.campaign.status = "closed"
    world.campaign.save()
    html = _client(world.coach).get(f"/o/acme/c/{world.campaign.slug}/").content.decode()
    assert "7 team responses · 8 people on the roster (88 %)" in html
    assert 'href="/o/acme/c/w1/results/">Read the results</a>' in html
    assert "were imported from a file" in html


def test_open_campaign_hides_a_response_count_below_the_threshold(world):
    from eclaire.web.responses.models import Response

    world.campaign.status = "open"
    world.campaign.save()
    Response.objects.filter(campaign=world.campaign).exclude(
        pk__in=Response.objects.filter(campaign=world.campaign).values("pk")[:3]
    ).delete()
    html = _client(world.coach).get(f"/o/acme/c/{world.campaign.slug}/").content.decode()
    assert "fewer than 5 so far" in html and "3 team responses" not in html
