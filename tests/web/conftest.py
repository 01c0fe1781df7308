"""Named users with distinct rights in two organizations, built once per test."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from eclaire.web.accounts.models import Membership
from eclaire.web.campaigns.models import Campaign, Instrument
from eclaire.web.organizations.models import Organization, Person, Unit
from eclaire.web.responses.models import Response

MINI_INSTRUMENT = """
id: mini
version: 1
languages: [fr, en]
scales:
  agree5: {min: 1, max: 5}
dimensions:
  - code: clarity.roles
    name: {fr: Rôles, en: Roles}
    items:
      - {code: CR1, text: {fr: "Je sais ce qu'on attend de moi", en: "I know what is expected of me"}, scale: agree5}
"""


@pytest.fixture(autouse=True)
def _responses_written_at_once(settings):
    """Most tests read a response right after its submit: they write each at once. The batches
    (``ECLAIRE_RESPONSE_BATCH``, k by default) are tested in ``survey/test_survey_batches.py``."""
    settings.ECLAIRE_RESPONSE_BATCH = 1


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is slow on purpose (about half a second a hash): other tests hash with MD5.

    ``tests/web/test_accounts.py`` checks the project's real hashers.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    acme: Organization
    other: Organization
    direction: Unit
    sales: Unit
    tiny: Unit
    coach: User
    manager: User
    stranger: User
    campaign: Campaign


def _user(name: str) -> User:
    return User.objects.create_user(username=name, email=name, password="a long password 123")


@pytest.fixture
def world(db) -> World:
    acme = Organization.objects.create(slug="acme", name="Acme Industrie")
    other = Organization.objects.create(slug="other", name="Autre Maison")
    direction = Unit.objects.create(
        organization=acme,
        code="DG",
        name="Direction générale",
        function="management",
        site_kind="head_office",
    )
    sales = Unit.objects.create(
        organization=acme,
        code="VTE",
        name="Ventes Sud-Est",
        parent=direction,
        function="sales",
        site_kind="field",
    )
    tiny = Unit.objects.create(
        organization=acme,
        code="ADV",
        name="ADV",
        parent=direction,
        function="sales_admin",
        site_kind="head_office",
    )
    Unit.objects.create(
        organization=other,
        code="X",
        name="Atelier secret",
        function="production",
        site_kind="field",
    )
    for i in range(6):
        Person.objects.create(organization=acme, code=f"p{i}", email=f"p{i}@acme.fr", unit=sales)
    for i in range(2):
        Person.objects.create(organization=acme, code=f"a{i}", email=f"a{i}@acme.fr", unit=tiny)
    instrument = Instrument.objects.create(code="mini", version=1, source=MINI_INSTRUMENT)
    campaign = Campaign.objects.create(
        organization=acme, slug="w1", name="Vague 1", instrument=instrument
    )
    for unit, n in ((sales, 5), (tiny, 2)):
        for _ in range(n):
            Response.objects.create(campaign=campaign, unit=unit, answers={"CR1": 4})
    coach, manager, stranger = _user("coach@x.fr"), _user("manager@x.fr"), _user("stranger@x.fr")
    Membership.objects.create(user=coach, organization=acme, role="coach")
    Membership.objects.create(user=manager, organization=acme, role="manager", unit=sales)
    other_coach = _user("coach@other.fr")
    Membership.objects.create(user=other_coach, organization=other, role="coach")
    return World(acme, other, direction, sales, tiny, coach, manager, stranger, campaign)
