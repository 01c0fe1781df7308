"""The one access helper of the survey: a secret (personal token or one-time code) → who may answer.

Every failure returns ``None`` and nothing else, so that a closed campaign, a used secret and an
unknown one cannot be told apart by the caller, let alone by the respondent.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Literal

from django.core import signing
from django.db import connection
from django.db.models import QuerySet, Subquery
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest

from eclaire.web.campaigns.models import Campaign, CampaignStatus
from eclaire.web.collection.models import AccessCode, Invitation, UnitEntry
from eclaire.web.collection.tokens import normalize_code, secret_hash
from eclaire.web.organizations.models import Unit
from eclaire.web.survey.compiled import compile_once, hot_cursor
from eclaire.web.survey.models import Draft
from eclaire.web.survey.sealing import DraftKeys, draft_keys, unwrap_secret

CODE_COOKIE = "eclaire_code"
CODE_COOKIE_SALT = "eclaire.survey.code"
MAX_SECRET_LENGTH = 64


@dataclass(frozen=True)
class Access:
    """A respondent allowed to answer: the secret's keys, the campaign, the unit and roster facts."""

    kind: Literal["token", "code"]
    secret_hash: str
    """The stored hash of the secret: the invitation's ``token_hash`` or the code's ``code_hash``."""
    keys: DraftKeys = field(repr=False)
    """The draft's locator and sealing key, derived from the raw secret (never stored)."""
    campaign: Campaign
    unit: Unit
    base: str
    """The URL prefix of this respondent's pages: ``/s/<token>/`` or ``/u/<key>/``."""
    roster: dict[str, str] = field(default_factory=dict)
    """Segment attributes from the roster line (personal links only)."""
    language: str = ""
    draft_row: tuple[Any, ...] | None = field(default=None, repr=False, compare=False)
    """The draft's columns (``DRAFT_COLUMNS``) as read in the same statement as the secret,
    all None when no draft exists yet; None when they were not read with it (one-time codes)."""

    @property
    def key_hash(self) -> str:
        """What finds the draft: its locator, derived from the raw secret."""
        return self.keys.locator

    @property
    def is_manager(self) -> bool:
        return self.kind == "token" and self.roster.get("role") == "manager"

    @property
    def asks_about(self) -> bool:
        """Codes have no roster line: the segment questions are asked instead."""
        return self.kind == "code"


def _is_open(campaign: Campaign) -> bool:
    return campaign.status == CampaignStatus.OPEN


_TOKEN_FIELDS = (
    "pk",
    "draft_secret",
    "campaign_id",
    "campaign__name",
    "person__unit_id",
    "person__unit__code",
    "person__unit__name",
    "person__role",
    "person__tenure_band",
    "person__contract",
    "person__customer_facing",
    "person__language",
)


DRAFT_COLUMNS = tuple(f.attname for f in Draft._meta.concrete_fields)
"""Every stored column of a draft, in model order: what the token lookup reads beside it."""


def _draft_column(name: str, locator: str) -> Subquery:
    return Subquery(Draft.objects.filter(key_hash=locator).values(name)[:1])


@compile_once
def _token_query(token_hash: str, locator: str) -> QuerySet[Any, Any]:
    """The invitation of a token, with its person's roster line, its wrapped draft secret and
    the draft found by the locator derived from the token itself (an invitation made without an
    e-mail has no draft secret), if its campaign is open: one statement for what every survey
    request reads first. An invitation sent by e-mail finds its draft from its draft secret,
    in a second statement (``flow``)."""
    drafts = {f"draft_{name}": _draft_column(name, locator) for name in DRAFT_COLUMNS}
    return (
        Invitation.objects.filter(
            token_hash=token_hash, finished=False, campaign__status=CampaignStatus.OPEN
        )
        .annotate(**drafts)
        .values_list(*_TOKEN_FIELDS, *drafts)[:1]
    )


@functools.lru_cache(maxsize=64)
def _open_campaign(pk: int, name: str) -> Campaign:
    """An open campaign with its instrument, kept per process.

    This is safe because what the survey reads of an open campaign (instrument, frozen unit
    tree, declared priorities) cannot change until it closes, and the token lookup checks on
    every request, in the database, that it is still open. The name is part of the key so a
    renamed campaign is read again; a save clears the cache of the process that made it only.
    """
    return Campaign.objects.select_related("instrument").get(pk=pk)


@receiver([post_save, post_delete], sender=Campaign)
def _forget_campaigns(**_kwargs: Any) -> None:
    _open_campaign.cache_clear()


def resolve_token(token: str) -> Access | None:
    if not token or len(token) > MAX_SECRET_LENGTH:
        return None
    token_hash = secret_hash(token)
    keys = draft_keys(token)
    with hot_cursor() as cursor:
        cursor.execute(*_token_query(token_hash, keys.locator))
        row = cursor.fetchone()
    if row is None:
        return None
    draft_row: tuple[Any, ...] | None = tuple(row[len(_TOKEN_FIELDS) :])
    invitation_id, wrapped, campaign_id, campaign_name, unit_id, unit_code, unit_name, *person = (
        row[: len(_TOKEN_FIELDS)]
    )
    secret = unwrap_secret(wrapped, invitation_id, campaign_id)
    if secret is not None:  # sent by e-mail: the draft's secret outlives the token (reminders)
        keys, draft_row = draft_keys(secret), None  # its draft is read next, by its locator
    role, tenure_band, contract, cf, language = person
    roster = {
        "role": role,
        "tenure_band": tenure_band,
        "contract": contract,
        "customer_facing": "" if cf is None else ("yes" if cf else "no"),
    }
    unit = Unit.from_db(connection.alias, ["id", "code", "name"], [unit_id, unit_code, unit_name])
    campaign = _open_campaign(campaign_id, campaign_name)
    base = f"/s/{token}/"
    return Access("token", token_hash, keys, campaign, unit, base, roster, language, draft_row)


def resolve_entry(key: str) -> UnitEntry | None:
    """The unit entry of a poster, if its campaign is open."""
    if not key or len(key) > MAX_SECRET_LENGTH:
        return None
    entry = UnitEntry.objects.select_related("campaign__instrument", "unit").filter(key=key).first()
    return entry if entry is not None and _is_open(entry.campaign) else None


def check_code(entry: UnitEntry, typed: str) -> Access | None:
    """The access of a typed one-time code if it is valid and unused for this unit's entry."""
    return _code_access(entry, normalize_code(typed))


def _code_access(entry: UnitEntry, code: str) -> Access | None:
    if not code or len(code) > MAX_SECRET_LENGTH:
        return None
    code_hash = secret_hash(code)
    found = AccessCode.objects.filter(
        campaign=entry.campaign, unit=entry.unit, code_hash=code_hash, used=False
    ).exists()
    if not found:
        return None
    keys = draft_keys(code)
    return Access("code", code_hash, keys, entry.campaign, entry.unit, f"/u/{entry.key}/")


def resolve_code(request: HttpRequest, entry: UnitEntry) -> Access | None:
    """The respondent behind the signed code cookie of this unit's entry, if still valid.

    The cookie holds the normalized code itself: its draft is opened with keys derived from it.
    """
    try:
        code = request.get_signed_cookie(CODE_COOKIE, salt=CODE_COOKIE_SALT + entry.key)
    except (KeyError, signing.BadSignature):
        return None
    return _code_access(entry, code) if code else None
