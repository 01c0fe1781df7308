"""The part of a stored analysis a viewer may read: the whole of it, or a manager's subtree.

``scoped_result(data, scope)`` selects; it never recomputes a statistic. For a coach or a sponsor
(``scope is None``) the result is returned as it is. For a manager (``scope`` = the codes of
their unit and every unit below it) the copy keeps:

- ``tree``, ``units``, ``coherence_index.units``, ``symptoms.units``, ``priorities.units``,
  ``trend.units``, ``perception_gaps.managers`` and ``perception_gaps.families``: the entries
  of units inside the scope;
- ``interfaces``: the entries whose ``from`` or ``to`` is inside the scope. An interface is a
  relation between two units, so the partner unit is named (how Logistics rates my team is a
  result *about my team*); no other figure of the partner is shown. The partners' names and
  functions are listed in ``partner_names``;
- ``priorities.distances``: the pairs whose two units are inside the scope;
- ``messages`` (message drift): see :func:`scoped_messages` (the scope's
  units, their sub-matrix of drift, and the contradictions between units of the scope);
- ``reliability``: kept, because it describes the questionnaire (do its items hang together?)
  rather than the answers of any group, and tells the manager how far to trust their own scores.

Dropped (set empty, and listed in ``scope["dropped"]``): every organization-wide figure that is
not the manager's — ``coherence_index.overall``, ``symptoms.overall``, ``priorities.overall``,
``trend.overall``, ``agreement`` (ICCs across all units), ``perception_gaps.segments``
(organization-wide populations such as newcomers or field staff),
``perception_gaps.segment_units`` (the same populations within departments) and
``n_self_assessments``.
A manager reads their scope against itself; the organization is the coach's picture.

Counts that summarize the kept entries are recounted, not re-estimated: ``n_responses`` becomes
the respondents of the scope's top roll-ups, ``trend.n_comparisons``/``n_changed`` count the kept
comparisons and ``expected_by_chance`` is ``(1 − level) × n_comparisons`` as in the full result.

Suppressed entries are kept as they are (``n`` and ``reason`` only): the pages say they are
hidden to protect anonymity.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["DROPPED_FOR_MANAGERS", "scoped_messages", "scoped_result"]

DROPPED_FOR_MANAGERS = (
    "coherence_index.overall",
    "symptoms.overall",
    "priorities.overall",
    "trend.overall",
    "agreement",
    "perception_gaps.segments",
    "perception_gaps.segment_units",
    "levers",
    "n_self_assessments",
    "messages.furthest",
)


def _keep(mapping: dict[str, Any] | None, scope: set[str]) -> dict[str, Any]:
    return {k: v for k, v in (mapping or {}).items() if k in scope}


def _top_units(tree: Iterable[dict[str, Any]], scope: set[str]) -> list[str]:
    """Units of the scope whose parent is outside it: the scope's roots, in tree order."""
    return [u["unit_id"] for u in tree if u["unit_id"] in scope and u.get("parent_id") not in scope]


def _scoped_trend(trend: dict[str, Any] | None, scope: set[str]) -> dict[str, Any] | None:
    if trend is None:
        return None
    units = _keep(trend.get("units"), scope)
    cells = [c for per_unit in units.values() for c in per_unit.values() if c.get("ci95")]
    n_comparisons = len(cells)
    level = float(trend.get("level", 0.95))
    return {
        **trend,
        "overall": {},
        "units": units,
        "n_comparisons": n_comparisons,
        "n_changed": sum(1 for c in cells if c.get("changed")),
        "expected_by_chance": round((1 - level) * n_comparisons, 4),
    }


def _scoped_priorities(prio: dict[str, Any] | None, scope: set[str]) -> dict[str, Any] | None:
    if prio is None:
        return None
    distances = [d for d in prio.get("distances", []) if d["a"] in scope and d["b"] in scope]
    return {
        **prio,
        "overall": None,
        "units": _keep(prio.get("units"), scope),
        "distances": distances,
        "distances_total": len(distances),
    }


