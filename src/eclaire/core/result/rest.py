"""Comparing a unit with the rest of the organization (everyone outside the unit), not with its top.

A unit's roll-up counts its own respondents and its sub-units'. The organization's roll-up
(or a manager's own unit, in their scope) contains the unit, so comparing the two compares the
unit partly with itself, and a big unit drags the "organization" towards its own figures. The
*rest* is everyone in the top roll-up but not in the unit, recovered exactly from the two shown
cells' summary statistics:

- mean: ``m_r = (n_t·m_t − n_u·m_u) / (n_t − n_u)``;
- variance from the sums of squares ``S = (n − 1)·s² + n·m²``:
  ``s_r² = (S_t − S_u − n_r·m_r²) / (n_r − 1)``; Student t 95 % interval of ``m_r``;
- share: ``(round(p_t·n_t) − round(p_u·n_u)) / (n_t − n_u)`` with its Wilson (1927) interval.

Privacy: both cells are shown, so the rest adds nothing a reader cannot subtract already; it is
computed only from shown cells (:class:`~eclaire.core.result.view.ResultView` returns no other)
and only when the rest counts at least ``k`` respondents.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from eclaire.core.result.view import Z95, Estimate, ResultView, finite
from eclaire.core.result.words import Words
from eclaire.core.stats.distributions import t_ppf
from eclaire.core.stats.intervals import wilson

__all__ = [
    "compare_with_rest",
    "reference_unit",
    "rest_label",
    "rest_mean",
    "rest_scores",
    "rest_share",
    "rest_symptoms",
]


def rest_mean(top: Mapping[str, Any], part: Mapping[str, Any], k: int) -> Estimate | None:
    """The mean of the respondents of ``top`` outside ``part`` (two score cells with n, mean, sd)."""
    if not all(finite(c.get(key)) for c in (top, part) for key in ("n", "mean", "sd")):
        return None
    n_t, n_u = int(top["n"]), int(part["n"])
    n_r = n_t - n_u
    if n_r < max(k, 2):
        return None
    m_t, m_u = float(top["mean"]), float(part["mean"])
    mean = (n_t * m_t - n_u * m_u) / n_r
    ss_t = (n_t - 1) * float(top["sd"]) ** 2 + n_t * m_t**2
    ss_u = (n_u - 1) * float(part["sd"]) ** 2 + n_u * m_u**2
    var = max(ss_t - ss_u - n_r * mean**2, 0.0) / (n_r - 1)
    half = float(t_ppf(0.975, n_r - 1)) * math.sqrt(var / n_r)
    return Estimate(mean, n_r, mean - half, mean + half)


def rest_share(top: Mapping[str, Any], part: Mapping[str, Any], k: int) -> Estimate | None:
    """The share of the respondents of ``top`` outside ``part`` (two cells with n and share)."""
    if not all(finite(c.get(key)) for c in (top, part) for key in ("n", "share")):
        return None
    n_t, n_u = int(top["n"]), int(part["n"])
    n_r = n_t - n_u
    if n_r < max(k, 1):
        return None
    hits = round(float(top["share"]) * n_t) - round(float(part["share"]) * n_u)
    hits = min(max(hits, 0), n_r)
    p, low, high = wilson(hits, n_r)
    return Estimate(float(p), n_r, float(low), float(high))


def reference_unit(view: ResultView, unit_id: str) -> str | None:
    """The shown top roll-up a unit is compared against, or None (the unit is the top, or the
    top is hidden, or the unit is hidden)."""
    top = view.top()
    if top is None or top == unit_id or not view.shown(unit_id):
        return None
    return top


def rest_scores(view: ResultView, unit_id: str) -> dict[str, Estimate]:
    """Per dimension, the rest's mean (only dimensions whose two cells are shown)."""
    top = reference_unit(view, unit_id)
    if top is None:
        return {}
    out = {}
    for dim in view.dimensions():
        mine, whole = view.score(unit_id, dim["code"]), view.score(top, dim["code"])
        if mine is not None and whole is not None:
            rest = rest_mean(whole, mine, view.k)
            if rest is not None:
                out[dim["code"]] = rest
    return out


def rest_symptoms(view: ResultView, unit_id: str) -> dict[str, Estimate]:
    """Per symptom item, the rest's share (only items whose two cells are shown)."""
    top = reference_unit(view, unit_id)
    if top is None:
        return {}
    out = {}
    for item in view.symptom_items():
        mine, whole = view.symptom(unit_id, item), view.symptom(top, item)
        if mine is not None and whole is not None:
            rest = rest_share(whole, mine, view.k)
            if rest is not None:
                out[item] = rest
    return out


def rest_label(view: ResultView, lang: str) -> str:
    """ "the rest of the organization", or in a manager's scope "the rest of <their unit>"."""
    words = Words(lang)
    if view.is_scoped and view.root is not None:
        return words.t("rest_of", name=view.name(view.root))
    return words.t("rest_of_organization")


def compare_with_rest(unit: Estimate | None, rest: Estimate | None) -> str | None:
    """``"higher"``, ``"lower"`` or ``"same"``: the unit against the rest, or None without both.

    The unit and the rest are disjoint groups, so their estimates are independent: the
    difference is called clear when it exceeds 1.96 standard errors of the difference,
    ``|m_u − m_r| > 1.96·√(se_u² + se_r²)``, each standard error read from its 95 % interval
    (half-width / 1.96; Wilson's interval for a share, which is close to symmetric away from 0
    and 1). One figure at a time, at the 5 % level: with many rows, about one in twenty
    "clearly" may be chance, which the page says next to the figures.
    """
    if unit is None or rest is None or unit.ci95 is None or rest.ci95 is None:
        return None
    se_u = (unit.ci95[1] - unit.ci95[0]) / (2 * Z95)
    se_r = (rest.ci95[1] - rest.ci95[0]) / (2 * Z95)
    diff = unit.value - rest.value
    if abs(diff) <= Z95 * math.sqrt(se_u**2 + se_r**2):
        return "same"
    return "higher" if diff > 0 else "lower"
