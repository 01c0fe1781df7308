"""The one selection of headline findings of a result: what the web overview, the report's
summary and the terminal summary put first.

Each finding is one plain sentence, its evidence (``n`` and the interval, or the statement that
the figure has none) and, when the interval is wide, a caution. Candidates are tried in a fixed
order and the first :data:`MAX_FINDINGS` that the shown data support are kept, so the same
result always gives the same findings, whoever reads it. Rules that keep the words right:

- a superlative ("the weakest", "least shared") needs at least two shown units or links to
  compare, and a figure that means what the superlative says (a unit whose priorities agree
  strongly is not called "least shared");
- the caution comes from the width of the 95 % interval (:func:`caution`), not from a head count:
  17 people who agree give a precise figure, 40 who disagree do not;
- a hidden cell is never read (:class:`~eclaire.core.result.view.ResultView` returns none).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from eclaire.core.result.numbers import Numbers
from eclaire.core.result.view import Estimate, ResultView

__all__ = [
    "FIRST_SCREEN",
    "MAX_FINDINGS",
    "WIDE",
    "Finding",
    "all_findings",
    "caution",
    "first_findings",
    "headline_findings",
    "sureness",
]

MAX_FINDINGS = 5
FIRST_SCREEN = 3
"""How many headline findings the overview's first screen and the report's first page state."""
WIDE = {"mean": 0.5, "share": 0.15, "index": 10.0}
"""Half-widths of a 95 % interval past which a figure is called imprecise: half a point on a
1–5 scale, 15 percentage points on a share, 10 points on the 0–100 index."""
MAP_FAMILIES = ("clarity", "pillar")
SHARED_W = 0.5
"""Kendall's W from which agreement on priorities reads as strong (see ``Words.w_words``)."""


