"""At the next wave: did the figures an action targeted move by more than the noise?

For an action of campaign C and the later campaign whose ``previous`` is C (with a ready
result), each figure of the action's ``watch`` is read in both results:

- a unit score (``unit_score``, ``manager_gap``, ``rwg``, ``segment_gap``: the unit's mean on that
  dimension) and an interface score (``from`` rates ``to``) are compared by
  :func:`eclaire.core.analysis.trend_section.trend_section`: ``after − before`` with its Welch
  (1947) – Satterthwaite 95 % interval from the summary statistics (n, mean, sd) of each wave;
- a symptom share by :func:`eclaire.core.stats.differences.proportion_difference_ci`
  (Newcombe, 1998), from the share and n of each wave;
- Kendall's W has no interval: both values are shown, no claim is made.

The change is "larger than the noise" when its interval excludes 0. A group hidden in either
wave (fewer than k respondents) is "not measurable". The waves are independent samples
(answers are anonymous), so the interval is conservative when many people answered both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from eclaire.core.analysis.trend_section import trend_section
from eclaire.core.stats.differences import proportion_difference_ci
from eclaire.web.campaigns.models import Campaign
from eclaire.web.results.models import ResultStatus
from eclaire.web.results.present import Fmt
from eclaire.web.results.stored import load_result

SCORE_MEASURES = ("unit_score", "manager_gap", "rwg", "segment_gap")
INTERFACE_MEASURES = ("interface_score", "interface_asymmetry")
_IF = "interface"


def next_wave(campaign: Campaign) -> tuple[Campaign, dict[str, Any]] | None:
    """The later campaign measuring this one again (``previous`` = it) with a ready result."""
    for later in Campaign.objects.filter(previous=campaign).order_by("opens_on", "pk"):
        stored, data = load_result(later)
        if stored is not None and stored.status == ResultStatus.READY and data:
            return later, data
    return None


def targets(watch: list[Mapping[str, Any]]) -> list[tuple[str, tuple[str, ...]]]:
    """The distinct figures to compare: ``("score", (unit, dim))``, ``("interface", (from,
    to))``, ``("symptom", (unit, item))`` or ``("kendall_w", (unit,))``, in watch order."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for w in watch:
        m, unit = w.get("measure"), w.get("unit_id")
        if m in SCORE_MEASURES and unit and w.get("dimension"):
            out.append(("score", (unit, w["dimension"])))
        elif m in INTERFACE_MEASURES and unit and w.get("other_unit_id"):
            out.append(("interface", (unit, w["other_unit_id"])))
        elif m == "symptom_share" and unit and w.get("item"):
            out.append(("symptom", (unit, w["item"])))
        elif m == "kendall_w" and unit:
            out.append(("kendall_w", (unit,)))
    return list(dict.fromkeys(out))


def _shown(entry: Any) -> Mapping[str, Any] | None:
    ok = isinstance(entry, Mapping) and not entry.get("suppressed", True)
    return entry if ok else None


def _score_cell(result: Mapping[str, Any], unit: str, dim: str) -> Mapping[str, Any] | None:
    cell = ((_shown((result.get("units") or {}).get(unit)) or {}).get("scores") or {}).get(dim)
    return cell if isinstance(cell, Mapping) and cell.get("mean") is not None else None


def _interface_cell(result: Mapping[str, Any], a: str, b: str) -> Mapping[str, Any] | None:
    for e in result.get("interfaces") or []:
        if e.get("from") == a and e.get("to") == b and _shown(e) and e.get("score") is not None:
            return {"n": e["n"], "mean": e["score"], "sd": e.get("sd"), "ci95": e.get("ci95")}
    return None


