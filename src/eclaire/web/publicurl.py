"""The public address of the site, for links that leave it (e-mails, code sheets, posters).

``ECLAIRE_BASE_URL`` when it is set; otherwise the scheme and host the current request came
through (Django checks the host against ``ALLOWED_HOSTS`` first), so a server started on another
host or port hands out links that work. Outside a request (a background task, a command) without
the setting, the local address of ``eclaire serve``'s defaults.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register
from django.http import HttpRequest, HttpResponse

LOCAL = "http://127.0.0.1:8000"
"""Only when there is neither a setting nor a request."""

_request: ContextVar[HttpRequest | None] = ContextVar("eclaire_public_request", default=None)


def base_url() -> str:
    """The site's public address, without a trailing slash."""
    if settings.ECLAIRE_BASE_URL:
        return str(settings.ECLAIRE_BASE_URL).rstrip("/")
    request = _request.get()
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return LOCAL


def absolute(path: str) -> str:
    """The public address of a path of the site (``path`` starts with ``/``)."""
    return f"{base_url()}{path}"


class RequestOriginMiddleware:
    """Makes the current request's origin known to :func:`base_url` while it is handled."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


@register(Tags.security, deploy=True)
def check_base_url(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """In production the public address is set: links in e-mails sent by a background task (no
    request) would otherwise point to the local address."""
    if settings.ECLAIRE_BASE_URL:
        return []
    return [
        Warning(
            "ECLAIRE_BASE_URL is not set: links in e-mails sent outside a request point to "
            f"{LOCAL}.",
            hint="Set ECLAIRE_BASE_URL to the site's public address, such as "
            "https://eclaire.example.org (docs/deploy.md).",
            id="eclaire.W001",
        )
    ]
