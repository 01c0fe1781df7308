"""The database side of ``test_survey_durability.py``, run as a script in the server's environment.

    python durability_db.py build N    migrate; an open campaign with N invitations, each with a
                                       draft saved past the free-text page; prints as JSON the
                                       tokens, that page's number and its text fields
    python durability_db.py read       tokens (a JSON list) on stdin; prints each one's draft

It runs in its own process because the server's database is not pytest-django's test database.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any


def build(respondents: int) -> dict[str, Any]:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from eclaire.web.campaigns.models import Campaign, CampaignStatus
    from eclaire.web.campaigns.services import do_register_instrument
    from eclaire.web.collection.models import Invitation
    from eclaire.web.collection.services import units_snapshot
    from eclaire.web.collection.tokens import new_token, secret_hash
    from eclaire.web.organizations.models import Organization, Person, Unit
    from eclaire.web.survey.access import resolve_token
    from eclaire.web.survey.flow import load_survey
    from eclaire.web.survey.models import Draft
    from eclaire.web.survey.sealing import DraftContent, seal

    org = Organization.objects.create(slug="durable", name="Durable")
    top = Unit.objects.create(
        organization=org,
        code="DG",
        name="Direction",
        function="management",
        site_kind="head_office",
    )
    for code in ("U0", "U1"):
        Unit.objects.create(
            organization=org, code=code, name=code, parent=top, function="other", site_kind="field"
        )
    campaign = Campaign.objects.create(
        organization=org,
        slug="w1",
        name="Vague 1",
        instrument=do_register_instrument("coherence"),
        status=CampaignStatus.OPEN,
        declared_priorities=["customer_satisfaction", "margin", "quality"],
        units_snapshot=units_snapshot(org),  # frozen, as when a campaign opens
    )
    home = Unit.objects.get(organization=org, code="U1")  # DG and U0 are the units rated
    tokens = []
    for i in range(respondents):
        person = Person.objects.create(
            organization=org, code=f"p{i}", unit=home, tenure_band="1to3y"
        )
        token = new_token()
        Invitation.objects.create(campaign=campaign, person=person, token_hash=secret_hash(token))
        tokens.append(token)
    for token in tokens:
        access = resolve_token(token)
        assert access is not None
        attributes = {"role": "member", "tenure_band": "1to3y"}
        content = DraftContent(attributes=attributes, interface_units=["DG", "U0"])
        sealed = seal(access.keys, campaign.pk, content)
        Draft.objects.create(
            campaign=campaign, key_hash=access.key_hash, unit=home, sealed=sealed, revision=1
        )
    access = resolve_token(tokens[0])
    assert access is not None
    sections = load_survey(access).sections  # the pages as the server numbers them
    n, texts = next(
        (n, s)
        for n, s in enumerate(sections, start=1)
        if s.kind == "texts" and s.items and all(item.kind == "text" for item in s.items)
    )
    for token in tokens:  # the text page can be posted
        access = resolve_token(token)
        assert access is not None
        content = DraftContent(attributes=attributes, interface_units=["DG", "U0"], page=n + 1)
        sealed = seal(access.keys, campaign.pk, content)
        Draft.objects.filter(key_hash=access.key_hash).update(sealed=sealed)
    return {"tokens": tokens, "page": n, "section": texts.key, "columns": list(texts.columns)}


def read(tokens: list[str]) -> dict[str, Any]:
    from eclaire.web.survey.access import resolve_token
    from eclaire.web.survey.flow import load_survey

    out: dict[str, Any] = {}
    for token in tokens:
        access = resolve_token(token)
        assert access is not None
        draft = load_survey(access).draft
        out[token] = {"answers": draft.answers, "page": draft.page, "revision": draft.revision}
    return out


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eclaire.web.settings")
    import django

    django.setup()
    if sys.argv[1] == "build":
        print(json.dumps(build(int(sys.argv[2]))))
    else:
        print(json.dumps(read(json.load(sys.stdin))))


if __name__ == "__main__":
    main()
