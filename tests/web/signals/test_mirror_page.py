"""The external-mirror page: organizers only, upload validated whole, nothing written on error."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from eclaire.web.signals.models import CustomerSignal
from eclaire.web.signals.services import do_import_signals

DATA = Path(__file__).parents[2] / "data" / "signals"


def url(world) -> str:
    return reverse("signals:mirror", kwargs={"slug": "acme", "campaign_slug": world.campaign.slug})


def upload(world, path: Path, source: str = "file", mapping: Path | None = None):
    data = {"source": source, "file": SimpleUploadedFile(path.name, path.read_bytes())}
    if mapping is not None:
        data["mapping"] = SimpleUploadedFile(mapping.name, mapping.read_bytes())
    return world.clients["coach"].post(url(world), data)


def test_only_coach_and_sponsor_see_the_page(plan_world) -> None:
    assert plan_world.clients["coach"].get(url(plan_world)).status_code == 200
    assert plan_world.clients["sponsor"].get(url(plan_world)).status_code == 200
    assert plan_world.clients["manager"].get(url(plan_world)).status_code == 404


def test_upload_stores_events_without_agents_and_shows_the_echoes(plan_world, signal_file) -> None:
    path, truth = signal_file
    response = upload(plan_world, path)
    assert response.status_code == 302
    stored = CustomerSignal.objects.filter(campaign=plan_world.campaign)
    assert stored.count() == truth["events"]
    assert not stored.filter(text__contains="Sophie").exists()
    assert not stored.filter(account_digest__startswith="C-").exists()
    assert stored.values("account_digest").distinct().count() > 300
    page = plan_world.clients["coach"].get(url(plan_world)).content.decode()
    tense = next(e for e in truth["echoes"] if e["pattern"] == "escalations_at_tense_interface")
    names = {u.code: u.name for u in plan_world.org.units.all()}
    assert f"{names[tense['from_unit']]} → {names[tense['to_unit']]}" in page
    assert "mediation" in page and "not proof of a cause" in page
    overview = plan_world.clients["coach"].get(
        reverse(
            "results:overview", kwargs={"slug": "acme", "campaign_slug": plan_world.campaign.slug}
        )
    )
    assert "Where customers feel it" in overview.content.decode()


def test_a_bad_file_writes_nothing_and_says_where(plan_world, tmp_path: Path) -> None:
    path = tmp_path / "signals.csv"
    path.write_text(
        "signal_id,date,kind,unit_id\nA1,2026-03-01,ticket,U004\nA2,2026-13-01,plainte,NOPE\n",
        encoding="utf-8",
    )
    response = upload(plan_world, path)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Nothing was imported" in text and "row 3, column kind" in text
    assert not CustomerSignal.objects.exists()


def test_an_export_with_unmapped_values_writes_nothing(plan_world) -> None:
    response = upload(plan_world, DATA / "zendesk.csv", "zendesk", DATA / "zendesk.yaml")
    assert response.status_code == 400
    assert "is not a unit_id of the organization" in response.content.decode()
    assert not CustomerSignal.objects.exists()


def test_an_export_needs_its_mapping(plan_world) -> None:
    response = upload(plan_world, DATA / "zendesk.csv", "zendesk")
    assert response.status_code == 200 and not CustomerSignal.objects.exists()
    assert "An export needs its mapping file." in response.content.decode()


def test_reimporting_replaces_the_same_ids(plan_world, signal_file) -> None:
    path, truth = signal_file
    assert do_import_signals(plan_world.campaign, path).count == truth["events"]
    assert do_import_signals(plan_world.campaign, path).count == truth["events"]
    assert CustomerSignal.objects.filter(campaign=plan_world.campaign).count() == truth["events"]
