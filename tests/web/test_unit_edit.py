"""Editing a unit: name, parent and function; never under itself or one of its sub-units."""

from __future__ import annotations

from django.urls import reverse

from eclaire.web.organizations.models import Unit


def _url(code: str) -> str:
    return reverse("unit_edit", args=["acme", code])


def test_coach_renames_moves_and_reclassifies_a_unit(client, world):
    client.force_login(world.coach)
    response = client.post(
        _url("ADV"),
        {"name": "Administration des ventes", "parent": world.sales.pk, "function": "support"},
    )
    assert response.status_code == 302
    adv = Unit.objects.get(pk=world.tiny.pk)
    assert (adv.name, adv.parent_id, adv.function) == (
        "Administration des ventes",
        world.sales.pk,
        "support",
    )


def test_a_unit_cannot_go_under_its_own_sub_unit(client, world):
    client.force_login(world.coach)
    page = client.get(_url("DG")).content.decode()
    assert f'value="{world.sales.pk}"' not in page  # VTE is below DG: not offered
    response = client.post(
        _url("DG"), {"name": "DG", "parent": world.sales.pk, "function": "management"}
    )
    assert response.status_code == 200
    assert Unit.objects.get(pk=world.direction.pk).parent_id is None


def test_parent_from_another_organization_is_refused(client, world):
    client.force_login(world.coach)
    foreign = Unit.objects.get(code="X")
    response = client.post(
        _url("ADV"), {"name": "ADV", "parent": foreign.pk, "function": "sales_admin"}
    )
    assert response.status_code == 200
    assert Unit.objects.get(pk=world.tiny.pk).parent_id == world.direction.pk


def test_organization_page_links_each_unit_to_its_edit(client, world):
    client.force_login(world.coach)
    page = client.get(reverse("organization", args=["acme"])).content.decode()
    assert _url("VTE") in page and _url("ADV") in page


def test_manager_may_not_edit(client, world):
    client.force_login(world.manager)
    assert client.get(_url("VTE")).status_code == 403
    assert _url("VTE") not in client.get(reverse("organization", args=["acme"])).content.decode()
