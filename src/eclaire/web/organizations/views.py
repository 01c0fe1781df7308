from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from eclaire.web.accounts.access import (
    get_organization_for_user,
    get_unit_for_user,
    may_create_organization,
    memberships_of,
    require_organization_creator,
)
from eclaire.web.collection.access import ORGANIZER_ROLES, get_organization_for_organizer
from eclaire.web.organizations.forms import OrganizationForm, UnitForm
from eclaire.web.organizations.overview import unit_rows
from eclaire.web.organizations.services import (
    UnitTreeError,
    do_create_organization,
    do_update_unit,
)
from eclaire.web.organizations.waves import organization_waves


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "organizations/home.html",
        {
            "memberships": memberships_of(request.user),
            "may_create": may_create_organization(request.user),
        },
    )


@login_required
def organization_new(request: HttpRequest) -> HttpResponse:
    require_organization_creator(request.user)
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        org = do_create_organization(request.user, form.cleaned_data["name"])  # type: ignore[arg-type]
        messages.success(
            request,
            _("Organization “%(name)s” created. Import its units, then its roster.")
            % {"name": org.name},
        )
        return redirect("organization", org.slug)
    return render(request, "organizations/new.html", {"form": form})


@login_required
def organization(request: HttpRequest, slug: str) -> HttpResponse:
    org, membership = get_organization_for_user(request.user, slug)
    organizer = membership.role in ORGANIZER_ROLES
    waves = organization_waves(org, min_group=settings.ECLAIRE_MIN_GROUP, with_index=organizer)
    campaign = waves[0].campaign if waves else None
    rows = unit_rows(org, campaign, scope=membership.unit, min_group=settings.ECLAIRE_MIN_GROUP)
    return render(
        request,
        "organizations/organization.html",
        {
            "org": org,
            "membership": membership,
            "organizer": organizer,
            "waves": waves,
            "campaign": campaign,
            "rows": rows,
            "min_group": settings.ECLAIRE_MIN_GROUP,
            "n_people": org.people.count(),
        },
    )


@login_required
def unit_edit(request: HttpRequest, slug: str, unit_code: str) -> HttpResponse:
    org, _membership = get_organization_for_organizer(request.user, slug)
    unit, _membership = get_unit_for_user(request.user, slug, unit_code)
    form = UnitForm(org, unit, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            do_update_unit(unit, **form.cleaned_data)
        except UnitTreeError as exc:
            form.add_error("parent", str(exc))
        else:
            messages.success(request, _("Unit “%(name)s” saved.") % {"name": unit.name})
            return redirect("organization", org.slug)
    return render(request, "organizations/unit_edit.html", {"org": org, "unit": unit, "form": form})
