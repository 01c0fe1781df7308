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

from eclaire.core.masking import PLACEHOLDERS, MaskingModelMissing, mask_texts
from eclaire.core.result.view import ResultView
from eclaire.core.signals import measure_signals
from eclaire.core.signals.section import mirror_section
from eclaire.core.signals.verbatims import hotspot_verbatims
from eclaire.web.campaigns.models import Campaign
from eclaire.web.comments.services import organization_vocabulary
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
    events = signal_frame(campaign)
    section = mirror_section(ResultView(data, lang), measure_signals(events, k), lang)
    _add_verbatims(campaign, section, events, k, lang)
    with _lock:
        _cache[key] = section
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return section


def _add_verbatims(
    campaign: Campaign, section: dict[str, Any], events: Any, k: int, lang: str
) -> None:
    """Up to three masked verbatims per hotspot, under the comment rules."""
    chosen = []
    for spot in section["hotspots"]:
        seed = f"{campaign.pk}|{spot['from_unit']}|{spot['to_unit']}|{spot['measure']}"
        chosen.append(
            hotspot_verbatims(events, spot["from_unit"], spot["to_unit"], spot["measure"], k, seed)
        )
    flat = [t for texts in chosen for t in texts]
    if not flat:
        return
    try:
        masked = mask_texts(
            flat,
            organization_vocabulary(campaign.organization),
            placeholder=PLACEHOLDERS[lang],
        )
    except MaskingModelMissing:
        return
    position = 0
    for spot, texts in zip(section["hotspots"], chosen, strict=True):
        spot["verbatims"] = masked[position : position + len(texts)]
        position += len(texts)


def clear_cache() -> None:
    with _lock:
        _cache.clear()
