"""The action plan of a campaign, its actions and sessions, and the lever settings.

Thin views: an access helper of :mod:`eclaire.web.plans.access`, a form, a ``do_*`` service,
a template. Confidential session notes reach the template only for a coach membership.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eclaire.core.result.scope import scoped_result
from eclaire.web.accounts.models import Membership
from eclaire.web.campaigns.models import Campaign
from eclaire.web.plans import access
from eclaire.web.plans.followup import compare, next_wave
from eclaire.web.plans.forms import (
    ActionForm,
    DecisionForm,
    LeverSettingsForm,
    PlanFilterForm,
    SessionForm,
    VisibilityForm,
)
from eclaire.web.plans.levers import CampaignLevers, campaign_levers, organization_overrides
from eclaire.web.plans.models import Action
from eclaire.web.plans.services import (
    do_decide,
    do_record_session,
    do_save_lever_settings,
    do_set_visibility,
    do_update_action,
)
from eclaire.web.plans.visibility import action_shown_to_managers, manager_visibility
from eclaire.web.results.stored import load_result


def _lang() -> str:
    lang = (get_language() or "fr")[:2]
    return lang if lang in ("fr", "en") else "fr"


def _viewer_data(
    campaign: Campaign, membership: Membership
) -> tuple[dict[str, Any] | None, set[str] | None]:
    """The stored result as this viewer may read it, and the viewer's scope."""
    scope = access.campaign_scope(campaign, membership)
    _stored, data = load_result(campaign)
    return (scoped_result(data, scope) if data else None), scope


def _levers(request: HttpRequest, campaign: Campaign, membership: Membership) -> Any:
    data, scope = _viewer_data(campaign, membership)
    if data is None:
        return None
    return campaign_levers(request, campaign, data, scope, _lang())


