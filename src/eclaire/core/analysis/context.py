"""What every section of the analysis shares: the inputs, checked once, and derived tables.

Each section module (``units_section``, ``interfaces_section``…) exposes one function taking an
:class:`AnalysisContext` and returning the JSON-ready piece of the result it owns. Sections never
look at a group the context's disclosure hides.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from eclaire.core.instrument import Dimension, Instrument
from eclaire.core.privacy import TreeDisclosure, check_min_group, suppress_tree
from eclaire.core.stats.intervals import grouped_mean_ci

from .interface_cells import InterfaceCells, interface_cells, is_interface_column
from .scoring import item_matrix, score_dimensions, scored_dimensions
from .tree import parents_of, rollup_positions, tree_order

__all__ = ["AnalysisContext", "build_context"]

NEWCOMER_BANDS = ("lt6m", "6to12m")


@dataclass(frozen=True)
class AnalysisContext:
    instrument: Instrument
    units: pd.DataFrame
    """The units table: unit_id, name, parent_id, function, site_kind (strings)."""
    responses: pd.DataFrame
    """Team responses only (manager self-assessments removed), positional index 0..n-1, without
    the ``if:`` columns: their answers are in ``interfaces``."""
    self_assessments: pd.DataFrame
    """Manager self-assessment rows (``self`` true), without the ``if:`` columns."""
    k: int
    declared_priorities: Sequence[str] = ()
    parents: Mapping[str, str | None] = field(default_factory=dict)
    order: Sequence[str] = ()
    """Unit ids depth first: the order of every per-unit table."""
    interfaces: InterfaceCells = field(default_factory=InterfaceCells)
    """The answered ``if:`` cells of the team responses, in long form (rows as in ``responses``)."""

    # -- derived, computed once ------------------------------------------------------------------
    @cached_property
    def scratch(self) -> dict[str, Any]:
        """Figures' groups shared between sections and the disclosure audit of the result."""
        return {}

    @cached_property
    def dimensions(self) -> tuple[Dimension, ...]:
        """Dimensions scored once per respondent (all but the interface block)."""
        return scored_dimensions(self.instrument)

    @cached_property
    def scores(self) -> pd.DataFrame:
        """Per-response dimension scores (see ``scoring``), aligned with ``responses``."""
        return score_dimensions(self.instrument, self.responses, self.item_matrices)

    @cached_property
    def item_matrices(self) -> dict[str, pd.DataFrame]:
        """Per scored dimension, its item columns over ``responses`` (``scoring.item_matrix``:
        floats, reverse-keyed items reversed), read once; shared, so never modified."""
        return {d.code: item_matrix(self.instrument, self.responses, d) for d in self.dimensions}

    @cached_property
    def unit_positions(self) -> np.ndarray:
        """Per response, the position of its unit in ``order``."""
        position = pd.Series(np.arange(len(self.order)), index=list(self.order))
        return position.reindex(self.responses["unit_id"]).to_numpy(dtype=np.int64)

    @cached_property
    def homes(self) -> pd.Series:
        """Per response, the unit whose roll-ups count it as a direct member: its own unit,
        unless the privacy rules pooled that unit's few direct members with the level above
        (``TreeDisclosure.homes``). Every roll-up figure is computed over homes."""
        homes = dict(self.disclosure.homes)
        units = self.responses["unit_id"]
        return units.map(lambda u: homes.get(u, u)) if homes else units

    @cached_property
    def home_positions(self) -> np.ndarray:
        """Per response, the position of its home unit in ``order``."""
        position = pd.Series(np.arange(len(self.order)), index=list(self.order))
        return position.reindex(self.homes).to_numpy(dtype=np.int64)

    def home_counts(self, answered: np.ndarray | pd.Series | None = None) -> dict[str, int]:
        """Direct members per unit (by home), over the responses flagged in ``answered``."""
        positions = self.home_positions
        if answered is not None:
            positions = positions[np.asarray(answered, dtype=bool)]
        direct = np.bincount(positions, minlength=len(self.order)).tolist()
        return {u: direct[self._position[u]] for u in self.parents}

    def tree_rule(
        self, direct: Mapping[str, int], also_suppress: Collection[str | None] = frozenset()
    ) -> TreeDisclosure:
        """``suppress_tree(self.parents, direct, self.k, also_suppress=...)``, remembered: the
        sections run the rule again on the respondents of each dimension, item and family,
        and many of those groups count the same members per unit."""
        key = (tuple(direct.items()), frozenset(also_suppress))
        rules = self.scratch.setdefault("tree_rules", {})
        if key not in rules:
            rules[key] = suppress_tree(self.parents, direct, self.k, also_suppress=also_suppress)
        return rules[key]

    @cached_property
    def _position(self) -> dict[str, int]:
        """Each unit's position in ``order``."""
        return {u: i for i, u in enumerate(self.order)}

    @cached_property
    def rollup_rows(self) -> tuple[np.ndarray, np.ndarray]:
        """``(row, unit)`` arrays: each response once for its home unit and once for each
        ancestor, ``unit`` a position in ``order`` (the pairs of ``rollups``, same order)."""
        return rollup_positions(self.homes, self.parents, self.order)

    @cached_property
    def rollups(self) -> pd.DataFrame:
        """``(row, rollup)`` pairs: each response for its unit and each ancestor."""
        rows, units = self.rollup_rows
        return pd.DataFrame({"row": rows, "rollup": np.asarray(self.order, dtype=object)[units]})

    @cached_property
    def rollup_scores(self) -> dict[str, pd.DataFrame]:
        """Per scored dimension and roll-up: ``n``, ``mean``, ``sd``, ``lo``, ``hi`` of the scores
        (:func:`~eclaire.core.stats.intervals.grouped_mean_ci`, Student t 95% interval), indexed
        by the roll-up's position in ``order``; roll-ups without respondents are absent."""
        rows, units = self.rollup_rows
        return {
            code: grouped_mean_ci(
                pd.DataFrame({"score": self.scores[code].to_numpy()[rows], "unit": units}),
                "score",
                "unit",
            )
            for code in self.scores.columns
        }

    @cached_property
    def hidden_cells(self) -> dict[str, frozenset[str]]:
        """Per scored dimension, the units whose cell is hidden: the tree rule run again on the
        respondents with a score on it (a skipped dimension must not open a differencing
        channel), on top of the units the disclosure hides already."""
        out = {}
        for code in self.scores.columns:
            direct = self.home_counts(self.scores[code].notna().to_numpy())
            out[code] = self.tree_rule(direct, self.disclosure.suppressed).suppressed
        return out

    @cached_property
    def disclosure(self) -> TreeDisclosure:
        """Which unit roll-ups (and the organization) may be shown: the privacy rules of core,
        pooling a unit's few direct members upward rather than hiding its roll-up."""
        direct = self.responses["unit_id"].astype(str).value_counts().to_dict()
        return suppress_tree(
            self.parents, {u: int(direct.get(u, 0)) for u in self.parents}, self.k, pool=True
        )

    @cached_property
    def unit_info(self) -> dict[str, dict[str, str]]:
        return {
            str(r["unit_id"]): {k: ("" if pd.isna(v) else str(v)) for k, v in r.items()}
            for r in self.units.to_dict("records")
        }

    def _unit_field(self, name: str) -> dict[str, str | None]:
        return {u: info.get(name) for u, info in self.unit_info.items()}

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
            function = r["unit_id"].map(self._unit_field("function"))
            junior = contract.isin(("apprentice", "intern")) | (newcomer & (function == "sales"))
            known = known_tenure | contract.notna()
            return pd.Series(np.where(junior, "a", "b"), index=r.index).where(known)
        if name == "field":
            site = r["unit_id"].map(self._unit_field("site_kind"))
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
    if col.dtype == bool:
        return col
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
    is_self = _is_self(responses).astype(bool).to_numpy()
    plain = [c for c in responses.columns if not is_interface_column(c)]
    team = responses[plain].loc[~is_self].reset_index(drop=True)
    team["unit_id"] = team["unit_id"].astype(str)
    return AnalysisContext(
        instrument=instrument,
        units=units.assign(unit_id=units["unit_id"].astype(str)),
        responses=team,
        self_assessments=responses[plain].loc[is_self].reset_index(drop=True),
        k=k,
        declared_priorities=tuple(declared_priorities),
        parents=parents,
        order=tuple(tree_order(parents)),
        interfaces=interface_cells(responses, keep=~is_self),
    )
