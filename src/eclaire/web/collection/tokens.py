"""Secrets handed to respondents: personal tokens and one-time codes, stored only as hashes.

A token is 192 random bits (``secrets.token_urlsafe(24)``); a one-time code is 50 random bits in
a human alphabet (Crockford base32, shown as ``XXXXX-XXXXX``). Only the SHA-256 of the secret,
keyed with the server's secret key, is stored: a database dump alone cannot rebuild a link.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U


def new_token() -> str:
    return secrets.token_urlsafe(24)


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def normalize_code(typed: str) -> str:
    """What a person typed, as the code it means: case, spaces, dashes and look-alikes forgiven."""
    cleaned = typed.upper().replace(" ", "").replace("-", "")
    cleaned = cleaned.translate(str.maketrans("OILU", "011V"))
    return f"{cleaned[:5]}-{cleaned[5:]}" if len(cleaned) == 10 else cleaned


def secret_hash(secret: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, secret.encode(), hashlib.sha256).hexdigest()
