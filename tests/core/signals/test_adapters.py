"""Help-desk and CRM exports mapped to signals; every unmapped value reported, nothing guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from eclaire.core.interchange import ImportProblems
from eclaire.core.signals.adapters import load_mapping, parse_mapping, read_export
from eclaire.core.yaml_lines import DataFileError

DATA = Path(__file__).parents[2] / "data" / "signals"
UNITS = {"DG", "DCO", "VTE", "ADV", "SUP", "MKT", "DIND", "ROANNE", "MACON", "RH"}
EMPLOYEES = ("Sophie Martin", "Marc Petit", "Luc Martin", "Julie Bernard", "Jean Client")


def read(name: str, source: str):
    mapping = load_mapping(DATA / f"{name}.yaml", UNITS)
    return read_export(DATA / f"{name}.csv", source, mapping, UNITS)


def no_people(table) -> None:
    text = table.frame.astype(str).to_string()
    for name in EMPLOYEES:
        assert name not in text


def test_zendesk_groups_tags_ratings_and_reopens() -> None:
    table = read("zendesk", "zendesk")
    frame = table.frame.set_index("signal_id")
    assert frame.loc["48211", "unit_id"] == "SUP" and frame.loc["48211", "kind"] == "complaint"
    assert frame.loc["48211", "reason"] == "delivery.late"
    assert (frame.loc["48211", "handoff_from_unit"], frame.loc["48211", "handoff_to_unit"]) == (
        "VTE",
        "SUP",
    )
    assert bool(frame.loc["48211", "reopened"]) and frame.loc["48211", "score"] == 1.0
    assert frame.loc["48212", "score"] == 5.0 and frame.loc["48212", "score_scale"] == "csat"
    assert (
        frame.loc["48213", "unit_id"] == "MACON"
        and str(frame.loc["48213", "date"].date()) == "2026-03-05"
    )
    assert frame["score"].isna().sum() == 1  # "Offered" is not a rating
    no_people(table)
    assert any("Assignee" in w for w in table.warnings)


def test_freshdesk_tags_carry_kinds_and_reasons() -> None:
    frame = read("freshdesk", "freshdesk").frame.set_index("signal_id")
    assert (
        frame.loc["1001", "reason"] == "price.invoice_error"
        and frame.loc["1001", "unit_id"] == "ADV"
    )
    assert frame.loc["1002", "kind"] == "escalation"


def test_hubspot_deals_detected_and_open_deals_skipped() -> None:
    table = read("hubspot_deals", "hubspot")
    assert "HubSpot deals" in table.warnings[0]
    frame = table.frame.set_index("signal_id")
    assert set(frame.index) == {"9001", "9002"}
    assert (
        frame.loc["9001", "kind"] == "lost_deal" and frame.loc["9001", "reason"] == "price.too_high"
    )
    no_people(table)


def test_salesforce_case_with_date_format_and_escalation() -> None:
    frame = read("salesforce_case", "salesforce").frame.set_index("signal_id")
    assert frame.loc["00001027", "kind"] == "escalation"
    assert str(frame.loc["00001027", "date"].date()) == "2026-03-14"
    assert frame.loc["00001028", "kind"] == "ticket"


def test_salesforce_opportunity() -> None:
    table = read("salesforce_opportunity", "salesforce")
    assert "Salesforce opportunities" in table.warnings[0]
    assert table.frame["kind"].tolist() == ["lost_deal", "won_deal"]
    no_people(table)


def test_reports_every_unmapped_value_once_with_its_rows(tmp_path: Path) -> None:
    mapping = parse_mapping(
        "units: {Support N1: SUP}\nkinds: {Problem: complaint}\n", "m.yaml", UNITS
    )
    with pytest.raises(ImportProblems) as caught:
        read_export(DATA / "zendesk.csv", "zendesk", mapping, UNITS)
    found = {(p.column, p.value) for p in caught.value.problems}
    assert ("Group", "Logistique Mâcon") in found
    assert ("Ticket type", "Incident") in found
    assert {("Tags", "retard_livraison"), ("Tags", "vip"), ("Tags", "colis_abime")} <= found
    retard = next(p for p in caught.value.problems if p.value == "retard_livraison")
    assert retard.row == 2 and "2 rows" in retard.expected


def test_dates_in_another_form_need_date_format(tmp_path: Path) -> None:
    mapping = load_mapping(DATA / "salesforce_case.yaml", UNITS)
    mapping = parse_mapping(
        (DATA / "salesforce_case.yaml").read_text().replace('date_format: "%d/%m/%Y %H:%M"\n', ""),
        "m.yaml",
        UNITS,
    )
    with pytest.raises(ImportProblems, match="set date_format in m.yaml"):
        read_export(DATA / "salesforce_case.csv", "salesforce", mapping, UNITS)


def test_mapping_problems_name_their_lines() -> None:
    text = "units:\n  Support N1: SUPP\nreasons:\n  x: delivery.slowish\nkinds:\n  y: plainte\nfoo: 1\n"
    with pytest.raises(DataFileError) as caught:
        parse_mapping(text, "m.yaml", UNITS)
    lines = {p.line for p in caught.value.problems}
    assert lines == {2, 4, 6, 7}
