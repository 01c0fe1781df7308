"""The free-text comments of a campaign, by question and theme, in the viewer's scope."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from eclaire.web.accounts.access import get_campaign_for_user, get_unit_for_user
from eclaire.web.accounts.models import Membership
from eclaire.web.campaigns.models import Campaign
from eclaire.web.comments.forms import CommentFilterForm
from eclaire.web.comments.services import comments_page, narrowed
from eclaire.web.organizations.models import Unit


@login_required
def campaign_comments(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    campaign, membership = get_campaign_for_user(request.user, slug, campaign_slug)
    return _render(request, campaign, membership, unit=None)


@login_required
def unit_comments(
    request: HttpRequest, slug: str, campaign_slug: str, unit_code: str
) -> HttpResponse:
    campaign, membership = get_campaign_for_user(request.user, slug, campaign_slug)
    unit, _membership = get_unit_for_user(request.user, slug, unit_code)
    return _render(request, campaign, membership, unit=unit)


def _render(
    request: HttpRequest, campaign: Campaign, membership: Membership, *, unit: Unit | None
) -> HttpResponse:
    page = comments_page(
        campaign,
        membership,
        k=settings.ECLAIRE_COMMENT_MIN_GROUP,
        language=(get_language() or "fr")[:2],
        within=unit.code if unit is not None else None,
    )
    form = CommentFilterForm(request.GET or None, page=page)
    chosen = form.values()
    context = {
        "org": campaign.organization,
        "campaign": campaign,
        "unit": unit,
        "page": narrowed(page, **chosen),
        "form": form,
        "filtered": any(chosen.values()),
        "chosen_unit": chosen["unit"],
        "whole": chosen["theme"] is not None,
    }
    return render(request, "comments/comments.html", context)
