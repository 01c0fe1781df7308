"""Background tasks of the results app."""

from __future__ import annotations

from django_tasks import task

from eclaire.web.campaigns.models import Campaign


@task()
def compute_campaign_result(campaign_id: int) -> str:
    """Recompute a campaign's analysis unless a newer run already covers the same inputs."""
    from eclaire.web.results.models import AnalysisResult, ResultStatus
    from eclaire.web.results.services import do_compute, fingerprint

    campaign = Campaign.objects.select_related("instrument", "organization").get(pk=campaign_id)
    stored = AnalysisResult.objects.filter(campaign=campaign).first()
    if (
        stored
        and stored.status == ResultStatus.READY
        and stored.fingerprint == fingerprint(campaign)
    ):
        return "up to date"
    return do_compute(campaign).status
