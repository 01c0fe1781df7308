"""Upload a units or roster file, see every problem or a preview, then confirm the import.

Nothing is written until the confirmation, which imports the previewed bytes through
``eclaire.web.imports.do_import_file``, exactly as ``eclaire import`` does. Only an organizer
(coach or sponsor) of the organization reaches these pages.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from eclaire.core.interchange import FileBytes, ImportProblems, Problem
from eclaire.web.collection.access import get_organization_for_organizer
from eclaire.web.imports import ImportRequest, check_file, do_import_file
from eclaire.web.organizations.models import Organization
from eclaire.web.uploads import staging
from eclaire.web.uploads.content import type_problem
from eclaire.web.uploads.forms import ConfirmForm, UploadForm
from eclaire.web.uploads.handler import dropped_for_size
from eclaire.web.uploads.preview import roster_preview, units_preview
from eclaire.web.uploads.templates import TEMPLATES, template_path


def _render(request: HttpRequest, org: Organization, kind: str, **extra: Any) -> HttpResponse:
    context = {
        "org": org,
        "kind": kind,
        "form": UploadForm(),
        "max_bytes": _limit(),
        "templates": [name for name in TEMPLATES if name.startswith(kind)],
        **extra,
    }
    return render(request, "uploads/upload.html", context)


def _limit() -> int:
    return int(settings.ECLAIRE_UPLOAD_MAX_BYTES)


def _one_problem(name: str, expected: str) -> ImportProblems:
    return ImportProblems([Problem(name, None, None, None, expected)])


def _received(request: HttpRequest, form: UploadForm) -> FileBytes | ImportProblems | None:
    """The uploaded file in memory, or the problem with its size or kind."""
    if dropped_for_size(request):
        limit = filesizeformat(_limit())
        return _one_problem(
            "—", _("a file of at most %(limit)s; this one is larger") % {"limit": limit}
        )
    if not form.is_valid():
        return None
    upload = form.cleaned_data["file"]
    file = FileBytes(upload.name, upload.read())
    wrong = type_problem(file.name, file.data)
    return _one_problem(file.name, wrong) if wrong else file


@login_required
def upload(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    org, _membership = get_organization_for_organizer(request.user, slug)
    if request.method != "POST":
        return _render(request, org, kind)
    form = UploadForm(request.POST, request.FILES)
    received = _received(request, form)
    if received is None:
        return _render(request, org, kind, form=form)
    if isinstance(received, ImportProblems):
        return _render(request, org, kind, problems=received)
    table, problems = check_file(ImportRequest(kind, received, org.slug))
    if problems is not None or table is None:
        staging.unstage(request.session, org.slug, kind)
        return _render(request, org, kind, problems=problems, file_name=received.name)
    digest = staging.stage(request.session, org.slug, kind, received)
    preview = units_preview(org, table) if kind == "units" else roster_preview(org, table)
    return _render(
        request,
        org,
        kind,
        preview=preview,
        file_name=received.name,
        confirm=ConfirmForm(initial={"digest": digest}),
    )


@login_required
@require_POST
def confirm(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    org, _membership = get_organization_for_organizer(request.user, slug)
    file = staging.staged(request.session, org.slug, kind)
    form = ConfirmForm(request.POST)
    if file is None or not form.is_valid() or form.cleaned_data["digest"] != staging.digest(file):
        messages.error(request, _("Nothing to import: upload the file again."))
        return redirect(f"uploads:{kind}", org.slug)
    outcome = do_import_file(ImportRequest(kind, file, org.slug))
    staging.unstage(request.session, org.slug, kind)
    if outcome.problems is not None:
        return _render(request, org, kind, problems=outcome.problems, file_name=file.name)
    if kind == "units":
        text = ngettext("%(n)d unit imported.", "%(n)d units imported.", outcome.count)
    else:
        text = ngettext(
            "%(n)d person imported to the roster.",
            "%(n)d people imported to the roster.",
            outcome.count,
        )
    messages.success(request, text % {"n": outcome.count})
    return redirect("organization", org.slug)


@login_required
@require_POST
def cancel(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    org, _membership = get_organization_for_organizer(request.user, slug)
    staging.unstage(request.session, org.slug, kind)
    messages.info(request, _("Import cancelled: nothing was written."))
    return redirect(f"uploads:{kind}", org.slug)


@login_required
def template(request: HttpRequest, slug: str, filename: str) -> FileResponse:
    get_organization_for_organizer(request.user, slug)
    if filename not in TEMPLATES:
        raise Http404("No such template.")
    return FileResponse(template_path(filename).open("rb"), as_attachment=True, filename=filename)
