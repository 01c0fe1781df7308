"""The one menu of a campaign: every page of the cycle, as far as the viewer's role may open it.

Every campaign page (results, comments, plan, collection) shows the same menu and breadcrumbs
through ``{% campaign_menu "<page>" %}`` (:mod:`eclaire.web.campaigns.templatetags.campaign_menu`).
Which entries a role sees follows the access helpers the pages themselves call:

- results, comments, the plan, the report and the lever thresholds: every member
  (:func:`~eclaire.web.accounts.access.get_campaign_for_user`; a manager reads their scope);
- the campaign page (settings, invitations, reminders, codes and posters): a coach or a sponsor
  (:mod:`eclaire.web.collection.access`);
- people (accounts for sponsors and managers): the roles of
  :data:`~eclaire.web.accounts.access.INVITABLE_ROLES`.

So a link in the menu never leads to a 404 or a 403 for the person who sees it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from eclaire.web.accounts.access import INVITABLE_ROLES
from eclaire.web.accounts.models import Membership, MembershipRole
from eclaire.web.campaigns.models import Campaign, CampaignStatus
from eclaire.web.collection.access import ORGANIZER_ROLES

__all__ = ["MenuGroup", "MenuItem", "campaign_menu", "page_label"]


@dataclass(frozen=True)
class MenuItem:
    key: str
    label: str | Promise
    url: str
    current: bool = False


@dataclass(frozen=True)
class MenuGroup:
    label: str | Promise
    items: tuple[MenuItem, ...]


# key → (label, URL name, kind of arguments, who may open it: "all" | "organizer" | "inviter")
_PAGES: dict[str, tuple[str | Promise, str, str, str]] = {
    "overview": (_("Overview"), "results:overview", "campaign", "all"),
    "heatmap": (_("Units × dimensions"), "results:heatmap", "campaign", "all"),
    "units": (_("Units"), "results:unit", "unit", "all"),
    "interfaces": (_("Interfaces"), "results:interfaces", "campaign", "all"),
    "gaps": (_("Perception gaps"), "results:gaps", "campaign", "all"),
    "priorities": (_("Priorities"), "results:priorities", "campaign", "all"),
    "messages": (_("Key messages"), "results_messages:messages", "campaign", "all"),
    "mirror": (_("External mirror"), "signals:mirror", "campaign", "organizer"),
    "comments": (_("Comments"), "comments:campaign", "campaign", "all"),
    "trends": (_("Trends"), "results:trends", "campaign", "all"),
    "plan": (_("Action plan"), "plans:plan", "campaign", "all"),
    "levers": (_("Lever thresholds"), "plans:settings", "organization", "all"),
    "report": (_("Report and exports"), "results:overview", "report", "all"),
    "campaign": (_("Campaign settings"), "collection:campaign", "campaign", "organizer"),
    "invitations": (_("Invitations and rates"), "collection:campaign", "rates", "organizer"),
    "codes": (_("Codes and posters"), "collection:campaign", "print", "organizer"),
    "people": (_("People and accounts"), "accounts:invite", "organization", "inviter"),
    "notifications": (_("Notifications"), "notifications:campaign", "campaign", "organizer"),
}

_GROUPS: tuple[tuple[str | Promise, tuple[str, ...]], ...] = (
    (
        _("Read"),
        (
            "overview",
            "heatmap",
            "units",
            "interfaces",
            "gaps",
            "priorities",
            "messages",
            "mirror",
            "comments",
            "trends",
        ),
    ),
    (_("Act and hand over"), ("plan", "levers", "report")),
    (_("Run the campaign"), ("campaign", "invitations", "codes", "people", "notifications")),
)


def _applies(key: str, campaign: Campaign) -> bool:
    """Codes and posters exist only while the campaign is open."""
    return key != "codes" or campaign.status == CampaignStatus.OPEN


def may_open(membership: Membership, who: str) -> bool:
    """Whether a page reserved to ``who`` opens for this membership."""
    if who == "organizer":
        return membership.role in ORGANIZER_ROLES
    if who == "inviter":
        return membership.role in INVITABLE_ROLES
    return True


def _url(name: str, kind: str, campaign: Campaign, unit_code: str | None) -> str | None:
    slug = campaign.organization.slug
    if kind == "organization":
        return reverse(name, kwargs={"slug": slug})
    if kind == "unit":
        if unit_code is None:
            return None
        return reverse(
            name, kwargs={"slug": slug, "campaign_slug": campaign.slug, "unit_code": unit_code}
        )
    url = reverse(name, kwargs={"slug": slug, "campaign_slug": campaign.slug})
    anchors = {"report": "#report", "rates": "#rates-title", "print": "#print-title"}
    return url + anchors.get(kind, "")


def home_unit(campaign: Campaign, membership: Membership) -> str | None:
    """The unit page the menu's "Units" opens: the manager's unit, else the tree's first root."""
    if membership.role == MembershipRole.MANAGER:
        return membership.unit.code if membership.unit is not None else None
    for unit in campaign.units_snapshot or []:
        if not unit.get("parent"):
            return str(unit.get("code") or "") or None
    root = campaign.organization.units.filter(parent__isnull=True).order_by("name").first()
    return root.code if root is not None else None


def campaign_menu(
    campaign: Campaign, membership: Membership, current: str, *, unit_code: str | None = None
) -> list[MenuGroup]:
    """The groups of entries this membership may open, with ``current`` marked."""
    unit = unit_code or home_unit(campaign, membership)
    groups = []
    for label, keys in _GROUPS:
        items = []
        for key in keys:
            text, name, kind, who = _PAGES[key]
            shown = may_open(membership, who) and _applies(key, campaign)
            url = _url(name, kind, campaign, unit) if shown else None
            if url is not None:
                items.append(MenuItem(key, text, url, key == current))
        if items:
            groups.append(MenuGroup(label, tuple(items)))
    return groups


def page_label(key: str) -> str | Promise:
    """The name of a page of the menu, for the breadcrumbs."""
    return _PAGES[key][0] if key in _PAGES else ""
