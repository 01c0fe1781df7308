"""A short readable summary of a result for the terminal, in French or English.

It reads the result through :mod:`eclaire.core.result`, as the web pages and the report do: the
same headline findings, in the same words, with the same number formats (``0,80`` in French).
"""

from __future__ import annotations

from typing import Any

from eclaire.core.result.findings import headline_findings
from eclaire.core.result.numbers import Numbers
from eclaire.core.result.view import ResultView

__all__ = ["summarize"]

TEXTS = {
    "en": {
        "title": "Éclaire diagnostic",
        "responses": "{n} responses, {self} manager self-assessments; groups under {k} are hidden",
        "units": "{shown} of {total} units shown ({hidden} hidden to protect anonymity)",
        "index": "Coherence index: {value}/100 ({band})",
        "reliability": "Reliability (Cronbach's alpha): {items}",
        "findings": "What stands out:",
        "contradictions": "contradictory commitments between units: {items}",
        "none": "none",
    },
    "fr": {
        "title": "Diagnostic Éclaire",
        "responses": "{n} réponses, {self} auto-évaluations de managers ; groupes de moins de {k} masqués",
        "units": "{shown} unités affichées sur {total} ({hidden} masquées pour protéger l'anonymat)",
        "index": "Indice de cohérence : {value}/100 ({band})",
        "reliability": "Fiabilité (alpha de Cronbach) : {items}",
        "findings": "Ce qui ressort :",
        "contradictions": "engagements contradictoires entre unités : {items}",
        "none": "aucun",
    },
}

SUBJECTS = {
    "en": {
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


def _contradictions(view: ResultView, lang: str, n: int = 3) -> list[str]:
    found = (view.result.get("messages") or {}).get("contradictions") or []
    return [
        SUBJECTS[lang].get(c["subject"], c["subject"])
        + (" : " if lang == "fr" else ": ")
        + " ≠ ".join(view.name(u) for u in c["units"])
        for c in found[:n]
    ]


def _findings(view: ResultView, lang: str) -> list[str]:
    lines = []
    for i, found in enumerate(headline_findings(view, lang), start=1):
        lines.append(f"  {i}. {found.text}")
        lines.append(f"     {found.evidence}" + (f" — {found.caution}" if found.caution else ""))
    return lines


def summarize(result: dict[str, Any], *, lang: str = "en") -> str:
    lang = lang if lang in TEXTS else "en"
    t, f, view = TEXTS[lang], Numbers(lang), ResultView(result, lang)
    hidden = sum(1 for u in view.order if not view.shown(u))
    overall = view.index(None) or {}
    alphas = ", ".join(
        f"{view.dim_name(code)} {f.num(r.get('alpha'))}"
        for code, r in (result.get("reliability") or {}).items()
    )
    lines = [
        t["title"],
        "  "
        + t["responses"].format(
            n=f.count(result["n_responses"]),
            self=f.count(result.get("n_self_assessments") or 0),
            k=result["min_group"],
        ),
        "  "
        + t["units"].format(shown=len(view.order) - hidden, total=len(view.order), hidden=hidden),
        "  "
        + t["index"].format(
            value=f.num(overall.get("value"), 0),
            band=f.words.band(overall.get("band"), overall.get("band_firm", True)),
        ),
        "  " + t["reliability"].format(items=alphas or t["none"]),
        "  " + t["findings"],
        *_findings(view, lang),
        "  "
        + t["contradictions"].format(items="; ".join(_contradictions(view, lang)) or t["none"]),
    ]
    return "\n".join(lines)
