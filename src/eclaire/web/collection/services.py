"""The organizer's side of collection: a campaign's lifecycle, its e-mails and its one-time codes.

Each ``do_*`` function is one unit of work. Lifecycle steps run in one transaction. Sending runs
one short transaction *per recipient* around the token rotation and the e-mail, on purpose: an
e-mail that left cannot be recalled, so its token must be committed even if a later one fails.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from eclaire.web.campaigns.models import Campaign, CampaignStatus, Instrument
from eclaire.web.campaigns.services import core_instrument
from eclaire.web.collection import mail
from eclaire.web.collection.links import survey_url
from eclaire.web.collection.models import (
    AccessCode,
    Invitation,
    Mailing,
    MailingKind,
    UnitEntry,
)
from eclaire.web.collection.shuffle import rewrite_in_random_order
from eclaire.web.collection.tokens import new_code, new_token, normalize_code, secret_hash
from eclaire.web.dbfiles import truncate_log_after_commit
from eclaire.web.organizations.models import Organization, Person, Unit
from eclaire.web.responses.models import Response
from eclaire.web.results.signals import bulk_changes
from eclaire.web.survey.sealing import new_draft_secret, unwrap_secret, wrap_secret

MAX_CODES_PER_SHEET = 200
Progress = Callable[[int, int], None]


class CollectionError(Exception):
    """An action that cannot be done in the campaign's current state; the message is for people."""


@dataclass(frozen=True)
class PriorityOption:
    code: str
    label: dict[str, str]


@dataclass(frozen=True)
class OpenOutcome:
    invitations: int
    without_email: int
    unit_entries: int


@dataclass(frozen=True)
class SendOutcome:
    kind: str
    sent: int
    failed: int
    finished: int
    """People left out because they have finished (for reminders)."""
    dry_run: bool = False


# -- creating and preparing --------------------------------------------------------------------


def priority_options(instrument: Instrument) -> list[PriorityOption]:
    """The options of the instrument's ranking question (empty when it has none)."""
    ranking = core_instrument(instrument).ranking
    if ranking is None:
        return []
    return [PriorityOption(o.code, dict(o.label)) for o in ranking.options]


