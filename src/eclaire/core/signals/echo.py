"""Findings when a broken interface and its customer signals point the same way.

The rule is data (``data/signals/levers.yaml``): an interface whose score (either direction, as
rated inside) is at most ``max_interface_score``, and whose handed-over cases show a signal rate
at least ``min_ratio`` times the organization's with the lower bound of its Wilson interval above
the organization's rate. Each finding names the pair, both figures with their ``n`` and the lever
(mediation); the wording says association, never cause.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import yaml

from eclaire.core.result.view import ResultView
from eclaire.core.stats.comparisons import benjamini_hochberg

if TYPE_CHECKING:  # the measures module needs the commitment extractor (slow to import)
    from eclaire.core.signals.measures import SignalMeasures

__all__ = ["Echo", "Hotspot", "echo_findings", "echo_rules", "signal_hotspots"]

FDR = 0.05
"""False discovery rate of the hotspot tests, across every interface and measure at once."""
HOTSPOT_MEASURES = ("late", "escalation", "contradiction", "complaint", "reopen")


@dataclass(frozen=True)
class Hotspot:
    """An interface whose customers feel a signal clearly more than the organization's customers.

    One-sided exact binomial test of the interface's count against the organization's rate
    (``scipy.stats.binomtest``), Benjamini-Hochberg adjusted over every shown interface and
    measure; kept when the adjusted p is below :data:`FDR` and the rate is at least ``ratio``
    times the organization's.
    """

    from_unit: str
    to_unit: str
    measure: str
    value: float
    lo: float
    hi: float
    n: int
    organization: float
    p_adjusted: float

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def signal_hotspots(measures: SignalMeasures, ratio: float = 1.5) -> list[Hotspot]:
    """Interfaces where a customer signal stands out, most pronounced first."""
    groups = measures.groups[measures.groups["period"] == "all"]
    org = groups[groups["scope"] == "organization"]
    if org.empty or not bool(org.iloc[0]["shown"]):
        return []
    base = org.iloc[0]
    from scipy import stats  # a second to import: only when there are signals

    tests: list[tuple[pd.Series, str, float]] = []
    for _, g in groups[(groups["scope"] == "interface") & groups["shown"]].iterrows():
        for measure in HOTSPOT_MEASURES:
            rate, k, n = base[measure], g[f"{measure}_k"], g[f"{measure}_n"]
            if not (np.isfinite(g[measure]) and np.isfinite(rate)) or not 0 < rate < 1:
                continue
            p = stats.binomtest(int(k), int(n), float(rate), alternative="greater").pvalue
            tests.append((g, measure, float(p)))
    adjusted: list[float] = list(benjamini_hochberg([p for _, _, p in tests])) if tests else []
    out = [
        Hotspot(
            str(g["from_unit"]),
            str(g["unit_id"]),
            m,
            float(g[m]),
            float(g[f"{m}_lo"]),
            float(g[f"{m}_hi"]),
            int(g[f"{m}_n"]),
            float(base[m]),
            float(q),
        )
        for (g, m, _), q in zip(tests, adjusted, strict=True)
        if q < FDR and g[m] >= ratio * base[m]
    ]
    return sorted(out, key=lambda h: (h.p_adjusted, -h.value))


@dataclass(frozen=True)
class Echo:
    """One interface whose customer signal echoes its internal score."""

    from_unit: str
    to_unit: str
    interface_score: float
    interface_n: int
    measure: str
    value: float
    lo: float
    hi: float
    events: int
    organization: float
    lever: str
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@lru_cache(maxsize=1)
def echo_rules() -> dict[str, Any]:
    text = resources.files("eclaire").joinpath("data", "signals", "levers.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not data.get("rules"):
        raise ValueError("data/signals/levers.yaml: expected a list of rules")
    return data


def _interface_scores(view: ResultView) -> dict[frozenset[str], tuple[float, int]]:
    """Lowest shown score of each pair of units, either direction, with its ``n``."""
    out: dict[frozenset[str], tuple[float, int]] = {}
    for entry in view.shown_interfaces(unit_level=True):
        pair = frozenset((str(entry["from"]), str(entry["to"])))
        score = (float(entry["score"]), int(entry["n"]))
        if pair not in out or score[0] < out[pair][0]:
            out[pair] = score
    return out


def echo_findings(view: ResultView, measures: SignalMeasures) -> list[Echo]:
    """Every hotspot (:func:`signal_hotspots`) at an interface the rule calls broken inside."""
    data = echo_rules()
    interfaces = _interface_scores(view)
    found: list[Echo] = []
    for rule in data["rules"]:
        limits = rule["thresholds"]
        for spot in signal_hotspots(measures, limits["min_ratio"]):
            internal = interfaces.get(frozenset((spot.from_unit, spot.to_unit)))
            if spot.measure not in rule["measures"] or internal is None:
                continue
            if internal[0] > limits["max_interface_score"]:
                continue
            found.append(
                Echo(
                    spot.from_unit,
                    spot.to_unit,
                    internal[0],
                    internal[1],
                    spot.measure,
                    spot.value,
                    spot.lo,
                    spot.hi,
                    spot.n,
                    spot.organization,
                    str(rule["lever"]),
                    str(rule["id"]),
                )
            )
    return found
