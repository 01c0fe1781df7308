"""Customer-signal measures per unit, per interface (handoff pair) and per period.

For each group of events: complaint and escalation rates (shares of the contacts: tickets,
complaints, escalations, returns), the reopen rate, broken promises (share delivered later than
promised and the median delay of those late, in days), lost deals (share of closed deals lost,
and counts by reason), satisfaction (CSAT share satisfied, NPS) and contradictory messages (share
of texts holding two commitments that disagree, :mod:`.contradictions`). Shares carry Wilson's
interval (Wilson 1927).

The k rule (``docs/privacy.md``): a group from fewer than ``k`` events, or from fewer than ``k``
distinct accounts when accounts are known, shows nothing; a count from 1 to ``k - 1`` (of late
deliveries, escalations, a loss reason…) is not shown, nor the rate built on it. Units partition
the organization's events, so the unit counts get complementary suppression
(:func:`eclaire.core.privacy.suppress_partition`): the organization's total minus the units
shown never isolates a small unit; the months of one group are treated the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from eclaire.core.privacy import check_min_group, suppress_partition
from eclaire.core.signals.contradictions import contradiction_flags
from eclaire.core.signals.format import CONTACT_KINDS
from eclaire.core.signals.satisfaction import csat_satisfied, nps
from eclaire.core.signals.taxonomy import OTHER
from eclaire.core.stats.intervals import wilson

__all__ = ["RATES", "SignalMeasures", "measure_signals"]

RATES = ("complaint", "escalation", "reopen", "late", "lost", "contradiction")
"""The shares measured, each with ``<rate>_k`` (numerator), ``<rate>_n`` and Wilson bounds."""


@dataclass(frozen=True)
class SignalMeasures:
    """Tidy tables of the measures (one row per group) and of lost deals by reason.

    ``groups`` columns: ``scope`` (``organization``, ``unit``, ``interface``), ``unit_id``
    (the unit, or the receiving unit of an interface), ``from_unit`` (interfaces), ``period``
    (``"all"`` or ``YYYY-MM``), ``events``, ``accounts`` (NaN when unknown), ``shown``; for each
    rate of :data:`RATES` ``<rate>_k``, ``<rate>_n``, ``<rate>`` and ``<rate>_lo``/``_hi``
    (NaN when not shown); ``median_delay_days``; ``csat``/``csat_lo``/``csat_hi``/``csat_n``;
    ``nps``/``nps_lo``/``nps_hi``/``nps_n``.
    ``reasons``: ``scope``, ``unit_id``, ``from_unit``, ``reason``, ``count`` (lost deals; only
    counts of at least ``k``); ``other_share``: the share of reasons given as ``other``.
    """

    groups: pd.DataFrame
    reasons: pd.DataFrame
    other_share: float
    k: int

    def unit(self, unit_id: str, period: str = "all") -> Mapping[str, Any] | None:
        rows = self.groups[
            (self.groups["scope"] == "unit")
            & (self.groups["unit_id"] == unit_id)
            & (self.groups["period"] == period)
        ]
        return None if rows.empty else rows.iloc[0].to_dict()


def _prepared(events: pd.DataFrame) -> pd.DataFrame:
    out = events.copy()
    out["period"] = pd.to_datetime(out["date"]).dt.strftime("%Y-%m")
    out["is_contact"] = out["kind"].isin(CONTACT_KINDS)
    out["contradiction"] = contradiction_flags(out["text"])
    return out


def _rate(row: dict[str, Any], name: str, k_count: int, n: int, k: int) -> None:
    row[f"{name}_k"], row[f"{name}_n"] = k_count, n
    hidden = n == 0 or 0 < k_count < k or n < k
    if hidden:
        row[name] = row[f"{name}_lo"] = row[f"{name}_hi"] = row[f"{name}_k"] = np.nan
        return
    p, lo, hi = wilson(k_count, n)
    row[name], row[f"{name}_lo"], row[f"{name}_hi"] = float(p), float(lo), float(hi)


def _group_row(events: pd.DataFrame, k: int, shown: bool) -> dict[str, Any]:
    accounts = events["account"].dropna()
    row: dict[str, Any] = {
        "events": len(events) if shown else np.nan,
        "accounts": accounts.nunique() if shown and not accounts.empty else np.nan,
        "shown": shown,
    }
    contacts = events[events["is_contact"]]
    promised = events["delay_days"].dropna()
    late = promised[promised > 0]
    deals = events[events["kind"].isin(("lost_deal", "won_deal"))]
    reopen = events["reopened"].dropna()
    texts = events["text"].notna()
    counts = {
        "complaint": (int((contacts["kind"] == "complaint").sum()), len(contacts)),
        "escalation": (int((contacts["kind"] == "escalation").sum()), len(contacts)),
        "reopen": (int(reopen.astype(bool).sum()), len(reopen)),
        "late": (len(late), len(promised)),
        "lost": (int((deals["kind"] == "lost_deal").sum()), len(deals)),
        "contradiction": (int(events.loc[texts, "contradiction"].sum()), int(texts.sum())),
    }
    for name, (num, den) in counts.items():
        _rate(row, name, num, den, k) if shown else _rate(row, name, 0, 0, k)
    row["median_delay_days"] = float(late.median()) if shown and len(late) >= k else np.nan
    scale = events["score_scale"]
    for name, fn in (("csat", csat_satisfied), ("nps", nps)):
        values = events.loc[scale == name, "score"].to_numpy(dtype=float)
        result = fn(values) if shown and len(values) >= k else fn(np.array([]))
        row[name], row[f"{name}_lo"], row[f"{name}_hi"] = result.value, result.lo, result.hi
        row[f"{name}_n"] = len(values) if shown and len(values) >= k else np.nan
    return row


def _big_enough(events: pd.DataFrame, k: int) -> bool:
    if len(events) < k:
        return False
    known = events["account"].dropna()
    return known.empty or known.nunique() >= k


def _partition_shown(groups: Mapping[str, pd.DataFrame], k: int) -> dict[str, bool]:
    small = [key for key, ev in groups.items() if not _big_enough(ev, k)]
    hidden = suppress_partition({key: len(ev) for key, ev in groups.items()}, k, already=small)
    return {key: key not in hidden for key in groups}


def _rows_over_periods(
    events: pd.DataFrame, k: int, base: dict[str, Any], shown_all: bool
) -> Iterable[dict[str, Any]]:
    yield {**base, "period": "all", **_group_row(events, k, shown_all)}
    months = {str(p): ev for p, ev in events.groupby("period", sort=True)}
    shown = _partition_shown(months, k) if shown_all else dict.fromkeys(months, False)
    for period, ev in months.items():
        yield {**base, "period": period, **_group_row(ev, k, shown[period])}


def measure_signals(events: pd.DataFrame, k: int = 5) -> SignalMeasures:
    """Measures of a validated signal frame (:func:`~eclaire.core.signals.read_signals`)."""
    k = check_min_group(k)
    data = _prepared(events)
    rows: list[dict[str, Any]] = []
    org_shown = _big_enough(data, k)
    rows += _rows_over_periods(
        data, k, {"scope": "organization", "unit_id": None, "from_unit": None}, org_shown
    )
    units = {str(u): ev for u, ev in data.groupby("unit_id", sort=True)}
    unit_shown = _partition_shown(units, k) if org_shown else dict.fromkeys(units, False)
    for unit, ev in units.items():
        base = {"scope": "unit", "unit_id": unit, "from_unit": None}
        rows += _rows_over_periods(ev, k, base, unit_shown[unit])
    handed = data[data["handoff_from_unit"].notna()]
    for (src, dst), ev in handed.groupby(["handoff_from_unit", "handoff_to_unit"], sort=True):
        base = {"scope": "interface", "unit_id": str(dst), "from_unit": str(src)}
        rows += _rows_over_periods(ev, k, base, _big_enough(ev, k))
    groups = pd.DataFrame(rows)
    return SignalMeasures(groups, _reasons(data, groups, k), _other_share(data), k)


def _reasons(data: pd.DataFrame, groups: pd.DataFrame, k: int) -> pd.DataFrame:
    lost = data[(data["kind"] == "lost_deal") & data["reason"].notna()]
    out: list[dict[str, Any]] = []
    shown = groups[groups["shown"] & (groups["period"] == "all")]
    for _, g in shown.iterrows():
        if g["scope"] == "organization":
            part = lost
        elif g["scope"] == "unit":
            part = lost[lost["unit_id"] == g["unit_id"]]
        else:
            part = lost[
                (lost["handoff_to_unit"] == g["unit_id"])
                & (lost["handoff_from_unit"] == g["from_unit"])
            ]
        for reason, count in part["reason"].value_counts().sort_index().items():
            if count >= k:
                out.append(
                    {
                        "scope": g["scope"],
                        "unit_id": g["unit_id"],
                        "from_unit": g["from_unit"],
                        "reason": reason,
                        "count": int(count),
                    }
                )
    return pd.DataFrame(out, columns=["scope", "unit_id", "from_unit", "reason", "count"])


def _other_share(data: pd.DataFrame) -> float:
    reasons = data["reason"].dropna()
    if reasons.empty:
        return float("nan")
    return float((reasons == OTHER).mean())
