"""Creating, opening (the freeze) and closing a campaign, through the services and the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from eclaire.web.campaigns.models import Campaign, CampaignStatus, Instrument
from eclaire.web.campaigns.services import do_register_instrument
from eclaire.web.collection.models import Invitation, UnitEntry
from eclaire.web.collection.services import (
    CollectionError,
    do_close_campaign,
    do_create_campaign,
    do_open_campaign,
    do_set_priorities,
)
from eclaire.web.organizations.models import Person

TODAY = dt.date(2026, 3, 2)  # the day the shared fixture opens the campaign


def test_opening_freezes_the_unit_tree(world, opened):
    before = list(opened.units_snapshot)
    assert {u["code"] for u in before} == {"DG", "VTE", "ADV"}
    sales = next(u for u in before if u["code"] == "VTE")
    assert sales == {
        "id": world.sales.pk,
        "code": "VTE",
        "name": "Ventes Sud-Est",
        "parent": world.direction.pk,
        "function": "sales",
        "site_kind": "field",
    }
    world.sales.name, world.sales.site_kind = "Ventes renommées", "head_office"
    world.sales.save()
    Person.objects.create(
        organization=world.acme, code="late", email="late@acme.fr", unit=world.sales
    )
    opened.refresh_from_db()
    assert opened.units_snapshot == before
    assert not Invitation.objects.filter(person__code="late").exists()


def test_opening_invites_everyone_with_an_email_and_keys_every_unit(world, opened):
    Person.objects.create(organization=world.acme, code="noemail", unit=world.sales)
    assert opened.status == CampaignStatus.OPEN and opened.opens_on == TODAY
    assert opened.invitations.count() == 8
    assert opened.invitations.filter(sent_count=0).count() == 8
    assert UnitEntry.objects.filter(campaign=opened).count() == 3
    assert not any(f.name == "draft_key" for f in Invitation._meta.get_fields())


def test_opening_keeps_the_instrument_version(world, opened):
    instrument = opened.instrument_id
    Instrument.objects.create(code="mini", version=2, source="id: mini\nversion: 2\n")
    opened.refresh_from_db()
    assert opened.instrument_id == instrument


def test_opening_twice_is_refused(world, opened):
    with pytest.raises(CollectionError):
        do_open_campaign(opened, today=TODAY)
    assert Invitation.objects.count() == 8


def test_closing_only_an_open_campaign(world, opened):
    do_close_campaign(opened, today=TODAY)
    opened.refresh_from_db()
    assert opened.status == CampaignStatus.CLOSED and opened.closes_on == TODAY
    with pytest.raises(CollectionError):
        do_close_campaign(opened, today=TODAY)


def test_created_campaign_is_a_draft_with_the_instrument_priorities(world):
    instrument = do_register_instrument("coherence")
    campaign = do_create_campaign(world.acme, name="Vague 1", instrument=instrument)
    assert campaign.status == CampaignStatus.DRAFT
    assert campaign.slug == "vague-1"
    assert do_create_campaign(world.acme, name="Vague 1", instrument=instrument).slug == "vague-1-2"
    assert campaign.declared_priorities[0] == "customer_satisfaction"
    assert len(campaign.declared_priorities) == 6


def test_priorities_are_reordered_without_javascript(client, world):
    instrument = do_register_instrument("coherence")
    campaign = do_create_campaign(world.acme, name="Printemps", instrument=instrument)
    codes = list(campaign.declared_priorities)
    client.force_login(world.coach)
    places = {code: str(len(codes) - i) for i, code in enumerate(codes)}  # reverse the order
    url = reverse("collection:priorities", args=["acme", campaign.slug])
    client.post(url, places)
    campaign.refresh_from_db()
    assert campaign.declared_priorities == codes[::-1]
    client.post(url, {code: "1" for code in codes})  # the same place twice: refused
    campaign.refresh_from_db()
    assert campaign.declared_priorities == codes[::-1]


def test_priorities_must_be_a_permutation(world):
    instrument = do_register_instrument("coherence")
    campaign = do_create_campaign(world.acme, name="P", instrument=instrument)
    with pytest.raises(CollectionError):
        do_set_priorities(campaign, ["margin", "margin"])


def test_coach_creates_opens_and_closes_from_the_pages(client, world):
    do_register_instrument("coherence")
    client.force_login(world.coach)
    page = client.get(reverse("collection:campaign_new", args=["acme"]))
    assert page.status_code == 200 and 'for="id_name"' in page.content.decode()
    response = client.post(
        reverse("collection:campaign_new", args=["acme"]),
        {
            "name": "Automne",
            "instrument": Instrument.objects.get(code="coherence").pk,
            "opens_on": "2026-09-01",
            "closes_on": "2026-09-20",
        },
        follow=True,
    )
    campaign = Campaign.objects.get(organization=world.acme, slug="automne")
    assert response.status_code == 200 and "Automne" in response.content.decode()
    opened = client.post(reverse("collection:open", args=["acme", "automne"]), follow=True)
    assert "8" in str(list(opened.context["messages"])[0])
    client.post(reverse("collection:close", args=["acme", "automne"]))
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.CLOSED


def test_dates_in_the_wrong_order_are_refused(client, world):
    client.force_login(world.coach)
    response = client.post(
        reverse("collection:campaign_new", args=["acme"]),
        {
            "name": "X",
            "instrument": world.campaign.instrument_id,
            "opens_on": "2026-09-20",
            "closes_on": "2026-09-01",
        },
    )
    assert response.status_code == 200
    assert not Campaign.objects.filter(name="X").exists()


def test_organization_page_links_the_campaign_page(client, world):
    client.force_login(world.coach)
    page = client.get(reverse("organization", args=["acme"])).content.decode()
    assert reverse("collection:campaign", args=["acme", "w1"]) in page


def test_closing_keeps_every_response_and_invitation(world, opened):
    from eclaire.web.responses.models import Response

    Invitation.objects.filter(person__code="p0").update(finished=True)
    responses = sorted(Response.objects.values_list("id", "unit_id", "answers"))
    invitations = sorted(
        Invitation.objects.values_list("id", "person_id", "finished", "token_hash")
    )
    do_close_campaign(opened, today=TODAY)
    assert sorted(Response.objects.values_list("id", "unit_id", "answers")) == responses
    assert (
        sorted(Invitation.objects.values_list("id", "person_id", "finished", "token_hash"))
        == invitations
    )


def test_closing_forgets_the_insertion_order_of_responses(world, opened):
    """The physical row order (SQLite's rowid, PostgreSQL's ctid) follows insertion; after closing
    it no longer follows the old order."""
    from django.db import connection

    from eclaire.web.responses.models import Response

    physical = {"sqlite": "rowid", "postgresql": "ctid"}[connection.vendor]
    for _ in range(40):
        Response.objects.create(campaign=opened, unit=world.sales, answers={})
    table = Response._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} ORDER BY {physical}")
        before = [row[0] for row in cursor.fetchall()]
        do_close_campaign(opened, today=TODAY)
        cursor.execute(f"SELECT id FROM {table} ORDER BY {physical}")
        after = [row[0] for row in cursor.fetchall()]
    assert sorted(before) == sorted(after) and before != after  # 47! orders: equal by chance ~never
