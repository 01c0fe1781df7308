"""The results pages of a campaign. Thin: access helper, scoped stored result, page builder,
template. Nothing here computes a statistic."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language

from eclaire.core.result.scope import scoped_result
from eclaire.web.accounts.access import (
    get_campaign_for_user,
    get_unit_for_user,
    scope_unit_codes,
    subtree_codes,
)
from eclaire.web.accounts.models import Membership, MembershipRole
from eclaire.web.campaigns.models import Campaign
from eclaire.web.campaigns.services import core_instrument
from eclaire.web.results import answers, pages, pictures
from eclaire.web.results import heatmap as heat
from eclaire.web.results import heatmap_populations as populations
from eclaire.web.results.forms import HeatmapForm, WithinForm
from eclaire.web.results.interface_map import interface_page
from eclaire.web.results.models import AnalysisResult, ResultStatus
from eclaire.web.results.present import Fmt, ResultView
from eclaire.web.results.stored import load_result

REFRESH_SECONDS = 15


def _priority_labels(campaign: Campaign, lang: str) -> dict[str, str]:
    try:
        ranking = core_instrument(campaign.instrument).ranking
    except (ValueError, KeyError):
        return {}
    if ranking is None:
        return {}
    return {
        o.code: o.label.get(lang) or next(iter(o.label.values()), o.code) for o in ranking.options
    }


def _questions(campaign: Campaign, lang: str) -> dict[str, answers.Question]:
    try:
        return answers.questions(core_instrument(campaign.instrument), lang)
    except (ValueError, KeyError):
        return {}


def _status(stored: AnalysisResult | None, has_data: bool) -> dict[str, Any]:
    status = stored.status if stored else None
    return {
        "code": status or "none",
        "refresh": REFRESH_SECONDS
        if status in (ResultStatus.STALE, ResultStatus.RUNNING)
        else None,
        "has_data": has_data,
        "computed_at": stored.computed_at if stored else None,
    }


def _context(request: HttpRequest, slug: str, campaign_slug: str, tab: str) -> dict[str, Any]:
    """Access, the stored result scoped to the viewer, and what every page needs."""
    campaign, membership = get_campaign_for_user(request.user, slug, campaign_slug)
    stored, data = load_result(campaign)
    lang = (get_language() or "fr")[:2]
    view, scope = None, None
    if data:
        parents = {u["unit_id"]: u.get("parent_id") for u in data.get("tree", [])}
        scope = scope_unit_codes(membership, parents=parents)
        view = ResultView(scoped_result(data, scope), lang, _priority_labels(campaign, lang))
    return {
        "org": campaign.organization,
        "campaign": campaign,
        "membership": membership,
        "organizer": membership.role != MembershipRole.MANAGER,
        "status": _status(stored, view is not None),
        "error": stored.error if stored and membership.role != MembershipRole.MANAGER else "",
        "view": view,
        "scope": scope,
        "fmt": Fmt(),
        "tab": tab,
    }


def _within(
    request: HttpRequest,
    view: ResultView | None,
    form_class: type[WithinForm] = WithinForm,
    **kw: Any,
) -> tuple[Any, set[str] | None]:
    """The validated ``within`` filter and the unit codes it keeps (``None``: all)."""
    units = []
    if view is not None:
        parents = {u["parent_id"] for u in view.tree.values()}
        units = [
            (u["unit_id"], "\u2003" * view.depth(u["unit_id"]) + u["name"])
            for u in view.tree.values()
            if u["unit_id"] in parents
        ]
    form = form_class(request.GET or None, units=units, **kw)
    root = form.value()
    if view is None or root is None:
        return form, None
    tree = {u["unit_id"]: u.get("parent_id") for u in view.tree.values()}
    return form, subtree_codes(tree, root)


def _invited(membership: Membership, scope: set[str] | None) -> int | None:
    people = membership.organization.people.all()
    if scope is not None:
        people = people.filter(unit__code__in=scope)
    return people.count() or None


@login_required
def overview(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    ctx = _context(request, slug, campaign_slug, "overview")
    if ctx["view"] is not None:
        ctx["page"] = pages.overview(
            ctx["view"], ctx["fmt"], _invited(ctx["membership"], ctx["scope"])
        )
    return render(request, "results/overview.html", ctx)


def heatmap_filter(
    request: HttpRequest, view: ResultView | None
) -> tuple[HeatmapForm, set[str] | None, list[heat.Column], list[populations.Side], int]:
    """The heatmap's validated filter, for its page and its export alike: the form, the units
    kept (``None``: all), the columns, the sides of the chosen population and how many
    departments that population hides."""
    cols = heat.columns(view) if view else []
    segments = populations.segment_choices(view) if view else []
    form, within = _within(
        request, view, HeatmapForm, columns=[(c.key, c.label) for c in cols], segments=segments
    )
    segment = form.population()
    if view is None or not segment:
        return form, within, cols, [], 0
    sides, hidden = populations.population_sides(view, cols, segment, within)
    return form, within, cols, sides, hidden


@login_required
def heatmap(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    ctx = _context(request, slug, campaign_slug, "heatmap")
    view = ctx["view"]
    form, within, cols, sides, ctx["segment_hidden"] = heatmap_filter(request, view)
    ctx |= {"form": form, "panels": heat.panels(cols)}
    if view is not None:
        sort, order = form.sorting()
        unit_url = reverse("results:unit", args=[slug, campaign_slug, "__unit__"])
        ctx["rows"] = heat.heatmap_rows(
            view, ctx["fmt"], cols, within=within, sort=sort, order=order, unit_url=unit_url
        )
        ctx["segment_rows"] = populations.segment_rows(ctx["fmt"], cols, sides)
        # The export follows the page's filter: its units and its population.
        kept = {"within": form.value(), "segment": form.population()}
        query = urlencode({k: v for k, v in kept.items() if v})
        ctx["export_query"] = f"?{query}" if query else ""
        ctx["score_legend"], ctx["share_legend"] = _legends(ctx["fmt"])
    return render(request, "results/heatmap.html", ctx)


def _legends(f: Fmt) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    from eclaire.web.results.charts import SHARE_STEPS
    from eclaire.web.results.interface_map import score_legend

    shares = [f.pct(s) for s in SHARE_STEPS]
    share_labels = [
        f"≥ {shares[0]}",
        f"{shares[1]} – {shares[0]}",
        f"{shares[2]} – {shares[1]}",
        f"{shares[3]} – {shares[2]}",
        f"< {shares[3]}",
    ]
    return list(enumerate(score_legend(f))), list(enumerate(share_labels))


@login_required
def unit(request: HttpRequest, slug: str, campaign_slug: str, unit_code: str) -> HttpResponse:
    ctx = _context(request, slug, campaign_slug, "units")
    unit_obj, _membership = get_unit_for_user(request.user, slug, unit_code)
    ctx["unit"] = unit_obj
    view = ctx["view"]
    if view is not None:
        if unit_code not in view.data.get("units", {}):
            raise Http404("No such unit in this campaign.")
        ctx["page"] = pages.unit_page(view, ctx["fmt"], unit_code)
        texts = _questions(ctx["campaign"], view.lang or "fr")
        ctx["answers"], ctx["answers_without"] = answers.unit_answers(view, unit_code, texts)
        ctx["open_answers"] = request.GET.get("answers", "")
    return render(request, "results/unit.html", ctx)


@login_required
def interfaces(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    ctx = _context(request, slug, campaign_slug, "interfaces")
    form, within = _within(request, ctx["view"])
    ctx["form"] = form
    if ctx["view"] is not None:
        ctx["page"] = interface_page(ctx["view"], ctx["fmt"], within)
    return render(request, "results/interfaces.html", ctx)


@login_required
def gaps(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    ctx = _context(request, slug, campaign_slug, "gaps")
    view = ctx["view"]
    form, within = _within(request, view)
    ctx["form"] = form
    if view is not None:
        rows = _manager_gaps(view, within)
        ctx["n_rows"] = len(rows)
        ctx["pictures"] = pictures.gap_pictures(view, ctx["fmt"], rows)
        ctx["segments"] = pages.segment_rows(view, ctx["fmt"])
    return render(request, "results/gaps.html", ctx)


@login_required
def gaps_table(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    """Every manager-and-team gap as a table: the figures behind the gaps page's dot plots,
    on a page of their own so that the gaps page stays light."""
    ctx = _context(request, slug, campaign_slug, "gaps")
    view = ctx["view"]
    form, within = _within(request, view)
    ctx["form"] = form
    if view is not None:
        ctx["managers"] = pages.gap_rows(view, ctx["fmt"], _manager_gaps(view, within))
    return render(request, "results/gaps_table.html", ctx)


def _manager_gaps(view: ResultView, within: set[str] | None) -> list[dict[str, Any]]:
    rows = (view.data.get("perception_gaps") or {}).get("managers", [])
    return [g for g in rows if within is None or g["unit_id"] in within]


@login_required
def priorities(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    ctx = _context(request, slug, campaign_slug, "priorities")
    form, within = _within(request, ctx["view"])
    ctx["form"] = form
    if ctx["view"] is not None:
        ctx["page"] = pages.priorities(ctx["view"], ctx["fmt"], within)
        ctx["pictures"] = pictures.priority_pictures(
            ctx["view"], ctx["view"].data.get("priorities") or {}, within
        )
    return render(request, "results/priorities.html", ctx)


@login_required
def trends(request: HttpRequest, slug: str, campaign_slug: str) -> HttpResponse:
    ctx = _context(request, slug, campaign_slug, "trends")
    form, within = _within(request, ctx["view"])
    ctx["form"] = form
    if ctx["view"] is not None:
        ctx["page"] = pages.trends(ctx["view"], ctx["fmt"], within)
    return render(request, "results/trends.html", ctx)
