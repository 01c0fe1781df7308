"""The external-mirror page of a campaign, with the upload of customer signals (coach, sponsor)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from eclaire.web.plans.access import get_campaign_for_organizer
from eclaire.web.results.present import Fmt, request_lang
from eclaire.web.results.stored import load_result
from eclaire.web.signals.forms import SignalUploadForm
from eclaire.web.signals.mirror import campaign_mirror
from eclaire.web.signals.services import do_import_signals


@login_required
def mirror(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    campaign, membership = get_campaign_for_organizer(request.user, slug, campaign_slug)
    problems = None
    form = SignalUploadForm()
    if request.method == "POST":
        form = SignalUploadForm(request.POST, request.FILES)
        if form.is_valid():
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


def _import(campaign, form: SignalUploadForm):  # type: ignore[no-untyped-def]
    upload = form.cleaned_data["file"]
    mapping = form.cleaned_data.get("mapping")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(upload.name).name
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        text = mapping.read().decode("utf-8", errors="replace") if mapping else None
        return do_import_signals(campaign, path, form.cleaned_data["source"], text)
