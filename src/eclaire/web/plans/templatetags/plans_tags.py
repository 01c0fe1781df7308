"""Template tags that put the levers on the results pages without touching their views.

``{% campaign_levers as levers %}`` reads what the results pages already hold in their context
(``request``, ``campaign``, ``view`` — the result scoped to the viewer — and ``scope``) and returns
the :class:`~eclaire.web.plans.levers.CampaignLevers` of this viewer, computed once per request.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from eclaire.web.plans.levers import CampaignLevers, campaign_levers

register = template.Library()


@register.simple_tag(takes_context=True)
def levers_of_page(context: template.Context) -> CampaignLevers | None:
    view = context.get("view")
    request = context.get("request")
    campaign = context.get("campaign")
    if view is None or request is None or campaign is None:
        return None
    lang = (get_language() or "fr")[:2]
    lang = lang if lang in ("fr", "en") else "fr"
    return campaign_levers(request, campaign, view.data, context.get("scope"), lang)


@register.simple_tag
def unit_recommendations(levers: CampaignLevers | None, unit_id: str) -> list[dict[str, Any]]:
    return levers.for_unit(unit_id) if levers is not None else []


@register.simple_tag
def pair_recommendations(levers: CampaignLevers | None) -> list[dict[str, Any]]:
    return levers.pairs() if levers is not None else []


@register.simple_tag
def unit_first_conversation(levers: CampaignLevers | None, unit_id: str) -> dict[str, Any] | None:
    return levers.first_for_unit(unit_id) if levers is not None else None
