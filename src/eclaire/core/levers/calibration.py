"""Calibrated rules: every rule is a test, and an organization's tests share one error budget.

Each pattern returns :class:`Finding` s: for every shown target it *tests* (whether or not it
fires), the p-value of its test (``None`` for a rule that is not a sampling test, e.g. a
contradiction stated in the answers) and whether the figure clears the rule's **effect floor**
(a gap of at least a scale point, a share at least 20 points above the organization's…).
:func:`select` then keeps the findings whose p-value survives Benjamini & Hochberg's (1995)
procedure at the false discovery rate ``fdr``, applied across **every rule and every target of
the organization** at once, and that clear their floor. Under the null (no effect anywhere), the
chance that an organization gets any recommendation is then at most ``fdr`` (BH controls the
family-wise error rate under the complete null), whatever its number of units.

Several figures behind one test are combined by :func:`at_least`, an intersection–union
p-value for "at least ``m`` of these ``J`` figures": ``min(1, (J − m + 1)·p_(m))`` with ``p_(m)``
the ``m``-th smallest (Berger, 1982, for ``m = J``; a Bonferroni bound over the ``J − m + 1``
figures that may be null otherwise).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from eclaire.core.result.view import Signal
from eclaire.core.stats.comparisons import benjamini_hochberg

__all__ = ["DEFAULT_FDR", "Finding", "at_least", "select"]

DEFAULT_FDR = 0.10
"""The false discovery rate across the rules and targets of one organization."""


@dataclass(frozen=True)
class Finding:
    """One tested target of one rule: the signal it would give, its p-value, its floor."""

    signal: Signal
    p: float | None
    clears_floor: bool
    p_adjusted: float | None = None


def at_least(pvalues: Sequence[float], m: int) -> float:
    """The p-value of "at least ``m`` of the figures differ" (module docstring); NaN when
    fewer than ``m`` p-values are given."""
    if m < 1:
        raise ValueError(f"m must be at least 1, got {m}")
    ps = sorted(p for p in pvalues if p is not None and not math.isnan(p))
    if len(ps) < m:
        return math.nan
    return min(1.0, (len(ps) - m + 1) * ps[m - 1])


def select(findings: Sequence[Finding], fdr: float = DEFAULT_FDR) -> list[Finding]:
    """The findings that fire: BH-adjusted p-value at most ``fdr`` (over every finding with a
    p-value) and the effect floor cleared; a finding without a p-value fires on its floor."""
    if not 0 < fdr < 1:
        raise ValueError(f"fdr must lie strictly between 0 and 1, got {fdr}")
    tested = [i for i, f in enumerate(findings) if f.p is not None and not math.isnan(f.p)]
    adjusted = benjamini_hochberg(np.array([findings[i].p for i in tested], dtype="float64"))
    by_index = dict(zip(tested, adjusted.tolist(), strict=True))
    out = []
    for i, finding in enumerate(findings):
        if not finding.clears_floor:
            continue
        if finding.p is None:
            out.append(finding)
        elif i in by_index and by_index[i] <= fdr:
            out.append(replace(finding, p_adjusted=by_index[i]))
    return out
