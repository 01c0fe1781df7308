"""The mapping file a coach edits to turn an export's values into units, kinds and reasons.

```yaml
source: zendesk              # optional: zendesk, freshdesk, hubspot, salesforce
date_format: "%d/%m/%Y"      # optional; by default dates must start with YYYY-MM-DD
columns: {unit: "Groupe"}    # optional: the export's header for a role (see sources.py)
units: {"Support N1": SUP, "Logistique Mâcon": MACON}   # queue, group, team -> unit_id
kinds: {Problem: complaint, "Closed Lost": lost_deal, Prospecting: skip}
reasons: {retard_livraison: delivery.late, "Prix": price.too_high}
handoffs: {transfert_vte_sup: [VTE, SUP]}               # a tag or value -> the interface
satisfaction: {scale: csat, values: {Good: 5, Bad: 1}}
ignore: [vip, newsletter]    # tags that carry nothing for the mirror
```

Keys are compared ignoring letter case and surrounding spaces. ``skip`` as a kind drops the row
(an open deal is not an event). Every problem names the line of the mapping file.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eclaire.core.signals.format import KINDS, SCALES
from eclaire.core.signals.taxonomy import OTHER, Taxonomy, default_taxonomy
from eclaire.core.yaml_lines import DataFileError, Problem, parse_yaml

__all__ = ["SKIP", "Mapping", "load_mapping", "parse_mapping"]

SKIP = "skip"
KEYS = (
    "source",
    "date_format",
    "columns",
    "units",
    "kinds",
    "reasons",
    "handoffs",
    "satisfaction",
    "ignore",
)


def key(value: str) -> str:
    return " ".join(str(value).split()).casefold()


@dataclass(frozen=True)
class Mapping:
    """A parsed mapping; dictionaries are keyed by :func:`key` of the export's value."""

    source: str | None = None
    date_format: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    handoffs: dict[str, tuple[str, str]] = field(default_factory=dict)
    satisfaction_scale: str | None = None
    satisfaction: dict[str, str] = field(default_factory=dict)
    ignore: frozenset[str] = frozenset()
    file: str = "mapping.yaml"


def load_mapping(
    path: Path, unit_ids: Collection[str] | None = None, taxonomy: Taxonomy | None = None
) -> Mapping:
    return parse_mapping(
        Path(path).read_text(encoding="utf-8"), Path(path).name, unit_ids, taxonomy
    )


def parse_mapping(
    text: str,
    name: str = "mapping.yaml",
    unit_ids: Collection[str] | None = None,
    taxonomy: Taxonomy | None = None,
) -> Mapping:
    """Parse and check a mapping; raises ``DataFileError`` listing every problem with its line."""
    doc = parse_yaml(text, name)
    problems: list[Problem] = list(doc.duplicate_keys())
    data = doc.data
    if not isinstance(data, dict):
        raise DataFileError(
            [doc.problem((), "a mapping of keys (units:, reasons:, …) at the top level")]
        )
    for unknown in set(data) - set(KEYS):
        problems.append(
            doc.problem(
                (unknown,), f"unknown key '{unknown}' (allowed: {', '.join(KEYS)})", at_key=True
            )
        )

    def table(name: str) -> dict[Any, Any]:
        value = data.get(name) or {}
        if not isinstance(value, dict):
            problems.append(doc.problem((name,), f"{name}: a list of 'value: target' lines"))
            return {}
        return value

    units_known = set(unit_ids) if unit_ids is not None else None
    taxonomy = taxonomy or default_taxonomy()
    reasons_known = set(taxonomy.codes) | {OTHER}
    units = {}
    for value, unit in table("units").items():
        if units_known is not None and str(unit) not in units_known:
            problems.append(
                doc.problem(
                    ("units", value), f"units: '{unit}' is not a unit_id of the organization"
                )
            )
        units[key(value)] = str(unit)
    kinds = {}
    for value, kind in table("kinds").items():
        if str(kind) not in (*KINDS, SKIP):
            problems.append(
                doc.problem(
                    ("kinds", value), f"kinds: '{kind}' is not one of {', '.join(KINDS)}, skip"
                )
            )
        kinds[key(value)] = str(kind)
    reasons = {}
    for value, reason in table("reasons").items():
        if str(reason).lower() not in reasons_known:
            problems.append(
                doc.problem(
                    ("reasons", value),
                    f"reasons: '{reason}' is not a reason of the taxonomy (family.reason or other)",
                )
            )
        reasons[key(value)] = str(reason).lower()
    handoffs = {}
    for value, pair in table("handoffs").items():
        ok = isinstance(pair, list) and len(pair) == 2 and pair[0] != pair[1]
        if ok and units_known is not None:
            ok = all(str(u) in units_known for u in pair)
        if not ok:
            problems.append(
                doc.problem(
                    ("handoffs", value),
                    "handoffs: two different unit_ids of the organization, [from, to]",
                )
            )
            continue
        handoffs[key(value)] = (str(pair[0]), str(pair[1]))
    columns = {str(role): str(header) for role, header in table("columns").items()}
    sat = table("satisfaction")
    scale = sat.get("scale") if sat else None
    if sat and scale not in SCALES:
        problems.append(doc.problem(("satisfaction",), "satisfaction: scale must be csat or nps"))
    sat_values = {key(v): str(s) for v, s in (sat.get("values") or {}).items()} if sat else {}
    ignore = data.get("ignore") or []
    if not isinstance(ignore, list):
        problems.append(
            doc.problem(("ignore",), "ignore: a list of values, e.g. [vip, newsletter]")
        )
        ignore = []
    if problems:
        raise DataFileError(problems)
    return Mapping(
        source=data.get("source"),
        date_format=data.get("date_format"),
        columns=columns,
        units=units,
        kinds=kinds,
        reasons=reasons,
        handoffs=handoffs,
        satisfaction_scale=scale,
        satisfaction=sat_values,
        ignore=frozenset(key(v) for v in ignore),
        file=name,
    )
