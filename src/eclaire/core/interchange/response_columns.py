"""The columns of a responses file, recognized against the instrument.

``unit_id`` and the segment columns; ``<item_code>`` for likert, frequency and choice items;
``if:<to_unit_id>:<item_code>`` for interface ratings; ``rank:<priority_code>`` for ranks;
``text:<item_code>`` for free text. Any other column is a problem, with the nearest valid name.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from eclaire.core.instrument import Instrument, Item
from eclaire.core.interchange.checks import did_you_mean
from eclaire.core.interchange.problems import ProblemLog
from eclaire.core.interchange.reading import RawTable

SEGMENT_COLUMNS = ("role", "tenure_band", "contract", "customer_facing")
META_COLUMNS = ("unit_id", *SEGMENT_COLUMNS, "self")


@dataclass(frozen=True)
class InterfaceColumn:
    column: str
    to_unit: str
    item: Item


@dataclass(frozen=True)
class ResponseColumns:
    """The recognized columns: items, ranks and texts in the instrument's order, interfaces as in the file."""

    items: tuple[tuple[str, Item], ...]
    interfaces: tuple[InterfaceColumn, ...]
    ranks: tuple[str, ...]
    texts: tuple[str, ...]
    priorities: tuple[str, ...]


def classify_columns(
    table: RawTable,
    log: ProblemLog,
    instrument: Instrument,
    unit_ids: Collection[str],
    priorities: tuple[str, ...],
) -> ResponseColumns:
    """Sort the file's columns into groups; report unknown ones with a suggestion."""
    plain = {i.code: i for i in instrument.respondent_items}
    interface = {i.code: i for i in instrument.interface_items}
    texts = [f"text:{i.code}" for i in instrument.text_items]
    ranks = [f"rank:{code}" for code in priorities]
    known = [*META_COLUMNS, *plain, *texts, *ranks]
    found_interfaces: list[InterfaceColumn] = []
    if "unit_id" not in table.positions:
        log.add(
            f"a column named 'unit_id' (required in responses){did_you_mean('unit_id', table.positions)}",
            row=table.header_row,
            column="unit_id",
        )
    for name in table.positions:
        if name in known:
            continue
        if name.startswith("if:"):
            found = _interface_column(table, log, name, interface, unit_ids)
            if found is not None:
                found_interfaces.append(found)
            continue
        log.add(_unknown_text(name, known, instrument), row=table.header_row, column=name)
    return ResponseColumns(
        items=tuple((c, i) for c, i in plain.items() if c in table.positions),
        interfaces=tuple(found_interfaces),
        ranks=tuple(c for c in ranks if c in table.positions),
        texts=tuple(c for c in texts if c in table.positions),
        priorities=priorities,
    )


def _interface_column(
    table: RawTable,
    log: ProblemLog,
    name: str,
    interface: dict[str, Item],
    unit_ids: Collection[str],
) -> InterfaceColumn | None:
    parts = name.split(":")
    row = table.header_row
    if len(parts) != 3 or not parts[1] or not parts[2]:
        log.add(
            "an interface column named if:<to_unit_id>:<item_code>",
            row=row,
            column=name,
            value=name,
        )
        return None
    _, to_unit, code = parts
    if code not in interface:
        choices = ", ".join(interface) or "none in this instrument"
        log.add(
            f"an interface item code ({choices}){did_you_mean(code, interface)}",
            row=row,
            column=name,
            value=code,
        )
    if to_unit not in unit_ids:
        log.add(
            f"the unit_id of a unit of the organization{did_you_mean(to_unit, unit_ids)}",
            row=row,
            column=name,
            value=to_unit,
        )
    if code not in interface or to_unit not in unit_ids:
        return None
    return InterfaceColumn(name, to_unit, interface[code])


def _unknown_text(name: str, known: list[str], instrument: Instrument) -> str:
    codes = {i.code: i for i in instrument.iter_items()}
    item = codes.get(name)
    if item is not None and item.kind == "interface":
        return f"interface ratings in columns named if:<to_unit_id>:{name}"
    if item is not None and item.kind == "ranking":
        return f"ranks in columns named rank:<priority_code>, not {name}"
    if name.startswith("rank:"):
        return f"a rank column of a declared priority{did_you_mean(name, [k for k in known if k.startswith('rank:')])}"
    return f"a column of the instrument {instrument.id!r} or a segment column{did_you_mean(name, known)}"
