"""Creating an organization: a coach (or staff) does, and becomes its coach; nobody else can."""

from __future__ import annotations

from django.urls import reverse

from eclaire.web.accounts.models import Membership
from eclaire.web.organizations.models import Organization


def test_home_links_a_coach_to_the_creation_form(client, world):
    client.force_login(world.coach)
    assert reverse("organization_new") in client.get(reverse("home")).content.decode()


def test_coach_creates_an_organization_and_becomes_its_coach(client, world):
    client.force_login(world.coach)
    response = client.post(reverse("organization_new"), {"name": "Acme Industrie"})
    org = Organization.objects.get(name="Acme Industrie", slug="acme-industrie")
    assert response["Location"] == reverse("organization", args=[org.slug])
    assert Membership.objects.get(user=world.coach, organization=org).role == "coach"
    page = client.get(response["Location"]).content.decode()
    assert reverse("uploads:units", args=[org.slug]) in page
    assert reverse("uploads:roster", args=[org.slug]) in page


def test_identifier_is_made_unique(client, world):
    client.force_login(world.coach)
    first = client.post(reverse("organization_new"), {"name": "Acme"})  # "acme" exists already
    second = client.post(reverse("organization_new"), {"name": "Acme"})
    assert first["Location"] == reverse("organization", args=["acme-2"])
    assert second["Location"] == reverse("organization", args=["acme-3"])


def test_staff_without_membership_may_create(client, world):
    world.stranger.is_staff = True
    world.stranger.save()
    client.force_login(world.stranger)
    assert client.get(reverse("organization_new")).status_code == 200


def test_manager_and_stranger_may_not(client, world):
    for user in (world.manager, world.stranger):
        client.force_login(user)
        assert client.get(reverse("organization_new")).status_code == 404
        assert client.post(reverse("organization_new"), {"name": "X"}).status_code == 404
        assert reverse("organization_new") not in client.get(reverse("home")).content.decode()
    assert not Organization.objects.filter(name="X").exists()


def test_empty_name_is_refused(client, world):
    client.force_login(world.coach)
    response = client.post(reverse("organization_new"), {"name": ""})
    assert response.status_code == 200 and Organization.objects.count() == 2
