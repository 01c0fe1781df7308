"""Download the diagnostic report of a campaign as one HTML file or as a PDF.

Thin views: access through :func:`get_campaign_for_user`, the stored result (never computed in
a request), the viewer's scope, then :mod:`eclaire.report`. A coach or a sponsor gets the whole
organization. A manager gets the report of their own scope, cut by
:func:`eclaire.core.result.scope.scoped_result`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from eclaire.core.result.scope import scoped_result
from eclaire.report import PdfUnavailable, render_html, render_pdf
from eclaire.web.accounts.access import get_campaign_for_user, scope_unit_codes
from eclaire.web.accounts.models import Membership
from eclaire.web.campaigns.models import Campaign
from eclaire.web.plans.levers import report_hooks_for
from eclaire.web.results.models import ResultStatus
from eclaire.web.results.stored import load_result
from eclaire.web.signals.mirror import campaign_mirror

LANGS = (("fr", "Français"), ("en", "English"))


class ReportForm(forms.Form):
    lang = forms.ChoiceField(choices=LANGS, required=False)


def _viewer_result(campaign: Campaign, membership: Membership) -> tuple[dict[str, Any], str]:
    """The stored result as this viewer may read it, and a file-name suffix for a manager's scope."""
    stored, data = load_result(campaign)
    if stored is None or stored.status != ResultStatus.READY or not data:
        raise Http404("No result ready for this campaign.")
    parents = {u["unit_id"]: u.get("parent_id") for u in data.get("tree", [])}
    scope = scope_unit_codes(membership, parents=parents)
    if scope is None:
        return data, ""
    if not scope or membership.unit is None:
        raise Http404("No such campaign.")
    return scoped_result(data, scope), "-" + slugify(membership.unit.code)


def _lang(request: HttpRequest) -> str:
    form = ReportForm(request.GET)
    chosen = form.cleaned_data.get("lang") if form.is_valid() else ""
    return chosen or (
        (get_language() or "fr")[:2] if (get_language() or "")[:2] in ("fr", "en") else "fr"
    )


def _render(request: HttpRequest, slug: str, campaign: str) -> tuple[str, str]:
    """The report's HTML and its file name without extension."""
    found, membership = get_campaign_for_user(request.user, slug, campaign)
    data, suffix = _viewer_result(found, membership)
    lang = _lang(request)
    html = render_html(
        data,
        lang=lang,
        org_name=found.organization.name,
        campaign_name=found.name,
        period=(found.opens_on, found.closes_on),
        **report_hooks_for(found, data, lang),
        external_mirror=campaign_mirror(found, lang) if not suffix else None,
    )
    return html, f"eclaire-{found.organization.slug}-{found.slug}{suffix}-{lang}"


def _attachment(body: str | bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def report_html(request: HttpRequest, slug: str, campaign: str) -> HttpResponse:
    html, name = _render(request, slug, campaign)
    return _attachment(html, "text/html; charset=utf-8", f"{name}.html")


@require_GET
@login_required
def report_pdf(request: HttpRequest, slug: str, campaign: str) -> HttpResponse:
    html, name = _render(request, slug, campaign)
    try:
        pdf = render_pdf(html)
    except PdfUnavailable as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    return _attachment(pdf, "application/pdf", f"{name}.pdf")
