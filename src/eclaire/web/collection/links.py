"""The public addresses handed to respondents: a personal link and a unit's shared entry.

They are built as strings from ``settings.ECLAIRE_BASE_URL`` (not with ``reverse``) because the
pages behind them belong to the survey app and the address must be absolute in an e-mail or on
paper. The shapes are fixed: ``/s/<token>/`` and ``/u/<key>/``.
"""

from __future__ import annotations

from django.conf import settings


def survey_url(token: str) -> str:
    """The personal link of an invitation (the raw token: only ever put in an e-mail)."""
    return f"{settings.ECLAIRE_BASE_URL}/s/{token}/"


def unit_entry_url(key: str) -> str:
    """The shared entry page of a unit, where a person types a one-time code."""
    return f"{settings.ECLAIRE_BASE_URL}/u/{key}/"