def _sub_drift(drift: dict[str, Any] | None, scope: set[str]) -> dict[str, Any]:
    units = list((drift or {}).get("units") or [])
    matrix = (drift or {}).get("matrix") or []
    keep = [i for i, u in enumerate(units) if u in scope]
    return {
        **(drift or {}),
        "units": [units[i] for i in keep],
        "matrix": [[matrix[i][j] for j in keep] for i in keep],
    }


def _scoped_key_message(entry: dict[str, Any], scope: set[str]) -> dict[str, Any]:
    units = {u: e for u, e in (entry.get("units") or {}).items() if u in scope}
    return {
        **entry,
        "n": sum(int(e.get("n") or 0) for e in units.values()),
        "units": units,
        "drift": _sub_drift(entry.get("drift"), scope),
        "furthest": [],
    }


def scoped_messages(messages: dict[str, Any] | None, scope: set[str]) -> dict[str, Any] | None:
    """``messages`` restricted to the units of ``scope`` (``None`` stays ``None``).

    The part of the ``messages`` section (message drift) a manager may read.

    It selects, never recomputes. For a manager's ``scope`` (unit codes) the copy keeps:

    - per key message, the ``units`` entries inside the scope, and ``n`` recounted as the sum of
      their statements;
    - ``drift``: the rows and columns of the units inside the scope (a sub-matrix, same values);
    - ``contradictions``: those whose units are **all** inside the scope. A contradiction with a unit
      outside it would show that unit's commitment and formulations, which are not the manager's:
      only their number is kept, in ``n_outside_scope``, so the page can say the coach sees them.

    Dropped: ``furthest`` (a ranking of the whole organization against its consensus).
    """
    if messages is None:
        return None
    contradictions = messages.get("contradictions") or []
    inside = [c for c in contradictions if set(c.get("units") or []) <= scope]
    touching = sum(1 for c in contradictions if set(c.get("units") or []) & scope) - len(inside)
    return {
        **messages,
        "key_messages": {
            code: _scoped_key_message(entry, scope)
            for code, entry in (messages.get("key_messages") or {}).items()
        },
        "contradictions": inside,
        "n_outside_scope": touching,
    }


def scoped_result(data: dict[str, Any], scope: set[str] | None) -> dict[str, Any]:
    """The result restricted to ``scope`` (unit codes), or ``data`` itself when ``scope`` is None.

    The input is never modified: a manager gets a new top-level dict whose kept entries are the
    original (read-only) objects.
    """
    if scope is None:
        return data
    scope = set(scope)
    tree = [u for u in data.get("tree", []) if u["unit_id"] in scope]
    units = _keep(data.get("units"), scope)
    roots = _top_units(tree, scope)
    index = data.get("coherence_index") or {}
    symptoms = data.get("symptoms") or {}
    gaps = data.get("perception_gaps") or {}
    interfaces = [e for e in data.get("interfaces", []) if e["from"] in scope or e["to"] in scope]
    partners = {e[side] for e in interfaces for side in ("from", "to")} - scope
    return {
        **data,
        "scope": {"roots": roots, "dropped": list(DROPPED_FOR_MANAGERS)},
        "n_responses": sum(units[r]["n"] for r in roots if r in units),
        "n_self_assessments": None,
        "levers": None,  # recomputed from the scoped figures by the pages that show levers
        "tree": tree,
        "units": units,
        "agreement": {},
        "interfaces": interfaces,
        "partner_names": [
            {k: u.get(k) for k in ("unit_id", "name", "function")}
            for u in data.get("tree", [])
            if u["unit_id"] in partners
        ],
        "perception_gaps": {
            **gaps,
            "managers": [g for g in gaps.get("managers", []) if g["unit_id"] in scope],
            "families": [g for g in gaps.get("families", []) if g["unit_id"] in scope],
            "segments": [],
            "segment_units": [],
        },
        "priorities": _scoped_priorities(data.get("priorities"), scope),
        "symptoms": {**symptoms, "overall": {}, "units": _keep(symptoms.get("units"), scope)},
        "coherence_index": {**index, "overall": None, "units": _keep(index.get("units"), scope)},
        "trend": _scoped_trend(data.get("trend"), scope),
        "messages": scoped_messages(data.get("messages"), scope),
    }
