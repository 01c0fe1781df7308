"""The pages of the survey, built from the campaign's frozen instrument and the draft.

A *section* is one page: a few items of one dimension, the choice of units worked with, the
ratings of one picked unit, the ranking, the free-text questions, and for a manager the
self-assessment. The list depends on the draft (one page per picked unit), so page numbers are
recomputed on every request; answers are keyed by column name, never by page, and survive it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Literal

from eclaire.core.instrument import Dimension, Instrument, Item

SectionKind = Literal["about", "items", "pick", "interface", "ranking", "texts", "self"]
MAX_ITEMS_PER_PAGE = 5
FIRST_CONVERSATION = "FIRST_CONVERSATION"
SELF_PREFIX = "self:"


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    parent: str | None


@dataclass(frozen=True)
class Section:
    kind: SectionKind
    key: str
    items: tuple[Item, ...] = ()
    dimension: Dimension | None = None
    unit: Unit | None = None
    first_of_dimension: bool = True
    columns: tuple[str, ...] = field(default=())

    @property
    def required(self) -> bool:
        """Scored items must be answered on team pages; the self-assessment is optional."""
        return self.kind in ("items", "interface")


def column(section: Section, item: Item) -> str:
    """The responses-format column of an item on this page (draft key for self answers)."""
    if section.kind == "interface" and section.unit is not None:
        return f"if:{section.unit.code}:{item.code}"
    if section.kind == "self":
        return f"{SELF_PREFIX}{item.code}"
    if item.kind == "text":
        return f"text:{item.code}"
    return item.code


def _chunks(items: tuple[Item, ...]) -> list[tuple[Item, ...]]:
    """Split evenly into pages of at most MAX_ITEMS_PER_PAGE (7 → 4 + 3, not 5 + 2)."""
    pages = -(-len(items) // MAX_ITEMS_PER_PAGE)
    size = -(-len(items) // pages) if pages else 0
    return [items[i : i + size] for i in range(0, len(items), size)] if size else []


def _with_columns(section: Section) -> Section:
    cols = tuple(column(section, item) for item in section.items)
    return Section(
        section.kind,
        section.key,
        section.items,
        section.dimension,
        section.unit,
        section.first_of_dimension,
        cols,
    )


def _dimension_sections(instrument: Instrument) -> list[Section]:
    out = []
    for dim in instrument.dimensions:
        if dim.family == "interface":
            continue
        for n, chunk in enumerate(_chunks(dim.items)):
            out.append(Section("items", f"{dim.code}.{n}", chunk, dim, first_of_dimension=n == 0))
    return out


def _question_sections(instrument: Instrument) -> list[Section]:
    out = []
    ranking = instrument.ranking
    if ranking is not None:
        out.append(Section("ranking", "rank", (ranking,)))
    others = tuple(q for q in instrument.questions if q.kind == "choice")
    texts = tuple(
        q for q in instrument.questions if q.kind == "text" and q.code != FIRST_CONVERSATION
    )
    if others:
        out.append(Section("texts", "choices", others))
    for n, chunk in enumerate(_chunks(texts)):
        out.append(Section("texts", f"texts.{n}", chunk))
    first = tuple(q for q in instrument.questions if q.code == FIRST_CONVERSATION)
    if first:
        out.append(Section("texts", "first", first))
    return out


def _self_sections(instrument: Instrument) -> list[Section]:
    out = []
    for dim in instrument.dimensions:
        items = tuple(i for i in dim.items if i.self_text is not None)
        for n, chunk in enumerate(_chunks(items)):
            out.append(
                Section("self", f"self.{dim.code}.{n}", chunk, dim, first_of_dimension=n == 0)
            )
    return out


class ByIdentity:
    """Objects as a cache key, by identity: hashing an instrument or a section by its contents
    would cost more than what it keys. An instrument is parsed once per stored version and
    process (``core_instrument``) and the pages that depend on it alone are built once
    (``_fixed_sections``), so the same objects come back on every request. The cache holds the
    key, hence the objects, so their identities are not reused while cached."""

    __slots__ = ("objs",)

    def __init__(self, *objs: object) -> None:
        self.objs = objs

    def __hash__(self) -> int:
        return hash(tuple(id(o) for o in self.objs))

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, ByIdentity)
            and len(other.objs) == len(self.objs)
            and all(a is b for a, b in zip(other.objs, self.objs, strict=True))
        )


@dataclass(frozen=True)
class _Fixed:
    """The pages that depend on the instrument only."""

    dimensions: tuple[Section, ...]
    questions: tuple[Section, ...]
    self_assessment: tuple[Section, ...]


FIXED_KINDS = ("items", "texts", "self")
"""The kinds of the pages that depend on the instrument only: the same objects every time."""
SHARED_KINDS = (*FIXED_KINDS, "interface")
"""The kinds of the pages that are the same objects from one request to the next: those of the
instrument alone, and the rating pages of a unit (per instrument and unit, ``_rating_section``)."""


@functools.lru_cache(maxsize=32)
def _fixed_sections(key: ByIdentity) -> _Fixed:
    """Built once per instrument and process: every survey request lists its pages."""
    (instrument,) = key.objs
    if not isinstance(instrument, Instrument):
        raise TypeError(f"expected an instrument, got {type(instrument).__name__}")
    return _Fixed(
        tuple(_with_columns(s) for s in _dimension_sections(instrument)),
        tuple(_with_columns(s) for s in _question_sections(instrument)),
        tuple(_with_columns(s) for s in _self_sections(instrument)),
    )


@functools.lru_cache(maxsize=1024)
def _rating_section(key: ByIdentity, unit: Unit) -> Section:
    """The page rating ``unit`` on the interface dimension of an instrument (``key``), built
    once per process and unit: the pages of every respondent who picked it."""
    (dim,) = key.objs
    if not isinstance(dim, Dimension):
        raise TypeError(f"expected a dimension, got {type(dim).__name__}")
    return _with_columns(Section("interface", f"if.{unit.code}", dim.items, dim, unit))


def _interface_sections(instrument: Instrument, picked: list[Unit]) -> list[Section]:
    dim = next((d for d in instrument.dimensions if d.family == "interface"), None)
    if dim is None:
        return []
    key = ByIdentity(dim)  # a dimension of the instrument parsed once per process
    return [_with_columns(Section("pick", "pick", (), dim))] + [
        _rating_section(key, u) for u in picked
    ]


def build_sections(
    instrument: Instrument, *, ask_about: bool, is_manager: bool, picked: list[Unit]
) -> list[Section]:
    """Every page of this respondent's survey, in order."""
    fixed = _fixed_sections(ByIdentity(instrument))
    sections = [_with_columns(Section("about", "about"))] if ask_about else []
    sections += fixed.dimensions
    sections += _interface_sections(instrument, picked)
    sections += fixed.questions
    if is_manager:
        sections += fixed.self_assessment
    return sections


def ranking_columns(options: list[str]) -> tuple[str, ...]:
    return tuple(f"rank:{code}" for code in options)
