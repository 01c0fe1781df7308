"""Behind a reverse proxy or a shared NAT, one person's failures never lock the others out.

Every request comes from the proxy (``REMOTE_ADDR``); the proxy tells who the client is in
``X-Forwarded-For``. With ``ECLAIRE_TRUSTED_PROXIES = 1`` failures are counted per client. Behind
a NAT, where everyone really has the same address, valid links and correct passwords still work.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from eclaire.web.survey import ratelimit

PROXY = "10.0.0.1"
VICTIM, ATTACKER = "198.51.100.20", "203.0.113.66"


def _behind_proxy(client_ip: str, **headers: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, headers={"x-forwarded-for": client_ip, **headers})


@pytest.fixture(autouse=True)
def _proxied(settings) -> None:
    settings.ECLAIRE_TRUSTED_PROXIES = 1
    cache.clear()


def _survey_link(world) -> str:  # type: ignore[no-untyped-def]
    from eclaire.web.campaigns.models import Campaign, CampaignStatus
    from eclaire.web.campaigns.services import do_register_instrument
    from eclaire.web.collection.models import Invitation
    from eclaire.web.collection.tokens import new_token, secret_hash
    from eclaire.web.organizations.models import Person

    campaign = Campaign.objects.create(
        organization=world.acme,
        slug="w-proxy",
        name="Vague",
        instrument=do_register_instrument("coherence"),
        status=CampaignStatus.OPEN,
    )
    token = new_token()
    person = Person.objects.filter(organization=world.acme).first()
    Invitation.objects.create(campaign=campaign, person=person, token_hash=secret_hash(token))
    return f"/s/{token}/"


def test_invalid_survey_links_from_one_client_do_not_block_another_behind_the_proxy(world) -> None:
    attacker = _behind_proxy(ATTACKER)
    for i in range(ratelimit.MAX_FAILURES + 16):  # the 36 of the issue
        attacker.get(f"/s/guess-{i}/")
    assert attacker.get("/s/guess-more/").status_code == 429
    assert _behind_proxy(VICTIM).get("/s/mistyped/").status_code == 404  # counted on its own
    spoofed = _behind_proxy(f"{VICTIM}, {ATTACKER}")  # a forged left part changes nothing
    assert spoofed.get("/s/guess-again/").status_code == 429


def test_behind_one_shared_address_valid_links_still_open(world, settings) -> None:
    settings.ECLAIRE_TRUSTED_PROXIES = 0  # a NAT: everyone really has one address
    link = _survey_link(world)
    everyone = Client(REMOTE_ADDR=PROXY)
    for i in range(36):
        everyone.get(f"/s/guess-{i}/")
    assert everyone.get("/s/guess-more/").status_code == 429
    assert everyone.get(link).status_code == 200


def _login(client: Client, username: str, password: str) -> int:
    return client.post(reverse("login"), {"username": username, "password": password}).status_code


def test_wrong_passwords_from_one_client_do_not_lock_the_account_for_another(world) -> None:
    attacker = _behind_proxy(ATTACKER)
    for _ in range(6):
        _login(attacker, "coach@x.fr", "wrong")
    assert _login(attacker, "coach@x.fr", "a long password 123") == 429
    assert _login(_behind_proxy(VICTIM), "coach@x.fr", "a long password 123") == 302


def test_wrong_passwords_for_one_account_do_not_lock_the_shared_address(world, settings) -> None:
    settings.ECLAIRE_TRUSTED_PROXIES = 0
    everyone = Client(REMOTE_ADDR=PROXY)
    for _ in range(6):
        _login(everyone, "coach@x.fr", "wrong")
    assert _login(everyone, "manager@x.fr", "a long password 123") == 302


def test_the_lockout_counts_the_client_address_seen_through_the_proxy(world) -> None:
    from axes.models import AccessAttempt

    _login(_behind_proxy(f"6.6.6.6, {ATTACKER}"), "coach@x.fr", "wrong")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [ATTACKER]
