"""Writes of the action plan and the lever settings, each in one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from eclaire.web.campaigns.models import Campaign
from eclaire.web.organizations.models import Organization
from eclaire.web.plans.forms import ActionForm, SessionForm
from eclaire.web.plans.models import Action, ActionStatus, LeverSettings, ManagerVisibility, Session

DECISION_STATUS = {
    "accept": ActionStatus.ACCEPTED,
    "adapt": ActionStatus.ADAPTED,
    "decline": ActionStatus.DECLINED,
}
STARTED = (ActionStatus.PROPOSED, ActionStatus.ACCEPTED, ActionStatus.ADAPTED)
"""Statuses a first session moves to ``in_progress``."""


@transaction.atomic
def do_save_lever_settings(org: Organization, overrides: Mapping[str, float]) -> LeverSettings:
    """Store the organization's overrides (already validated by ``LeverSettingsForm``)."""
    found, _created = LeverSettings.objects.select_for_update().get_or_create(organization=org)
    found.overrides = {k: float(v) for k, v in sorted(overrides.items())}
    found.save()
    return found


@transaction.atomic
def do_decide(
    campaign: Campaign,
    recommendation: Mapping[str, Any],
    decision: str,
    user: AbstractBaseUser | AnonymousUser,
    lang: str,
) -> Action:
    """Take a recommendation (a core dict of ``recommend``) into the plan as accepted, adapted
    or declined. Deciding again on the same recommendation updates its action."""
    if decision not in DECISION_STATUS:
        raise ValueError(f"decision must be one of {', '.join(DECISION_STATUS)}, got {decision!r}")
    target = recommendation["target"]
    action, created = Action.objects.select_for_update().get_or_create(
        campaign=campaign,
        key=recommendation["id"],
        defaults={
            "lever": recommendation["lever"],
            "target_kind": target["kind"],
            "target_units": list(target["unit_ids"]),
            "target_label": dict(target["label"]),
            "title": dict(recommendation["title"]),
            "watch": list(recommendation["watch"]),
            "recommendation": dict(recommendation),
            "created_by": user if user.is_authenticated else None,
        },
    )
    action.status = DECISION_STATUS[decision]
    if action.status == ActionStatus.ADAPTED and not action.adapted_wording:
        action.adapted_wording = recommendation["title"].get(lang, "")
    action.save()
    return action


@transaction.atomic
def do_update_action(form: ActionForm) -> Action:
    """Save the status, wording, owner and dates of an action (a valid ``ActionForm``)."""
    action: Action = form.save()
    return action


@transaction.atomic
def do_record_session(action: Action, form: SessionForm) -> Session:
    """Record a session held (a valid ``SessionForm``); the first one starts the action."""
    session: Session = form.save(commit=False)
    session.action = action
    session.save()
    if action.status in STARTED:
        action.status = ActionStatus.IN_PROGRESS
        action.save(update_fields=["status", "updated_at"])
    return session


@transaction.atomic
def do_set_visibility(
    campaign: Campaign, key: str, visible: bool, user: AbstractBaseUser | AnonymousUser
) -> ManagerVisibility:
    """Record whether the managers see the recommendation ``key`` of the campaign."""
    found, _created = ManagerVisibility.objects.update_or_create(
        campaign=campaign,
        key=key,
        defaults={"visible": visible, "updated_by": user if user.is_authenticated else None},
    )
    return found
