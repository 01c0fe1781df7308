"""Anonymous responses: a unit, broad segment attributes and answers, nothing else.

No person, token, timestamp, address or agent is stored here, and the primary key is random so
row order says nothing about who answered when (docs/privacy.md).
"""

from __future__ import annotations

import uuid

from django.db import models

from eclaire.web.campaigns.models import Campaign
from eclaire.web.organizations.models import Contract, Role, TenureBand, Unit


class Response(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="responses")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="responses")
    role = models.CharField(max_length=10, choices=Role.choices, blank=True)
    tenure_band = models.CharField(max_length=10, choices=TenureBand.choices, blank=True)
    contract = models.CharField(max_length=12, choices=Contract.choices, blank=True)
    customer_facing = models.BooleanField(null=True)
    is_self = models.BooleanField(default=False, help_text="A manager self-assessment.")
    answers = models.JSONField(
        default=dict,
        help_text="Column name of the responses format → value; 'NA' marks not applicable.",
    )

    class Meta:
        indexes = [models.Index(fields=["campaign", "unit"])]

    def __str__(self) -> str:
        return "response"  # deliberately says nothing about who or when
