"""The organization page lists its waves with dates, response rate and index, and links."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from eclaire.web.campaigns.models import Campaign
from eclaire.web.collection.services import do_open_campaign
from eclaire.web.organizations.waves import organization_waves
from eclaire.web.results.services import do_compute


def test_waves_with_rate_and_index(world, settings):
    do_open_campaign(world.campaign, today=dt.date(2026, 3, 2))  # 8 people invited
    do_compute(world.campaign)
    second = Campaign.objects.create(
        organization=world.acme,
        slug="w2",
        name="Vague 2",
        instrument=world.campaign.instrument,
        previous=world.campaign,
        opens_on=dt.date(2026, 9, 1),
    )
    waves = organization_waves(world.acme, min_group=5, with_index=True)
    assert [w.campaign for w in waves] == [second, world.campaign]
    first = waves[1]
    assert (first.responses, first.invited) == (7, 8)
    assert first.rate == 7 / 8
    assert first.index is not None and 0 <= first.index <= 100
    assert waves[0].rate is None and waves[0].index is None  # nobody invited, no result


def test_rate_hidden_below_the_threshold(world):
    waves = organization_waves(world.acme, min_group=9, with_index=False)  # 8 on the roster
    assert waves[0].invited == 0 and waves[0].rate is None and waves[0].index is None


def test_page_links_to_each_campaign_and_its_results(client, world):
    client.force_login(world.coach)
    page = client.get(reverse("organization", args=["acme"])).content.decode()
    assert reverse("collection:campaign", args=["acme", "w1"]) in page
    assert reverse("results:overview", args=["acme", "w1"]) in page
    assert reverse("uploads:units", args=["acme"]) in page


def test_manager_sees_no_index_and_no_setup_links(client, world):
    client.force_login(world.manager)
    page = client.get(reverse("organization", args=["acme"])).content.decode()
    assert reverse("uploads:units", args=["acme"]) not in page
    assert "Indice de cohérence" not in page and "Coherence index" not in page


def test_imported_responses_are_rated_over_the_roster(world):
    waves = organization_waves(world.acme, min_group=5, with_index=False)
    wave = waves[0]  # 7 responses imported, nobody invited, 8 people on the roster
    assert wave.invited == 0 and wave.of_roster and wave.rate == 7 / 8


def test_closed_wave_offers_the_next_one(client, world):
    world.campaign.status = "closed"
    world.campaign.save()
    client.force_login(world.coach)
    page = client.get(reverse("organization", args=["acme"])).content.decode()
    assert reverse("collection:campaign_new", args=["acme"]) + "?from=w1" in page
