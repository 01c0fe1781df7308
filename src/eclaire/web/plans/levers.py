"""The levers of a campaign as a viewer may read them, computed at display time.

The recommendations are a cheap, pure function of the stored result
(:mod:`eclaire.core.levers`), so nothing is stored: each page computes them from the result the
viewer may read (already cut by ``scoped_result`` for a manager) with the organization's
overrides, once per request. A manager gets only the recommendations whose every target unit
lies inside their scope, and the first conversation is chosen among those.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from eclaire.core.levers.text import describe_figure
from eclaire.core.result.view import ResultView as CoreView
from eclaire.web.campaigns.models import Campaign
from eclaire.web.organizations.models import Organization
from eclaire.web.plans.models import LeverSettings
from eclaire.web.plans.report_hooks import (
    report_hooks,
    scoped_levers,
    shown_to_managers,
    to_figure,
)
from eclaire.web.plans.visibility import manager_visibility

log = logging.getLogger(__name__)

STRENGTHS = {"strong": _("strong"), "moderate": _("moderate")}
URGENCIES = {"high": _("high"), "medium": _("medium"), "low": _("low")}
TOP = 5
_CACHE_ATTR = "_eclaire_levers"


def organization_overrides(org: Organization) -> dict[str, float]:
    """The organization's threshold overrides (empty: the shipped defaults)."""
    found = LeverSettings.objects.filter(organization=org).values_list("overrides", flat=True)
    return dict(found.first() or {})


@dataclass
class CampaignLevers:
    """The recommendations and the first conversation one viewer may read, as display dicts."""

    recommendations: list[dict[str, Any]]
    first: dict[str, Any] | None
    raw: list[dict[str, Any]]
    overrides_ignored: bool = False
    by_key: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def top(self) -> list[dict[str, Any]]:
        return self.recommendations[:TOP]

    @property
    def top_other(self) -> dict[str, Any] | None:
        """The highest-ranked recommendation that is not the first conversation itself."""
        first = self.first["key"] if self.first else None
        return next((r for r in self.recommendations if r["key"] != first), None)

    def first_for_unit(self, unit_id: str) -> dict[str, Any] | None:
        """The first conversation when it concerns ``unit_id`` (one of its target units)."""
        return self.first if self.first and unit_id in self.first["unit_ids"] else None

    def for_unit(self, unit_id: str) -> list[dict[str, Any]]:
        return [r for r in self.recommendations if unit_id in r["unit_ids"]]

    def pairs(self, within: set[str] | None = None) -> list[dict[str, Any]]:
        return [
            r
            for r in self.recommendations
            if r["kind"] == "pair" and (within is None or set(r["unit_ids"]) & within)
        ]


def figure_text(view: CoreView, figure: Mapping[str, Any], lang: str) -> str:
    """One figure of the evidence in words, with its n and 95 % interval."""
    return describe_figure(to_figure(figure), view, lang)


def present(
    rec: Mapping[str, Any],
    view: CoreView,
    lang: str,
    visibility: Mapping[str, bool] | None = None,
) -> dict[str, Any]:
    """A recommendation dict of the core as the templates read it, in ``lang``."""
    return {
        "key": rec["id"],
        "rank": rec["rank"],
        "lever": rec["lever"],
        "lever_name": rec["lever_name"][lang],
        "purpose": rec["lever_purpose"][lang],
        "title": rec["title"][lang],
        "target": rec["target"]["label"][lang],
        "kind": rec["target"]["kind"],
        "unit_ids": list(rec["target"]["unit_ids"]),
        "strength": STRENGTHS.get(rec["strength"], rec["strength"]),
        "urgency": URGENCIES.get(rec["urgency"], rec["urgency"]),
        "n": rec["n"],
        "evidence": [
            {
                "rule_id": e["rule_id"],
                "text": e["text"][lang],
                "figures": [figure_text(view, f, lang) for f in e["figures"]],
            }
            for e in rec["evidence"]
        ],
        "watch": list(dict.fromkeys(w["text"][lang] for w in rec["watch"])),
        "shown_to_managers": shown_to_managers(rec["id"], rec["target"]["kind"], visibility or {}),
    }


def present_first(first: Mapping[str, Any], view: CoreView, lang: str) -> dict[str, Any]:
    return {
        "key": first["recommendation_id"],
        "target": first["target"]["label"][lang],
        "unit_ids": list(first["target"].get("unit_ids") or ()),
        "opener": first["opener"][lang],
        "participants": first["participants"][lang],
        "about": first["about"][lang],
        "why_now": first["why_now"][lang],
        "figures": [figure_text(view, f, lang) for f in first["evidence"]],
        "format": first["format_name"][lang],
        "questions": [q[lang] for q in first["questions"]],
        "listen_for": [t[lang] for t in first["listen_for"]],
        "closing": first["closing"][lang],
    }


def campaign_levers(
    request: HttpRequest,
    campaign: Campaign,
    data: Mapping[str, Any],
    scope: set[str] | None,
    lang: str,
) -> CampaignLevers | None:
    """The levers of ``data`` (the viewer's scoped result) for this viewer; once per request.

    A manager (``scope`` given) does not get the recommendations the coach holds back."""
    cache: dict[Any, CampaignLevers | None] = request.__dict__.setdefault(_CACHE_ATTR, {})
    key = (campaign.pk, id(data), frozenset(scope) if scope is not None else None, lang)
    if key not in cache:
        cache[key] = _build(campaign, data, scope, lang)
    return cache[key]


def _build(
    campaign: Campaign, data: Mapping[str, Any], scope: set[str] | None, lang: str
) -> CampaignLevers | None:
    org = campaign.organization
    visibility = manager_visibility(campaign)
    try:
        raw, first, ignored = scoped_levers(data, organization_overrides(org), scope, visibility)
        view = CoreView(data)
    except (ValueError, KeyError, TypeError):  # a result without the sections the rules read
        log.exception("levers could not be computed for organization %s", org.pk)
        return None
    shown = [present(r, view, lang, visibility) for r in raw]
    return CampaignLevers(
        recommendations=shown,
        first=present_first(first, view, lang) if first else None,
        raw=raw,
        overrides_ignored=ignored,
        by_key={r["key"]: r for r in shown},
    )


def report_hooks_for(campaign: Campaign, data: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """The report's ``first_conversation`` and ``recommendations`` for ``data`` as the viewer
    reads it (a manager's scoped result keeps only their scope's tree, and loses what the coach
    holds back from managers), with the overrides."""
    scope = {u["unit_id"] for u in data.get("tree", [])} if "scope" in data else None
    overrides = organization_overrides(campaign.organization)
    return report_hooks(data, lang, overrides, scope, manager_visibility(campaign))
