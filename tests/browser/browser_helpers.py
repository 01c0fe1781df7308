"""Builders and page helpers of the browser tests (fixtures are in conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 360, "height": 740}


@dataclass
class Org:
    campaign: Any
    sales: Any
    manager: Any
    members: list[Any]


def token_for(org: Org, person: Any) -> str:
    from eclaire.web.collection.models import Invitation
    from eclaire.web.collection.tokens import new_token, secret_hash

    token = new_token()
    Invitation.objects.create(campaign=org.campaign, person=person, token_hash=secret_hash(token))
    return token


def code_for(org: Org) -> str:
    from eclaire.web.collection.models import AccessCode
    from eclaire.web.collection.tokens import new_code, secret_hash

    code = new_code()
    AccessCode.objects.create(campaign=org.campaign, unit=org.sales, code_hash=secret_hash(code))
    return code


def fill_page(page: Any) -> None:
    """Answer what the page asks, the way a person does: clicks and typing, no script."""
    for fieldset in page.locator("main form > fieldset.q").all():
        radios = fieldset.locator("input[type=radio]")
        if radios.count():
            radios.nth(min(3, radios.count() - 1)).check()
    boxes = page.locator("input[type=checkbox]")
    for i in range(min(2, boxes.count())):
        boxes.nth(i).check()
    selects = page.locator(".rank select")
    for i in range(selects.count()):
        selects.nth(i).select_option(str(i + 1))
    areas = page.locator("textarea")
    for i in range(areas.count()):
        areas.nth(i).fill("Entre deux services, sur les délais.")


def answer_all(page: Any) -> None:
    """From any survey page, answer every page until the review page."""
    for _ in range(60):
        if "/review/" in page.url:
            return
        fill_page(page)
        page.locator(".nav button[value=next]").click()
    raise AssertionError("never reached the review page")
