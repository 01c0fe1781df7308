"""``render_html`` and ``render_pdf``: a result in, one self-contained document out.

No Django here: Jinja2 templates in ``eclaire/data/report/templates`` with autoescaping on, CSS
and SVG charts inline, no script and no external resource, so the HTML file opens anywhere and
WeasyPrint prints it on A4 without fetching anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib.resources import files
from typing import Any

import jinja2
from markupsafe import Markup

from eclaire.core.result.findings import FIRST_SCREEN, all_findings, headline_findings
from eclaire.report.catalogue import check_lang
from eclaire.report.pdf import html_to_pdf
from eclaire.report.summary import index_block, questions
from eclaire.report.view import ResultView
from eclaire.report.view_links import gaps_section, interfaces_section
from eclaire.report.view_map import map_section, select_units, symptom_grid, unit_table
from eclaire.report.view_messages import messages_section
from eclaire.report.view_method import glossary, method_section
from eclaire.report.view_other import priorities_section, symptoms_chart, trend_section

MONTHS = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
FIRST_CONVERSATION_KEYS = ("who", "with_whom", "about", "why_now", "format")
RECOMMENDATION_KEYS = ("lever", "target", "evidence", "strength", "urgency")


def _templates_dir() -> str:
    return str(files("eclaire").joinpath("data", "report", "templates"))


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_templates_dir()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=tie,
    )


def tie(value: Any) -> Any:
    """Keep ``n = 597`` and ``g = −1.18`` on one line, and French punctuation on its word."""
    if type(value) is not str:  # Markup (SVG charts) and numbers pass unchanged
        return value
    value = value.replace(" = ", "\u00a0=\u00a0")
    for mark in (" ;", " :", " %", " ?", " !"):
        value = value.replace(mark, "\u202f" + mark[1])
    return value


def _css() -> Markup:
    source = files("eclaire").joinpath("data", "report", "templates", "report.css")
    return Markup(source.read_text(encoding="utf-8"))  # ours, shipped with the package


def format_date(value: dt.date | str | None, lang: str) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return str(value)
    month = MONTHS[lang][value.month - 1]
    return (
        f"{value.day} {month} {value.year}"
        if lang == "fr"
        else f"{month} {value.day}, {value.year}"
    )


def _first_conversation(data: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The hook filled from the levers: plain texts only, opening questions as a list."""
    if not data:
        return None
    out: dict[str, Any] = {key: str(data.get(key) or "") for key in FIRST_CONVERSATION_KEYS}
    for key in ("opening_questions", "listen_for"):
        raw = data.get(key) or []
        out[key] = [str(q) for q in ([raw] if isinstance(raw, str) else raw)]
    out["closing"] = str(data.get("closing") or "")
    return out


def _recommendations(data: Sequence[Mapping[str, Any]] | None) -> list[dict[str, str]]:
    return [{key: str(item.get(key) or "") for key in RECOMMENDATION_KEYS} for item in data or []]


def _cover(
    view: ResultView,
    org_name: str,
    campaign_name: str,
    period: tuple[Any, Any],
    generated_on: dt.date,
) -> dict[str, str]:
    t, f, lang = view.cat.t, view.fmt, view.cat.lang
    start, end = (format_date(d, lang) for d in period)
    instrument = view.r.get("instrument") or {}
    return {
        "org": org_name,
        "campaign": campaign_name,
        "period": t("cover.from_to", start=start, end=end) if start and end else start or end,
        "generated": format_date(generated_on, lang),
        "respondents": t(
            "cover.respondents_value",
            n=f.count(view.r.get("n_responses")),
            m=f.count(view.r.get("n_self_assessments")),
        ),
        "threshold": t("cover.threshold_value", k=view.k),
        "instrument": f"{instrument.get('id', '?')} v{instrument.get('version', '?')}",
        "promise": t("cover.promise", k=view.k),
    }


def build_context(
    result: Mapping[str, Any],
    *,
    lang: str,
    org_name: str,
    campaign_name: str,
    period: tuple[Any, Any] = (None, None),
    generated_on: dt.date | None = None,
    first_conversation: Mapping[str, Any] | None = None,
    recommendations: Sequence[Mapping[str, Any]] | None = None,
    external_mirror: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything the template shows, already formatted; hidden groups carry their n only.

    ``external_mirror``: the section of :func:`eclaire.core.signals.section.mirror_section`
    (customer signals beside the internal map), when the campaign has customer signals.
    """
    view = ResultView(result, check_lang(lang))
    selection = select_units(view)
    findings = headline_findings(view, lang)
    return {
        "lang": lang,
        "t": view.cat.t,
        "css": _css(),
        "cover": _cover(view, org_name, campaign_name, period, generated_on or dt.date.today()),
        "index": index_block(view),
        "findings": findings[:FIRST_SCREEN],
        "more_findings": findings[FIRST_SCREEN:],
        "first_conversation": _first_conversation(first_conversation),
        "recommendations": _recommendations(recommendations),
        "map": map_section(view, selection),
        "interfaces": interfaces_section(view),
        "gaps": gaps_section(view),
        "priorities": priorities_section(view),
        "key_messages": messages_section(view),
        "symptoms": symptoms_chart(view),
        "symptom_grid": symptom_grid(view, selection),
        "trend": trend_section(view),
        "questions": questions(view, all_findings(view, lang)),
        "method": method_section(view),
        "units_table": unit_table(view),
        "glossary": glossary(view),
        "mirror": external_mirror,
    }


def render_html(
    result: Mapping[str, Any],
    *,
    lang: str = "fr",
    org_name: str,
    campaign_name: str,
    period: tuple[Any, Any] = (None, None),
    generated_on: dt.date | None = None,
    first_conversation: Mapping[str, Any] | None = None,
    recommendations: Sequence[Mapping[str, Any]] | None = None,
    external_mirror: Mapping[str, Any] | None = None,
) -> str:
    """The report as one self-contained HTML document (inline CSS and SVG, no script).

    ``period`` is the survey's (opens, closes) dates (``date`` or ISO text, either may be None).
    ``first_conversation`` (keys ``who``, ``with_whom``, ``about``, ``why_now``, ``format``,
    ``opening_questions``, ``listen_for``, ``closing``) and ``recommendations`` (keys ``lever``, ``target``, ``evidence``,
    ``strength``, ``urgency``) are filled from the levers when available.
    """
    context = build_context(
        result,
        lang=lang,
        org_name=org_name,
        campaign_name=campaign_name,
        period=period,
        generated_on=generated_on,
        first_conversation=first_conversation,
        recommendations=recommendations,
        external_mirror=external_mirror,
    )
    return environment().get_template("report.html.j2").render(context)


def render_pdf(html: str) -> bytes:
    """The HTML of :func:`render_html` printed on A4 (raises :class:`PdfUnavailable`)."""
    return html_to_pdf(html)
