"""Decorators shared by every survey view: headers, language, rate limit and access.

Survey pages set ``Referrer-Policy: no-referrer``. With that policy browsers send ``Origin: null``
on form posts, which Django's CSRF middleware rejects, so survey views are exempt from it and
protected otherwise: a personal page's URL holds an unguessable token (a forged cross-site post
cannot name it); a code's pages need the code cookie, sent with ``SameSite=Strict`` only; the
code entry form carries a double-submit nonce from a ``SameSite=Strict`` cookie (``entry_nonce``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt

from eclaire.web.survey import ratelimit
from eclaire.web.survey.access import Access, resolve_code, resolve_entry, resolve_token

View = Callable[..., HttpResponse]
LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def plain_page(request: HttpRequest, status: int = 404) -> HttpResponse:
    """The one page for closed, used and unknown secrets: says nothing about which."""
    response = render(request, "survey/plain.html", status=status)
    if status == 429:
        response["Retry-After"] = str(ratelimit.WINDOW_SECONDS)
    return response


def failed_attempt(request: HttpRequest) -> HttpResponse:
    """Count a failed link or code; the plain page, with 429 once the address is over the limit.

    Only failures are refused: a valid link is served whatever its address did before.
    """
    return plain_page(request, 429 if ratelimit.record_failure(request) else 404)


def _switch_language(request: HttpRequest) -> HttpResponse | None:
    lang = request.GET.get("lang", "")
    if lang not in LANGUAGE_CODES:
        return None
    response = HttpResponseRedirect(request.path)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, lang, max_age=365 * 86400, samesite="Lax", httponly=True
    )
    return response


def survey_page(view: View) -> View:
    """No referrer, no cache, no indexing, no CSRF middleware (see module doc); ``?lang=``."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = _switch_language(request) or view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapper


def _activate_person_language(request: HttpRequest, access: Access) -> None:
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES and access.language in LANGUAGE_CODES:
        translation.activate(access.language)
        request.LANGUAGE_CODE = access.language


def with_access(view: View) -> View:
    """Resolve ``token`` or ``key`` of the URL to an Access, or answer with the plain page.

    The secret is always looked up: a valid one is served even from an address over the limit.
    """

    @survey_page
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        access: Access | None
        if "token" in kwargs:
            access = resolve_token(kwargs.pop("token"))
        else:
            key = kwargs.pop("key")
            entry = resolve_entry(key)
            if entry is not None:
                access = resolve_code(request, entry)
                if access is None:  # the code cookie is gone: type the code again
                    return HttpResponseRedirect(f"/u/{key}/")
            else:
                access = None
        if access is None:
            return failed_attempt(request)
        _activate_person_language(request, access)
        return view(request, access, *args, **kwargs)

    return wrapper