def _free_slug(org: Organization, name: str) -> str:
    base = slugify(name)[:50] or "campaign"
    slug, n = base, 2
    while Campaign.objects.filter(organization=org, slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def do_create_campaign(
    org: Organization,
    *,
    name: str,
    instrument: Instrument,
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
    previous: Campaign | None = None,
) -> Campaign:
    """A draft campaign, the next wave of ``previous`` when given (a closed campaign of ``org``).

    Its declared priorities start in the previous wave's order when that wave used the same
    instrument, else in the instrument's order.
    """
    if opens_on and closes_on and closes_on < opens_on:
        raise CollectionError(_("The closing date comes before the opening date."))
    if previous is not None and (
        previous.organization_id != org.pk or previous.status != CampaignStatus.CLOSED
    ):
        raise CollectionError(_("The previous wave must be a closed campaign of the organization."))
    codes = [o.code for o in priority_options(instrument)]
    if previous is not None and sorted(previous.declared_priorities or []) == sorted(codes):
        codes = list(previous.declared_priorities)
    return Campaign.objects.create(
        organization=org,
        slug=_free_slug(org, name),
        name=name,
        instrument=instrument,
        status=CampaignStatus.DRAFT,
        opens_on=opens_on,
        closes_on=closes_on,
        declared_priorities=codes,
        previous=previous,
    )


@transaction.atomic
def do_set_priorities(campaign: Campaign, order: Sequence[str]) -> None:
    """Store the declared priorities in ``order``: every option of the instrument, once each."""
    _require(campaign, CampaignStatus.DRAFT)
    expected = {o.code for o in priority_options(campaign.instrument)}
    if sorted(order) != sorted(expected) or len(set(order)) != len(order):
        raise CollectionError(_("Give every priority exactly one place."))
    campaign.declared_priorities = list(order)
    campaign.save(update_fields=["declared_priorities"])


# -- opening and closing -----------------------------------------------------------------------


def units_snapshot(org: Organization) -> list[dict[str, object]]:
    """The unit tree as it stands: what a campaign asks about, frozen when it opens."""
    return [
        {
            "id": u.pk,
            "code": u.code,
            "name": u.name,
            "parent": u.parent_id,
            "function": u.function,
            "site_kind": u.site_kind,
        }
        for u in Unit.objects.filter(organization=org).order_by("code")
    ]


def _placeholder_hash() -> str:
    """A hash nobody holds the token of: the invitation works only once an e-mail is sent."""
    return secret_hash(new_token())


@transaction.atomic
def do_open_campaign(campaign: Campaign, *, today: dt.date) -> OpenOutcome:
    """Draft → open: freeze the unit tree, invite every roster person with an e-mail.

    The instrument version is already a foreign key to a stored, immutable version; it is not
    touched again. No e-mail leaves here: ``do_send`` with ``INVITATION`` does that.
    """
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    _require(campaign, CampaignStatus.DRAFT)
    org = campaign.organization
    campaign.units_snapshot = units_snapshot(org)
    campaign.status = CampaignStatus.OPEN
    campaign.opens_on = campaign.opens_on or today
    campaign.save(update_fields=["units_snapshot", "status", "opens_on"])
    people = Person.objects.filter(organization=org)
    with_email = list(people.exclude(email=""))
    Invitation.objects.bulk_create(
        Invitation(campaign=campaign, person=p, token_hash=_placeholder_hash()) for p in with_email
    )
    units = Unit.objects.filter(organization=org)
    UnitEntry.objects.bulk_create(
        UnitEntry(campaign=campaign, unit=u, key=secrets.token_urlsafe(12)) for u in units
    )
    return OpenOutcome(len(with_email), people.count() - len(with_email), units.count())


@transaction.atomic
def do_close_campaign(campaign: Campaign, *, today: dt.date) -> None:
    """Open → closed: links and codes stop working (the survey app checks the status).

    Answers still waiting for their unit's batch are written first (``survey.services``); the
    campaign's responses and invitations are then rewritten in a random order, so that the
    physical order of the rows no longer follows the order in which people submitted.
    """
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    _require(campaign, CampaignStatus.OPEN)
    campaign.status = CampaignStatus.CLOSED
    if campaign.closes_on is None or campaign.closes_on > today:
        campaign.closes_on = today
    campaign.save(update_fields=["status", "closes_on"])
    with bulk_changes(campaign.pk):
        from eclaire.web.survey.models import Pending
        from eclaire.web.survey.services import flush_pending

        flush_pending(Pending.objects.select_for_update().filter(campaign=campaign))
        rewrite_in_random_order(Response.objects.filter(campaign=campaign))
    Invitation.objects.filter(campaign=campaign).update(draft_secret=b"")  # no draft left
    rewrite_in_random_order(Invitation.objects.filter(campaign=campaign))
    from eclaire.web.survey.models import Draft

    Draft.objects.filter(campaign=campaign).delete()  # unfinished answers die with the campaign
    truncate_log_after_commit(wait=True)  # the log would still hold the rows in their old order


def _require(campaign: Campaign, status: str) -> None:
    if campaign.status == status:
        return
    if status == CampaignStatus.DRAFT:
        raise CollectionError(_("This campaign has already been opened."))
    raise CollectionError(_("This campaign is not open."))


# -- e-mails -------------------------------------------------------------------------------------


def recipients(campaign: Campaign, kind: str):  # -> QuerySet[Invitation]
    """Who an e-mail round writes to: never-sent people, or for a reminder, unfinished ones."""
    invitations = campaign.invitations.filter(finished=False).select_related("person")
    if kind == MailingKind.INVITATION:
        return invitations.filter(sent_count=0).order_by("pk")
    return invitations.filter(sent_count__gt=0).order_by("pk")


def do_send(
    campaign: Campaign,
    kind: str,
    *,
    today: dt.date,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> SendOutcome:
    """Send invitations (``INVITATION``) or reminders (``REMINDER``), each with a fresh token.

    The raw token is made here, put in the e-mail and forgotten; only its keyed hash is stored,
    replacing the previous one, so an earlier link stops working once a reminder is sent. The
    first e-mail also gives the invitation its wrapped draft secret (``survey.sealing``), which
    reminders keep: a reminder's link resumes the draft saved from an earlier one.
    Reminders leave no per-person trace (count or date): only the round is logged, as counts.
    """
    _require(campaign, CampaignStatus.OPEN)
    todo = list(recipients(campaign, kind))
    finished = campaign.invitations.filter(finished=True).count()
    if dry_run:
        return SendOutcome(kind, len(todo), 0, finished, dry_run=True)
    sent = failed = 0
    with mail.connection() as connection:
        for done, invitation in enumerate(todo, start=1):
            if _send_one(campaign, invitation, kind, today=today, connection=connection):
                sent += 1
            else:
                failed += 1
            if progress is not None:
                progress(done, len(todo))
    if sent or failed:
        Mailing.objects.create(
            campaign=campaign, kind=kind, sent_on=today, sent=sent, failed=failed
        )
    return SendOutcome(kind, sent, failed, finished)


def _send_one(
    campaign: Campaign, invitation: Invitation, kind: str, *, today: dt.date, connection: object
) -> bool:
    token = new_token()
    try:
        with transaction.atomic():
            invitation.token_hash = secret_hash(token)
            fields = ["token_hash"]
            if unwrap_secret(invitation.draft_secret, invitation.pk, campaign.pk) is None:
                # made once: every later link (reminders) opens the same draft
                invitation.draft_secret = wrap_secret(
                    new_draft_secret(), invitation.pk, campaign.pk
                )
                fields.append("draft_secret")
            if kind == MailingKind.INVITATION:
                invitation.sent_count, invitation.last_sent_on = 1, today
                fields += ["sent_count", "last_sent_on"]
            invitation.save(update_fields=fields)
            mail.send_survey_link(
                invitation.person,
                campaign,
                survey_url(token),
                reminder=kind == MailingKind.REMINDER,
                connection=connection,
            )
    except mail.MailError:
        return False
    return True


# -- one-time codes ------------------------------------------------------------------------------


@transaction.atomic
def do_print_codes(campaign: Campaign, entry: UnitEntry, count: int) -> list[str]:
    """``count`` new one-time codes for the unit of ``entry``; only their hashes are stored.

    The codes returned exist nowhere else: print them now, they cannot be shown again.
    """
    _require(campaign, CampaignStatus.OPEN)
    if not 1 <= count <= MAX_CODES_PER_SHEET:
        raise CollectionError(
            _("Print between 1 and %(max)d codes at a time.") % {"max": MAX_CODES_PER_SHEET}
        )
    codes: set[str] = set()
    while len(codes) < count:
        codes.add(new_code())
    ordered = sorted(codes)
    AccessCode.objects.bulk_create(
        AccessCode(campaign=campaign, unit_id=entry.unit_id, code_hash=secret_hash(c))
        for c in ordered
    )
    return ordered


@transaction.atomic
def do_use_code(entry: UnitEntry, typed: str) -> bool:
    """Spend a one-time code typed on ``entry``'s page: ``True`` the first time only.

    A conditional update, so two people typing the same code at once cannot both get in.
    """
    code_hash = secret_hash(normalize_code(typed))
    return (
        AccessCode.objects.filter(
            campaign_id=entry.campaign_id, unit_id=entry.unit_id, code_hash=code_hash, used=False
        ).update(used=True)
        == 1
    )
