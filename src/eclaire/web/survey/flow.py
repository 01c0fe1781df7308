"""One respondent's survey as it stands: instrument, draft, units, priorities and pages."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet
from django.utils import translation

from eclaire.core.instrument import Instrument as CoreInstrument
from eclaire.web.campaigns.models import Campaign
from eclaire.web.campaigns.services import core_instrument
from eclaire.web.campaigns.units import campaign_units as frozen_units
from eclaire.web.survey.access import DRAFT_COLUMNS, Access
from eclaire.web.survey.compiled import compile_once, hot_cursor
from eclaire.web.survey.models import Draft
from eclaire.web.survey.sealing import DraftContent, unseal
from eclaire.web.survey.sections import Section, Unit, build_sections


@dataclass
class Survey:
    access: Access
    instrument: CoreInstrument
    draft: Draft
    units: list[Unit]
    """The campaign's units a respondent may rate (their own excluded), in tree order."""
    priorities: list[tuple[str, str]]
    """(code, label) of the ranking options, in the campaign's declared order."""
    sections: list[Section]

    @functools.cached_property
    def lang(self) -> str:
        """The instrument's language for this request (read once: every question asks it)."""
        lang = (translation.get_language() or "fr")[:2]
        return lang if lang in self.instrument.languages else self.instrument.languages[0]

    @property
    def k(self) -> int:
        return int(settings.ECLAIRE_MIN_GROUP)

    @property
    def total(self) -> int:
        return len(self.sections)

    def url(self, page: int | str) -> str:
        return f"{self.access.base}p/{page}/" if isinstance(page, int) else self.access.base + page

    @property
    def resume_page(self) -> int:
        """The first page not saved yet (or the last page once all are saved)."""
        return min(self.draft.page + 1, self.total)

    @property
    def reached_end(self) -> bool:
        return self.draft.page >= self.total


def campaign_units(campaign: Campaign) -> list[Unit]:
    """The unit tree frozen when the campaign opened (or the live tree if none was frozen)."""
    return [
        Unit(r["unit_id"] or "", r["name"] or "", r["parent_id"]) for r in frozen_units(campaign)
    ]


def _priorities(campaign: Campaign, instrument: CoreInstrument, lang: str) -> list[tuple[str, str]]:
    ranking = instrument.ranking
    if ranking is None:
        return []
    labels = {o.code: instrument.text(o.label, lang) for o in ranking.options}
    declared = [c for c in campaign.declared_priorities or [] if isinstance(c, str)]
    return [(code, labels.get(code, code)) for code in declared or list(labels)]


def _sections(
    access: Access, instrument: CoreInstrument, draft: Draft, units: list[Unit]
) -> list[Section]:
    picked = [u for u in units if u.code in set(draft.interface_units)]
    return build_sections(
        instrument, ask_about=access.asks_about, is_manager=access.is_manager, picked=picked
    )


@compile_once
def _draft_query(key_hash: str) -> QuerySet[Any, Any]:
    return Draft.objects.filter(key_hash=key_hash).values_list(*DRAFT_COLUMNS)[:1]


Converter = Callable[[Any, Any, Any], Any]


@functools.cache
def _converters(vendor: str) -> tuple[tuple[Any, tuple[Converter, ...]], ...]:
    """Per draft column, what turns the database's value into the model's (JSON text → dict)."""
    del vendor  # part of the cache key only
    out = []
    for f in Draft._meta.concrete_fields:
        col = f.get_col(Draft._meta.db_table)
        own = f.get_db_converters(connection)  # type: ignore[attr-defined]  # missing in stubs
        out.append((col, (*connection.ops.get_db_converters(col), *own)))
    return tuple(out)


def draft_from_row(row: tuple[Any, ...] | None) -> Draft | None:
    """The draft of raw ``DRAFT_COLUMNS`` values (None, or all None: there is none yet)."""
    if row is None or row[DRAFT_COLUMNS.index("id")] is None:
        return None
    values = []
    for value, (col, converters) in zip(row, _converters(connection.vendor), strict=True):
        for convert in converters:
            value = convert(value, col, connection)
        values.append(value)
    return Draft.from_db(connection.alias, list(DRAFT_COLUMNS), values)


def _read_draft(access: Access, *, fresh: bool) -> Draft | None:
    if access.draft_row is not None and not fresh:
        return draft_from_row(access.draft_row)  # read with the secret, one statement less
    with hot_cursor() as cursor:
        cursor.execute(*_draft_query(access.key_hash))
        return draft_from_row(cursor.fetchone())


def load_survey(access: Access, *, fresh: bool = False) -> Survey:
    """The survey as it stands; ``fresh`` reads the draft again instead of the one read with the
    secret at the start of the request (after a save refused as stale)."""
    instrument = core_instrument(access.campaign.instrument)
    draft = _read_draft(access, fresh=fresh)
    if draft is None:
        draft = Draft(campaign=access.campaign, key_hash=access.key_hash, unit=access.unit)
        draft.content = DraftContent(attributes=dict(access.roster))
    else:
        draft.content = unseal(access.keys, access.campaign.pk, draft.sealed)
    units = [u for u in campaign_units(access.campaign) if u.code != access.unit.code]
    lang = (translation.get_language() or "fr")[:2]
    return Survey(
        access,
        instrument,
        draft,
        units,
        _priorities(access.campaign, instrument, lang),
        _sections(access, instrument, draft, units),
    )


def with_draft(survey: Survey, draft: Draft) -> Survey:
    """The survey after a save: the units picked in the draft decide the rating pages."""
    sections = _sections(survey.access, survey.instrument, draft, survey.units)
    return replace(survey, draft=draft, sections=sections)
