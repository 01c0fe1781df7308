"""A response saved or deleted one by one marks its campaign's analysis stale.

Bulk writes (imports, the rewrite of rows when a campaign closes) run inside :func:`bulk_changes`,
which silences the per-row signal and marks each campaign once at the end.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from eclaire.web.responses.models import Response

_state = threading.local()


@contextmanager
def bulk_changes(*campaign_ids: int) -> Iterator[None]:
    """Write many responses of these campaigns, then mark each of them stale once."""
    from eclaire.web.results.services import do_mark_stale

    previous = getattr(_state, "muted", False)
    _state.muted = True
    try:
        yield
    finally:
        _state.muted = previous
    for campaign_id in campaign_ids:
        do_mark_stale(campaign_id)


@receiver(post_save, sender=Response)
@receiver(post_delete, sender=Response)
def _response_changed(sender: type[Response], instance: Response, **kwargs: Any) -> None:
    if getattr(_state, "muted", False):
        return
    from eclaire.web.results.services import do_mark_stale

    do_mark_stale(instance.campaign_id)
