"""Retention: what links people to a campaign is deleted some days after the campaign closes.

For every campaign closed more than ``days`` days ago (``closes_on`` earlier than ``today - days``),
its invitations (who was invited, whether they finished), its one-time codes and any draft left
are deleted. Responses, results, action plans and the counts of e-mail rounds are never touched.
Running it again deletes nothing more: it is safe to schedule daily.

On SQLite the deleted rows are overwritten with zeros (``PRAGMA secure_delete``) and the
write-ahead log is checkpointed afterwards, so the deleted values leave the database files, not
only the tables. PostgreSQL keeps dead rows in its files until they are vacuumed and reused
(docs/operations.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection, transaction

from eclaire.web.campaigns.models import Campaign, CampaignStatus
from eclaire.web.collection.models import AccessCode, Invitation
from eclaire.web.survey.models import Draft


@dataclass(frozen=True)
class CampaignPurge:
    """What was (or, in a dry run, would be) deleted from one campaign."""

    organization: str
    campaign: str
    closed_on: dt.date | None
    invitations: int
    access_codes: int
    drafts: int


@dataclass(frozen=True)
class RetentionOutcome:
    days: int
    cutoff: dt.date
    """Campaigns closed before this date are purged."""
    dry_run: bool
    campaigns: tuple[CampaignPurge, ...]

    def total(self, field: str) -> int:
        return sum(getattr(c, field) for c in self.campaigns)

    def describe(self) -> str:
        verb = "Would delete" if self.dry_run else "Deleted"
        lines = [
            f"Retention {self.days} days (campaigns closed before {self.cutoff.isoformat()}): "
            f"{verb.lower()} {self.total('invitations')} invitations, "
            f"{self.total('access_codes')} one-time codes, {self.total('drafts')} drafts "
            f"in {len(self.campaigns)} campaigns."
        ]
        lines += [
            f"  {c.organization}/{c.campaign} (closed {c.closed_on}): "
            f"{c.invitations} invitations, {c.access_codes} codes, {c.drafts} drafts"
            for c in self.campaigns
        ]
        return "\n".join(lines)


def _purge(campaign: Campaign, *, dry_run: bool) -> CampaignPurge | None:
    rows = [
        Invitation.objects.filter(campaign=campaign),
        AccessCode.objects.filter(campaign=campaign),
        Draft.objects.filter(campaign=campaign),
    ]
    counts = [queryset.count() for queryset in rows]
    if not any(counts):
        return None
    if not dry_run:
        for queryset in rows:
            queryset.delete()
    return CampaignPurge(campaign.organization.slug, campaign.slug, campaign.closes_on, *counts)


def do_apply_retention(*, today: dt.date, days: int, dry_run: bool = False) -> RetentionOutcome:
    """Delete the invitations, one-time codes and drafts of campaigns closed over ``days`` ago."""
    if days < 0:
        raise ValueError(f"days={days}: a retention period cannot be negative")
    cutoff = today - dt.timedelta(days=days)
    due = (
        Campaign.objects.filter(status=CampaignStatus.CLOSED, closes_on__lt=cutoff)
        .select_related("organization")
        .order_by("closes_on", "pk")
    )
    _sqlite_pragma("secure_delete = ON")
    with transaction.atomic():
        purged = [p for c in due if (p := _purge(c, dry_run=dry_run)) is not None]
    if purged and not dry_run and not connection.in_atomic_block:  # no checkpoint inside one
        _sqlite_pragma("wal_checkpoint(TRUNCATE)")
    return RetentionOutcome(days, cutoff, dry_run, tuple(purged))


def _sqlite_pragma(pragma: str) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA {pragma}")
            cursor.fetchall()
