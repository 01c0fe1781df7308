"""Customer signals: the external mirror from help-desk and CRM exports.

- :mod:`.reading`: the canonical signal file (CSV/XLSX), validated whole (``docs/formats.md``);
- :mod:`.adapters`: Zendesk, Freshdesk, HubSpot and Salesforce exports mapped to it with a
  mapping file the coach edits;
- :mod:`.measures`: per unit, per interface and per period, with the k rule;
- :mod:`.contradictions`: contradictory messages told to customers;
- :mod:`.mirror`: customer signals beside the internal scores (rank correlation, findings).
"""

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
