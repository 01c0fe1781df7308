"""The HTML of a page's questions and of the review's list of pages, written in Python rather
than by templates.

A page has a few questions and up to about seventy buttons in them. Through the template engine
(an include per question, its conditions and a loop per button) they took almost a third of the
instructions of showing a page (2.9 of 9.5 M) when only the radio questions were written here;
the other kinds (text, rank, unit checkboxes) followed, with the loop over the questions itself.
Every value is escaped as the template engine would (``html.escape``), the catalog's words are not
(as ``{% translate %}`` leaves them); a question in error is marked invalid and its error is tied
to it.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eclaire.web.survey.forms import NA
from eclaire.web.survey.render import Question

NA_CLASS = ' class="na"'


def _error(q: Question) -> str:
    if not q.error:
        return ""
    return (
        f'<p class="err" id="{escape(q.id)}-e"><span class="sr-only">{_("Error:")}</span>'
        f" {escape(q.error)}</p>"
    )


def radio_html(q: Question) -> str:
    """A ``radio`` question: its fieldset, legend, hint, error and buttons."""
    qid, hint = escape(q.id), q.hint
    described = " ".join([f"{qid}-h"] * bool(hint) + [f"{qid}-e"] * bool(q.error))
    invalid = ' aria-invalid="true"' if q.error else ""
    name = escape(q.name)
    radios = "".join(
        f'<label{NA_CLASS if o.value == NA else ""}><input type="radio"'
        f' id="{escape(o.id)}" name="{name}" value="{escape(o.value)}"'
        f"{' checked' if o.checked else ''}{invalid}> {escape(str(o.label))}</label>"
        for o in q.options
    )
    return "".join(
        [
            f'<fieldset class="q{" bad" if q.error else ""}"',
            f' aria-describedby="{described}"' if described else "",
            f"><legend>{escape(str(q.legend))}</legend>\n",
            f'<p class="hint" id="{qid}-h">{escape(str(hint))}</p>' if hint else "",
            _error(q),
            f'\n<div class="opts">{radios}</div></fieldset>\n',
        ]
    )


def text_html(q: Question) -> str:
    """A free-text question: its label, hint with the length allowed, error and text area."""
    qid, bad = escape(q.id), " bad" if q.error else ""
    hint = f"{escape(str(q.hint))} " if q.hint else ""
    most = _("%(n)s characters at most.") % {"n": q.maxlength}
    described = f"{qid}-h {qid}-e" if q.error else f"{qid}-h"
    invalid = ' aria-invalid="true"' if q.error else ""
    return (
        f'<div class="q{bad}"><label for="{qid}">{escape(str(q.legend))}</label>\n'
        f'<p class="hint" id="{qid}-h">{hint}{most}</p>{_error(q)}\n'
        f'<textarea id="{qid}" name="{escape(q.name)}" rows="4" maxlength="{q.maxlength}"'
        f' aria-describedby="{described}"{invalid}>{escape(q.value)}</textarea></div>\n'
    )


def select_html(q: Question) -> str:
    """One priority's rank: its label, error and list of ranks."""
    qid, bad = escape(q.id), " bad" if q.error else ""
    invalid = f' aria-describedby="{qid}-e" aria-invalid="true"' if q.error else ""
    options = "".join(
        f'<option value="{escape(o.value)}"{" selected" if o.checked else ""}>'
        + (_("rank %(n)s") % {"n": escape(str(o.label))} if o.value else _("no rank"))
        + "</option>"
        for o in q.options
    )
    return (
        f'<div class="rank{bad}"><label for="{qid}">{escape(str(q.legend))}</label>{_error(q)}\n'
        f'<select id="{qid}" name="{escape(q.name)}"{invalid}>{options}</select></div>\n'
    )


def checks_html(q: Question) -> str:
    """The units one works with: checkboxes grouped under their parent unit."""
    bad, invalid = (" bad", ' aria-invalid="true"') if q.error else ("", "")
    hint = _(
        "Your own department is not listed. Leave every box empty if you work with none of them."
    )
    groups = "".join(
        f'<fieldset class="grp"><legend>{escape(str(title))}</legend>'
        + "".join(
            f'<label><input type="checkbox" id="{escape(o.id)}" name="units"'
            f' value="{escape(o.value)}"{" checked" if o.checked else ""}{invalid}>'
            f" {escape(str(o.label))}</label>"
            for o in options
        )
        + "</fieldset>"
        for title, options in q.groups
    )
    return (
        f'<fieldset class="q{bad}" aria-describedby="units-h{" units-e" if q.error else ""}">'
        f"<legend>{escape(str(q.legend))}</legend>\n"
        f'<p class="hint" id="units-h">{hint}</p>{_error(q)}\n{groups}</fieldset>\n'
    )


WRITERS: dict[str, Callable[[Question], str]] = {
    "radio": radio_html,
    "text": text_html,
    "select": select_html,
    "checks": checks_html,
}


def questions_html(questions: list[Question], *, ranking: bool) -> SafeString:
    """Every question of a page in order: the ranks side by side in their one fieldset, the
    other questions one after another with a blank line between."""
    end = "" if ranking else "\n"
    return mark_safe("".join(WRITERS[q.kind](q) + end for q in questions))  # noqa: S308  # escaped


def review_html(base: str, rows: list[tuple[str, int]]) -> SafeString:
    """The review's list items: per page (title, answers missing), its link and what it lacks.
    Through the template engine, these seventeen rows took about a third of the review's
    instructions."""
    href = escape(base)
    items = []
    for n, (title, missing) in enumerate(rows, start=1):
        state = (
            "<strong>"
            + ngettext("%(m)s answer missing", "%(m)s answers missing", missing) % {"m": missing}
            + "</strong>"
            if missing
            else _("done")
        )
        items.append(f'<li><a href="{href}p/{n}/">{escape(str(title))}</a> · {state}</li>')
    return mark_safe("".join(items))  # noqa: S308  # every value is escaped
