"""Computing, storing and reading a campaign's analysis.

Pages never compute statistics: they read :class:`AnalysisResult`. Whenever the inputs change
(responses imported or submitted), the result is marked stale and a background task recomputes it
through ``eclaire.core.analyze`` (Django's task framework; database queue by default).
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

import pandas as pd
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from eclaire.core.analysis.analyze import analyze
from eclaire.core.masking import names_from_emails
from eclaire.web.campaigns.models import Campaign
from eclaire.web.campaigns.services import core_instrument
from eclaire.web.campaigns.units import COLUMNS, campaign_units
from eclaire.web.organizations.models import Person
from eclaire.web.responses.models import Response
from eclaire.web.responses.services import responses_frame
from eclaire.web.results.models import AnalysisResult, ResultStatus

log = logging.getLogger(__name__)


def units_table(campaign: Campaign) -> pd.DataFrame:
    """The unit tree the campaign asked about: its frozen snapshot, or the live tree if none."""
    return pd.DataFrame(campaign_units(campaign), columns=list(COLUMNS))


def roster_names(campaign: Campaign) -> frozenset[str]:
    """First and last names of the roster (from e-mail addresses), masked in quoted texts."""
    emails = Person.objects.filter(organization=campaign.organization).values_list(
        "email", flat=True
    )
    return names_from_emails(e for e in emails if e)


def fingerprint(campaign: Campaign) -> str:
    """Changes whenever a response is added or removed, or the threshold changes."""
    ids = sorted(
        str(pk) for pk in Response.objects.filter(campaign=campaign).values_list("pk", flat=True)
    )
    digest = hashlib.sha256(f"{settings.ECLAIRE_MIN_GROUP}|{campaign.declared_priorities}".encode())
    for pk in ids:
        digest.update(pk.encode())
    return digest.hexdigest()


def previous_result(campaign: Campaign) -> dict[str, Any] | None:
    if campaign.previous_id is None:
        return None
    stored = AnalysisResult.objects.filter(
        campaign_id=campaign.previous_id, status=ResultStatus.READY
    ).first()
    return stored.data if stored else None


def do_compute(campaign: Campaign) -> AnalysisResult:
    """Run the analysis now and store it (used by the background task and by the demo)."""
    stored, _ = AnalysisResult.objects.get_or_create(campaign=campaign)
    stored.status = ResultStatus.RUNNING
    stored.save(update_fields=["status"])
    print_ = fingerprint(campaign)
    try:
        frame, _na = responses_frame(campaign)
        data = analyze(
            core_instrument(campaign.instrument),
            units_table(campaign),
            frame,
            min_group=settings.ECLAIRE_MIN_GROUP,
            declared_priorities=campaign.declared_priorities,
            previous=previous_result(campaign),
            name_vocabulary=roster_names(campaign),
            processes=settings.ECLAIRE_ANALYSIS_PROCESSES,
        )
    except Exception as exc:  # stored and shown to the coach; never a half result
        log.exception("analysis of campaign %s failed", campaign.pk)
        stored.status, stored.error = ResultStatus.FAILED, f"{type(exc).__name__}: {exc}"
        stored.save(update_fields=["status", "error"])
        return stored
    stored.data, stored.fingerprint, stored.error = data, print_, ""
    stored.status, stored.computed_at = ResultStatus.READY, timezone.now()
    stored.save()
    return stored


def do_mark_stale(campaign_id: int) -> None:
    """Mark the result stale and queue its recomputation once the current transaction commits."""
    AnalysisResult.objects.update_or_create(
        campaign_id=campaign_id, defaults={"status": ResultStatus.STALE}
    )
    from eclaire.web.results.tasks import compute_campaign_result

    transaction.on_commit(lambda: compute_campaign_result.enqueue(campaign_id))


def stored_result(campaign: Campaign) -> AnalysisResult | None:
    return AnalysisResult.objects.filter(campaign=campaign).first()
