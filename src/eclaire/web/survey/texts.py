"""The heading and introduction of each page, in the active language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from eclaire.web.survey.flow import Survey
from eclaire.web.survey.sections import FIRST_CONVERSATION, Section


def section_title(survey: Survey, section: Section) -> str:
    instrument, lang = survey.instrument, survey.lang
    if section.kind == "about":
        return _("About you")
    if section.kind == "pick":
        return _("Departments you work with")
    if section.kind == "interface" and section.unit is not None:
        return _("Working with: %(unit)s") % {"unit": section.unit.name}
    if section.kind == "ranking":
        return _("Priorities in practice")
    if section.kind == "self" and section.dimension is not None:
        return _("Your view as a manager: %(name)s") % {
            "name": instrument.text(section.dimension.name, lang)
        }
    if section.kind == "texts":
        if section.items and section.items[0].code == FIRST_CONVERSATION:
            return _("The first conversation")
        return _("In your own words")
    if section.dimension is not None:
        return instrument.text(section.dimension.name, lang)
    return ""


def section_intro(survey: Survey, section: Section) -> str:
    instrument, lang = survey.instrument, survey.lang
    if section.kind == "about":
        return _(
            "These questions are optional. They are used only to compare broad groups, never shown "
            "for fewer than %(k)d people, and dropped if they would single you out."
        ) % {"k": survey.k}
    if section.kind == "interface":
        return _("How does your work with this department go, from where you stand?")
    if section.kind == "ranking":
        ranking = instrument.ranking
        return instrument.text(ranking.hint, lang) if ranking else ""
    if section.kind == "self":
        if not section.first_of_dimension:
            return ""
        return _(
            "Optional. Answer about your team as a whole: your view is compared with your team's, "
            "never shown next to any one person's answers."
        )
    if section.kind in ("items", "pick") and section.first_of_dimension and section.dimension:
        return instrument.text(section.dimension.description, lang)
    return ""
