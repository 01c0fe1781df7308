"""A person's notification preferences, and a campaign's notification switches (coach, sponsor)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from eclaire.web.collection.access import get_campaign_for_organizer
from eclaire.web.notifications.forms import CampaignSettingForm, PreferenceForm
from eclaire.web.notifications.models import CampaignSetting, Preference


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User):  # login_required lets only accounts through
        raise Http404("No preferences.")
    found = Preference.objects.filter(user=user).first()
    if found is None:
        found = Preference(user=user, language=(get_language() or "fr")[:2])
    form = PreferenceForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@login_required
def campaign_setting(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    org, campaign = get_campaign_for_organizer(request.user, slug, campaign_slug)
    found = CampaignSetting.objects.filter(campaign=campaign).first()
    form = CampaignSettingForm(
        request.POST or None, instance=found or CampaignSetting(campaign=campaign)
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The notifications of this campaign are saved."))
        return redirect("notifications:campaign", slug=slug, campaign_slug=campaign_slug)
    return render(
        request,
        "notifications/campaign.html",
        {"org": org, "campaign": campaign, "form": form},
    )
