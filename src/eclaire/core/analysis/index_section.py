"""``coherence_index``: one 0–100 figure per unit roll-up and for the organization.

Built from result parts already computed (``units``, ``symptoms``, ``interfaces``), never from
the responses again, so it shows nothing those parts hide. Components, each on 0–100:

- ``clarity``: ``100 · (m̄ − min) / (max − min)``, with ``m̄`` the mean of the shown means of
  the clarity dimensions and ``min``/``max`` the ends of their scale (1–5: 3.5 gives 62.5);
- ``pillars``: the same over the pillar dimensions (trust, support, autonomy);
- ``interfaces``: the same over the scores of the shown interfaces where the unit rates others
  (``from``: its own entries, a roll-up entry for a department) or is rated by others (``to``,
  unit-level entries only, ``rollup`` false, so raters are not counted twice through their
  department); overall, every shown unit-level entry once;
- ``symptoms``: ``100 · (1 − s̄)``, with ``s̄`` the mean over the shown symptom items of the share
  answering "often" or "very often";
- ``agreement``: ``100 · r̄``, with ``r̄`` the mean r_wg(j) (James, Demaree & Wolf, 1984) of the
  shown clarity and pillar dimensions.

``index = Σ_c w'_c · C_c`` over the components present, with ``w'_c = w_c / Σ_present w`` (the
default weights ``w`` are listed in :data:`DEFAULT_WEIGHTS`; an absent component gives its
weight to the others in proportion). A composite of this kind is a descriptive summary, not a
validated scale; the weights are a product choice (clarity first, as the source's model puts
the manager's clarifying role first), stated in the result.

Interval: ``ci95`` is the index computed from every component's lower bound and from every
upper bound (clarity, pillars, interfaces: the mean of the Student t bounds; symptoms: of the
Wilson bounds). Since the standard deviation of a weighted sum never exceeds the weighted sum
of the standard deviations, this range is at least as wide as a normal-approximation 95%
interval, whatever the correlations: conservative. Agreement enters at its point value (r_wg
has no interval here). ``band``: ``fragile`` under 50, ``uneven`` from 50 to under 70,
``coherent`` from 70; ``band_firm`` is true when the whole ``ci95`` lies in that band.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np

from ._numbers import interval, num
from ._section_common import dimension_scale, organization_scores
from .context import AnalysisContext

__all__ = ["index_section", "Component", "DEFAULT_WEIGHTS", "BANDS", "band_of", "FORMULA"]

DEFAULT_WEIGHTS: dict[str, float] = {
    "clarity": 0.30,
    "pillars": 0.25,
    "interfaces": 0.20,
    "symptoms": 0.15,
    "agreement": 0.10,
}
BANDS: tuple[tuple[str, float], ...] = (("fragile", 0.0), ("uneven", 50.0), ("coherent", 70.0))
"""Band name and its lower bound on the 0–100 index."""
FORMULA = (
    "index = sum over present components c of w'_c * C_c, w'_c = w_c / sum of present w; "
    "clarity, pillars = 100*(mean of shown dimension means - scale min)/(scale max - scale min); "
    "interfaces = same over shown interface scores where the unit rates or is rated; "
    "symptoms = 100*(1 - mean share answering often or very often); "
    "agreement = 100 * mean r_wg(j) of the shown clarity and pillar dimensions"
)


class Component(NamedTuple):
    """A component on 0–100 with its interval bounds (NaN when unknown)."""

    value: float
    lo: float
    hi: float


def band_of(value: float | None) -> str | None:
    if value is None or not math.isfinite(value):
        return None
    return [name for name, low in BANDS if value >= low][-1]


def _mean_component(
    triples: Sequence[tuple[Any, Any, Any]], low: float, high: float
) -> Component | None:
    """Mean of (value, lo, hi) triples rescaled from [low, high] to 0–100; None when empty."""
    if not triples:
        return None
    arr = np.array([[np.nan if v is None else float(v) for v in t] for t in triples])
    means = arr.mean(axis=0)
    return Component(*(100 * (means - low) / (high - low)))


def _family_component(
    ctx: AnalysisContext, scores: Mapping[str, Any], family: str
) -> Component | None:
    cells, scale = [], None
    for dim in ctx.dimensions:
        cell = scores.get(dim.code)
        if dim.family == family and cell and cell.get("mean") is not None:
            scale = dimension_scale(ctx, dim)
            cells.append((cell["mean"], *(cell.get("ci95") or (None, None))))
    return _mean_component(cells, scale.min, scale.max) if scale else None


def _agreement_component(ctx: AnalysisContext, scores: Mapping[str, Any]) -> Component | None:
    values = [
        scores[d.code]["rwg"]
        for d in ctx.dimensions
        if d.family in ("clarity", "pillar")
        and scores.get(d.code)
        and scores[d.code].get("rwg") is not None
    ]
    if not values:
        return None
    value = 100 * float(np.mean(values))
    return Component(value, value, value)


def _symptom_component(cells: Mapping[str, Any] | None) -> Component | None:
    shown = [c for c in (cells or {}).values() if c.get("share") is not None]
    if not shown:
        return None
    mean = _mean_component([(c["share"], *c["ci95"]) for c in shown], 0.0, 1.0)
    if mean is None:
        return None
    return Component(100 - mean.value, 100 - mean.hi, 100 - mean.lo)


def _interface_scale(ctx: AnalysisContext) -> tuple[float, float] | None:
    dims = [d for d in ctx.instrument.dimensions if d.family == "interface"]
    if not dims:
        return None
    scale = dimension_scale(ctx, dims[0])
    return float(scale.min), float(scale.max)


def _interface_component(
    ctx: AnalysisContext, entries: Sequence[Mapping[str, Any]]
) -> Component | None:
    scale = _interface_scale(ctx)
    if scale is None:
        return None
    triples = [(e["score"], *(e.get("ci95") or (None, None))) for e in entries]
    return _mean_component(triples, *scale)


def _shown_interfaces(interfaces: Sequence[Mapping[str, Any]] | None) -> list[Mapping[str, Any]]:
    if interfaces is None:
        return []
    if isinstance(interfaces, Mapping) or not isinstance(interfaces, Sequence):
        raise ValueError(
            "interfaces must be the list of interface entries of the interfaces section"
        )
    return [e for e in interfaces if not e.get("suppressed") and e.get("score") is not None]


def _check_weights(weights: Mapping[str, float], known: set[str]) -> dict[str, float]:
    unknown = sorted(set(weights) - known)
    if unknown:
        raise ValueError(f"weights name unknown components {unknown}; known: {sorted(known)}")
    bad = {
        c: w
        for c, w in weights.items()
        if isinstance(w, bool) or not isinstance(w, int | float) or not math.isfinite(w) or w <= 0
    }
    if bad:
        raise ValueError(f"weights must be positive finite numbers, got {bad}")
    return {c: float(w) for c, w in weights.items()}


POINT_COMPONENTS = frozenset({"agreement", "messages"})
"""Components without an interval: they enter the index's bounds at their point value."""


