"""What a page template needs, built from a bound form: plain objects, no logic left to templates."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from eclaire.core.instrument import Item
from eclaire.web.survey.forms import (
    ABOUT_FIELDS,
    MAX_TEXT,
    NA,
    UNITS_FIELD,
    PageForm,
    _about_choices,
)
from eclaire.web.survey.sections import Section, column


@dataclass
class Option:
    value: str
    label: str
    id: str
    checked: bool = False


@dataclass
class Question:
    kind: str
    """``radio``, ``text``, ``select`` (one rank) or ``checks`` (grouped checkboxes)."""
    name: str
    id: str
    legend: str
    hint: str = ""
    options: list[Option] = field(default_factory=list)
    groups: list[tuple[str, list[Option]]] = field(default_factory=list)
    error: str = ""
    value: str = ""
    maxlength: int = MAX_TEXT

    @property
    def focus_id(self) -> str:
        """Where the error summary's link lands: the first control of the question."""
        if self.options:
            return self.options[0].id
        if self.groups and self.groups[0][1]:
            return self.groups[0][1][0].id
        return self.id


def _current(form: PageForm, name: str) -> Any:
    return form.data.get(name) if form.is_bound else form.initial.get(name)


def _radio(
    form: PageForm, name: str, qid: str, legend: str, choices: list[tuple[str, str]]
) -> Question:
    current = _current(form, name)
    options = [
        Option(v, label, f"{qid}-{j}", str(current) == v) for j, (v, label) in enumerate(choices)
    ]
    return Question("radio", name, qid, legend, options=options)


def _scale_choices(form: PageForm, item: Item) -> list[tuple[str, str]]:
    instrument, lang = form.survey.instrument, form.survey.lang
    scale = instrument.scale_of(item)
    labels = scale.labels.get(lang) or scale.labels.get(instrument.languages[0])
    values = range(scale.min, scale.max + 1)
    choices = [(str(v), labels[i] if labels else str(v)) for i, v in enumerate(values)]
    if item.not_applicable:
        choices.append((NA, _("Not applicable")))
    return choices


def _item_question(form: PageForm, section: Section, item: Item, qid: str) -> Question:
    instrument, lang = form.survey.instrument, form.survey.lang
    name = column(section, item)
    wording = item.self_text if section.kind == "self" and item.self_text else item.text
    legend, hint = instrument.text(wording, lang), instrument.text(item.hint, lang)
    if item.kind == "text":
        value = _current(form, name) or ""
        return Question("text", name, qid, legend, hint, value=str(value))
    if item.kind == "choice":
        choices = [(o.code, instrument.text(o.label, lang)) for o in item.options]
    else:
        choices = _scale_choices(form, item)
    question = _radio(form, name, qid, legend, choices)
    question.hint = hint
    return question


def _about_questions(form: PageForm) -> list[Question]:
    legends = {
        "tenure_band": _("How long have you been with the organization?"),
        "contract": _("What kind of contract do you have?"),
        "customer_facing": _("Are you in contact with customers in your job?"),
    }
    return [
        _radio(
            form,
            name,
            f"q{i}",
            legends[name],
            [(str(v), str(lbl)) for v, lbl in _about_choices(name)],
        )
        for i, name in enumerate(ABOUT_FIELDS)
    ]


def _pick_question(form: PageForm) -> Question:
    current = (
        set(form.data.getlist(UNITS_FIELD))  # type: ignore[attr-defined]
        if form.is_bound
        else set(form.initial.get(UNITS_FIELD, []))
    )
    names = {u.code: u.name for u in form.survey.units}
    groups: dict[str | None, list[Option]] = {}
    for j, unit in enumerate(form.survey.units):
        groups.setdefault(unit.parent, []).append(
            Option(unit.code, unit.name, f"u{j}", unit.code in current)
        )
    top = _("Main departments")
    ordered = [(names.get(p, top) if p else top, opts) for p, opts in groups.items()]
    limit = form.survey.instrument.interface_max_units
    legend = _("Which departments do you work with regularly? Choose %(limit)d at most.") % {
        "limit": limit
    }
    return Question("checks", UNITS_FIELD, "units", legend, groups=ordered)


def _ranking_questions(form: PageForm) -> list[Question]:
    ranks = [("", "—")] + [(str(n), str(n)) for n in range(1, len(form.survey.priorities) + 1)]
    out = []
    for i, (code, label) in enumerate(form.survey.priorities):
        name = f"rank:{code}"
        current = str(_current(form, name) or "")
        options = [Option(v, lbl, "", current == v) for v, lbl in ranks]
        out.append(Question("select", name, f"r{i}", label, options=options))
    return out


def page_questions(form: PageForm) -> list[Question]:
    section = form.section
    if section.kind == "about":
        questions = _about_questions(form)
    elif section.kind == "pick":
        questions = [_pick_question(form)]
    elif section.kind == "ranking":
        questions = _ranking_questions(form)
    else:
        questions = [
            _item_question(form, section, item, f"q{i}") for i, item in enumerate(section.items)
        ]
    if form.is_bound:
        for q in questions:
            q.error = " ".join(str(e) for e in form.errors.get(q.name, []))
    return questions
