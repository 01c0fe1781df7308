"""The respondent's pages: welcome, code entry, survey pages, review and submit, thanks."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from eclaire.web.collection.tokens import normalize_code
from eclaire.web.survey import ratelimit
from eclaire.web.survey.access import (
    CODE_COOKIE,
    CODE_COOKIE_SALT,
    Access,
    check_code,
    resolve_entry,
)
from eclaire.web.survey.flow import Survey, load_survey, with_draft
from eclaire.web.survey.forms import (
    ABOUT_FIELDS,
    UNITS_FIELD,
    PageForm,
    initial_for,
    missing_answers,
    section_columns,
)
from eclaire.web.survey.guard import failed_attempt, plain_page, survey_page, with_access
from eclaire.web.survey.markup import questions_html, review_html
from eclaire.web.survey.render import page_questions
from eclaire.web.survey.services import Saved, Submitted, do_save_page, do_submit
from eclaire.web.survey.texts import section_intro, section_title

NONCE_COOKIE = "eclaire_entry"


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Your code"), max_length=40)
    nonce = forms.CharField(max_length=64, widget=forms.HiddenInput)


def _see_other(url: str) -> HttpResponse:
    return HttpResponseRedirect(url, status=303)


@survey_page
def plain(request: HttpRequest) -> HttpResponse:
    return plain_page(request)


@survey_page
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "survey/thanks.html")


@with_access
def welcome(request: HttpRequest, access: Access) -> HttpResponse:
    survey = load_survey(access)
    return render(
        request, "survey/welcome.html", {"survey": survey, "started": survey.draft.pk is not None}
    )


def _entry_page(
    request: HttpRequest, entry: Any, form: CodeForm | None, error: bool = False
) -> HttpResponse:
    nonce = secrets.token_urlsafe(16)
    context = {
        "entry": entry,
        "nonce": nonce,
        "error": error,
        "k": settings.ECLAIRE_MIN_GROUP,
        "value": "",
    }
    if form is not None and form.is_bound:
        context["value"] = form.data.get("code", "")
    response = render(request, "survey/entry.html", context)
    response.set_cookie(
        NONCE_COOKIE,
        nonce,
        path=request.path,
        samesite="Strict",
        httponly=True,
        secure=request.is_secure(),
    )
    return response


@survey_page
def entry(request: HttpRequest, key: str) -> HttpResponse:
    """A unit's poster: type a one-time code to start, or to resume what that code began."""
    unit_entry = resolve_entry(key)
    if unit_entry is None:
        return failed_attempt(request)
    if request.method != "POST":
        return _entry_page(request, unit_entry, None)
    form = CodeForm(request.POST)
    cookie = request.COOKIES.get(NONCE_COOKIE, "")
    if (
        not form.is_valid()
        or not cookie
        or not constant_time_compare(cookie, form.cleaned_data["nonce"])
    ):
        return _entry_page(request, unit_entry, form, error=True)
    access = check_code(unit_entry, form.cleaned_data["code"])
    if access is None:
        if ratelimit.record_failure(request):
            return plain_page(request, 429)
        return _entry_page(request, unit_entry, form, error=True)
    survey = load_survey(access)
    response = _see_other(survey.url(survey.resume_page))
    response.set_signed_cookie(
        CODE_COOKIE,
        normalize_code(form.cleaned_data["code"]),
        salt=CODE_COOKIE_SALT + key,
        path=f"/u/{key}/",
        samesite="Strict",
        httponly=True,
        secure=request.is_secure(),
    )
    response.delete_cookie(NONCE_COOKIE, path=request.path)
    return response


SAVE_ATTEMPTS = 3
SECTION_FIELD = "section"
"""The key of the page a form was shown as (a hidden field of the page form)."""


def _save(access: Access, survey: Survey, form: PageForm, n: int, complete: bool) -> Saved:
    section = form.section
    about = (
        {k: form.cleaned_data.get(k, "") for k in ABOUT_FIELDS} if section.kind == "about" else None
    )
    units = form.cleaned_data.get(UNITS_FIELD) if section.kind == "pick" else None
    return do_save_page(
        access,
        survey.draft,
        columns=section_columns(survey, section),
        answers=form.answers(),
        page=n if complete else 0,
        about=about,
        units=units,
    )


def _post_page(request: HttpRequest, access: Access, n: int) -> HttpResponse:
    """Check the page and save it; read again and retry if another save of the draft came first."""
    for attempt in range(SAVE_ATTEMPTS):
        survey = load_survey(access, fresh=attempt > 0)
        if not 1 <= n <= survey.resume_page:
            return _see_other(survey.url(survey.resume_page))
        section = survey.sections[n - 1]
        shown = request.POST.get(SECTION_FIELD)
        if shown is not None and shown != section.key:
            # Another tab changed the pages (units picked or dropped): this one is out of date.
            return _see_other(survey.url(n))
        form = PageForm(survey, section, request.POST)
        complete = form.is_valid()
        back = request.POST.get("nav") == "back"
        if not (complete or back):
            return _render_page(request, survey, n, form)
        saved = _save(access, survey, form, n, complete)
        if saved is Saved.GONE:
            return plain_page(request)
        if saved is Saved.DONE:
            break
    else:  # the draft kept changing under this save: show the page again, nothing lost
        return _render_page(request, survey, n, form)
    if back:
        return _see_other(survey.url(max(n - 1, 1)))
    if section.kind == "pick":  # the units picked decide how many pages follow
        survey = with_draft(survey, survey.draft)
    return _see_other(survey.url(n + 1) if n < survey.total else survey.url("review/"))


def _render_page(request: HttpRequest, survey: Survey, n: int, form: PageForm) -> HttpResponse:
    section = form.section
    questions = page_questions(form)
    context = {
        "survey": survey,
        "section": section,
        "n": n,
        "questions": questions,
        "questions_html": questions_html(questions, ranking=section.kind == "ranking"),
        "errors": [q for q in questions if q.error],
        "title": section_title(survey, section),
        "intro": section_intro(survey, section),
        "legend": survey.instrument.text(section.items[0].text, survey.lang)
        if section.items
        else "",
    }
    return render(request, "survey/page.html", context)


@with_access
def page(request: HttpRequest, access: Access, n: int) -> HttpResponse:
    if request.method == "POST":
        return _post_page(request, access, n)
    survey = load_survey(access)
    if not 1 <= n <= survey.resume_page:
        return _see_other(survey.url(survey.resume_page))
    section = survey.sections[n - 1]
    form = PageForm(survey, section, initial=initial_for(survey, section))
    return _render_page(request, survey, n, form)


@with_access
def review(request: HttpRequest, access: Access) -> HttpResponse:
    survey = load_survey(access)
    if not survey.reached_end:
        return _see_other(survey.url(survey.resume_page))
    if request.method == "POST":
        outcome = do_submit(access, read=survey.draft)
        if outcome is Submitted.GONE:
            return plain_page(request)
        if outcome is Submitted.NOTHING:
            return _see_other(survey.url(1))
        response = _see_other("/s/done/")
        if access.kind == "code":
            response.delete_cookie(CODE_COOKIE, path=access.base)
        return response
    rows = [(section_title(survey, s), missing_answers(survey, s)) for s in survey.sections]
    context = {"survey": survey, "rows": review_html(access.base, rows)}
    return render(request, "survey/review.html", context)
