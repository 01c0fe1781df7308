"""Forget the order in which rows were written, by rewriting them in a random order.

A UUID key says nothing about time, but databases keep a physical order that does: SQLite's
hidden ``rowid`` grows with each insert, and a PostgreSQL update writes a new row version at the
end of the table, so the order of responses (inserted at submission) and of finished invitations
(updated at submission) could be matched up by rank. When a campaign closes, both are deleted and
re-inserted in a random order inside the closing transaction (docs/privacy.md, collection).
"""

from __future__ import annotations

import secrets

from django.db import models

_random = secrets.SystemRandom()


def rewrite_in_random_order(queryset: models.QuerySet) -> int:
    """Delete and re-insert the rows of ``queryset`` (same keys, same values) in random order.

    Refuses a model that other tables point to: deleting it would cascade into them.
    Call inside a transaction.
    """
    model = queryset.model
    if model._meta.related_objects:
        names = ", ".join(r.name for r in model._meta.related_objects)
        raise ValueError(f"{model.__name__} is referenced by {names}: cannot rewrite its rows")
    rows = list(queryset)
    _random.shuffle(rows)
    queryset.delete()
    model.objects.bulk_create(rows, batch_size=500)
    return len(rows)
