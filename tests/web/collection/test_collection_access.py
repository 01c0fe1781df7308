"""Only the coach and the sponsor run a campaign; a manager gets 403, anyone else 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from eclaire.web.campaigns.models import CampaignStatus
from eclaire.web.collection.models import AccessCode


def _urls(world) -> list[tuple[str, str]]:
    unit = world.sales.pk
    return [
        ("get", reverse("collection:campaign_new", args=["acme"])),
        ("get", reverse("collection:campaign", args=["acme", "w1"])),
        ("post", reverse("collection:open", args=["acme", "w1"])),
        ("post", reverse("collection:close", args=["acme", "w1"])),
        ("post", reverse("collection:invite", args=["acme", "w1"])),
        ("post", reverse("collection:remind", args=["acme", "w1"])),
        ("post", reverse("collection:codes", args=["acme", "w1", unit])),
        ("get", reverse("collection:poster_png", args=["acme", "w1", unit])),
        ("get", reverse("collection:poster_pdf", args=["acme", "w1", unit])),
    ]


@pytest.mark.parametrize("who, status", [("manager", 403), ("stranger", 404)])
def test_others_cannot_run_or_print(client, world, opened, who, status):
    client.force_login(getattr(world, who))
    for method, url in _urls(world):
        response = getattr(client, method)(url, {"count": 3, "format": "pdf"})
        assert response.status_code == status, url
    opened.refresh_from_db()
    assert opened.status == CampaignStatus.OPEN
    assert not AccessCode.objects.exists()


def test_coach_of_another_organization_gets_404(client, world, opened):
    from django.contrib.auth.models import User

    client.force_login(User.objects.get(username="coach@other.fr"))
    assert client.get(reverse("collection:campaign", args=["acme", "w1"])).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, world):
    response = client.get(reverse("collection:campaign", args=["acme", "w1"]))
    assert response.status_code == 302


def test_sponsor_may_open_and_print(client, world, sponsor):
    client.force_login(sponsor)
    client.post(reverse("collection:open", args=["acme", "w1"]))
    world.campaign.refresh_from_db()
    assert world.campaign.status == CampaignStatus.OPEN
    response = client.post(
        reverse("collection:codes", args=["acme", "w1", world.sales.pk]),
        {"count": 2, "format": "html"},
    )
    assert response.status_code == 200 and AccessCode.objects.count() == 2


def test_actions_are_post_only(client, world):
    client.force_login(world.coach)
    assert client.get(reverse("collection:open", args=["acme", "w1"])).status_code == 405


def test_manager_sees_no_campaign_links(client, world):
    client.force_login(world.manager)
    page = client.get(reverse("organization", args=["acme"])).content.decode()
    assert f'href="{reverse("collection:campaign", args=["acme", "w1"])}"' not in page
