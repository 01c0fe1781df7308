"""What each help desk's and CRM's CSV export calls its columns, and how its rows become events.

The names are those of the exports people download (spelled as the product's screens spell them,
and the API names that Data Loader or report exports use); headers are compared ignoring case,
spaces, underscores and punctuation, so ``Satisfaction Score``, ``satisfaction_score`` and
``SatisfactionScore`` are one name. A mapping file may name other columns (``columns:``).

Roles: ``id``, ``date``, ``unit`` (queue, group, team or pipeline mapped to a unit), ``tags``
(several values in one cell), ``reason``, ``kind`` (a type, stage or category mapped to a kind),
``escalated`` (a yes/no flag), ``reopens`` (a count), ``satisfaction``, ``text``, ``account``,
``handoff`` (a value mapped to a pair of units). ``employee`` columns name who handled the event:
they are never read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["SOURCES", "Source"]


@dataclass(frozen=True)
class Source:
    """One export shape: the candidate headers of each role, in order of preference."""

    name: str
    label: str
    roles: dict[str, tuple[str, ...]]
    default_kind: str = "ticket"
    employee: tuple[str, ...] = ()
    detect: tuple[str, ...] = field(default=())
    """Headers that tell this export from its sibling (deals from tickets)."""


SOURCES: dict[str, Source] = {
    "zendesk": Source(
        "zendesk",
        "Zendesk tickets",
        {
            "id": ("Id", "Ticket ID", "zendesk_id"),
            "date": ("Created at", "Ticket created - Date", "created_at"),
            "unit": ("Group", "Ticket group", "group_name"),
            "tags": ("Tags", "Ticket tags"),
            "kind": ("Ticket type", "Type"),
            "reopens": ("Reopens",),
            "satisfaction": ("Satisfaction Score", "Satisfaction", "Ticket satisfaction rating"),
            "text": ("Subject", "Ticket subject"),
            "account": ("Organization", "Ticket organization name"),
            "channel": ("Via", "Ticket channel"),
        },
        employee=("Assignee", "Assignee id", "Submitter", "Assignee stations", "Ticket assignee"),
    ),
    "freshdesk": Source(
        "freshdesk",
        "Freshdesk tickets",
        {
            "id": ("Ticket ID", "Ticket Id"),
            "date": ("Created time", "Created Time"),
            "unit": ("Group",),
            "tags": ("Tags",),
            "kind": ("Type",),
            "priority": ("Priority",),
            "status": ("Status",),
            "satisfaction": ("Satisfaction survey", "Customer satisfaction", "Survey result"),
            "text": ("Subject",),
            "account": ("Company Name", "Company"),
            "channel": ("Source",),
        },
        employee=("Agent", "Agent name", "Responder"),
    ),
    "hubspot_tickets": Source(
        "hubspot_tickets",
        "HubSpot tickets",
        {
            "id": ("Ticket ID", "Record ID", "hs_object_id"),
            "date": ("Create date", "Created date", "createdate"),
            "unit": ("HubSpot team", "Pipeline", "hs_pipeline"),
            "reason": ("Category", "hs_ticket_category"),
            "priority": ("Priority", "hs_ticket_priority"),
            "status": ("Ticket status", "hs_pipeline_stage"),
            "text": ("Ticket name", "subject"),
            "account": ("Associated Company", "Company name"),
            "channel": ("Source", "source_type"),
        },
        employee=("Ticket owner", "hubspot_owner_id"),
        detect=("Ticket name", "Ticket status", "hs_ticket_category"),
    ),
    "hubspot_deals": Source(
        "hubspot_deals",
        "HubSpot deals",
        {
            "id": ("Record ID", "Deal ID", "hs_object_id"),
            "date": ("Close Date", "closedate"),
            "unit": ("HubSpot Team", "hubspot_team_id", "Pipeline"),
            "kind": ("Deal Stage", "dealstage"),
            "reason": ("Closed Lost Reason", "closed_lost_reason"),
            "text": ("Closed Lost Reason",),
            "account": ("Associated Company", "Company name"),
        },
        default_kind="",
        employee=("Deal owner", "hubspot_owner_id"),
        detect=("Deal Stage", "dealstage", "Deal Name"),
    ),
    "salesforce_case": Source(
        "salesforce_case",
        "Salesforce cases",
        {
            "id": ("Case Number", "CaseNumber", "Case ID", "Id"),
            "date": ("Date/Time Opened", "Opened Date", "CreatedDate"),
            "unit": ("Case Owner", "Owner Queue", "OwnerId"),
            "kind": ("Type", "Case Type"),
            "reason": ("Case Reason", "Reason"),
            "escalated": ("Escalated", "IsEscalated"),
            "status": ("Status",),
            "channel": ("Case Origin", "Origin"),
            "text": ("Subject",),
            "account": ("Account Name", "AccountId"),
        },
        employee=("Created By", "CreatedById", "Contact Name", "ContactId"),
        detect=("Case Number", "CaseNumber", "Case Origin", "Origin"),
    ),
    "salesforce_opportunity": Source(
        "salesforce_opportunity",
        "Salesforce opportunities",
        {
            "id": ("Opportunity ID", "Id"),
            "date": ("Close Date", "CloseDate"),
            "unit": ("Owner Role", "Opportunity Owner Role", "Sales Team"),
            "kind": ("Stage", "StageName"),
            "reason": ("Loss Reason", "Loss_Reason__c", "Closed Lost Reason"),
            "account": ("Account Name", "AccountId"),
        },
        default_kind="",
        employee=("Opportunity Owner", "OwnerId", "Created By"),
        detect=("Stage", "StageName", "Opportunity Name"),
    ),
}

FAMILIES = {
    "zendesk": ("zendesk",),
    "freshdesk": ("freshdesk",),
    "hubspot": ("hubspot_deals", "hubspot_tickets"),
    "salesforce": ("salesforce_opportunity", "salesforce_case"),
}
"""The ``--source`` names and the export shapes each may be (tried in this order)."""
