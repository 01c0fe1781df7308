"""The health endpoint, for load balancers and monitoring: no login, no data, cheap."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from eclaire.web.operations import health as checks


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """``200 {"database": "ok", "queue": "ok"}``, or ``503`` naming the part that is down."""
    status = checks.health()
    healthy = all(value == checks.OK for value in status.values())
    return JsonResponse(status, status=200 if healthy else 503)