def _welch(before: Mapping[str, Any], after: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """One Welch comparison through ``trend_section`` (cells with n, mean, sd)."""
    wrap = {"suppressed": False, "scores": {_IF: before}}
    trend = trend_section({"x": {**wrap, "scores": {_IF: after}}}, {"units": {"x": wrap}})
    return ((trend or {}).get("units") or {}).get("x", {}).get(_IF)


def _symptom_cell(result: Mapping[str, Any], unit: str, item: str) -> Mapping[str, Any] | None:
    cell = ((result.get("symptoms") or {}).get("units") or {}).get(unit, {}).get(item)
    return cell if isinstance(cell, Mapping) and cell.get("share") is not None else None


def _compare_shares(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    k_a, k_b = round(after["share"] * after["n"]), round(before["share"] * before["n"])
    diff = proportion_difference_ci(k_a, after["n"], k_b, before["n"])
    return {"delta": diff.diff, "ci95": [diff.lo, diff.hi], "changed": diff.lo > 0 or diff.hi < 0}


def _w(result: Mapping[str, Any], unit: str) -> Mapping[str, Any] | None:
    cell = _shown(((result.get("priorities") or {}).get("units") or {}).get(unit))
    return cell if cell and cell.get("kendall_w") is not None else None


def _dimension_name(result: Mapping[str, Any], code: str, lang: str) -> str:
    for d in result.get("dimensions") or []:
        if d.get("code") == code:
            return str(d["name"].get(lang) or code)
    return code


def _unit_name(result: Mapping[str, Any], unit: str) -> str:
    rows = [*(result.get("tree") or []), *(result.get("partner_names") or [])]
    return next((str(u["name"]) for u in rows if u.get("unit_id") == unit), unit)


def _label(result: Mapping[str, Any], kind: str, key: tuple[str, ...], lang: str) -> str:
    if kind == "score":
        return f"{_unit_name(result, key[0])} · {_dimension_name(result, key[1], lang)}"
    if kind == "interface":
        return f"{_unit_name(result, key[0])} → {_unit_name(result, key[1])}"
    if kind == "symptom":
        from eclaire.web.results.present import SYMPTOM_LABELS

        return f"{_unit_name(result, key[0])} · {SYMPTOM_LABELS.get(key[1], key[1])}"
    return f"{_unit_name(result, key[0])} · {_('agreement on priorities (Kendall’s W)')}"


def _cells(result: Mapping[str, Any], kind: str, key: tuple[str, ...]) -> Mapping[str, Any] | None:
    if kind == "score":
        return _score_cell(result, *key)
    if kind == "interface":
        return _interface_cell(result, *key)
    if kind == "symptom":
        return _symptom_cell(result, *key)
    return _w(result, key[0])


def _verdict(change: Mapping[str, Any] | None, better_if_up: bool) -> str:
    if change is None or change.get("ci95", [None])[0] is None:
        return _("No interval: the change cannot be told from the noise.")
    if not change["changed"]:
        return _("No change larger than the noise (the interval includes 0).")
    up = change["delta"] > 0
    if up == better_if_up:
        return _("Better, by more than the noise (the interval excludes 0).")
    return _("Worse, by more than the noise (the interval excludes 0).")


def _figure(f: Fmt, kind: str, cell: Mapping[str, Any]) -> str:
    if kind == "symptom":
        return f"{f.pct(cell['share'])} ({f.evidence(cell['n'], f.ci_pct(cell.get('ci95')))})"
    if kind == "kendall_w":
        return f"W = {f.num(cell['kendall_w'])} (n = {cell['n']})"
    return f"{f.num(cell['mean'])} ({f.evidence(cell['n'], f.ci(cell.get('ci95')))})"


def _delta(f: Fmt, change: Mapping[str, Any] | None, share: bool) -> str:
    if change is None:
        return ""
    if share:
        return _("%(value)s percentage points") % {"value": f.signed(100 * change["delta"], 0)}
    return f.signed(change["delta"])


def _change(kind: str, before: Mapping[str, Any], after: Mapping[str, Any]) -> Any:
    if kind == "symptom":
        return _compare_shares(before, after)
    if kind == "kendall_w":
        return None
    return _welch(before, after)


def compare(
    watch: list[Mapping[str, Any]],
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    lang: str,
) -> list[dict[str, Any]]:
    """One row per figure the action targeted: before, after, change and its words."""
    f, k = Fmt(), int(after.get("min_group") or before.get("min_group") or 5)
    rows = []
    for kind, key in targets(list(watch)):
        b, a = _cells(before, kind, key), _cells(after, kind, key)
        row: dict[str, Any] = {"label": _label(after or before, kind, key, lang)}
        if b is None or a is None:
            row["hidden"] = _("not measurable (n < %(k)s)") % {"k": k}
            rows.append(row)
            continue
        change = _change(kind, b, a)
        share = kind == "symptom"
        row |= {
            "before": _figure(f, kind, b),
            "after": _figure(f, kind, a),
            "delta": _delta(f, change, share),
            "ci": ""
            if change is None
            else (f.ci_pct(change["ci95"]) if share else f.ci(change["ci95"])),
            "verdict": _verdict(change, better_if_up=not share),
            "changed": bool(change and change["changed"]),
        }
        rows.append(row)
    return rows
