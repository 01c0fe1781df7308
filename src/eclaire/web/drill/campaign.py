"""An open campaign built for a drill: one organization, its units, and N personal links."""

from __future__ import annotations

from dataclasses import dataclass

from eclaire.web.campaigns.models import Campaign, CampaignStatus
from eclaire.web.campaigns.services import do_register_instrument
from eclaire.web.collection.models import Invitation
from eclaire.web.collection.services import units_snapshot
from eclaire.web.collection.tokens import new_token, secret_hash
from eclaire.web.organizations.models import Organization, Person, Unit

UNITS = 8
RATED = ("DG", "U0")
"""The units every drill respondent picks and rates (nobody belongs to them)."""
TEXT = "Entre deux services."


@dataclass(frozen=True)
class DrillCampaign:
    campaign_id: int
    tokens: list[str]
    """One personal link's secret per respondent, in roster order."""


def build_campaign(respondents: int, *, slug: str = "drill") -> DrillCampaign:
    """An organization ``slug`` with an open campaign on the default instrument.

    A direction and ``UNITS`` units under it; the respondents are spread over U1…U7 (so that the
    direction and U0, which they rate, are never their own unit); the unit tree is frozen as when
    a campaign opens. Needs a migrated database.
    """
    if respondents < 1:
        raise ValueError(f"respondents={respondents}: a drill needs at least one respondent")
    org = Organization.objects.create(slug=slug, name=slug.capitalize())
    top = Unit.objects.create(
        organization=org,
        code="DG",
        name="Direction",
        function="management",
        site_kind="head_office",
    )
    units = [
        Unit.objects.create(
            organization=org,
            code=f"U{i}",
            name=f"Unit {i}",
            parent=top,
            function="other",
            site_kind="field",
        )
        for i in range(UNITS)
    ]
    campaign = Campaign.objects.create(
        organization=org,
        slug="w1",
        name="Wave 1",
        instrument=do_register_instrument("coherence"),
        status=CampaignStatus.OPEN,
        declared_priorities=["customer_satisfaction", "margin", "quality"],
        units_snapshot=units_snapshot(org),
    )
    people = Person.objects.bulk_create(
        Person(organization=org, code=f"p{i}", unit=units[1 + i % (UNITS - 1)], tenure_band="1to3y")
        for i in range(respondents)
    )
    tokens = [new_token() for _ in people]
    Invitation.objects.bulk_create(
        Invitation(campaign=campaign, person=person, token_hash=secret_hash(token))
        for person, token in zip(people, tokens, strict=True)
    )
    return DrillCampaign(campaign.pk, tokens)


def page_bodies(text: str = TEXT) -> list[dict[str, object]]:
    """The form data of every page of a drill respondent's survey, in order.

    Every scale question answered 4, ``RATED`` picked, the declared priorities ranked in order,
    and ``text`` in every free-text question.
    """
    from eclaire.core.instrument_loader import load_default_instrument
    from eclaire.web.survey.sections import Unit as Rated
    from eclaire.web.survey.sections import build_sections

    instrument = load_default_instrument("coherence")
    picked = [Rated("DG", "Direction", None), Rated("U0", "Unit 0", "DG")]
    pages: list[dict[str, object]] = []
    for section in build_sections(instrument, ask_about=False, is_manager=False, picked=picked):
        data: dict[str, object] = {"nav": "next", "section": section.key}
        if section.kind == "pick":
            data["units"] = list(RATED)
        elif section.kind == "ranking":
            data.update(
                {"rank:customer_satisfaction": "1", "rank:margin": "2", "rank:quality": "3"}
            )
        for name, item in zip(section.columns, section.items, strict=True):
            data[name] = text if item.kind == "text" else "4"
        pages.append(data)
    return pages
