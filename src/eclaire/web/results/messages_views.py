"""The messages page of a campaign (message drift). Thin: access helper, scoped stored result,
page builder, template. Nothing here computes a statistic."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from eclaire.core.instrument import Instrument as CoreInstrument
from eclaire.core.result.scope import scoped_result
from eclaire.web.accounts.access import get_campaign_for_user, scope_unit_codes
from eclaire.web.accounts.models import MembershipRole
from eclaire.web.campaigns.models import Campaign
from eclaire.web.campaigns.services import core_instrument
from eclaire.web.results.messages_page import messages_page, question_texts
from eclaire.web.results.models import AnalysisResult, ResultStatus
from eclaire.web.results.present import Fmt, ResultView
from eclaire.web.results.stored import load_result

REFRESH_SECONDS = 15


def _instrument(campaign: Campaign) -> CoreInstrument | None:
    try:
        return core_instrument(campaign.instrument)
    except (ValueError, KeyError):
        return None


def _status(stored: AnalysisResult | None, has_data: bool) -> dict[str, Any]:
    status = stored.status if stored else None
    waiting = status in (ResultStatus.STALE, ResultStatus.RUNNING)
    return {
        "code": status or "none",
        "refresh": REFRESH_SECONDS if waiting else None,
        "has_data": has_data,
        "computed_at": stored.computed_at if stored else None,
    }


@login_required
def messages(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    campaign, membership = get_campaign_for_user(request.user, slug, campaign_slug)
    stored, data = load_result(campaign)
    lang = (get_language() or "fr")[:2]
    organizer = membership.role != MembershipRole.MANAGER
    view, page = None, None
    if data:
        parents = {u["unit_id"]: u.get("parent_id") for u in data.get("tree", [])}
        view = ResultView(scoped_result(data, scope_unit_codes(membership, parents=parents)), lang)
        page = messages_page(view, Fmt(), question_texts(_instrument(campaign), lang))
    return render(
        request,
        "results/messages.html",
        {
            "org": campaign.organization,
            "campaign": campaign,
            "membership": membership,
            "organizer": organizer,
            "status": _status(stored, view is not None),
            "error": stored.error if stored and organizer else "",
            "view": view,
            "page": page,
            "tab": "messages",
        },
    )
