"""The product's addresses plus one that fails, to see the 500 page in a browser."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from eclaire.web.urls import urlpatterns as product


def _fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a failure on purpose, to render the 500 page")


urlpatterns = [*product, path("fail-on-purpose/", _fail)]
