"""What every section of the analysis shares: the inputs, checked once, and derived tables.

Each section module (``units_section``, ``interfaces_section``…) exposes one function taking an
:class:`AnalysisContext` and returning the JSON-ready piece of the result it owns. Sections never
look at a group the context's disclosure hides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from eclaire.core.instrument import Dimension, Instrument
from eclaire.core.privacy import TreeDisclosure, check_min_group, suppress_tree

from .scoring import score_dimensions, scored_dimensions
from .tree import expand_to_rollups, parents_of, tree_order

__all__ = ["AnalysisContext", "build_context"]

NEWCOMER_BANDS = ("lt6m", "6to12m")


@dataclass(frozen=True)
class AnalysisContext:
    instrument: Instrument
    units: pd.DataFrame
    """The units table: unit_id, name, parent_id, function, site_kind (strings)."""
    responses: pd.DataFrame
    """Team responses only (manager self-assessments removed), positional index 0..n-1."""
    self_assessments: pd.DataFrame
    """Manager self-assessment rows (``self`` true)."""
    k: int
    declared_priorities: Sequence[str] = ()
    parents: Mapping[str, str | None] = field(default_factory=dict)
    order: Sequence[str] = ()
    """Unit ids depth first: the order of every per-unit table."""

    # -- derived, computed once ------------------------------------------------------------------
    @cached_property
    def dimensions(self) -> tuple[Dimension, ...]:
        """Dimensions scored once per respondent (all but the interface block)."""
        return scored_dimensions(self.instrument)

    @cached_property
    def scores(self) -> pd.DataFrame:
        """Per-response dimension scores (see ``scoring``), aligned with ``responses``."""
        return score_dimensions(self.instrument, self.responses)

    @cached_property
    def rollups(self) -> pd.DataFrame:
        """``(row, rollup)`` pairs: each response for its unit and each ancestor."""
        return expand_to_rollups(self.responses["unit_id"], self.parents)

    @cached_property
    def disclosure(self) -> TreeDisclosure:
        """Which unit roll-ups (and the organization) may be shown: the privacy rules of core."""
        direct = self.responses["unit_id"].astype(str).value_counts().to_dict()
        return suppress_tree(self.parents, {u: int(direct.get(u, 0)) for u in self.parents}, self.k)

    @cached_property
    def unit_info(self) -> dict[str, dict[str, str]]:
        return {
            str(r["unit_id"]): {k: ("" if pd.isna(v) else str(v)) for k, v in r.items()}
            for r in self.units.to_dict("records")
        }

    def segment(self, name: str) -> pd.Series:
        """A two-level segment of the team responses: ``"a"``, ``"b"`` or NaN (unknown).

        newcomers (a: tenure under a year, b: longer); juniors (a: apprentices, interns, and
        newcomers in sales units, b: the others); field (a: field units, b: head office; mixed
        sites unknown); customer_facing (a: yes, b: no).
        """
        r = self.responses
        tenure = r.get("tenure_band", pd.Series(np.nan, index=r.index))
        known_tenure = tenure.notna() & (tenure.astype("string") != "")
        newcomer = tenure.isin(NEWCOMER_BANDS)
        if name == "newcomers":
            return pd.Series(np.where(newcomer, "a", "b"), index=r.index).where(known_tenure)
        if name == "juniors":
            contract = r.get("contract", pd.Series(np.nan, index=r.index))
            function = r["unit_id"].map(lambda u: self.unit_info.get(str(u), {}).get("function"))
            junior = contract.isin(("apprentice", "intern")) | (newcomer & (function == "sales"))
            known = known_tenure | contract.notna()
            return pd.Series(np.where(junior, "a", "b"), index=r.index).where(known)
        if name == "field":
            site = r["unit_id"].map(lambda u: self.unit_info.get(str(u), {}).get("site_kind"))
            return site.map({"field": "a", "head_office": "b"})
        if name == "customer_facing":
            return r.get("customer_facing", pd.Series(np.nan, index=r.index)).map(
                {"yes": "a", "no": "b", True: "a", False: "b"}
            )
        raise ValueError(f"unknown segment {name!r}")


def _is_self(frame: pd.DataFrame) -> pd.Series:
    if "self" not in frame.columns:
        return pd.Series(False, index=frame.index)
    col = frame["self"]
    return col.map(
        lambda v: v is True or (isinstance(v, str) and v.lower() in ("yes", "oui", "true", "1"))
    )


def build_context(
    instrument: Instrument,
    units: pd.DataFrame,
    responses: pd.DataFrame,
    *,
    min_group: int = 5,
    declared_priorities: Sequence[str] = (),
) -> AnalysisContext:
    """Check the inputs once and split team responses from manager self-assessments."""
    k = check_min_group(min_group)
    for column in ("unit_id", "parent_id"):
        if column not in units.columns:
            raise ValueError(f"the units table has no {column!r} column")
    if "unit_id" not in responses.columns:
        raise ValueError("the responses table has no 'unit_id' column")
    parents = parents_of(units)
    unknown = set(responses["unit_id"].astype(str)) - set(parents)
    if unknown:
        raise ValueError(
            f"responses name units that are not in the unit tree: {sorted(unknown)[:5]}"
        )
    is_self = _is_self(responses).astype(bool)
    team = responses.loc[~is_self].reset_index(drop=True)
    team["unit_id"] = team["unit_id"].astype(str)
    return AnalysisContext(
        instrument=instrument,
        units=units.assign(unit_id=units["unit_id"].astype(str)),
        responses=team,
        self_assessments=responses.loc[is_self].reset_index(drop=True),
        k=k,
        declared_priorities=tuple(declared_priorities),
        parents=parents,
        order=tuple(tree_order(parents)),
    )
