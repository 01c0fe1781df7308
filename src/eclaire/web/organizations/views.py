from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from eclaire.web.accounts.access import get_organization_for_user, memberships_of
from eclaire.web.organizations.overview import unit_rows


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "organizations/home.html", {"memberships": memberships_of(request.user)})


@login_required
def organization(request: HttpRequest, slug: str) -> HttpResponse:
    org, membership = get_organization_for_user(request.user, slug)
    campaigns = org.campaigns.annotate(
        n_responses=Count("responses", filter=Q(responses__is_self=False))
    ).select_related("instrument")
    campaign = campaigns.first()
    rows = unit_rows(org, campaign, scope=membership.unit, min_group=settings.ECLAIRE_MIN_GROUP)
    return render(
        request,
        "organizations/organization.html",
        {
            "org": org,
            "membership": membership,
            "campaigns": campaigns,
            "campaign": campaign,
            "rows": rows,
            "min_group": settings.ECLAIRE_MIN_GROUP,
            "n_people": org.people.count(),
        },
    )
