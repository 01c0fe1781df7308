"""A respondent's answers in progress: the only place where a secret meets answers.

A draft is found by a locator derived from the link's raw secret and its content is sealed with
a key derived from the same secret (``eclaire.web.survey.sealing``); neither is stored anywhere,
so nothing in the database ties a draft to an invitation or lets anyone read it without the link
(a personal link's draft secret is kept on its invitation wrapped with a key derived from the
server's secret key, so that reminders resume the draft: ``survey.sealing``).
It lives only until the final submit, which deletes it in the same transaction that creates the
anonymous response (docs/privacy.md, collection).
"""

from __future__ import annotations

from typing import Any

from django.db import models

from eclaire.web.campaigns.models import Campaign
from eclaire.web.organizations.models import Unit
from eclaire.web.survey.sealing import DraftContent


class Draft(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="drafts")
    key_hash = models.CharField(
        max_length=64, unique=True, help_text="Locator derived from the link's secret."
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    sealed = models.BinaryField(
        default=b"", help_text="Answers, attributes, units picked and page, AES-GCM sealed."
    )
    revision = models.PositiveIntegerField(
        default=0, help_text="Bumped by every save: a save of an older revision is refused."
    )

    content: DraftContent
    """The opened content, set by whoever read the draft with its link's keys; never a column."""

    def __str__(self) -> str:
        return "draft"  # says nothing about whose

    @property
    def answers(self) -> dict[str, Any]:
        return self.content.answers

    @property
    def attributes(self) -> dict[str, str]:
        return self.content.attributes

    @property
    def interface_units(self) -> list[str]:
        return self.content.interface_units

    @property
    def page(self) -> int:
        return self.content.page


class Pending(models.Model):
    """Submitted answers waiting for their unit's batch (``survey.services``): sealed with a key
    derived from the server's secret key, never in clear. Written in the transaction that marks
    the invitation finished, so the two share a PostgreSQL ``xmin``; the answers reach
    ``Response`` only when at least ``ECLAIRE_RESPONSE_BATCH`` of the unit's are waiting, all in one
    transaction and in random order, and the pending rows are deleted then (docs/privacy.md)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    sealed = models.BinaryField(help_text="The responses' fields, AES-GCM sealed (server key).")

    def __str__(self) -> str:
        return "pending response"
