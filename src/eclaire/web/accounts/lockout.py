"""How django-axes names a login attempt and answers a locked-out one.

Only the login view authenticates, so only login attempts reach axes; survey pages never do.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def username_of(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The user name an attempt is counted under: trimmed and lowercased, so that changing the
    case of an address does not buy more attempts."""
    raw = (credentials or {}).get("username") or request.POST.get("username") or ""
    return str(raw).strip().lower()


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any = None
) -> HttpResponse:
    """The plain, bilingual page shown instead of the login form while the lockout lasts."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
