"""The public addresses handed to respondents: a personal link and a unit's shared entry.

They are built as strings on :func:`eclaire.web.publicurl.base_url` (``ECLAIRE_BASE_URL``, or the
request's own address) and not with ``reverse``, because the pages behind them belong to the
survey app and the address must be absolute in an e-mail or on paper. The shapes are fixed: ``/s/<token>/`` and ``/u/<key>/``.
"""

from __future__ import annotations

from eclaire.web.publicurl import base_url


def survey_url(token: str) -> str:
    """The personal link of an invitation (the raw token: only ever put in an e-mail)."""
    return f"{base_url()}/s/{token}/"


def unit_entry_url(key: str) -> str:
    """The shared entry page of a unit, where a person types a one-time code."""
    return f"{base_url()}/u/{key}/"
