"""The instrument: scales, dimensions, items and questions, as plain frozen dataclasses.

An instrument is loaded from a YAML file (see ``eclaire.core.instrument_loader``) and is the
contract between the survey, the interchange files and the analysis:

- a *scored* item (kind ``likert``, ``frequency`` or ``interface``) belongs to a dimension and is
  answered on an integer scale; ``reverse`` items are scored ``(min + max) - x`` before analysis;
- an *unscored* question (kind ``choice``, ``ranking`` or ``text``) stands outside the dimensions.

Column names in a responses table follow the item kinds:
``<item_code>`` for likert, frequency and choice; ``if:<to_unit_id>:<item_code>`` for interface
ratings; ``rank:<priority_code>`` for the rank a respondent gave; ``text:<item_code>`` for free text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

ItemKind = Literal["likert", "frequency", "choice", "ranking", "text", "interface"]
SCORED_KINDS: frozenset[str] = frozenset({"likert", "frequency", "interface"})
Family = Literal["clarity", "pillar", "symptom", "external", "interface", "other"]

Text = dict[str, str]
"""A text in several languages: ``{"fr": "...", "en": "..."}``."""


@dataclass(frozen=True)
class Scale:
    code: str
    min: int
    max: int
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def points(self) -> int:
        return self.max - self.min + 1

    @property
    def top_two(self) -> tuple[int, int]:
        """The two most favourable answers (used for the share favourable)."""
        return (self.max - 1, self.max)

    def reverse(self, value: float) -> float:
        return self.min + self.max - value


@dataclass(frozen=True)
class Option:
    code: str
    label: Text


@dataclass(frozen=True)
class Item:
    code: str
    text: Text
    kind: ItemKind = "likert"
    scale: str | None = None
    reverse: bool = False
    dimension: str | None = None
    not_applicable: bool = False
    """Whether "not applicable" is offered for this item."""
    self_text: Text | None = None
    """The wording of the manager self-assessment variant; ``None`` if the item is not in it."""
    options: tuple[Option, ...] = ()
    """Choices of a ``choice`` item, default priorities of a ``ranking`` item."""
    hint: Text | None = None
    """A short help shown under the question (for example: do not name anyone)."""
    key_message: bool = False
    """A text question whose answers are compared across units (message drift)."""

    @property
    def scored(self) -> bool:
        return self.kind in SCORED_KINDS


@dataclass(frozen=True)
class Dimension:
    code: str
    name: Text
    family: Family
    items: tuple[Item, ...]
    description: Text | None = None


@dataclass(frozen=True)
class Instrument:
    id: str
    version: int
    languages: tuple[str, ...]
    scales: dict[str, Scale]
    dimensions: tuple[Dimension, ...]
    questions: tuple[Item, ...] = ()
    """Unscored questions: choice, ranking, text."""
    title: Text | None = None
    interface_max_units: int = 5

    # -- lookups -------------------------------------------------------------------------------
    def iter_items(self) -> Iterator[Item]:
        for dim in self.dimensions:
            yield from dim.items
        yield from self.questions

    def item(self, code: str) -> Item:
        for it in self.iter_items():
            if it.code == code:
                return it
        raise KeyError(code)

    def dimension(self, code: str) -> Dimension:
        for dim in self.dimensions:
            if dim.code == code:
                return dim
        raise KeyError(code)

    def scale_of(self, item: Item) -> Scale:
        if item.scale is None:
            raise ValueError(f"item {item.code!r} has no scale")
        return self.scales[item.scale]

    @property
    def dimensions_by_family(self) -> dict[str, tuple[Dimension, ...]]:
        out: dict[str, list[Dimension]] = {}
        for dim in self.dimensions:
            out.setdefault(dim.family, []).append(dim)
        return {k: tuple(v) for k, v in out.items()}

    @property
    def respondent_items(self) -> tuple[Item, ...]:
        """Items answered as plain columns (likert, frequency, choice)."""
        return tuple(i for i in self.iter_items() if i.kind in ("likert", "frequency", "choice"))

    @property
    def interface_items(self) -> tuple[Item, ...]:
        return tuple(i for i in self.iter_items() if i.kind == "interface")

    @property
    def ranking(self) -> Item | None:
        return next((i for i in self.questions if i.kind == "ranking"), None)

    @property
    def text_items(self) -> tuple[Item, ...]:
        return tuple(i for i in self.questions if i.kind == "text")

    @property
    def key_message_items(self) -> tuple[Item, ...]:
        """Text questions compared across units: the key messages."""
        return tuple(i for i in self.questions if i.kind == "text" and i.key_message)

    @property
    def self_items(self) -> tuple[Item, ...]:
        """Items of the manager self-assessment variant."""
        return tuple(i for i in self.iter_items() if i.self_text is not None)

    def text(self, value: Text | None, lang: str) -> str:
        """The text in ``lang``, falling back to the instrument's first language."""
        if not value:
            return ""
        return value.get(lang) or value.get(self.languages[0]) or next(iter(value.values()))
