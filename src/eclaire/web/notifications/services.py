"""Which notices are due today, and sending them once each (``eclaire notify``, for cron).

- **Results ready**: a campaign closed in the last :data:`READY_WINDOW_DAYS` days whose stored
  result is ready; every member of the organization (a manager reads their own scope).
- **Low response rate**: an open campaign that closes within ``low_rate_days`` days, at least
  ``ECLAIRE_MIN_GROUP`` people invited by personal link, and a whole-campaign share of finished
  invitations below ``low_rate_below`` %; the coach and the sponsor. Only the campaign's total
  is used, never a unit's (the same counts as the campaign page).
- **Action due**: an action neither done nor declined whose due date is within
  ``action_due_days`` days or past; its owner when the owner has an account that may read the
  action (a manager never hears of an action the coach holds back), else the coach and sponsor.

Each notice is recorded in :class:`Sent` and never sent again. A person's preference and the
campaign's setting may each turn a kind off.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.urls import reverse

from eclaire.web.accounts.mail import NoticeMail, absolute, send_notice
from eclaire.web.accounts.models import Membership, MembershipRole
from eclaire.web.campaigns.models import Campaign, CampaignStatus
from eclaire.web.collection.rates import campaign_rates
from eclaire.web.notifications.models import CampaignSetting, Kind, Preference, Sent
from eclaire.web.plans.access import visible_actions
from eclaire.web.plans.models import Action, ActionStatus
from eclaire.web.results.models import AnalysisResult, ResultStatus

log = logging.getLogger(__name__)

READY_WINDOW_DAYS = 30
"""A campaign closed longer ago than this is not announced (a first run on an old database)."""
ORGANIZERS = (MembershipRole.COACH, MembershipRole.SPONSOR)
FINISHED = (ActionStatus.DONE, ActionStatus.DECLINED)


@dataclass(frozen=True)
class Notice:
    user: User
    campaign: Campaign
    kind: str
    key: str
    context: dict[str, Any]


@dataclass
class NotifyOutcome:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


def _setting(campaign: Campaign) -> CampaignSetting:
    found = CampaignSetting.objects.filter(campaign=campaign).first()
    return found or CampaignSetting(campaign=campaign)


def _preference(user: User) -> Preference:
    found = Preference.objects.filter(user=user).first()
    return found or Preference(user=user)


def _members(campaign: Campaign, roles: tuple[str, ...] | None = None) -> list[User]:
    memberships = Membership.objects.filter(organization=campaign.organization).select_related(
        "user"
    )
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return [m.user for m in memberships.order_by("user__pk")]


def _campaign_context(campaign: Campaign, url: str) -> dict[str, Any]:
    return {
        "org_name": campaign.organization.name,
        "campaign_name": campaign.name,
        "url": absolute(url),
        "preferences_url": absolute(reverse("notifications:preferences")),
    }


def _results_ready(campaign: Campaign, today: dt.date) -> Iterator[Notice]:
    if campaign.status != CampaignStatus.CLOSED or not _setting(campaign).results_ready:
        return
    if campaign.closes_on and (today - campaign.closes_on).days > READY_WINDOW_DAYS:
        return
    ready = AnalysisResult.objects.filter(campaign=campaign, status=ResultStatus.READY).exists()
    if not ready:
        return
    url = reverse("results:overview", args=[campaign.organization.slug, campaign.slug])
    for user in _members(campaign):
        yield Notice(user, campaign, Kind.RESULTS_READY, "ready", _campaign_context(campaign, url))


def _low_rate(campaign: Campaign, today: dt.date) -> Iterator[Notice]:
    setting = _setting(campaign)
    if campaign.status != CampaignStatus.OPEN or not setting.low_rate or not campaign.closes_on:
        return
    days_left = (campaign.closes_on - today).days
    if not 0 <= days_left <= setting.low_rate_days:
        return
    invited = campaign_rates(campaign, min_group=settings.ECLAIRE_MIN_GROUP).invitations
    if not invited.shown or invited.rate is None or invited.rate * 100 >= setting.low_rate_below:
        return
    url = reverse("collection:campaign", args=[campaign.organization.slug, campaign.slug])
    context = _campaign_context(campaign, url + "#rates-title") | {
        "rate": round(invited.rate * 100),
        "threshold": setting.low_rate_below,
        "days_left": days_left,
    }
    for user in _members(campaign, ORGANIZERS):
        yield Notice(user, campaign, Kind.LOW_RATE, str(campaign.closes_on), context)


def _readers(action: Action) -> list[User]:
    """Who hears of an action: its owner if they may read it, else the coach and sponsor."""
    owner = action.owner_user
    if owner is not None:
        membership = Membership.objects.filter(
            user=owner, organization=action.campaign.organization
        ).first()
        if membership is not None and action in visible_actions(action.campaign, membership):
            return [owner]
    return _members(action.campaign, ORGANIZERS)


def _actions_due(campaign: Campaign, today: dt.date) -> Iterator[Notice]:
    setting = _setting(campaign)
    if not setting.action_due:
        return
    horizon = today + dt.timedelta(days=setting.action_due_days)
    actions = (
        Action.objects.filter(campaign=campaign, due_on__isnull=False, due_on__lte=horizon)
        .exclude(status__in=FINISHED)
        .select_related("owner_user", "campaign__organization")
    )
    for action in actions:
        url = reverse("plans:action", args=[campaign.organization.slug, campaign.slug, action.pk])
        base = _campaign_context(campaign, url) | {
            "due_on": action.due_on,
            "overdue": action.due_on is not None and action.due_on < today,
        }
        for user in _readers(action):
            lang = _preference(user).language
            title = action.adapted_wording or action.text("title", lang)
            key = f"{action.pk}:{action.due_on}:{'late' if base['overdue'] else 'soon'}"
            yield Notice(user, campaign, Kind.ACTION_DUE, key, base | {"action_title": title})


def due_notices(today: dt.date) -> list[Notice]:
    """Every notice due today that was not sent yet and that nobody turned off."""
    campaigns = Campaign.objects.select_related("organization").exclude(status=CampaignStatus.DRAFT)
    found: list[Notice] = []
    for campaign in campaigns.order_by("pk"):
        for source in (_results_ready, _low_rate, _actions_due):
            found.extend(source(campaign, today))
    sent = set(Sent.objects.values_list("user_id", "campaign_id", "kind", "key"))
    return [
        n
        for n in found
        if (n.user.pk, n.campaign.pk, n.kind, n.key) not in sent
        and n.user.email
        and getattr(_preference(n.user), n.kind)
    ]


def do_notify(today: dt.date, *, dry_run: bool = False) -> NotifyOutcome:
    """Send the notices due today, each once, in each reader's language."""
    outcome = NotifyOutcome()
    for notice in due_notices(today):
        outcome.by_kind[notice.kind] = outcome.by_kind.get(notice.kind, 0) + 1
        if dry_run:
            outcome.skipped += 1
            continue
        try:
            with transaction.atomic():
                Sent.objects.create(
                    user=notice.user, campaign=notice.campaign, kind=notice.kind, key=notice.key
                )
                send_notice(
                    NoticeMail(
                        notice.user.email,
                        notice.kind,
                        _preference(notice.user).language,
                        notice.context,
                    )
                )
        except IntegrityError:  # another run sent it meanwhile
            outcome.skipped += 1
        except OSError:  # SMTP errors are OSErrors; the notice stays unsent for the next run
            log.warning("a %s notice could not be sent", notice.kind)
            outcome.failed += 1
        else:
            outcome.sent += 1
    return outcome
