"""The address of the client of a request, as seen through the reverse proxies Éclaire trusts.

Behind a reverse proxy every request arrives from the proxy's address; counting failures per
``REMOTE_ADDR`` would then count everyone together, and a few wrong attempts by one person would
lock every respondent or every user out. Each trusted proxy appends the address it received the
request from to ``X-Forwarded-For``, so with ``ECLAIRE_TRUSTED_PROXIES = n`` the client is the
``n``-th address from the right of ``X-Forwarded-For`` followed by ``REMOTE_ADDR``. Addresses
further left were written by the client itself and are never believed: a client cannot choose
the address it is counted under. With 0 (the default, no proxy) the header is ignored.

The address is used only to count failed attempts (the survey's rate limit, the login lockout);
it is never stored with survey traffic (docs/privacy.md).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

FORWARDED_HEADER = "HTTP_X_FORWARDED_FOR"


def client_address(request: HttpRequest) -> str:
    """The client's IP address: ``REMOTE_ADDR``, or the one the trusted proxies saw."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    trusted = int(getattr(settings, "ECLAIRE_TRUSTED_PROXIES", 0))
    if trusted <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get(FORWARDED_HEADER, "").split(",")]
    chain = [part for part in forwarded if part] + [remote]
    # Fewer addresses than proxies: the request skipped a proxy; the leftmost is the best known.
    candidate = chain[-(trusted + 1)] if len(chain) > trusted else chain[0]
    return candidate if _is_address(candidate) else remote


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
