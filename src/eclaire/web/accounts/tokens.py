"""One-time, expiring invitation links: a signed user id and the state of the user's password.

The token is signed with the secret key (``TimestampSigner``), so it cannot be forged, and
expires after :data:`INVITATION_MAX_AGE`. It also carries a digest of the user's password hash
and last login: setting a password changes both, so the link works once. Nothing is stored.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

INVITATION_MAX_AGE = timedelta(days=7)
_SALT = "eclaire.accounts.invitation"


def _state(user: AbstractBaseUser) -> str:
    last_login = "" if user.last_login is None else user.last_login.isoformat()
    return salted_hmac(_SALT, f"{user.pk}|{user.password}|{last_login}").hexdigest()[:32]


def make_invitation_token(user: AbstractBaseUser) -> str:
    """A URL-safe token for ``user``; valid for seven days and until a password is set."""
    return signing.TimestampSigner(salt=_SALT).sign_object({"u": user.pk, "s": _state(user)})


def user_for_invitation_token(token: str) -> AbstractBaseUser | None:
    """The invited user, or ``None`` when the token is forged, expired or already used."""
    try:
        data = signing.TimestampSigner(salt=_SALT).unsign_object(token, max_age=INVITATION_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict):
        return None
    pk = data.get("u")
    if not isinstance(pk, int):
        return None
    user = get_user_model().objects.filter(pk=pk, is_active=True).first()
    if user is None or not constant_time_compare(str(data.get("s")), _state(user)):
        return None
    return user
