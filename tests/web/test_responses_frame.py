"""Stored responses come back as the core frame: numbers, choices, texts and N/A marks."""

import math

from eclaire.web.campaigns.models import Campaign, Instrument
from eclaire.web.responses.models import Response
from eclaire.web.responses.services import responses_frame

WITH_CHOICE = """
id: withchoice
version: 1
languages: [fr, en]
scales:
  agree5: {min: 1, max: 5}
dimensions:
  - code: clarity.roles
    name: {fr: Rôles, en: Roles}
    items:
      - {code: CR1, text: {fr: a, en: a}, scale: agree5}
      - {code: CR2, text: {fr: b, en: b}, scale: agree5, not_applicable: true}
questions:
  - code: SITE
    kind: choice
    text: {fr: Site, en: Site}
    options:
      - {code: depot, label: {fr: Dépôt, en: Depot}}
      - {code: office, label: {fr: Bureau, en: Office}}
  - {code: MSG, kind: text, text: {fr: Message, en: Message}}
"""


def test_frame_keeps_choices_texts_and_not_applicable_marks(world):
    instrument = Instrument.objects.create(code="withchoice", version=1, source=WITH_CHOICE)
    campaign = Campaign.objects.create(
        organization=world.acme, slug="c2", name="c2", instrument=instrument
    )
    Response.objects.create(
        campaign=campaign,
        unit=world.sales,
        tenure_band="lt6m",
        answers={"CR1": 4, "CR2": "NA", "SITE": "depot", "text:MSG": "Livrer à l'heure"},
    )
    frame, na = responses_frame(campaign)
    row = frame.iloc[0]
    assert row["unit_id"] == "VTE" and row["tenure_band"] == "lt6m"
    assert row["CR1"] == 4.0
    assert math.isnan(row["CR2"]) and bool(na.iloc[0]["CR2"])
    assert row["SITE"] == "depot"
    assert row["text:MSG"] == "Livrer à l'heure"