@dataclass(frozen=True)
class Finding:
    """One headline: ``kind`` (dimension, unit, link, segment, manager, symptom, priorities),
    the sentence, its evidence, a caution when imprecise, the unit a reader may open, the raw
    numbers the sentence states (``figures``), the codes behind it (``facts``) and how sure the
    sentence is, in words (``sure``: see :func:`sureness`)."""

    kind: str
    text: str
    evidence: str
    caution: str = ""
    unit_id: str | None = None
    figures: tuple[float, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()
    sure: str = ""

    def fact(self, key: str) -> str:
        return dict(self.facts).get(key, "")


def caution(f: Numbers, estimate: Estimate | None, kind: str) -> str:
    """ "A wide interval (± 0.62): read with care." when the interval is wider than :data:`WIDE`."""
    half = estimate.half_width if estimate is not None else None
    if half is None or half <= WIDE[kind]:
        return ""
    scaled = 100 * half if kind == "share" else half
    digits = 0 if kind != "mean" else 2
    return f.words.t(
        "finding.wide", half=f.num(scaled, digits) + (" points" if kind == "share" else "")
    )


def sureness(f: Numbers, kind: str, cautious: bool) -> str:
    """How sure a finding is, in words a manager reads without statistics.

    ``kind`` is ``"estimate"`` (a mean, share or index with its 95 % interval: firm unless the
    interval is wider than :data:`WIDE`), ``"tested"`` (a difference that passed its test with
    a relevant effect size: probably real, not noise), ``"one_person"`` (a manager's single
    self-assessment outside the team's interval) or ``"no_interval"`` (Kendall's W).
    """
    if kind == "estimate":
        return f.words.t("sure.wide" if cautious else "sure.firm")
    if kind == "tested":
        return f.words.t("sure.wide_real" if cautious else "sure.real")
    return f.words.t(f"sure.{kind}")


def _evidence(f: Numbers, key: str, est: Estimate, digits: int = 2, scale: float = 1.0) -> str:
    lo, hi = f.bounds(est.ci95, digits, scale=scale)
    if est.ci95 is None:
        return f.words.t("finding.n_only", n=f.count(est.n))
    return f.words.t(key, n=f.count(est.n), lo=lo, hi=hi)


def _weakest_dimension(v: ResultView, f: Numbers) -> Finding | None:
    top = v.top()
    if top is None:
        return None
    cells = [(d["code"], c) for d in v.dimensions(MAP_FAMILIES) if (c := v.score(top, d["code"]))]
    if len(cells) < 2:
        return None
    code, cell = min(cells, key=lambda cs: (cs[1]["mean"], cs[0]))
    est = Estimate.of(cell)
    if est is None:
        return None
    fav = (cell.get("favorable") or {}).get("share")
    text = f.words.t(
        "finding.weakest_dimension",
        group=_group(v, f, top),
        dim=v.dim_name(code, f.lang),
        mean=f.num(est.value),
        fav=f.pct(fav),
    )
    return Finding(
        "dimension",
        text,
        _evidence(f, "finding.evidence_mean", est),
        caution(f, est, "mean"),
        top,
        (round(est.value, 2),),
        (("code", code),),
        sureness(f, "estimate", bool(caution(f, est, "mean"))),
    )


def _group(v: ResultView, f: Numbers, top: str) -> str:
    """The organization in words, or the manager's own unit by name."""
    return v.name(top) if v.is_scoped else f.words.t("organization")


def _lowest_unit(v: ResultView, f: Numbers) -> Finding | None:
    entries = [(u, e) for u in v.unit_ids() if u != v.root and (e := v.index(u)) is not None]
    if len(entries) < 2:
        return None
    unit, entry = min(entries, key=lambda ue: (ue[1]["value"], ue[0]))
    fragile = sum(1 for _, e in entries if e.get("band") == "fragile")
    values = {"unit": v.name(unit), "value": f.num(entry["value"], 0)}
    text = (
        f.words.t("finding.fragile_units", count=fragile, **values)
        if fragile
        else f.words.t("finding.lowest_unit", band=f.words.band(entry.get("band")), **values)
    )
    est = Estimate.of(entry, "value")
    if est is None:
        return None
    return Finding(
        "unit",
        text,
        _evidence(f, "finding.evidence_index", est, 0),
        caution(f, est, "index"),
        unit,
        (round(est.value),),
        sure=sureness(f, "estimate", bool(caution(f, est, "index"))),
    )


def _reverse(v: ResultView, e: Mapping[str, Any]) -> Mapping[str, Any] | None:
    return next(
        (b for b in v.shown_interfaces() if b["from"] == e["to"] and b["to"] == e["from"]), None
    )


def _weakest_link(v: ResultView, f: Numbers) -> Finding | None:
    links = v.shown_interfaces(unit_level=True)
    if not links:
        return None
    e = min(links, key=lambda x: (x["score"], x["from"], x["to"]))
    names = {"from": v.name(e["from"]), "to": v.name(e["to"])}
    key = "finding.weakest_link" if len(links) > 1 else "finding.only_link"
    text = f.words.t(key, score=f.num(e["score"]), **names)
    est = Estimate.of(e, "score")
    if est is None:
        return None
    evidence = _evidence(f, "finding.evidence_link", est)
    back, ci = _reverse(v, e), e.get("asymmetry_ci95")
    if back and e.get("asymmetry") is not None and ci and ci[1] is not None and ci[1] < 0:
        lo, hi = f.bounds(ci)
        text += " " + f.words.t("finding.weakest_link_asym", diff=f.num(-e["asymmetry"]), **names)
        evidence += "; " + f.words.t(
            "finding.evidence_asym",
            diff=f.signed(e["asymmetry"]),
            lo=lo,
            hi=hi,
            n_a=f.count(e["n"]),
            n_b=f.count(back["n"]),
        )
    facts = (("from", str(e["from"])), ("to", str(e["to"])))
    unit = e["from"] if e["from"] in v.tree else None
    warn = caution(f, est, "mean")
    sure = sureness(f, "estimate", bool(warn))
    return Finding("link", text, evidence, warn, unit, (round(est.value, 2),), facts, sure)


def _segment_gap(v: ResultView, f: Numbers) -> Finding | None:
    rows = (v.result.get("perception_gaps") or {}).get("segments") or []
    shown = [e for e in rows if not e.get("suppressed") and e.get("significant")]
    if not shown:
        return None
    e = max(shown, key=lambda x: (abs(x["hedges_g"]), x["segment"], x["dimension"]))
    a, b = f.words.segment_levels(e["segment"])
    lo, hi = f.bounds(e.get("difference_ci95"))
    text = f.words.t(
        "finding.segment_gap",
        a=a[:1].upper() + a[1:],
        b=b,
        dim=v.dim_name(e["dimension"], f.lang),
        mean_a=f.num(e["mean_a"]),
        mean_b=f.num(e["mean_b"]),
        size=f.words.effect(e["hedges_g"]),
    )
    evidence = f.words.t(
        "finding.evidence_segment",
        n_a=f.count(e["n_a"]),
        n_b=f.count(e["n_b"]),
        diff=f.signed(e["difference"]),
        lo=lo,
        hi=hi,
        g=f.signed(e["hedges_g"]),
        p_words=f.p_words(e.get("p_adjusted")),
    )
    wide = min(
        (
            x
            for x in (
                Estimate.of({"mean": e["mean_a"], "ci95": e.get("ci95_a"), "n": e["n_a"]}),
                Estimate.of({"mean": e["mean_b"], "ci95": e.get("ci95_b"), "n": e["n_b"]}),
            )
            if x is not None
        ),
        key=lambda x: -(x.half_width or 0),
        default=None,
    )
    figures = (round(e["mean_a"], 2), round(e["mean_b"], 2))
    facts = (("segment", str(e["segment"])), ("dimension", str(e["dimension"])))
    warn = caution(f, wide, "mean")
    sure = sureness(f, "tested", bool(warn))
    return Finding("segment", text, evidence, warn, None, figures, facts, sure)


def _manager_gap(v: ResultView, f: Numbers) -> Finding | None:
    """The largest manager–team gap whose manager score lies outside the team's interval."""
    rows = (v.result.get("perception_gaps") or {}).get("managers") or []
    outside = [
        g for g in rows if g.get("outside_team_pi95") and g.get("gap") and v.shown(g["unit_id"])
    ]
    if not outside:
        return None
    g = max(outside, key=lambda x: (abs(x["gap"]), x["unit_id"], x["dimension"]))
    key = "finding.manager_gap_over" if g["gap"] > 0 else "finding.manager_gap_under"
    text = f.words.t(
        key,
        unit=v.name(g["unit_id"]),
        dim=v.dim_name(g["dimension"], f.lang),
        manager=f.num(g["manager"]),
        team=f.num(g["team"]),
    )
    team = Estimate.of({"mean": g["team"], "ci95": g.get("team_ci95"), "n": g["n_team"]})
    if team is None:
        return None
    lo, hi = f.bounds(team.ci95)
    evidence = f.words.t("finding.evidence_manager", n=f.count(team.n), lo=lo, hi=hi)
    figures = (round(g["manager"], 2), round(g["team"], 2))
    facts = (("over", "1" if g["gap"] > 0 else ""), ("dimension", str(g["dimension"])))
    warn, sure = caution(f, team, "mean"), sureness(f, "one_person", False)
    return Finding("manager", text, evidence, warn, g["unit_id"], figures, facts, sure)


def _top_symptom(v: ResultView, f: Numbers) -> Finding | None:
    group = None if (v.result.get("symptoms") or {}).get("overall") else v.top()
    if group is None and not (v.result.get("symptoms") or {}).get("overall"):
        return None
    cells = [(i, c) for i in v.symptom_items() if (c := v.symptom(group, i)) is not None]
    if len(cells) < 2:
        return None
    item, cell = max(cells, key=lambda ic: (ic[1]["share"], ic[0]))
    est = Estimate.of(cell, "share")
    if est is None:
        return None
    text = f.words.t(
        "finding.symptom",
        group=_group(v, f, group) if group else f.words.t("organization"),
        share=f.pct(est.value),
        symptom=f.words.symptom(item),
    )
    lo, hi = (f.pct(x) for x in est.ci95) if est.ci95 else (f.dash, f.dash)
    evidence = f.words.t("finding.evidence_share", n=f.count(est.n), lo=lo, hi=hi)
    return Finding(
        "symptom",
        text,
        evidence,
        caution(f, est, "share"),
        group,
        (round(100 * est.value),),
        (("item", item),),
        sureness(f, "estimate", bool(caution(f, est, "share"))),
    )


def _overall_priorities(v: ResultView, f: Numbers) -> Finding | None:
    overall = (v.result.get("priorities") or {}).get("overall") or {}
    if overall.get("suppressed", True) or overall.get("kendall_w") is None:
        return None
    dist, w = overall.get("distance_to_declared") or 0, overall["kendall_w"]
    text = (
        f.words.t("finding.priorities_far", dist=f.pct(dist))
        if dist > 0
        else f.words.t("finding.priorities_close", w_words=f.words.w_words(w), w=f.num(w))
    )
    evidence = f.words.t("finding.evidence_priorities", n=f.count(overall.get("n")), w=f.num(w))
    facts = (("far", "1" if dist > 0 else ""),)
    sure = sureness(f, "no_interval", False)
    return Finding("priorities", text, evidence, "", None, (round(w, 2),), facts, sure)


def _priorities(v: ResultView, f: Numbers) -> Finding | None:
    """The organization against its declared order; in a scope without it, the units' own
    agreement, with "least shared" only when two units or more compare and the lowest W is
    below :data:`SHARED_W`."""
    found = _overall_priorities(v, f)
    if found is not None:
        return found
    units = (v.result.get("priorities") or {}).get("units") or {}
    shown = [
        (u, c)
        for u in v.unit_ids()
        if (c := units.get(u)) and not c.get("suppressed", True) and c.get("kendall_w") is not None
    ]
    if not shown:
        return None
    unit_id, c = min(shown, key=lambda uc: (uc[1]["kendall_w"], uc[0]))
    w = float(c["kendall_w"])
    if len(shown) == 1:
        key = "finding.priorities_one"
    else:
        key = "finding.priorities_least" if w < SHARED_W else "finding.priorities_all_shared"
    text = f.words.t(key, unit=v.name(unit_id), w_words=f.words.w_words(w), w=f.num(w))
    evidence = f.words.t("finding.evidence_priorities", n=f.count(c.get("n")), w=f.num(w))
    sure = sureness(f, "no_interval", False)
    return Finding("priorities", text, evidence, "", unit_id, (round(w, 2),), (), sure)


CANDIDATES: tuple[Callable[[ResultView, Numbers], Finding | None], ...] = (
    _weakest_dimension,
    _lowest_unit,
    _weakest_link,
    _segment_gap,
    _manager_gap,
    _top_symptom,
    _priorities,
)


def all_findings(view: ResultView, lang: str) -> list[Finding]:
    """Every candidate finding the shown data support, in the fixed order."""
    f = Numbers(lang)
    return [found for make in CANDIDATES if (found := make(view, f)) is not None]


def headline_findings(view: ResultView, lang: str) -> list[Finding]:
    """The first :data:`MAX_FINDINGS` findings: what every reader of the result puts first."""
    return all_findings(view, lang)[:MAX_FINDINGS]


def first_findings(view: ResultView, lang: str) -> list[Finding]:
    """The first :data:`FIRST_SCREEN` headline findings: the overview's first screen and the
    report's first page state these, in this order."""
    return headline_findings(view, lang)[:FIRST_SCREEN]
