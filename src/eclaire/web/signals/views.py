"""The external-mirror page of a campaign, with the upload of customer signals (coach, sponsor).

Uploads stay in memory (``eclaire.web.uploads.handler``): the file and its mapping are read as
bytes, checked whole, and only then written to the database.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eclaire.core.interchange import FileBytes, ImportProblems, Problem
from eclaire.web.campaigns.models import Campaign
from eclaire.web.plans.access import get_campaign_for_organizer
from eclaire.web.results.present import Fmt, request_lang
from eclaire.web.results.stored import load_result
from eclaire.web.signals.forms import SignalUploadForm
from eclaire.web.signals.mirror import campaign_mirror
from eclaire.web.signals.services import SignalImport, do_import_signals
from eclaire.web.uploads.content import type_problem
from eclaire.web.uploads.handler import dropped_for_size


@login_required
def mirror(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    campaign, membership = get_campaign_for_organizer(request.user, slug, campaign_slug)
    problems = None
    form = SignalUploadForm()
    if request.method == "POST":
        form = SignalUploadForm(request.POST, request.FILES)
        if dropped_for_size(request):
            limit = filesizeformat(int(settings.ECLAIRE_UPLOAD_MAX_BYTES))
            problems = str(
                _one_problem(
                    _("a file of at most %(limit)s; this one is larger") % {"limit": limit}
                )
            )
        elif form.is_valid():
            outcome = _import(campaign, form)
            if outcome.problems is None:
                messages.success(
                    request,
                    ngettext(
                        "%(n)s customer signal imported.",
                        "%(n)s customer signals imported.",
                        outcome.count,
                    )
                    % {"n": outcome.count},
                )
                for warning in outcome.warnings:
                    messages.warning(request, warning)
                return redirect("signals:mirror", slug=slug, campaign_slug=campaign_slug)
            problems = str(outcome.problems)
    stored, data = load_result(campaign)
    ctx = {
        "org": campaign.organization,
        "campaign": campaign,
        "membership": membership,
        "tab": "mirror",
        "mirror": campaign_mirror(campaign, request_lang()),
        "has_result": data is not None,
        "form": form,
        "problems": problems,
        "fmt": Fmt(),
        "status": {"code": stored.status if stored else "none", "has_data": data is not None},
    }
    return render(request, "signals/mirror.html", ctx, status=400 if problems else 200)


def _one_problem(expected: str, name: str = "—") -> ImportProblems:
    return ImportProblems([Problem(name, None, None, None, expected)])


def _import(campaign: Campaign, form: SignalUploadForm) -> SignalImport:
    upload = form.cleaned_data["file"]
    file = FileBytes(upload.name, upload.read())
    wrong = type_problem(file.name, file.data)
    if wrong:
        return SignalImport(problems=_one_problem(wrong, file.name))
    mapping = form.cleaned_data.get("mapping")
    text = mapping.read().decode("utf-8", errors="replace") if mapping else None
    return do_import_signals(campaign, file, form.cleaned_data["source"], text)
