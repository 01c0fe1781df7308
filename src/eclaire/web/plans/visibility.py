"""What the coach holds back from the managers: one switch per recommendation of a campaign.

The rule itself (the default per target kind) is in :func:`report_hooks.shown_to_managers`, so
the pages, the plan and the report (and the ``eclaire report`` command) apply the same one.
"""

from __future__ import annotations

from collections.abc import Mapping

from eclaire.web.campaigns.models import Campaign
from eclaire.web.plans.models import Action, ManagerVisibility
from eclaire.web.plans.report_hooks import shown_to_managers

__all__ = ["action_shown_to_managers", "manager_visibility", "shown_to_managers"]


def manager_visibility(campaign: Campaign) -> dict[str, bool]:
    """The coach's choices for this campaign: recommendation key → visible to the managers."""
    return dict(ManagerVisibility.objects.filter(campaign=campaign).values_list("key", "visible"))


def action_shown_to_managers(action: Action, visibility: Mapping[str, bool]) -> bool:
    """Whether a manager may read this action of the plan (its recommendation's switch)."""
    return shown_to_managers(action.key, action.target_kind, visibility)
