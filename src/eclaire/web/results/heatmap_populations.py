"""The heatmap with a population chosen (newcomers / the others, field / head office…): two
rows for the whole organization, then two per department where the analysis shows the cut.

Only the cuts the result carries are shown (``perception_gaps.segments``, organization-wide,
and ``segment_units``, within departments), each side at least ``k`` people, and nothing the
analysis suppressed. The page and its export read the same :class:`Side` rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from eclaire.web.results.charts import score_bin
from eclaire.web.results.heatmap import PANELS, Column, Row
from eclaire.web.results.present import Fmt, ResultView

SEGMENTS = ("newcomers", "juniors", "customer_facing", "field")
"""The population cuts, in the order the filter lists them."""


@dataclass(frozen=True)
class Side:
    """One side of a population cut, for the whole organization (``unit_id`` "") or for one
    department, with the shown rows of the cut by dimension."""

    unit_id: str
    label: str
    side: str  # "a" or "b", as in the result's ``mean_a`` / ``mean_b``
    cut: Mapping[str, Mapping[str, Any]]

    @property
    def n(self) -> int:
        return max((int(r[f"n_{self.side}"]) for r in self.cut.values()), default=0)

    def mean(self, dimension: str) -> tuple[float, int, Any] | None:
        """(mean, n, 95 % interval) of this side on ``dimension``, or None when not cut."""
        r = self.cut.get(dimension)
        if r is None:
            return None
        s = self.side
        return float(r[f"mean_{s}"]), int(r[f"n_{s}"]), r.get(f"ci95_{s}")


def segment_choices(v: ResultView) -> list[tuple[str, str]]:
    """The segments this (unscoped) result has a shown cut for, as (code, "a / b")."""
    rows = (v.data.get("perception_gaps") or {}).get("segments") or []
    present = {r["segment"] for r in rows if not r.get("suppressed")}
    return [
        (s, " / ".join(v.words.segment_levels(s)))
        for s in SEGMENTS + tuple(sorted(present - set(SEGMENTS)))
        if s in present
    ]


def _cut(rows: list[dict[str, Any]], segment: str) -> dict[str, dict[str, Any]]:
    """The shown rows of one segment, by dimension."""
    return {r["dimension"]: r for r in rows if r["segment"] == segment and not r.get("suppressed")}


def _sides(v: ResultView, segment: str, unit_id: str, cut: Mapping[str, Any]) -> list[Side]:
    levels = v.words.segment_levels(segment)
    if unit_id:
        name = v.unit_name(unit_id)
        labels = [f"{name} · {level}" for level in levels]
    else:
        whole = _("%(segment)s · whole organization")
        labels = [whole % {"segment": level[:1].upper() + level[1:]} for level in levels]
    return [Side(unit_id, label, s, cut) for s, label in zip("ab", labels, strict=True)]


def population_sides(
    v: ResultView, cols: list[Column], segment: str, within: set[str] | None = None
) -> tuple[list[Side], int]:
    """The organization's two sides, then two per department inside ``within`` where
    ``segment`` is shown (in tree order), and how many departments cut by the analysis show
    nothing on the heatmap's dimensions (a side under ``k`` or hidden by the disclosure audit
    on every dimension)."""
    gaps = v.data.get("perception_gaps") or {}
    whole = _cut(gaps.get("segments") or [], segment)
    out = _sides(v, segment, "", whole) if whole else []
    scored = {col.key for col in cols if col.kind == "score"}  # the heatmap's dimensions
    mine = [
        r
        for r in gaps.get("segment_units") or []
        if r["segment"] == segment
        and r["dimension"] in scored
        and (within is None or r["unit_id"] in within)
    ]
    hidden = 0
    for unit_id in dict.fromkeys(r["unit_id"] for r in mine):
        cut = _cut([r for r in mine if r["unit_id"] == unit_id], segment)
        if cut:
            out += _sides(v, segment, unit_id, cut)
        else:
            hidden += 1
    return out, hidden


def segment_rows(f: Fmt, cols: list[Column], sides: list[Side]) -> list[Row]:
    """The heatmap rows of ``sides``. Symptom items and the index are not cut by population:
    their cells say so, the symptoms once across their columns (which ``columns`` keeps side
    by side). A department's row has no cells in a panel without a cut column (the page leaves
    it out of that panel); the organization's rows are in every panel."""
    not_cut = escape(_("not cut"))
    symptoms_not_cut = escape(_("symptoms are not cut by population"))
    na = f'<td class="na">{not_cut}</td>'
    symptoms = sum(c.kind == "share" for c in cols)
    symptoms_na = f'<td class="na" colspan="{symptoms}">{symptoms_not_cut}</td>'
    out = []
    for side in sides:
        parts: dict[str, list[str]] = {"pillars": [na], "symptoms": []}
        cut_panels = set(PANELS) if not side.unit_id else set()
        for col in cols:
            if col.kind == "share":
                if symptoms_na not in parts[col.panel]:
                    parts[col.panel].append(symptoms_na)
                continue
            shown = side.mean(col.key)
            if shown is None:
                parts[col.panel].append(na)
                continue
            mean, n, ci = shown
            cut_panels.add(col.panel)
            detail = f.evidence(n, f.ci(ci))
            parts[col.panel].append(
                f'<td class="heat b{score_bin(mean)}" tabindex="0">{f.num(mean)}'
                f'<span class="tip"> ({escape(detail)})</span></td>'
            )
        cells = {p: mark_safe("".join(parts[p]) if p in cut_panels else "") for p in PANELS}
        out.append(Row(side.unit_id, side.label, 0, side.n, None, cells, None))
    return out
