"""Rate limiting of secret guesses, without storing any address.

A client is known by an HMAC of its address (keyed with the server's secret key) for a short
window in Django's cache, and nowhere else. The address is the one seen through the trusted
proxies (``eclaire.web.clientip``), not the proxy's own. Only failed attempts count, and only
failed attempts are refused: a valid link or code is always served, so that people sharing an
address (an office behind one NAT) are never locked out by someone else's wrong links.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from eclaire.web.clientip import client_address

MAX_FAILURES = 20
WINDOW_SECONDS = 600


def _cache_key(request: HttpRequest) -> str:
    address = client_address(request)
    digest = hmac.new(settings.SECRET_KEY.encode(), f"rl:{address}".encode(), hashlib.sha256)
    return f"survey-rl:{digest.hexdigest()[:32]}"


def is_blocked(request: HttpRequest) -> bool:
    """Whether this address has failed too often in the window (its failures get status 429)."""
    return int(cache.get(_cache_key(request), 0)) >= MAX_FAILURES


def record_failure(request: HttpRequest) -> bool:
    """Count a failed attempt of this address; ``True`` if it is now over the limit."""
    key = _cache_key(request)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return int(count) > MAX_FAILURES
