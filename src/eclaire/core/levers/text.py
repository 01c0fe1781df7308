"""Figures of the evidence in words, in French and English, with their n and interval.

Used for the "why now" of the first conversation; pages may use the raw figures instead.
French numbers take a decimal comma; shares are written as percentages.
"""

from __future__ import annotations

from collections.abc import Callable

from eclaire.core.result.view import Figure, ResultView
from eclaire.core.signals.echo import echo_rules

__all__ = ["describe_figure", "number"]


def number(value: float | None, lang: str, digits: int = 2) -> str:
    """``3.14159`` -> ``3.14`` (en) or ``3,14`` (fr); None -> ``?``."""
    if value is None:
        return "?"
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "fr" else text


def _pct(value: float | None, lang: str) -> str:
    if value is None:
        return "?"
    return f"{number(100 * value, lang, 0)} %" if lang == "fr" else f"{100 * value:.0f}%"


def _ci(f: Figure, lang: str, share: bool = False) -> str:
    if not f.ci95 or None in f.ci95:
        return ""
    lo, hi = f.ci95
    show: Callable[[float | None, str], str] = _pct if share else number
    label = "intervalle à 95 %" if lang == "fr" else "95% interval"
    return (
        f"{label} {show(lo, lang)} – {show(hi, lang)} ; "
        if lang == "fr"
        else (f"{label} {show(lo, lang)} to {show(hi, lang)}; ")
    )


def _n(f: Figure) -> str:
    return f"n = {f.n}" if f.n is not None else ""


_TEMPLATES: dict[str, dict[str, str]] = {
    "manager_gap": {
        "fr": "{dim} : auto-évaluation {value} point(s) au-dessus de l'équipe ({ci}{n})",
        "en": "{dim}: self-view {value} points above the team ({ci}{n})",
    },
    "unit_score": {"fr": "{dim} : {value}/5 ({ci}{n})", "en": "{dim}: {value}/5 ({ci}{n})"},
    "rwg": {"fr": "{dim} : r_wg = {value} ({n})", "en": "{dim}: r_wg = {value} ({n})"},
    "kendall_w": {
        "fr": "W de Kendall = {value}, médiane des équipes {ref} ({n})",
        "en": "Kendall's W = {value}, median of the teams {ref} ({n})",
    },
    "symptom_share": {
        "fr": "{share} le voient souvent, contre {ref_share} dans l'organisation ({ci_share}{n})",
        "en": "{share} see it often, against {ref_share} in the organization ({ci_share}{n})",
    },
    "message_consistency": {
        "fr": "{item} : cohérence {value}, médiane {ref} ({ci}{n})",
        "en": "{item}: consistency {value}, median {ref} ({ci}{n})",
    },
    "interface_score": {
        "fr": "{a} → {b} : {value}/5 ({ci}{n})",
        "en": "{a} → {b}: {value}/5 ({ci}{n})",
    },
    "interface_asymmetry": {
        "fr": "{a} note {b} {abs} point(s) plus bas qu'il n'est noté en retour ({ci}{n})",
        "en": "{a} rates {b} {abs} points lower than it is rated in return ({ci}{n})",
    },
    "interface_item": {
        "fr": "{item} {a} → {b} : {value}/5 ({n})",
        "en": "{item} {a} → {b}: {value}/5 ({n})",
    },
    "contradiction": {
        "fr": "{subject} : {a} « {va} », {b} « {vb} »",
        "en": "{subject}: {a} '{va}', {b} '{vb}'",
    },
    "customer_signal": {
        "fr": "{a} → {b} : {signal} atteint {share} des dossiers transmis, "
        "contre {ref_share} dans l'organisation ({ci_share}{n})",
        "en": "{a} → {b}: {signal} reaches {share} of the cases handed over, "
        "against {ref_share} across the organization ({ci_share}{n})",
    },
    "segment_gap": {
        "fr": "{dim} : {abs} point(s) plus bas chez les nouveaux arrivants ({ci}{n})",
        "en": "{dim}: {abs} points lower among newcomers ({ci}{n})",
    },
}


def _signal(f: Figure, lang: str) -> str:
    """The customer measure of a ``customer_signal`` figure (``data/signals/levers.yaml``)."""
    if f.measure != "customer_signal":
        return ""
    label = echo_rules()["measures"].get(f.item or "", {})
    return str(label.get(lang, f.item or ""))


def describe_figure(f: Figure, view: ResultView, lang: str) -> str:
    """One figure as a short phrase, e.g. ``Agence Lyon → Usine : 2,23/5 (intervalle à 95 % …; n = 15)``."""
    template = _TEMPLATES.get(f.measure, {}).get(lang, "{measure}: {value}")
    detail = dict(f.detail)
    va, vb = (list(detail.get("values") or []) + ["?", "?"])[:2]
    return template.format(
        measure=f.measure,
        dim=view.dimension_names.get(f.dimension or "", {}).get(lang, f.dimension or ""),
        a=view.name(f.unit_id or ""),
        b=view.name(f.other_unit_id or ""),
        value=number(f.value, lang),
        abs=number(abs(f.value or 0.0), lang),
        ref=number(f.reference, lang),
        share=_pct(f.value, lang),
        ref_share=_pct(f.reference, lang),
        ci=_ci(f, lang),
        ci_share=_ci(f, lang, True),
        n=_n(f),
        signal=_signal(f, lang),
        item=f.item or "",
        subject=detail.get("subject", ""),
        va=va,
        vb=vb,
    )
