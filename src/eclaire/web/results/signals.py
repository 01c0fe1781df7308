"""A response saved or deleted one by one marks its campaign's analysis stale.

Bulk imports bypass signals; ``do_import_responses`` marks the campaign itself.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from eclaire.web.responses.models import Response


@receiver(post_save, sender=Response)
@receiver(post_delete, sender=Response)
def _response_changed(sender: type[Response], instance: Response, **kwargs: Any) -> None:
    from eclaire.web.results.services import do_mark_stale

    do_mark_stale(instance.campaign_id)
