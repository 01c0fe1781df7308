"""The organizer's pages of a campaign: create, open, close, send, print, follow the rates.

Every view goes through ``access.get_campaign_for_organizer`` (or the organization helper) first;
each action is a POST that calls one service and comes back with a plain message.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from eclaire.web.campaigns.models import Campaign, CampaignStatus, Instrument
from eclaire.web.campaigns.services import do_register_instrument
from eclaire.web.collection import documents, services
from eclaire.web.collection.access import (
    get_campaign_for_organizer,
    get_organization_for_organizer,
)
from eclaire.web.collection.forms import (
    CampaignForm,
    CodeSheetForm,
    PrioritiesForm,
    closed_campaigns,
    option_label,
)
from eclaire.web.collection.models import MailingKind, UnitEntry
from eclaire.web.collection.rates import campaign_counts, campaign_rates


def _back(campaign: Campaign) -> HttpResponse:
    return redirect("collection:campaign", campaign.organization.slug, campaign.slug)


def _entry(campaign: Campaign, unit_id: int) -> UnitEntry:
    return get_object_or_404(
        UnitEntry.objects.select_related("unit"), campaign=campaign, unit_id=unit_id
    )


def _download(content: bytes, content_type: str, filename: str, *, inline: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def campaign_new(request: HttpRequest, slug: str) -> HttpResponse:
    """A new campaign; ``?from=<campaign>`` (the "new wave" button) copies a closed one."""
    org, _membership = get_organization_for_organizer(request.user, slug)
    if not Instrument.objects.exists():
        do_register_instrument("coherence")
    source = None
    if request.method == "GET" and request.GET.get("from"):
        source = closed_campaigns(org).filter(slug=request.GET["from"]).first()
    form = CampaignForm(org, request.POST or None, source=source)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.do_create_campaign(org, **form.cleaned_data)
        except services.CollectionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Campaign “%(name)s” created as a draft.") % {"name": campaign.name}
            )
            return _back(campaign)
    context = {"org": org, "form": form, "source": source}
    return render(request, "collection/campaign_new.html", context)


@login_required
def campaign(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    org, campaign = get_campaign_for_organizer(request.user, slug, campaign_slug)
    options = {o.code: o for o in services.priority_options(campaign.instrument)}
    is_open = campaign.status == CampaignStatus.OPEN
    rates = campaign_rates(campaign, min_group=settings.ECLAIRE_MIN_GROUP)
    context = {
        "org": org,
        "campaign": campaign,
        "priorities": [
            option_label(options[c]) for c in campaign.declared_priorities if c in options
        ],
        "priorities_form": PrioritiesForm(list(options.values()), campaign.declared_priorities)
        if campaign.status == CampaignStatus.DRAFT
        else None,
        "rates": rates,
        "counts": campaign_counts(campaign, rates),
        "mailings": campaign.mailings.all(),
        "to_invite": services.recipients(campaign, MailingKind.INVITATION).count()
        if is_open
        else 0,
        "to_remind": services.recipients(campaign, MailingKind.REMINDER).count() if is_open else 0,
        "sheet_form": CodeSheetForm(),
    }
    return render(request, "collection/campaign.html", context)


@login_required
@require_POST
def priorities(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    _org, campaign = get_campaign_for_organizer(request.user, slug, campaign_slug)
    options = services.priority_options(campaign.instrument)
    form = PrioritiesForm(options, campaign.declared_priorities, request.POST)
    if not form.is_valid():
        for error in form.non_field_errors() or [_("Choose a place for every priority.")]:
            messages.error(request, str(error))
        return _back(campaign)
    try:
        services.do_set_priorities(campaign, form.order())
    except services.CollectionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Declared priorities saved."))
    return _back(campaign)


@login_required
@require_POST
def open_campaign(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    _org, campaign = get_campaign_for_organizer(request.user, slug, campaign_slug)
    try:
        outcome = services.do_open_campaign(campaign, today=timezone.localdate())
    except services.CollectionError as exc:
        messages.error(request, str(exc))
        return _back(campaign)
    messages.success(
        request,
        ngettext(
            "Campaign opened: %(n)d invitation is ready. Send it with “Send invitations”.",
            "Campaign opened: %(n)d invitations are ready. Send them with “Send invitations”.",
            outcome.invitations,
        )
        % {"n": outcome.invitations},
    )
    if outcome.without_email:
        messages.info(
            request,
            ngettext(
                "%(n)d person has no e-mail address: print one-time codes for their unit.",
                "%(n)d people have no e-mail address: print one-time codes for their units.",
                outcome.without_email,
            )
            % {"n": outcome.without_email},
        )
    return _back(campaign)


@login_required
@require_POST
def close_campaign(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    _org, campaign = get_campaign_for_organizer(request.user, slug, campaign_slug)
    try:
        services.do_close_campaign(campaign, today=timezone.localdate())
    except services.CollectionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Campaign closed: links and codes no longer open the survey."))
    return _back(campaign)


def _send(request: HttpRequest, slug: str, campaign_slug: str, kind: str) -> HttpResponse:
    _org, campaign = get_campaign_for_organizer(request.user, slug, campaign_slug)
    try:
        outcome = services.do_send(campaign, kind, today=timezone.localdate())
    except services.CollectionError as exc:
        messages.error(request, str(exc))
        return _back(campaign)
    if kind == MailingKind.INVITATION:
        text = ngettext("%(n)d invitation sent.", "%(n)d invitations sent.", outcome.sent)
    else:
        text = ngettext(
            "%(n)d reminder sent to people who have not finished.",
            "%(n)d reminders sent to people who have not finished.",
            outcome.sent,
        )
    messages.success(request, text % {"n": outcome.sent})
    if outcome.failed:
        messages.error(
            request,
            ngettext(
                "%(n)d e-mail could not be sent; try again later.",
                "%(n)d e-mails could not be sent; try again later.",
                outcome.failed,
            )
            % {"n": outcome.failed},
        )
    return _back(campaign)


@login_required
@require_POST
def invite(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    return _send(request, slug, campaign_slug, MailingKind.INVITATION)


@login_required
@require_POST
def remind(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    return _send(request, slug, campaign_slug, MailingKind.REMINDER)


@login_required
@require_POST
def code_sheet(request: HttpRequest, slug: str, campaign_slug: str, unit_id: int) -> HttpResponse:
    """New one-time codes, shown once: as a printable page, or as a PDF download."""
    _org, campaign = get_campaign_for_organizer(request.user, slug, campaign_slug)
    entry = _entry(campaign, unit_id)
    form = CodeSheetForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose between 1 and 200 codes."))
        return _back(campaign)
    try:
        codes = services.do_print_codes(campaign, entry, form.cleaned_data["count"])
    except services.CollectionError as exc:
        messages.error(request, str(exc))
        return _back(campaign)
    if form.cleaned_data["format"] == "pdf":
        pdf = documents.code_sheet_pdf(campaign, entry, codes)
        name = documents.download_name(campaign, entry, "codes", "pdf")
        return _download(pdf, "application/pdf", name, inline=False)
    response = HttpResponse(documents.code_sheet_html(campaign, entry, codes))
    response["Cache-Control"] = "no-store"
    return response


@login_required
def poster(request: HttpRequest, slug: str, campaign_slug: str, unit_id: int) -> HttpResponse:
    _org, campaign = get_campaign_for_organizer(request.user, slug, campaign_slug)
    return HttpResponse(documents.poster_html(campaign, _entry(campaign, unit_id)))


@login_required
def poster_png(request: HttpRequest, slug: str, campaign_slug: str, unit_id: int) -> HttpResponse:
    _org, campaign = get_campaign_for_organizer(request.user, slug, campaign_slug)
    entry = _entry(campaign, unit_id)
    name = documents.download_name(campaign, entry, "qr", "png")
    return _download(documents.poster_png(entry), "image/png", name, inline=False)


@login_required
def poster_pdf(request: HttpRequest, slug: str, campaign_slug: str, unit_id: int) -> HttpResponse:
    _org, campaign = get_campaign_for_organizer(request.user, slug, campaign_slug)
    entry = _entry(campaign, unit_id)
    name = documents.download_name(campaign, entry, "poster", "pdf")
    return _download(documents.poster_pdf(campaign, entry), "application/pdf", name, inline=False)