def _combine(parts: Mapping[str, Component | None], weights: Mapping[str, float]) -> dict[str, Any]:
    """The index of one group from its components; weights rescaled over those present."""
    present = {
        c: p for c, p in parts.items() if p is not None and math.isfinite(p.value) and c in weights
    }
    if not present:
        return {
            "value": None,
            "ci95": [None, None],
            "band": None,
            "band_firm": False,
            "weights": {},
            "components": {},
        }
    total = sum(weights[c] for c in present)
    used = {c: weights[c] / total for c in present}
    value = sum(used[c] * p.value for c, p in present.items())
    lo = sum(used[c] * p.lo for c, p in present.items())
    hi = sum(used[c] * p.hi for c, p in present.items())
    band = band_of(value)
    firm = bool(math.isfinite(lo) and math.isfinite(hi) and band_of(lo) == band == band_of(hi))
    components = {
        c: {
            "value": num(p.value),
            "ci95": [None, None] if c in POINT_COMPONENTS else interval(p.lo, p.hi),
        }
        for c, p in present.items()
    }
    return {
        "value": num(value),
        "ci95": interval(lo, hi),
        "band": band,
        "band_firm": firm,
        "weights": {c: num(w) for c, w in used.items()},
        "components": components,
    }


def _links_by_unit(links: Sequence[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    """Per unit, the shown interfaces where it rates (``from``) or is rated at unit level
    (``to``, ``rollup`` false), self-ratings left out, in the order of ``links``."""
    positions: dict[str, list[int]] = {}
    for i, e in enumerate(links):
        if e.get("from") == e.get("to"):
            continue
        positions.setdefault(str(e.get("from")), []).append(i)
        if not e.get("rollup") and e.get("to") is not None:
            positions.setdefault(str(e["to"]), []).append(i)
    return {u: [links[i] for i in sorted(set(found))] for u, found in positions.items()}


def _unit_parts(
    ctx: AnalysisContext,
    unit_id: str,
    entry: Mapping[str, Any],
    symptoms: Mapping[str, Any],
    mine: Sequence[Mapping[str, Any]],
) -> dict[str, Component | None]:
    """The components of one unit; ``mine``: its interfaces (see :func:`_links_by_unit`)."""
    scores = entry.get("scores") or {}
    return {
        "clarity": _family_component(ctx, scores, "clarity"),
        "pillars": _family_component(ctx, scores, "pillar"),
        "interfaces": _interface_component(ctx, mine) if mine else None,
        "symptoms": _symptom_component((symptoms.get("units") or {}).get(unit_id)),
        "agreement": _agreement_component(ctx, scores),
    }


def _overall_parts(
    ctx: AnalysisContext, symptoms: Mapping[str, Any], links: Sequence[Mapping[str, Any]]
) -> dict[str, Component | None]:
    scores = organization_scores(ctx)
    pairs = [e for e in links if not e.get("rollup")]
    return {
        "clarity": _family_component(ctx, scores, "clarity"),
        "pillars": _family_component(ctx, scores, "pillar"),
        "interfaces": _interface_component(ctx, pairs) if pairs else None,
        "symptoms": _symptom_component(symptoms.get("overall")),
        "agreement": _agreement_component(ctx, scores),
    }


def index_section(
    ctx: AnalysisContext,
    units: Mapping[str, Any],
    symptoms: Mapping[str, Any],
    interfaces: Sequence[Mapping[str, Any]] | None,
    *,
    weights: Mapping[str, float] | None = None,
    extra: Mapping[str, Mapping[str | None, Component]] | None = None,
) -> dict[str, Any]:
    """The coherence index from the ``units`` and ``symptoms`` sections and the interface list.

    ``weights`` replaces :data:`DEFAULT_WEIGHTS`; ``extra`` adds components computed elsewhere
    (e.g. message drift): ``{name: {unit_id or None (organization): Component}}``, each given a
    weight in ``weights``. A hidden unit shows ``{"n", "suppressed": true}`` only.
    """
    extra = dict(extra or {})
    chosen = _check_weights(
        DEFAULT_WEIGHTS if weights is None else weights, set(DEFAULT_WEIGHTS) | set(extra)
    )
    links = _shown_interfaces(interfaces)
    by_unit = _links_by_unit(links)
    out_units: dict[str, Any] = {}
    for unit_id, entry in units.items():
        if entry.get("suppressed"):
            out_units[unit_id] = {"n": int(entry.get("n", 0)), "suppressed": True}
            continue
        parts = _unit_parts(ctx, unit_id, entry, symptoms, by_unit.get(unit_id, []))
        parts.update({name: values.get(unit_id) for name, values in extra.items()})
        out_units[unit_id] = {
            "n": int(entry.get("n", 0)),
            "suppressed": False,
            **_combine(parts, chosen),
        }
    overall: dict[str, Any] = {
        "n": int(ctx.disclosure.total),
        "suppressed": not ctx.disclosure.shows(None),
    }
    if not overall["suppressed"]:
        parts = _overall_parts(ctx, symptoms, links)
        parts.update({name: values.get(None) for name, values in extra.items()})
        overall.update(_combine(parts, chosen))
    return {
        "weights": {c: num(w) for c, w in chosen.items()},
        "formula": FORMULA,
        "bands": {name: low for name, low in BANDS},
        "overall": overall,
        "units": out_units,
    }
