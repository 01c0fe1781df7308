"""Rate limiting of secret guesses, without storing any address.

A client is known by an HMAC of its remote address (keyed with the server's secret key) for a
short window in Django's cache, and nowhere else. Only failed attempts count.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

MAX_FAILURES = 20
WINDOW_SECONDS = 600


def _cache_key(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    digest = hmac.new(settings.SECRET_KEY.encode(), f"rl:{address}".encode(), hashlib.sha256)
    return f"survey-rl:{digest.hexdigest()[:32]}"


def is_blocked(request: HttpRequest) -> bool:
    return int(cache.get(_cache_key(request), 0)) >= MAX_FAILURES


def record_failure(request: HttpRequest) -> None:
    key = _cache_key(request)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
