"""Light for respondents: every page type weighs at most 30 KB with its stylesheet.

Measured uncompressed (HTML as sent by Django, CSS and script as files), which is an upper bound
of what travels: whitenoise serves the static files gzip-compressed, and a gzip-compressing proxy
shrinks the HTML further.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.test import Client
from survey_helpers import Org, answers_for, make_code, make_token

from eclaire.web.organizations.models import Unit

LIMIT = 30 * 1024


def _assets(html: bytes) -> int:
    total = 0
    for url in re.findall(rb'(?:href|src)="/static/([^"]+)"', html):
        found = finders.find(url.decode())
        assert found, url
        total += Path(found).stat().st_size
    return total


def _weigh(client: Client, url: str, weights: dict[str, int], label: str) -> None:
    page = client.get(url)
    assert page.status_code in (200, 404), url
    assert not re.search(rb"(?:href|src)=\"https?://", page.content), "no third-party resource"
    weights[label] = max(weights.get(label, 0), len(page.content) + _assets(page.content))


def test_every_page_type_weighs_at_most_30_kb_with_its_css(org: Org) -> None:
    for i in range(25):  # a fair-sized organization for the list of departments
        Unit.objects.create(
            organization=org.campaign.organization,
            code=f"U{i:02}",
            name=f"Service régional numéro {i}",
            parent=org.direction,
            function="other",
            site_kind="field",
        )
    token = make_token(org.campaign, org.manager)
    client, weights = Client(), {}
    _weigh(client, f"/s/{token}/", weights, "welcome")
    n = 1
    while True:
        url = f"/s/{token}/p/{n}/"
        page = client.get(url)
        kind = page.context["section"].kind
        _weigh(client, url, weights, kind)
        errors = client.post(url, {"nav": "next"})
        weights[f"{kind} with errors"] = max(
            weights.get(f"{kind} with errors", 0), len(errors.content)
        )
        saved = client.post(
            url, answers_for(page.context, units=["LOG", "ADV", "U01", "U02", "U03"])
        )
        if saved["Location"].endswith("/review/"):
            break
        n += 1
    _weigh(client, f"/s/{token}/review/", weights, "review")
    _weigh(client, "/s/done/", weights, "thanks")
    _weigh(client, "/s/unknown/", weights, "plain")
    make_code(org.campaign, org.sales)
    _weigh(client, "/u/poster-vte/", weights, "code entry")
    heavy = {label: size for label, size in weights.items() if size > LIMIT}
    assert not heavy, heavy
    print("page weights (bytes, HTML + CSS/JS):", dict(sorted(weights.items())))
