"""``{% campaign_menu "heatmap" %}``: the breadcrumbs and the menu of the campaign in context.

Reads ``request``, ``campaign`` and, when the view put it there, ``membership`` from the
template context (else looks the membership up with the shared access helper), so that a page
shows the menu with one line and its view changes nothing.
"""

from __future__ import annotations

from typing import Any

from django import template

from eclaire.web.accounts.access import get_organization_for_user
from eclaire.web.campaigns.menu import campaign_menu as build_menu
from eclaire.web.campaigns.menu import page_label

register = template.Library()


@register.inclusion_tag("_campaign_menu.html", takes_context=True)
def campaign_menu(context: template.Context, current: str, title: str = "") -> dict[str, Any]:
    campaign = context["campaign"]
    membership = context.get("membership")
    if membership is None:
        _org, membership = get_organization_for_user(
            context["request"].user, campaign.organization.slug
        )
    unit = context.get("unit")
    return {
        "org": campaign.organization,
        "campaign": campaign,
        "groups": build_menu(campaign, membership, current),
        "here": title or page_label(current),
        "current": current,
        "unit": unit,
    }
