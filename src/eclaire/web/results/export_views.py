"""Download a table of the results pages or of the action plan as CSV or XLSX.

The same access, scope and filter as the page (:func:`eclaire.web.results.views._context`,
``_within`` and, for the heatmap, ``heatmap_filter`` with its population); the rows come from :mod:`eclaire.web.results.exports`.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from eclaire.core.interchange.writing import table_bytes
from eclaire.web.plans.access import visible_actions
from eclaire.web.results import exports
from eclaire.web.results.present import request_lang
from eclaire.web.results.views import _context, _within, heatmap_filter


def _attachment(body: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=exports.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def export(
    request: HttpRequest, slug: str, campaign_slug: str, table: str, fmt: str
) -> HttpResponse:
    if table not in exports.TABLES or fmt not in exports.FORMATS:
        raise Http404("No such export.")
    ctx = _context(request, slug, campaign_slug, table)
    campaign, membership = ctx["campaign"], ctx["membership"]
    if table == "plan":
        frame = exports.plan_table(visible_actions(campaign, membership), request_lang())
    else:
        view = ctx["view"]
        if view is None:
            raise Http404("No result ready for this campaign.")
        if table == "heatmap":  # the page's population too
            _form, within, _cols, sides, _hidden = heatmap_filter(request, view)
            frame = exports.heatmap_table(view, within, sides)
        else:
            _form, within = _within(request, view)
            frame = exports.result_table(table, view, within)
    suffix = f"-{membership.unit.code}" if ctx["scope"] is not None and membership.unit else ""
    name = f"eclaire-{campaign.organization.slug}-{campaign.slug}{suffix}-{table}.{fmt}"
    return _attachment(table_bytes(frame, fmt, sheet=table), fmt, name)
