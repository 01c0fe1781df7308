"""The stored analysis of a campaign, read once per process and version.

A result of a large organization is several megabytes of JSON: decoding it on every page would
cost more than rendering the page. The status row is read on each request (a small query without
the data column); the data is decoded only when its version (primary key, computation time,
fingerprint) is not in the cache. Cached dicts are shared between requests and never modified.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from eclaire.web.campaigns.models import Campaign
from eclaire.web.results.models import AnalysisResult

CACHE_SIZE = 8
_cache: OrderedDict[tuple[int, str, str], dict[str, Any] | None] = OrderedDict()
_lock = threading.Lock()


def _key(stored: AnalysisResult) -> tuple[int, str, str]:
    computed = stored.computed_at.isoformat() if stored.computed_at else ""
    return (stored.pk, computed, stored.fingerprint)


def load_result(campaign: Campaign) -> tuple[AnalysisResult | None, dict[str, Any] | None]:
    """The campaign's stored analysis (without its data column) and its data, or ``None``."""
    stored = AnalysisResult.objects.filter(campaign=campaign).defer("data").first()
    if stored is None:
        return None, None
    key = _key(stored)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return stored, _cache[key]
    data = AnalysisResult.objects.filter(pk=stored.pk).values_list("data", flat=True).first()
    with _lock:
        _cache[key] = data
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return stored, data


def clear_cache() -> None:
    with _lock:
        _cache.clear()
