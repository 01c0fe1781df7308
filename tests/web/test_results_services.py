"""The stored analysis: marked stale when responses change, recomputed by the background task."""

from __future__ import annotations

from pathlib import Path

import pytest

from eclaire.core.analysis.result_schema import validate_result
from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.sample import generate_sample, write_sample
from eclaire.web.campaigns.models import Campaign
from eclaire.web.imports import ImportRequest, do_import_file
from eclaire.web.responses.models import Response
from eclaire.web.results.models import AnalysisResult, ResultStatus
from eclaire.web.results.tasks import compute_campaign_result


@pytest.fixture
def campaign(db, tmp_path: Path, django_capture_on_commit_callbacks) -> Campaign:
    sample = generate_sample(units=20, people=220, seed=4, instrument=load_default_instrument())
    write_sample(sample, tmp_path)
    with django_capture_on_commit_callbacks(execute=False):
        for kind in ("units", "roster", "responses"):
            outcome = do_import_file(ImportRequest(kind, tmp_path / f"{kind}.csv", "acme", "w1"))
            assert outcome.problems is None
    return Campaign.objects.get(organization__slug="acme", slug="w1")


def test_import_marks_the_analysis_stale(campaign):
    assert AnalysisResult.objects.get(campaign=campaign).status == ResultStatus.STALE


def test_task_computes_a_result_that_matches_the_schema(campaign):
    compute_campaign_result.call(campaign.pk)
    stored = AnalysisResult.objects.get(campaign=campaign)
    assert stored.status == ResultStatus.READY
    validate_result(stored.data)
    assert (
        stored.data["n_responses"]
        == Response.objects.filter(campaign=campaign, is_self=False).count()
    )


def test_task_skips_work_when_inputs_are_unchanged(campaign):
    compute_campaign_result.call(campaign.pk)
    assert compute_campaign_result.call(campaign.pk) == "up to date"


def test_a_new_response_makes_the_result_stale_again(campaign, django_capture_on_commit_callbacks):
    compute_campaign_result.call(campaign.pk)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Response.objects.create(
            campaign=campaign, unit=campaign.organization.units.first(), answers={"CR1": 3}
        )
    assert AnalysisResult.objects.get(campaign=campaign).status == ResultStatus.STALE
    assert len(callbacks) == 1  # the recomputation is queued once the transaction commits


def test_bulk_changes_queue_one_recomputation(campaign, django_capture_on_commit_callbacks):
    from eclaire.web.results.signals import bulk_changes

    unit = campaign.organization.units.first()
    with django_capture_on_commit_callbacks(execute=False) as callbacks, bulk_changes(campaign.pk):
        for _ in range(5):
            Response.objects.create(campaign=campaign, unit=unit, answers={"CR1": 3})
        Response.objects.filter(campaign=campaign, unit=unit).delete()
    assert len(callbacks) == 1
