"""The pictures of the results pages (gaps, priorities), drawn by the builders the report uses."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from eclaire.report.pictures import GapDot, RankChart, gap_dot_plot, rank_chart, sort_gaps
from eclaire.web.results.present import Fmt, ResultView

WEB_WIDTH = 420
WEB_FONT = 14.5
"""Drawn narrow, with labels above the marks: scaled down a little on a phone, up on a laptop."""


def _gap_chart(v: ResultView, f: Fmt, rows: list[dict[str, Any]], title: str) -> Any:
    if not rows:
        return None
    dots = [
        GapDot(
            f"{v.unit_name(g['unit_id'])} · {v.dim_name(g['dimension'])}",
            g["team"],
            g["team_ci95"][0],
            g["team_ci95"][1],
            g["manager"],
            f.signed(g["gap"]),
        )
        for g in rows
    ]
    return gap_dot_plot(
        dots,
        title=title,
        desc=_(
            "One row per unit and dimension, the largest gap first: the team's mean (dot) with "
            "its 95%% interval (band) and the manager's own score (diamond) on the 1 to 5 scale; "
            "the gap, manager minus team, is written at the end of the name. %(count)s rows."
        )
        % {"count": len(dots)},
        legend_team=_("Team's mean and its 95%% interval") % {},
        legend_manager=_("The manager's own score"),
        width=WEB_WIDTH,
        font=WEB_FONT,
    )


def gap_pictures(v: ResultView, f: Fmt, rows: list[dict[str, Any]]) -> dict[str, Any]:
    notable, rest = sort_gaps(rows)
    return {
        "notable": _gap_chart(
            v, f, notable, _("Gaps where the manager is outside the team's interval")
        ),
        "rest": _gap_chart(v, f, rest, _("Gaps within the team's interval")),
        "n_notable": len(notable),
        "n_rest": len(rest),
    }


def _order(v: ResultView, options: list[str]) -> list[str]:
    return [v.option_name(o) for o in options]


def priority_pictures(
    v: ResultView, prio: dict[str, Any], within: set[str] | None
) -> dict[str, Any]:
    """The organization against the declared order, then each unit against the organization
    (the units whose order differs most first). Hidden units are not drawn."""
    overall = prio.get("overall") or {}
    declared = _order(v, prio.get("declared") or [])
    org = [] if overall.get("suppressed") else _order(v, overall.get("consensus") or [])
    reference, ref_title = (org, _("Organization")) if org else (declared, _("Declared order"))
    out: dict[str, Any] = {"reference": None, "units": []}
    if org and declared:
        out["reference"] = rank_chart(
            RankChart(_("Declared order"), _("Organization"), declared, org),
            title=_("The organization's order against the declared order"),
            desc=_rank_desc(),
            width=WEB_WIDTH,
            font=WEB_FONT,
        )
    units = prio.get("units") or {}
    shown = [
        (u, units[u])
        for u in v.unit_ids()
        if u in units
        and not units[u].get("suppressed")
        and (within is None or u in within)
        and units[u].get("consensus")
    ]
    key = "distance_to_organization" if org else "distance_to_declared"
    shown.sort(key=lambda ue: -(ue[1].get(key) or 0))
    for u, cell in shown:
        name = v.unit_name(u)
        out["units"].append(
            {
                "unit": name,
                "unit_id": u,
                "chart": rank_chart(
                    RankChart(ref_title, name, reference, _order(v, cell["consensus"])),
                    title=(
                        _("Order of priorities of %(unit)s against the organization's")
                        if org
                        else _("Order of priorities of %(unit)s against the declared order")
                    )
                    % {"unit": name},
                    desc=_rank_desc(),
                    width=WEB_WIDTH,
                    font=WEB_FONT,
                ),
            }
        )
    return out


def _rank_desc() -> str:
    return _(
        "One row per option, in the unit's order (rank 1 at the top): the dot is the option's "
        "rank in the unit, the ring its rank in the reference; a thick orange line marks an "
        "option that moves by two ranks or more."
    )
