"""Collection fixtures: the shared ``world`` plus a sponsor, and a campaign already opened."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User

from eclaire.web.accounts.models import Membership
from eclaire.web.campaigns.models import Campaign
from eclaire.web.collection.services import do_open_campaign

TODAY = dt.date(2026, 3, 2)
LINK = re.compile(r"http://testserver\.example/s/([A-Za-z0-9_-]{32})/")


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.ECLAIRE_BASE_URL = "http://testserver.example"


@pytest.fixture
def sponsor(world) -> User:
    user = User.objects.create_user(username="rh@x.fr", password="a long password 123")
    Membership.objects.create(user=user, organization=world.acme, role="sponsor")
    return user


@pytest.fixture
def opened(world) -> Campaign:
    do_open_campaign(world.campaign, today=TODAY)
    world.campaign.refresh_from_db()
    return world.campaign


def tokens_in(outbox) -> list[str]:
    return [m for message in outbox for m in LINK.findall(message.body)]