@login_required
def plan(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    campaign, membership = access.get_campaign_for_user(request.user, slug, campaign_slug)
    form = PlanFilterForm(request.GET or None)
    actions = list(access.visible_actions(campaign, membership))
    status = form.value()
    shown = [a for a in actions if not status or a.status == status]
    levers: CampaignLevers | None = _levers(request, campaign, membership)
    decided = {a.key for a in actions}
    open_recs = [r for r in (levers.recommendations if levers else []) if r["key"] not in decided]
    later = next_wave(campaign)
    visibility = manager_visibility(campaign)
    return render(
        request,
        "plans/plan.html",
        {
            "org": campaign.organization,
            "campaign": campaign,
            "membership": membership,
            "organizer": access.is_organizer(membership),
            "is_coach": access.sees_confidential_notes(membership),
            "form": form,
            "actions": [
                (
                    a,
                    a.text("title", _lang()),
                    a.text("target_label", _lang()),
                    action_shown_to_managers(a, visibility),
                )
                for a in shown
            ],
            "n_actions": len(actions),
            "open_recs": open_recs,
            "levers": levers,
            "later": later[0] if later else None,
            "tab": "plan",
        },
    )


@require_POST
@login_required
def decide(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    campaign, membership = access.get_campaign_for_organizer(request.user, slug, campaign_slug)
    levers: CampaignLevers | None = _levers(request, campaign, membership)
    raw = {r["id"]: r for r in (levers.raw if levers else [])}
    form = DecisionForm(request.POST, keys=list(raw))
    if not form.is_valid():
        messages.error(request, _("This recommendation is no longer proposed; nothing changed."))
        return redirect("plans:plan", slug=slug, campaign_slug=campaign_slug)
    action = do_decide(
        campaign,
        raw[form.cleaned_data["key"]],
        form.cleaned_data["decision"],
        request.user,
        _lang(),
    )
    return redirect("plans:action", slug=slug, campaign_slug=campaign_slug, action_id=action.pk)


@require_POST
@login_required
def visibility(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    """Show a recommendation (or the action made of it) to the managers, or hold it back."""
    campaign, membership = access.get_campaign_for_organizer(request.user, slug, campaign_slug)
    levers: CampaignLevers | None = _levers(request, campaign, membership)
    keys = {r["id"] for r in (levers.raw if levers else [])}
    keys |= set(Action.objects.filter(campaign=campaign).values_list("key", flat=True))
    form = VisibilityForm(request.POST, keys=sorted(keys))
    if not form.is_valid():
        messages.error(request, _("This recommendation is no longer proposed; nothing changed."))
    else:
        key, visible = form.cleaned_data["key"], form.cleaned_data["visible"]
        do_set_visibility(campaign, key, visible, request.user)
        if visible:
            messages.success(request, _("The managers concerned now see this recommendation."))
        else:
            messages.success(request, _("This recommendation is now held back from the managers."))
    back = request.POST.get("next", "")
    action = Action.objects.filter(campaign=campaign, key=back).first() if back else None
    if action is not None:
        return redirect("plans:action", slug=slug, campaign_slug=campaign_slug, action_id=action.pk)
    return redirect("plans:plan", slug=slug, campaign_slug=campaign_slug)


def _action_page(
    request: HttpRequest,
    action: Action,
    membership: Membership,
    action_form: ActionForm | None = None,
    session_form: SessionForm | None = None,
) -> HttpResponse:
    campaign, org, lang = action.campaign, action.campaign.organization, _lang()
    organizer, coach = access.is_organizer(membership), access.sees_confidential_notes(membership)
    ctx: dict[str, Any] = {
        "org": org,
        "campaign": campaign,
        "membership": membership,
        "action": action,
        "title": action.text("title", lang),
        "target": action.text("target_label", lang),
        "organizer": organizer,
        "is_coach": coach,
        "sessions": list(action.sessions.all()),
        "shown_to_managers": action_shown_to_managers(action, manager_visibility(campaign)),
        "tab": "plan",
    }
    if organizer:
        ctx["action_form"] = action_form or ActionForm(instance=action, organization=org)
        ctx["session_form"] = session_form or SessionForm(with_notes=coach)
    ctx |= _followup(campaign, membership, action, lang)
    return render(request, "plans/action.html", ctx)


def _followup(
    campaign: Campaign, membership: Membership, action: Action, lang: str
) -> dict[str, Any]:
    later = next_wave(campaign)
    if later is None:
        return {"later": None}
    before, scope = _viewer_data(campaign, membership)
    after = scoped_result(later[1], scope)
    rows = compare(action.watch, before or {}, after, lang)
    return {"later": later[0], "outcomes": rows}


@login_required
def action(request: HttpRequest, slug: str, campaign_slug: str, action_id: int) -> HttpResponse:
    found, membership = access.get_action_for_user(request.user, slug, campaign_slug, action_id)
    return _action_page(request, found, membership)


@require_POST
@login_required
def action_update(
    request: HttpRequest, slug: str, campaign_slug: str, action_id: int
) -> HttpResponse:
    found, membership = access.get_action_for_organizer(
        request.user, slug, campaign_slug, action_id
    )
    form = ActionForm(request.POST, instance=found, organization=found.campaign.organization)
    if not form.is_valid():
        found.refresh_from_db()
        return _action_page(request, found, membership, action_form=form)
    do_update_action(form)
    messages.success(request, _("The action is saved."))
    return redirect("plans:action", slug=slug, campaign_slug=campaign_slug, action_id=found.pk)


@require_POST
@login_required
def session_new(
    request: HttpRequest, slug: str, campaign_slug: str, action_id: int
) -> HttpResponse:
    found, membership = access.get_action_for_organizer(
        request.user, slug, campaign_slug, action_id
    )
    form = SessionForm(request.POST, with_notes=access.sees_confidential_notes(membership))
    if not form.is_valid():
        return _action_page(request, found, membership, session_form=form)
    do_record_session(found, form)
    messages.success(request, _("The session is recorded."))
    return redirect("plans:action", slug=slug, campaign_slug=campaign_slug, action_id=found.pk)


@login_required
def lever_settings(request: HttpRequest, slug: str) -> HttpResponse:
    if request.method == "POST":
        org, membership = access.get_lever_settings_for_editor(request.user, slug)
        form = LeverSettingsForm(request.POST, overrides=organization_overrides(org), lang=_lang())
        if form.is_valid():
            do_save_lever_settings(org, form.overrides())
            messages.success(request, _("The thresholds are saved."))
            return redirect("plans:settings", slug=slug)
    else:
        org, membership = access.get_lever_settings_for_user(request.user, slug)
        form = LeverSettingsForm(overrides=organization_overrides(org), lang=_lang())
    editable = access.may_edit_lever_settings(membership)
    if not editable:
        for field in form.fields.values():
            field.disabled = True
    return render(
        request,
        "plans/settings.html",
        {"org": org, "membership": membership, "form": form, "editable": editable},
    )
