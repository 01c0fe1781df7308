"""The page shown when a form's CSRF check fails, in the product's look and the reader's language.

The 403, 404 and 500 pages are Django's own views rendering ``403.html``, ``404.html`` and
``500.html`` from the templates directory.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseForbidden
from django.template.loader import render_to_string


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponseForbidden:
    """403 with a way back; ``reason`` (Django's technical text) is not shown to people."""
    return HttpResponseForbidden(render_to_string("403_csrf.html", request=request))
