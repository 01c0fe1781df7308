"""Accounts: Argon2, login lockout, invitations by e-mail, password reset."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from eclaire.web.accounts.models import Membership
from eclaire.web.accounts.tokens import make_invitation_token

LINK = re.compile(r"http://\S+/accounts/invitation/(\S+)/")


def _login(client: Client, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post(reverse("login"), {"username": username, "password": password})


def test_passwords_are_stored_with_argon2(db, settings):
    from eclaire.web import settings as project

    settings.PASSWORD_HASHERS = project.PASSWORD_HASHERS
    user = User.objects.create_user(username="argon@x.fr", password="a long password 123")
    assert user.password.startswith("argon2")


def test_older_hashes_are_upgraded_to_argon2_at_login(world, settings):
    from eclaire.web import settings as project

    settings.PASSWORD_HASHERS = [
        *project.PASSWORD_HASHERS,
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    assert _login(Client(), "coach@x.fr", "a long password 123").status_code == 302
    assert User.objects.get(username="coach@x.fr").password.startswith("argon2")


def test_lockout_after_five_failures_even_with_the_right_password(world):
    client = Client()
    for _ in range(4):
        assert _login(client, "coach@x.fr", "wrong").status_code == 200
    locked = _login(client, "Coach@X.fr ", "wrong")  # case and spaces do not buy attempts
    assert locked.status_code == 429
    assert _login(client, "coach@x.fr", "a long password 123").status_code == 429
    page = locked.content.decode()
    assert "30 minutes" in page and 'lang="fr"' in page


def test_lockout_is_keyed_by_user_name(world):
    client = Client()
    for _ in range(5):
        _login(client, "coach@x.fr", "wrong")
    response = _login(client, "manager@x.fr", "a long password 123")
    assert response.status_code == 302  # another account from the same address still logs in


def test_lockout_page_in_english(world):
    client = Client(headers={"accept-language": "en"})
    for _ in range(5):
        response = _login(client, "coach@x.fr", "wrong")
    assert response.status_code == 429
    assert "locked for 30 minutes" in response.content.decode()


def test_successful_logins_leave_no_address_behind(world):
    from axes.models import AccessAttempt, AccessLog

    assert _login(Client(), "coach@x.fr", "a long password 123").status_code == 302
    assert not AccessLog.objects.exists() and not AccessAttempt.objects.exists()


def test_survey_traffic_never_reaches_the_lockout(world):
    from axes.models import AccessAttempt

    Client().get("/s/SOMETOKEN/")
    Client().post("/u/somekey/", {"code": "X"})
    assert not AccessAttempt.objects.exists()


def _invite(client: Client, **data: object):  # type: ignore[no-untyped-def]
    return client.post(reverse("accounts:invite", args=["acme"]), data)


def test_coach_invites_a_manager_who_sets_a_password_once(world):
    client = Client()
    client.force_login(world.coach)
    response = _invite(
        client, email="New.Manager@acme.fr", role="manager", unit=world.sales.pk, language="en"
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["new.manager@acme.fr"]
    assert "Ventes Sud-Est" in message.body and "as Manager" in message.body
    token = LINK.search(message.body).group(1)
    url = reverse("accounts:accept", args=[token])
    visitor = Client()
    assert visitor.get(url).context["invitee"].username == "new.manager@acme.fr"
    form = {
        "new_password1": "correct horse battery 42",
        "new_password2": "correct horse battery 42",
    }
    assert visitor.post(url, form).status_code == 302
    assert "invitee" not in visitor.get(url).context  # used once
    assert _login(visitor, "new.manager@acme.fr", "correct horse battery 42").status_code == 302
    org_page = visitor.get(reverse("organization", args=["acme"]))
    assert [row.unit.code for row in org_page.context["rows"]] == ["VTE"]
    assert visitor.get(reverse("comments:unit", args=["acme", "w1", "ADV"])).status_code == 404


def test_invitation_e_mail_is_in_the_chosen_language(world):
    client = Client()
    client.force_login(world.coach)
    _invite(client, email="rh@acme.fr", role="sponsor", language="fr")
    assert "Choisissez votre mot de passe" in mail.outbox[0].body


def test_invitation_link_expires_after_seven_days(world, monkeypatch):
    user = User.objects.create_user(username="late@acme.fr")
    token = make_invitation_token(user)
    later = timezone.now() + timedelta(days=7, minutes=1)
    monkeypatch.setattr("time.time", lambda: later.timestamp())
    page = Client().get(reverse("accounts:accept", args=[token]))
    assert "invitee" not in page.context


def test_forged_invitation_link_is_refused(world):
    page = Client().get(reverse("accounts:accept", args=["eyJ1IjoxfQ:1abc:forged"]))
    assert page.status_code == 200 and "invitee" not in page.context


def test_manager_needs_a_unit(world):
    client = Client()
    client.force_login(world.coach)
    response = _invite(client, email="x@acme.fr", role="manager", language="fr")
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    assert not mail.outbox


def test_sponsor_may_invite_managers_but_not_sponsors(world):
    sponsor = User.objects.create_user(username="rh@acme.fr", password="a long password 123")
    Membership.objects.create(user=sponsor, organization=world.acme, role="sponsor")
    client = Client()
    client.force_login(sponsor)
    refused = _invite(client, email="y@acme.fr", role="sponsor", language="fr")
    assert "role" in refused.context["form"].errors
    assert (
        _invite(
            client, email="y@acme.fr", role="manager", unit=world.tiny.pk, language="fr"
        ).status_code
        == 302
    )


def test_a_coach_of_another_organization_is_added_without_a_new_password(world):
    other_coach = User.objects.get(username="coach@other.fr")
    client = Client()
    client.force_login(world.coach)
    _invite(client, email="coach@other.fr", role="sponsor", language="en")
    assert "/accounts/invitation/" not in mail.outbox[0].body
    assert {m.organization.slug for m in other_coach.memberships.all()} == {"acme", "other"}


def test_already_a_member_is_refused(world):
    client = Client()
    client.force_login(world.coach)
    response = _invite(client, email="manager@x.fr", role="sponsor", language="fr")
    assert "email" in response.context["form"].errors


def test_unit_of_another_organization_cannot_be_chosen(world):
    client = Client()
    client.force_login(world.coach)
    foreign = world.other.units.get()
    response = _invite(client, email="z@acme.fr", role="manager", unit=foreign.pk, language="fr")
    assert "unit" in response.context["form"].errors


def test_password_reset_sends_a_link_on_the_public_address(world, settings):
    settings.ECLAIRE_BASE_URL = "https://eclaire.example"
    Client(headers={"accept-language": "en"}).post(
        reverse("password_reset"), {"email": "coach@x.fr"}
    )
    (message,) = mail.outbox
    assert "https://eclaire.example/accounts/password/reset/" in message.body
    assert "testserver" not in message.body and "new password" in message.body


@pytest.mark.parametrize("setting", ["SESSION_EXPIRE_AT_BROWSER_CLOSE", "SESSION_COOKIE_HTTPONLY"])
def test_sessions_are_short_lived(setting):
    from django.conf import settings

    assert getattr(settings, setting) is True
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600 and not settings.SESSION_SAVE_EVERY_REQUEST
