"""Customer signals: the external mirror from help-desk and CRM exports.

- :mod:`.reading`: the canonical signal file (CSV/XLSX), validated whole (``docs/formats.md``);
- :mod:`.adapters`: Zendesk, Freshdesk, HubSpot and Salesforce exports mapped to it with a
  mapping file the coach edits;
- :mod:`.measures`: per unit, per interface and per period, with the k rule;
- :mod:`.contradictions`: contradictory messages told to customers;
- :mod:`.mirror`: customer signals beside the internal scores (rank correlation, findings).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eclaire.core.signals.contradictions import Contradiction, find_contradiction
    from eclaire.core.signals.measures import RATES, SignalMeasures, measure_signals
    from eclaire.core.signals.reading import SignalsTable, read_signals

__all__ = [
    "RATES",
    "Contradiction",
    "SignalMeasures",
    "SignalsTable",
    "find_contradiction",
    "measure_signals",
    "read_signals",
]

# The names above are imported on first use: ``eclaire analyze`` imports
# :mod:`.echo` (the echo rules) without needing the commitment extractor behind
# :mod:`.contradictions`, whose patterns take a tenth of a second to compile.
_HOME = {
    "Contradiction": "contradictions",
    "find_contradiction": "contradictions",
    "RATES": "measures",
    "SignalMeasures": "measures",
    "measure_signals": "measures",
    "SignalsTable": "reading",
    "read_signals": "reading",
}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
