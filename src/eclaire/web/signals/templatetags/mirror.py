"""``{% mirror_overview campaign %}``: the external-mirror block of the overview (one line)."""

from __future__ import annotations

from typing import Any

from django import template

from eclaire.web.results.present import request_lang
from eclaire.web.signals.mirror import campaign_mirror

register = template.Library()


@register.inclusion_tag("signals/_overview_block.html")
def mirror_overview(campaign: Any, organizer: bool = True) -> dict[str, Any]:
    mirror = campaign_mirror(campaign, request_lang()) if organizer else None
    return {"mirror": mirror, "campaign": campaign, "org": campaign.organization}
