"""A generated organization with a stored analysis, and named users with distinct scopes.

The sample is generated and analysed once per session; each test imports it into its own
database and stores the same result (the analysis is deterministic).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.sample import generate_sample, write_sample
from eclaire.web.accounts.models import Membership
from eclaire.web.campaigns.models import Campaign
from eclaire.web.imports import ImportRequest, do_import_file
from eclaire.web.organizations.models import Unit
from eclaire.web.results.models import AnalysisResult, ResultStatus
from eclaire.web.results.services import do_compute
from eclaire.web.results.stored import clear_cache

_RESULT: dict[str, Any] = {}


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("results-sample")
    sample = generate_sample(units=20, people=260, seed=5, instrument=load_default_instrument())
    write_sample(sample, path)
    return path


@dataclass
class ResultsWorld:
    campaign: Campaign
    data: dict[str, Any]
    coach: User
    manager: User
    scope_root: str
    sibling: str
    clients: dict[str, Client]

    def url(self, name: str, **kw: str) -> str:
        from django.urls import reverse

        return reverse(f"results:{name}", kwargs={"slug": "acme", "campaign_slug": "w1", **kw})


def _user(name: str) -> User:
    return User.objects.create_user(username=name, email=name, password="a long password 123")


def _children(data: dict[str, Any]) -> dict[str | None, list[str]]:
    out: dict[str | None, list[str]] = {}
    for u in data["tree"]:
        out.setdefault(u["parent_id"], []).append(u["unit_id"])
    return out


def pick_scope(data: dict[str, Any]) -> tuple[str, str]:
    """A unit (the manager's scope) and a sibling unit that no interface links to it directly
    (an interface partner is named on purpose: see ``eclaire.web.results.scope``)."""
    from eclaire.web.accounts.access import subtree_codes

    parents = {u["unit_id"]: u["parent_id"] for u in data["tree"]}
    children = _children(data)
    for dept in sorted(u for u in parents if parents[u] is not None and children.get(u)) + sorted(
        parents
    ):
        if parents[dept] is None:
            continue
        scope = subtree_codes(parents, dept)
        for sib in children[parents[dept]]:
            linked = any(
                (e["from"] in scope and e["to"] == sib) or (e["to"] in scope and e["from"] == sib)
                for e in data["interfaces"]
            )
            if sib != dept and not linked:
                return dept, sib
    raise AssertionError("no department with an unlinked sibling in the sample")


@pytest.fixture
def world(db, sample_dir: Path, django_capture_on_commit_callbacks) -> ResultsWorld:
    clear_cache()
    with django_capture_on_commit_callbacks(execute=False):
        for kind in ("units", "roster", "responses"):
            outcome = do_import_file(ImportRequest(kind, sample_dir / f"{kind}.csv", "acme", "w1"))
            assert outcome.problems is None
    campaign = Campaign.objects.get(organization__slug="acme", slug="w1")
    if not _RESULT:
        _RESULT.update(do_compute(campaign).data)
    else:
        AnalysisResult.objects.update_or_create(
            campaign=campaign,
            defaults={
                "status": ResultStatus.READY,
                "data": dict(_RESULT),
                "computed_at": timezone.now(),
            },
        )
    data = _RESULT
    root, sibling = pick_scope(data)
    coach, manager = _user("coach@acme.fr"), _user("manager@acme.fr")
    org = campaign.organization
    Membership.objects.create(user=coach, organization=org, role="coach")
    Membership.objects.create(
        user=manager,
        organization=org,
        role="manager",
        unit=Unit.objects.get(organization=org, code=root),
    )
    clients = {}
    for name, user in (("coach", coach), ("manager", manager)):
        clients[name] = Client(HTTP_ACCEPT_LANGUAGE="en")
        clients[name].force_login(user)
    yield ResultsWorld(campaign, data, coach, manager, root, sibling, clients)
    clear_cache()


PAGES = ("overview", "heatmap", "interfaces", "gaps", "priorities", "trends")
