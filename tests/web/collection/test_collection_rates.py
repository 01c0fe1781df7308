"""Response rates per unit: counts only, hidden where fewer than K are invited or printed."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from eclaire.web.collection.models import Invitation, UnitEntry
from eclaire.web.collection.rates import campaign_rates
from eclaire.web.collection.services import do_open_campaign, do_print_codes, do_use_code
from eclaire.web.organizations.models import Person

TODAY = dt.date(2026, 3, 2)  # the day the shared fixture opens the campaign


def _by_name(rates):
    return {row.name: row for row in rates.units}


def _open_with_direction(world, n: int):
    """Open the campaign after putting ``n`` people with an e-mail in the direction unit."""
    for i in range(n):
        Person.objects.create(
            organization=world.acme, code=f"d{i}", email=f"d{i}@x.fr", unit=world.direction
        )
    do_open_campaign(world.campaign, today=TODAY)
    world.campaign.refresh_from_db()
    return world.campaign


def test_rates_hidden_under_k_invited(world):
    campaign = _open_with_direction(world, 3)  # DG 3, VTE 6, ADV 2: hidden 3 + 2 = 5 >= K
    Invitation.objects.filter(person__code__in=["p0", "p1", "p2", "a0"]).update(finished=True)
    rates = campaign_rates(campaign, min_group=5)
    rows = _by_name(rates)
    sales, tiny = rows["Ventes Sud-Est"].invitations, rows["ADV"].invitations
    assert (sales.total, sales.done, sales.shown, sales.rate) == (6, 3, True, 0.5)
    assert (tiny.total, tiny.shown, tiny.rate) == (2, False, None)
    assert not rows["Direction générale"].invitations.shown
    assert (rates.invitations.total, rates.invitations.done) == (11, 4)


def test_total_never_reveals_a_small_unit_by_subtraction(world, opened):
    """VTE 6, ADV 2: the total minus VTE would give ADV, so VTE is hidden too."""
    rows = _by_name(campaign_rates(opened, min_group=5))
    assert not rows["ADV"].invitations.shown
    assert not rows["Ventes Sud-Est"].invitations.shown


def test_smallest_shown_unit_is_hidden_to_protect_the_rest(world):
    campaign = _open_with_direction(world, 5)  # DG 5, VTE 6, ADV 2
    rows = _by_name(campaign_rates(campaign, min_group=5))
    assert not rows["ADV"].invitations.shown
    assert not rows["Direction générale"].invitations.shown  # 5 < 6: the smaller shown unit
    assert rows["Ventes Sud-Est"].invitations.shown


def test_codes_printed_and_used(world, opened):
    entry = UnitEntry.objects.get(campaign=opened, unit=world.sales)
    codes = do_print_codes(opened, entry, 6)
    do_use_code(entry, codes[0])
    do_print_codes(opened, UnitEntry.objects.get(campaign=opened, unit=world.tiny), 5)
    rows = _by_name(campaign_rates(opened, min_group=5))
    assert (rows["Ventes Sud-Est"].codes.total, rows["Ventes Sud-Est"].codes.done) == (6, 1)
    assert rows["ADV"].codes.shown


def test_campaign_page_shows_counts_not_names(client, world, opened):
    client.force_login(world.coach)
    page = client.get(reverse("collection:campaign", args=["acme", "w1"])).content.decode()
    assert "Ventes Sud-Est" in page and "p0@acme.fr" not in page
    assert "<caption>" in page and 'scope="col"' in page
