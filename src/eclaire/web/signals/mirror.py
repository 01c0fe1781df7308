"""The external mirror of a campaign for a page, the overview block and the report.

The measures are computed from the stored signals and the stored result, then kept in a small
in-process cache keyed by what they depend on (the signals' count and last id, the result's
fingerprint, the language), so a page view does not re-read thousands of verbatims.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from django.db.models import Count, Max

from eclaire.core.result.view import ResultView
from eclaire.core.signals import measure_signals
from eclaire.core.signals.section import mirror_section
from eclaire.web.campaigns.models import Campaign
from eclaire.web.results.stored import load_result
from eclaire.web.signals.models import CustomerSignal
from eclaire.web.signals.services import signal_frame

CACHE_SIZE = 16
_cache: OrderedDict[tuple[Any, ...], dict[str, Any]] = OrderedDict()
_lock = threading.Lock()


def campaign_mirror(campaign: Campaign, lang: str) -> dict[str, Any] | None:
    """The mirror section of the campaign in ``lang``; ``None`` without signals or result."""
    stats = CustomerSignal.objects.filter(campaign=campaign).aggregate(
        n=Count("id"), last=Max("id")
    )
    if not stats["n"]:
        return None
    stored, data = load_result(campaign)
    if not data or stored is None:
        return None
    key = (campaign.pk, stats["n"], stats["last"], stored.pk, stored.fingerprint, lang)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    k = int(data.get("min_group") or 5)
    section = mirror_section(
        ResultView(data, lang), measure_signals(signal_frame(campaign), k), lang
    )
    with _lock:
        _cache[key] = section
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return section


def clear_cache() -> None:
    with _lock:
        _cache.clear()
