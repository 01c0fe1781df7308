"""Help-desk and CRM exports (Zendesk, Freshdesk, HubSpot, Salesforce) as customer signals.

>>> mapping = load_mapping(Path("mapping.yaml"), unit_ids)
>>> table = read_export(Path("tickets.csv"), "zendesk", mapping, unit_ids)
"""

from eclaire.core.signals.adapters.convert import choose_source, read_export
from eclaire.core.signals.adapters.mapping import Mapping, load_mapping, parse_mapping
from eclaire.core.signals.adapters.sources import FAMILIES, SOURCES

__all__ = [
    "FAMILIES",
    "SOURCES",
    "Mapping",
    "choose_source",
    "load_mapping",
    "parse_mapping",
    "read_export",
]
