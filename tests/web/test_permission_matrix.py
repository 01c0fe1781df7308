"""Every URL of the project, requested by every kind of user: 200 where allowed, 404 elsewhere.

The table ``EXPECTED`` declares who may use each named URL. A URL added without an entry fails
``test_every_url_declares_its_access``: add it to ``EXPECTED`` (or, for a page anyone may open
without an account, to ``PUBLIC`` with the reason). Access itself is decided by
``eclaire.web.accounts.access``; this test checks that every view goes through it.

World: two organizations with the same campaign slug and the same unit codes (so a lookup that
forgets the organization is caught). In A, a manager of VTE (which has a sub-unit VTE-N) and a
sibling unit ADV outside their scope.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from tests.web.conftest import MINI_INSTRUMENT

from eclaire.web.accounts.models import Membership
from eclaire.web.campaigns.models import Campaign, Instrument
from eclaire.web.collection.models import UnitEntry
from eclaire.web.organizations.models import Organization, Unit
from eclaire.web.plans.models import Action
from eclaire.web.responses.models import Response
from eclaire.web.results.services import do_compute

MEMBERS = frozenset({"coach", "sponsor", "manager"})
ORGANIZERS = frozenset({"coach", "sponsor"})


@dataclass(frozen=True)
class Rule:
    """Roles of organization A allowed on A's objects; a manager only inside their scope when
    the URL names a unit. Org B's coach is allowed on B's objects iff ``coach`` is listed."""

    roles: frozenset[str] = frozenset()
    method: str = "get"
    any_user: bool = False
    """A page about the user themselves (home): every logged-in user gets 200."""
    any_coach: bool = False
    """Not about one organization (creating one): every coach, of any organization, gets 200."""


EXPECTED: dict[str, Rule] = {
    "home": Rule(any_user=True),
    "organization": Rule(MEMBERS),
    "organization_new": Rule(any_coach=True),
    "unit_edit": Rule(ORGANIZERS),
    "uploads:units": Rule(ORGANIZERS),
    "uploads:roster": Rule(ORGANIZERS),
    "uploads:units_confirm": Rule(ORGANIZERS, "post"),
    "uploads:roster_confirm": Rule(ORGANIZERS, "post"),
    "uploads:units_cancel": Rule(ORGANIZERS, "post"),
    "uploads:roster_cancel": Rule(ORGANIZERS, "post"),
    "uploads:template": Rule(ORGANIZERS),
    "accounts:invite": Rule(ORGANIZERS),
    "comments:campaign": Rule(MEMBERS),
    "comments:unit": Rule(MEMBERS),
    "collection:campaign_new": Rule(ORGANIZERS),
    "collection:campaign": Rule(ORGANIZERS),
    "collection:priorities": Rule(ORGANIZERS, "post"),
    "collection:open": Rule(ORGANIZERS, "post"),
    "collection:close": Rule(ORGANIZERS, "post"),
    "collection:invite": Rule(ORGANIZERS, "post"),
    "collection:remind": Rule(ORGANIZERS, "post"),
    "collection:codes": Rule(ORGANIZERS, "post"),
    "collection:poster": Rule(ORGANIZERS),
    "collection:poster_png": Rule(ORGANIZERS),
    "collection:poster_pdf": Rule(ORGANIZERS),
    "results:overview": Rule(MEMBERS),
    "results:heatmap": Rule(MEMBERS),
    "results:unit": Rule(MEMBERS),
    "results:interfaces": Rule(MEMBERS),
    "results:gaps": Rule(MEMBERS),
    "results:gaps_table": Rule(MEMBERS),
    "results:priorities": Rule(MEMBERS),
    "results:trends": Rule(MEMBERS),
    "results_messages:messages": Rule(MEMBERS),
    "report_html": Rule(MEMBERS),
    "report_pdf": Rule(MEMBERS),
    "plans:settings": Rule(MEMBERS),
    "plans:plan": Rule(MEMBERS),
    "plans:decide": Rule(ORGANIZERS, "post"),
    "plans:action": Rule(MEMBERS),
    "plans:action_update": Rule(ORGANIZERS, "post"),
    "plans:session_new": Rule(ORGANIZERS, "post"),
    "plans:visibility": Rule(ORGANIZERS, "post"),
    "results:export": Rule(MEMBERS),
    "notifications:preferences": Rule(any_user=True),
    "notifications:campaign": Rule(ORGANIZERS),
    "signals:mirror": Rule(ORGANIZERS),
}

PUBLIC: dict[str, str] = {
    "login": "the login form",
    "logout": "logging out",
    "set_language": "choosing the language",
    "password_reset": "asking for a reset link by e-mail",
    "password_reset_done": "reset link sent",
    "password_reset_confirm": "the reset link itself (signed token)",
    "password_reset_complete": "reset done",
    "accounts:accept": "the invitation link itself (signed one-time token)",
    "survey-plain": "survey entry without a link",
    "survey-thanks": "survey thanks page",
    "survey-welcome": "personal survey link (token)",
    "survey-page": "survey page (token)",
    "survey-review": "survey review (token)",
    "survey-entry": "unit entry of a poster (key)",
    "survey-code-page": "survey page (unit entry)",
    "survey-code-review": "survey review (unit entry)",
    "healthz": "health check for load balancers: ok/unavailable per part, no data",
}

ROLES = ("coach", "sponsor", "manager", "coach_b", "stranger", "anonymous")


@dataclass(frozen=True)
class Target:
    name: str
    org: Organization
    campaign: Campaign
    unit: Unit


KWARGS: dict[str, Callable[[Target], object]] = {
    "slug": lambda t: t.org.slug,
    "org_slug": lambda t: t.org.slug,
    "campaign_slug": lambda t: t.campaign.slug,
    "campaign": lambda t: t.campaign.slug,
    "unit_id": lambda t: t.unit.pk,
    "unit_code": lambda t: t.unit.code,
    "action_id": lambda t: _action_for(t).pk,
    "table": lambda t: "plan",
    "fmt": lambda t: "csv",
    "filename": lambda t: "units.xlsx",
}
"""How to fill each URL argument from a target; teach it any new argument name."""

UNIT_KWARGS = frozenset({"unit_id", "unit_code", "action_id"})
"""An action targets units: a manager sees it only inside their scope."""
ID_KWARGS = frozenset({"unit_id", "action_id"})
"""Database ids: they can point into the other organization."""


def _action_for(target: Target) -> Action:
    """An action targeting the target's unit, in the campaign of that unit's organization (so
    the "foreign unit" target names an action of organization B under A's URL)."""
    campaign = Campaign.objects.get(organization=target.unit.organization, slug="w1")
    action, _created = Action.objects.get_or_create(
        campaign=campaign,
        key=f"team_coaching:{target.unit.code}",
        defaults={
            "lever": "team_coaching",
            "target_kind": "unit",
            "target_units": [target.unit.code],
        },
    )
    return action


def _patterns(
    resolvers: list[URLPattern | URLResolver], namespace: str = ""
) -> Iterator[tuple[str, frozenset[str]]]:
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            inherited = frozenset(getattr(entry.pattern, "converters", {}))
            for name, kwargs in _patterns(entry.url_patterns, ns):
                yield name, kwargs | inherited
        else:
            name = f"{namespace}{entry.name}" if entry.name else f"<unnamed {entry.pattern}>"
            yield (
                name,
                frozenset(getattr(entry.pattern, "converters", {}))
                | frozenset(entry.pattern.regex.groupindex),
            )


def all_patterns() -> dict[str, frozenset[str]]:
    return dict(_patterns(get_resolver().url_patterns))


def test_every_url_declares_its_access():
    names = set(all_patterns())
    missing = sorted(names - set(EXPECTED) - set(PUBLIC))
    assert not missing, (
        f"URL patterns without a declared access: {missing}. Add each to EXPECTED in "
        "tests/web/test_permission_matrix.py (who may use it), or to PUBLIC with the reason "
        "if anyone may open it without an account; name every pattern."
    )
    stale = sorted((set(EXPECTED) | set(PUBLIC)) - names)
    assert not stale, f"declared but no longer in urls: {stale}; remove them from the table"


# --- the world ------------------------------------------------------------------------------


def _unit(org: Organization, code: str, parent: Unit | None = None) -> Unit:
    return Unit.objects.create(
        organization=org,
        code=code,
        name=f"{org.name} {code}",
        parent=parent,
        function="sales",
        site_kind="field",
    )


def _org(
    slug: str, name: str, instrument: Instrument
) -> tuple[Organization, dict[str, Unit], Campaign]:
    org = Organization.objects.create(slug=slug, name=name)
    dg = _unit(org, "DG")
    vte = _unit(org, "VTE", dg)
    units = {"DG": dg, "VTE": vte, "VTE-N": _unit(org, "VTE-N", vte), "ADV": _unit(org, "ADV", dg)}
    campaign = Campaign.objects.create(
        organization=org, slug="w1", name=f"{name} wave", instrument=instrument, status="open"
    )
    for i, unit in enumerate(units.values()):
        UnitEntry.objects.create(campaign=campaign, unit=unit, key=secrets.token_hex(8))
        for j in range(6):
            Response.objects.create(campaign=campaign, unit=unit, answers={"CR1": 1 + (i + j) % 5})
    do_compute(campaign)  # pages and downloads read a stored result
    return org, units, campaign


@dataclass
class MatrixWorld:
    users: dict[str, User | None]
    targets: dict[str, Target]


@pytest.fixture
def matrix(db) -> MatrixWorld:
    instrument = Instrument.objects.create(code="mini", version=1, source=MINI_INSTRUMENT)
    a, a_units, a_campaign = _org("acme", "Acme Industrie", instrument)
    b, b_units, b_campaign = _org("other", "Autre Maison Secrète", instrument)
    users: dict[str, User | None] = {"anonymous": None}
    for role in ("coach", "sponsor", "manager", "coach_b", "stranger"):
        users[role] = User.objects.create_user(
            username=f"{role}@x.fr", password="a long password 123"
        )
    Membership.objects.create(user=users["coach"], organization=a, role="coach")
    Membership.objects.create(user=users["sponsor"], organization=a, role="sponsor")
    Membership.objects.create(
        user=users["manager"], organization=a, role="manager", unit=a_units["VTE"]
    )
    Membership.objects.create(user=users["coach_b"], organization=b, role="coach")
    targets = {
        "own": Target("own", a, a_campaign, a_units["VTE-N"]),
        "sibling": Target("sibling", a, a_campaign, a_units["ADV"]),
        "foreign unit": Target("foreign unit", a, a_campaign, b_units["VTE-N"]),
        "other org": Target("other org", b, b_campaign, b_units["VTE-N"]),
    }
    return MatrixWorld(users, targets)


# --- expectations ---------------------------------------------------------------------------


def _allowed(rule: Rule, role: str, target: Target, has_unit: bool) -> bool:
    if role == "anonymous":
        return False
    if rule.any_user:
        return True
    if rule.any_coach:
        return role in ("coach", "coach_b")
    if target.name == "foreign unit":
        return False  # a unit of B under A's organization and campaign: nobody
    if target.name == "other org":
        return role == "coach_b" and "coach" in rule.roles
    if role not in rule.roles:
        return False
    return not (role == "manager" and has_unit and target.name == "sibling")


def _denied_statuses(role: str, target: Target) -> set[int]:
    same_org_member = role in MEMBERS and target.org.slug == "acme"
    return {403, 404} if same_org_member else {404}


def _request(client: Client, method: str, url: str):  # type: ignore[no-untyped-def]
    with transaction.atomic():  # whatever the view writes is undone before the next request
        response = client.post(url) if method == "post" else client.get(url)
        transaction.set_rollback(True)
    return response


def _check(response, rule: Rule, role: str, target: Target, has_unit: bool) -> str | None:  # type: ignore[no-untyped-def]
    status = response.status_code
    if role == "anonymous":
        location = response.get("Location", "")
        ok = status == 302 and location.startswith(reverse("login"))
        return None if ok else f"expected a redirect to login, got {status} {location}"
    if _allowed(rule, role, target, has_unit):
        ok_statuses = {200, 302} if rule.method == "post" else {200}
        if status == 302 and response["Location"].startswith(reverse("login")):
            return "allowed but sent to login"
        return None if status in ok_statuses else f"expected {sorted(ok_statuses)}, got {status}"
    denied = _denied_statuses(role, target)
    return None if status in denied else f"expected {sorted(denied)}, got {status}"


def _leaks_other_org(response, role: str) -> bool:  # type: ignore[no-untyped-def]
    if role in ("coach_b", "anonymous") or "text/html" not in response.get("Content-Type", ""):
        return False
    return "Autre Maison Secrète" in response.content.decode()


def _targets(world: MatrixWorld, kwargs: frozenset[str]) -> list[Target]:
    if not kwargs:
        return [world.targets["own"]]
    if kwargs & ID_KWARGS:  # a database id can point into the other organization
        return list(world.targets.values())
    if kwargs & UNIT_KWARGS:  # a unit code is looked up inside the organization of the URL
        return [t for name, t in world.targets.items() if name != "foreign unit"]
    return [world.targets["own"], world.targets["other org"]]


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(matrix: MatrixWorld, role: str):
    client = Client()
    if matrix.users[role] is not None:
        client.force_login(matrix.users[role])
    failures = []
    for name, kwargs in sorted(all_patterns().items()):
        if name not in EXPECTED:
            continue  # reported by test_every_url_declares_its_access
        unknown = kwargs - set(KWARGS)
        assert not unknown, f"{name}: teach KWARGS in this file to build {sorted(unknown)}"
        rule, has_unit = EXPECTED[name], bool(kwargs & UNIT_KWARGS)
        for target in _targets(matrix, kwargs):
            url = reverse(name, kwargs={k: KWARGS[k](target) for k in kwargs})
            response = _request(client, rule.method, url)
            problem = _check(response, rule, role, target, has_unit)
            if problem is None and response.status_code == 200 and _leaks_other_org(response, role):
                problem = "shows organization B's name"
            if problem:
                failures.append(
                    f"{role} {rule.method.upper()} {url} ({name}, {target.name}): {problem}"
                )
    assert not failures, "\n".join(failures)
