"""Builders of a small organization with an open campaign, and helpers that answer its survey."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.test import Client

from eclaire.web.campaigns.models import Campaign, CampaignStatus
from eclaire.web.campaigns.services import do_register_instrument
from eclaire.web.collection.models import AccessCode, Invitation, UnitEntry
from eclaire.web.collection.tokens import new_code, new_token, secret_hash
from eclaire.web.organizations.models import Organization, Person, Unit


@dataclass
class Org:
    campaign: Campaign
    direction: Unit
    sales: Unit
    logistics: Unit
    adv: Unit
    manager: Person
    members: list[Person]
    entry: UnitEntry


def make_token(campaign: Campaign, person: Person, *, finished: bool = False) -> str:
    token = new_token()
    Invitation.objects.create(
        campaign=campaign, person=person, token_hash=secret_hash(token), finished=finished
    )
    return token


def make_code(campaign: Campaign, unit: Unit, *, used: bool = False) -> str:
    code = new_code()
    AccessCode.objects.create(campaign=campaign, unit=unit, code_hash=secret_hash(code), used=used)
    return code


def _unit(org: Organization, code: str, name: str, parent: Unit | None = None) -> Unit:
    return Unit.objects.create(
        organization=org, code=code, name=name, parent=parent, function="other", site_kind="mixed"
    )


def build_org() -> Org:
    acme = Organization.objects.create(slug="acme", name="Acme")
    direction = _unit(acme, "DG", "Direction")
    sales = _unit(acme, "VTE", "Ventes", direction)
    logistics = _unit(acme, "LOG", "Logistique", direction)
    adv = _unit(acme, "ADV", "Administration des ventes", direction)
    campaign = Campaign.objects.create(
        organization=acme,
        slug="w1",
        name="Vague 1",
        instrument=do_register_instrument("coherence"),
        status=CampaignStatus.OPEN,
        declared_priorities=["customer_satisfaction", "margin", "quality"],
    )
    manager = Person.objects.create(
        organization=acme,
        code="m0",
        unit=sales,
        role="manager",
        tenure_band="1to3y",
        contract="permanent",
        customer_facing=True,
    )
    members = [
        Person.objects.create(
            organization=acme,
            code=f"p{i}",
            unit=sales,
            role="member",
            tenure_band="1to3y",
            contract="permanent",
            customer_facing=True,
        )
        for i in range(6)
    ]
    entry = UnitEntry.objects.create(campaign=campaign, unit=sales, key="poster-vte")
    return Org(campaign, direction, sales, logistics, adv, manager, members, entry)


def answers_for(context: Any, *, units: list[str] | None = None) -> dict[str, Any]:
    """Valid answers for the page in ``context``: the first option of every question."""
    section = context["section"]
    data: dict[str, Any] = {"nav": "next", "section": section.key}
    if section.kind == "pick":
        data["units"] = units if units is not None else []
        return data
    if section.kind == "ranking":
        for i, q in enumerate(context["questions"], start=1):
            data[q.name] = str(i)
        return data
    for q in context["questions"]:
        if q.kind == "text":
            data[q.name] = "Un service, une réunion par semaine."
        elif q.kind == "radio":
            data[q.name] = q.options[3].value if len(q.options) > 3 else q.options[0].value
    return data


def complete(client: Client, first_page_url: str, *, units: list[str] | None = None) -> str:
    """Answer every page from the given one; returns the review page URL."""
    url = first_page_url
    for _ in range(100):
        page = client.get(url)
        assert page.status_code == 200, (url, page.status_code)
        if "section" not in page.context:
            return url
        saved = client.post(url, answers_for(page.context, units=units))
        assert saved.status_code == 303, (url, saved.status_code)
        url = saved["Location"]
        if url.endswith("/review/"):
            return url
    raise AssertionError("the survey never ended")
