"""A short readable summary of a result for the terminal, in French or English."""

from __future__ import annotations

from typing import Any

__all__ = ["summarize"]

TEXTS = {
    "en": {
        "title": "Éclaire diagnostic",
        "responses": "{n} responses, {self} manager self-assessments; groups under {k} are hidden",
        "units": "{shown} of {total} units shown ({hidden} hidden to protect anonymity)",
        "index": "Coherence index: {value}/100",
        "reliability": "Reliability (Cronbach's alpha): {items}",
        "low": "lowest coherence: {items}",
        "weak_links": "weakest interfaces: {items}",
        "gaps": "significant segment gaps: {items}",
        "contradictions": "contradictory commitments between units: {items}",
        "none": "none",
    },
    "fr": {
        "title": "Diagnostic Éclaire",
        "responses": "{n} réponses, {self} auto-évaluations de managers ; groupes de moins de {k} masqués",
        "units": "{shown} unités affichées sur {total} ({hidden} masquées pour protéger l'anonymat)",
        "index": "Indice de cohérence : {value}/100",
        "reliability": "Fiabilité (alpha de Cronbach) : {items}",
        "low": "cohérence la plus faible : {items}",
        "weak_links": "interfaces les plus fragiles : {items}",
        "gaps": "écarts significatifs entre populations : {items}",
        "contradictions": "engagements contradictoires entre unités : {items}",
        "none": "aucun",
    },
}


LABELS = {
    "en": {
        "newcomers": "newcomers vs tenured",
        "juniors": "apprentices and juniors vs others",
        "field": "field vs head office",
        "customer_facing": "customer-facing vs back office",
        "delivery": "delivery",
        "response": "response time",
        "discount": "discount",
        "price": "price",
        "warranty": "warranty",
        "quantity": "quantity",
        "minimum_order": "minimum order",
        "production": "production lead time",
        "resolution": "resolution time",
        "order_confirmation": "order confirmation",
        "availability": "stock availability",
    },
    "fr": {
        "newcomers": "nouveaux vs anciens",
        "juniors": "alternants et juniors vs les autres",
        "field": "terrain vs siège",
        "customer_facing": "contact client vs back-office",
        "delivery": "livraison",
        "response": "délai de réponse",
        "discount": "remise",
        "price": "prix",
        "warranty": "garantie",
        "quantity": "quantité",
        "minimum_order": "minimum de commande",
        "production": "délai de fabrication",
        "resolution": "délai de résolution",
        "order_confirmation": "confirmation de commande",
        "availability": "disponibilité du stock",
    },
}


def _fmt(x: Any, digits: int = 2) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def _names(result: dict[str, Any]) -> dict[str, str]:
    return {u["unit_id"]: u["name"] for u in result.get("tree", [])}


def _lowest_units(result: dict[str, Any], names: dict[str, str], n: int = 3) -> list[str]:
    units = result.get("coherence_index", {}).get("units", {})
    shown = [
        (v["value"], u)
        for u, v in units.items()
        if isinstance(v, dict) and v.get("value") is not None
    ]
    return [f"{names.get(u, u)} {value:.0f}" for value, u in sorted(shown)[:n]]


def _weak_links(result: dict[str, Any], names: dict[str, str], n: int = 3) -> list[str]:
    pairs = [
        p
        for p in result.get("interfaces", [])
        if not p.get("suppressed") and p.get("score") is not None and not p.get("rollup")
    ]
    pairs.sort(key=lambda p: p["score"])
    return [
        f"{names.get(p['from'], p['from'])} → {names.get(p['to'], p['to'])} {p['score']:.2f} (n={p['n']})"
        for p in pairs[:n]
    ]


def _gaps(result: dict[str, Any], dim_names: dict[str, str], labels: dict[str, str]) -> list[str]:
    rows = [
        g for g in result.get("perception_gaps", {}).get("segments", []) if g.get("significant")
    ]
    rows.sort(key=lambda g: -abs(g.get("hedges_g") or 0))
    return [
        f"{labels.get(g['segment'], g['segment'])} · {dim_names.get(g['dimension'], g['dimension'])}"
        f" g={_fmt(g.get('hedges_g'))}"
        for g in rows[:4]
    ]


def _contradictions(
    result: dict[str, Any], names: dict[str, str], labels: dict[str, str], n: int = 3
) -> list[str]:
    found = (result.get("messages") or {}).get("contradictions", [])
    return [
        f"{labels.get(c['subject'], c['subject'])}: "
        + " ≠ ".join(names.get(u, u) for u in c["units"])
        for c in found[:n]
    ]


def summarize(result: dict[str, Any], *, lang: str = "en") -> str:
    t = TEXTS.get(lang, TEXTS["en"])
    names = _names(result)
    units = result.get("units", {})
    hidden = sum(1 for u in units.values() if u.get("suppressed"))
    overall = result.get("coherence_index", {}).get("overall", {}) or {}
    dim_names = {
        d["code"]: d["name"].get(lang) or next(iter(d["name"].values()), d["code"])
        for d in result.get("dimensions", [])
    }
    alphas = ", ".join(
        f"{dim_names.get(code, code)} {_fmt(r.get('alpha'))}"
        for code, r in result.get("reliability", {}).items()
    )
    lines = [
        t["title"],
        "  "
        + t["responses"].format(
            n=result["n_responses"], self=result.get("n_self_assessments", 0), k=result["min_group"]
        ),
        "  " + t["units"].format(shown=len(units) - hidden, total=len(units), hidden=hidden),
        "  " + t["index"].format(value=_fmt(overall.get("value"), 0)),
        "  " + t["reliability"].format(items=alphas or t["none"]),
        "  " + t["low"].format(items="; ".join(_lowest_units(result, names)) or t["none"]),
        "  " + t["weak_links"].format(items="; ".join(_weak_links(result, names)) or t["none"]),
        "  "
        + t["gaps"].format(
            items="; ".join(_gaps(result, dim_names, LABELS.get(lang, LABELS["en"]))) or t["none"]
        ),
        "  "
        + t["contradictions"].format(
            items="; ".join(_contradictions(result, names, LABELS.get(lang, LABELS["en"])))
            or t["none"]
        ),
    ]
    return "\n".join(lines)
