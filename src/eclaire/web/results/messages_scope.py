"""The part of the ``messages`` section (message drift) a manager may read.

Called by :func:`eclaire.web.results.scope.scoped_result`; it selects, never recomputes. For a
manager's ``scope`` (unit codes) the copy keeps:

- per key message, the ``units`` entries inside the scope, and ``n`` recounted as the sum of
  their statements;
- ``drift``: the rows and columns of the units inside the scope (a sub-matrix, same values);
- ``contradictions``: those whose units are **all** inside the scope. A contradiction with a unit
  outside it would show that unit's commitment and formulations, which are not the manager's:
  only their number is kept, in ``n_outside_scope``, so the page can say the coach sees them.

Dropped: ``furthest`` (a ranking of the whole organization against its consensus).
"""

from __future__ import annotations

from typing import Any

__all__ = ["scoped_messages"]


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
    """``messages`` restricted to the units of ``scope`` (``None`` stays ``None``)."""
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
