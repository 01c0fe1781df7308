"""The canonical customer-signal file: its columns, kinds and scales (``docs/formats.md``)."""

from __future__ import annotations

__all__ = [
    "AGENT_COLUMNS",
    "COLUMNS",
    "CONTACT_KINDS",
    "DEAL_KINDS",
    "KINDS",
    "REQUIRED",
    "SCALES",
]

KINDS = (
    "ticket",
    "complaint",
    "escalation",
    "return",
    "lost_deal",
    "won_deal",
    "survey",
)
"""What one row records. Tickets, complaints, escalations and returns are *contacts*."""
CONTACT_KINDS = ("ticket", "complaint", "escalation", "return")
DEAL_KINDS = ("lost_deal", "won_deal")

REQUIRED = ("signal_id", "date", "kind", "unit_id")
OPTIONAL = (
    "handoff_from_unit",
    "handoff_to_unit",
    "account",
    "reopened",
    "promised_date",
    "delivered_date",
    "promised_delay_days",
    "actual_delay_days",
    "reason",
    "score",
    "score_scale",
    "text",
)
COLUMNS = REQUIRED + OPTIONAL

SCALES = {"csat": (1, 5), "nps": (0, 10)}
"""``score_scale`` -> the integer range of ``score``: CSAT 1–5, NPS 0–10."""

AGENT_COLUMNS = frozenset(
    {
        "agent",
        "agent_id",
        "agent_name",
        "agent_email",
        "assignee",
        "assignee_id",
        "assignee_name",
        "assignee_email",
        "owner",
        "owner_id",
        "owner_name",
        "owner_email",
        "salesperson",
        "sales_rep",
        "responsible",
    }
)
"""Columns naming the employee who handled the event: dropped on reading, never stored."""
