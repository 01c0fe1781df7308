"""What the report needs from the database for one campaign: its result, names and dates.

Shared by the ``eclaire report`` command and the download view, so both render the same thing.
The analysis is read from :class:`AnalysisResult`; when none is ready it is computed now.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from eclaire.web.campaigns.models import Campaign
from eclaire.web.results.models import ResultStatus
from eclaire.web.results.services import do_compute, stored_result


class ReportInputError(Exception):
    """The campaign has no result that can be rendered (the message says why)."""


@dataclass(frozen=True)
class ReportInput:
    result: dict[str, Any]
    org_name: str
    campaign_name: str
    period: tuple[Any, Any] = (None, None)
    extra: dict[str, Any] = field(default_factory=dict)

    def render_kwargs(self) -> dict[str, Any]:
        return {
            "org_name": self.org_name,
            "campaign_name": self.campaign_name,
            "period": self.period,
        }


def ready_result(
    campaign: Campaign, *, compute: bool = True, progress: Callable[[str], None] | None = None
) -> dict[str, Any]:
    """The campaign's stored result; computed now if it is missing, stale or failed and ``compute``."""
    stored = stored_result(campaign)
    if (stored is None or stored.status != ResultStatus.READY or not stored.data) and compute:
        if progress:
            progress("No ready analysis stored: computing it now…")
        stored = do_compute(campaign)
    if stored is None or stored.status != ResultStatus.READY or not stored.data:
        reason = stored.error if stored is not None and stored.error else "no analysis is ready yet"
        raise ReportInputError(f"Campaign {campaign.slug!r} has no result to report: {reason}")
    return dict(stored.data)


def campaign_report_input(
    campaign: Campaign, *, compute: bool = True, progress: Callable[[str], None] | None = None
) -> ReportInput:
    return ReportInput(
        result=ready_result(campaign, compute=compute, progress=progress),
        org_name=campaign.organization.name,
        campaign_name=campaign.name,
        period=(campaign.opens_on, campaign.closes_on),
    )
