"""The new-campaign form names its previous wave: a closed campaign of the organization, the
latest suggested; "New wave" on a closed campaign copies its settings."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from eclaire.web.campaigns.models import Campaign

NEW = reverse("collection:campaign_new", args=["acme"])


@pytest.fixture
def waves(world) -> tuple[Campaign, Campaign]:
    """Two closed waves of Acme (the spring one later), plus a closed one of another org."""
    world.campaign.status = "closed"
    world.campaign.closes_on = dt.date(2025, 10, 30)
    world.campaign.declared_priorities = ["b", "a"]
    world.campaign.save()
    spring = Campaign.objects.create(
        organization=world.acme,
        slug="spring",
        name="Printemps",
        instrument=world.campaign.instrument,
        status="closed",
        closes_on=dt.date(2026, 4, 30),
    )
    Campaign.objects.create(
        organization=world.other,
        slug="theirs",
        name="Leur vague",
        instrument=world.campaign.instrument,
        status="closed",
    )
    return world.campaign, spring


def _selected(page: str) -> str | None:
    select = page[
        page.index('name="previous"') : page.index("</select>", page.index('name="previous"'))
    ]
    found = re.search(r'<option value="(\d+)" selected>', select)
    return found[1] if found else None


def test_latest_closed_wave_is_suggested_and_other_orgs_are_not_offered(client, world, waves):
    first, spring = waves
    client.force_login(world.coach)
    page = client.get(NEW).content.decode()
    assert _selected(page) == str(spring.pk)
    assert "Vague 1" in page and "Leur vague" not in page


def test_campaign_is_created_with_its_previous_wave(client, world, waves):
    first, _spring = waves
    client.force_login(world.coach)
    data = {"name": "Automne", "instrument": first.instrument_id, "previous": first.pk}
    response = client.post(NEW, data)
    created = Campaign.objects.get(organization=world.acme, name="Automne")
    assert response.status_code == 302 and created.previous == first


def test_previous_wave_of_another_organization_is_refused(client, world, waves):
    client.force_login(world.coach)
    theirs = Campaign.objects.get(slug="theirs")
    data = {"name": "Automne", "instrument": theirs.instrument_id, "previous": theirs.pk}
    assert client.post(NEW, data).status_code == 200
    assert not Campaign.objects.filter(name="Automne").exists()


def test_no_previous_wave_when_none_is_closed(client, world):
    client.force_login(world.coach)
    page = client.get(NEW).content.decode()
    assert _selected(page) is None


def test_new_wave_button_copies_the_closed_campaign(client, world, waves):
    first, _spring = waves
    client.force_login(world.coach)
    campaign_page = client.get(reverse("collection:campaign", args=["acme", "w1"])).content.decode()
    link = f"{NEW}?from=w1"
    assert link in campaign_page
    page = client.get(link).content.decode()
    assert _selected(page) == str(first.pk)
    assert 'value="Vague 1 · next wave"' in page or "Vague 1 · vague suivante" in page


def test_new_wave_keeps_the_order_of_declared_priorities(world, waves):
    from eclaire.web.campaigns.services import do_register_instrument
    from eclaire.web.collection.services import do_create_campaign, priority_options

    first, _spring = waves
    first.instrument = do_register_instrument("coherence")
    codes = [o.code for o in priority_options(first.instrument)]
    assert len(codes) >= 3
    first.declared_priorities = list(reversed(codes))
    first.save()
    created = do_create_campaign(
        world.acme, name="Suite", instrument=first.instrument, previous=first
    )
    assert created.declared_priorities == list(reversed(codes))


def test_a_wave_created_with_its_previous_one_gets_a_trend(client, world):
    """The previous wave named in the form is what the analysis compares with."""
    from eclaire.web.responses.models import Response
    from eclaire.web.results.services import do_compute

    for answer in (1, 2, 3, 5, 5):
        Response.objects.create(campaign=world.campaign, unit=world.sales, answers={"CR1": answer})
    world.campaign.status = "closed"
    world.campaign.save()
    do_compute(world.campaign)
    client.force_login(world.coach)
    data = {"name": "Vague 2", "instrument": world.campaign.instrument_id}
    data["previous"] = world.campaign.pk
    client.post(NEW, data)
    second = Campaign.objects.get(organization=world.acme, name="Vague 2")
    for answer in (3, 4, 4, 5, 5, 5, 4, 4, 5, 5):
        Response.objects.create(campaign=second, unit=world.sales, answers={"CR1": answer})
    trend = do_compute(second).data["trend"]
    overall = trend["overall"]["clarity.roles"]
    assert overall["before"] == pytest.approx(44 / 12, abs=1e-4)  # 7 answers of 4, then 1,2,3,5,5
    assert overall["after"] == pytest.approx(4.4)
