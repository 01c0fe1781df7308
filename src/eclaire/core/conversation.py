"""The first conversation to open, its guide, and the questions that close the report.

``first_conversation`` picks, among the recommendations, the one conversation with the most
leverage:

    leverage = score (the recommendation's rank score, docs/levers.md)
               + leverage_weight · rule leverage (how much the pattern feeds others)
               + customer_facing_bonus · [a mediation touching a customer-facing unit]
               + feeds_bonus · min(feeds, feeds_cap)

``feeds`` counts the other recommendations whose target shares a unit with this one (the same
unit, or one above or below it): the conversation that touches the most other problems first.
Weights: the ``first_conversation`` block of ``data/levers.yaml``. The guide (opening questions,
what to listen for, pitfalls, closing) comes from ``data/conversations/<guide>.yaml``.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from eclaire.core.levers.recommender import (
    Recommendation,
    WatchItem,
    check_lang,
    recommend,
    resolve_rules,
)
from eclaire.core.levers.rules import LANGS, RuleSet, Text
from eclaire.core.levers.text import describe_figure, number
from eclaire.core.result.view import Figure, ResultView
from eclaire.core.yaml_lines import DataFileError, parse_yaml

__all__ = [
    "FORMATS",
    "FirstConversation",
    "Guide",
    "closing_questions",
    "first_conversation",
    "load_guide",
    "load_guides",
]

FORMATS: dict[str, Text] = {
    "one_to_one": {"fr": "entretien individuel", "en": "one-to-one"},
    "team_session": {"fr": "séance d'équipe", "en": "team session"},
    "mediated_meeting": {"fr": "rencontre avec un médiateur", "en": "mediated meeting"},
}
PLACEHOLDERS = frozenset({"unit", "partner"})
MAX_WHY_FIGURES = 3


@dataclass(frozen=True)
class Guide:
    """One conversation guide of ``data/conversations``."""

    id: str
    format: str
    opener: Text
    participants: Text
    about: Text
    questions: tuple[Text, ...]
    listen_for: tuple[Text, ...]
    pitfalls: tuple[Text, ...]
    closing: Text


@dataclass(frozen=True)
class FirstConversation:
    """The conversation to open first. Texts in both languages; ``lang`` is the reader's."""

    recommendation_id: str
    rank: int
    lever: str
    target: Mapping[str, Any]
    opener: Text
    participants: Text
    about: Text
    why_now: Text
    evidence: tuple[Figure, ...]
    format: str
    format_name: Text
    questions: tuple[Text, ...]
    listen_for: tuple[Text, ...]
    pitfalls: tuple[Text, ...]
    closing: Text
    watch: tuple[WatchItem, ...]
    leverage_score: float
    reasons: tuple[str, ...]
    lang: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "recommendation_id": self.recommendation_id,
            "rank": self.rank,
            "lever": self.lever,
            "target": dict(self.target),
            "opener": dict(self.opener),
            "participants": dict(self.participants),
            "about": dict(self.about),
            "why_now": dict(self.why_now),
            "evidence": [f.to_dict() for f in self.evidence],
            "format": self.format,
            "format_name": dict(self.format_name),
            "questions": [dict(q) for q in self.questions],
            "listen_for": [dict(t) for t in self.listen_for],
            "pitfalls": [dict(t) for t in self.pitfalls],
            "closing": dict(self.closing),
            "watch": [w.to_dict() for w in self.watch],
            "leverage_score": round(self.leverage_score, 4),
            "reasons": list(self.reasons),
        }


# -- the guide library ------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    ref = resources.files("eclaire.core").joinpath("schemas", "conversation.schema.json")
    return Draft202012Validator(json.loads(ref.read_text(encoding="utf-8")))


def load_guide(text: str, name: str) -> Guide:
    """Parse and validate one guide (``name``: the file name, e.g. ``mediation_interface.yaml``).

    Raises :class:`~eclaire.core.yaml_lines.DataFileError` with the line of every problem."""
    doc = parse_yaml(text, name)
    problems = [*doc.duplicate_keys(), *doc.schema_problems(_validator())]
    if not problems:
        if doc.data["id"] != name.removesuffix(".yaml"):
            problems.append(doc.problem(("id",), f"the id must be the file name, '{name[:-5]}'"))
        problems += [doc.problem(p, m) for p, m in _placeholder_problems(doc.data)]
    if problems:
        raise DataFileError(problems)
    d = doc.data
    return Guide(
        d["id"],
        d["format"],
        d["opener"],
        d["participants"],
        d["about"],
        tuple(d["questions"]),
        tuple(d["listen_for"]),
        tuple(d["pitfalls"]),
        d["closing"],
    )


def _placeholder_problems(data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    out = []
    for key, value in data.items():
        texts = value if isinstance(value, list) else [value]
        for i, text in enumerate(texts):
            if not isinstance(text, dict):
                continue
            for lang, phrase in text.items():
                names = {f for _, f, _, _ in string.Formatter().parse(phrase) if f is not None}
                for bad in sorted(names - PLACEHOLDERS):
                    path = (key, i, lang) if isinstance(value, list) else (key, lang)
                    out.append(
                        (path, f"unknown placeholder {{{bad}}} (allowed: {{unit}}, {{partner}})")
                    )
    return out


@lru_cache(maxsize=1)
def load_guides() -> dict[str, Guide]:
    """Every guide shipped in ``eclaire/data/conversations``, by id (loaded once)."""
    folder = resources.files("eclaire").joinpath("data", "conversations")
    entries = sorted(
        (e for e in folder.iterdir() if e.name.endswith(".yaml")), key=lambda e: e.name
    )
    return {g.id: g for g in (load_guide(e.read_text(encoding="utf-8"), e.name) for e in entries)}


# -- the first conversation -------------------------------------------------------------------
def first_conversation(
    result: Mapping[str, Any],
    recommendations: Sequence[Recommendation],
    *,
    lang: str = "fr",
    rules: RuleSet | None = None,
    overrides: Mapping[str, float] | None = None,
) -> FirstConversation | None:
    """The single conversation with the most leverage, or None without recommendations."""
    check_lang(lang)
    if not recommendations:
        return None
    ruleset = resolve_rules(rules, overrides)
    view = ResultView(result)
    feeds = _feeds(recommendations, _near_units(view, recommendations))
    scored = [
        (_leverage(view, ruleset, rec, fed), rec)
        for rec, fed in zip(recommendations, feeds, strict=True)
    ]
    (score, reasons), best = max(scored, key=lambda s: (s[0][0], -s[1].rank))
    guides = load_guides()
    if best.guide not in guides:
        raise ValueError(f"no conversation guide '{best.guide}' in data/conversations")
    return _build(view, best, guides[best.guide], score, reasons, lang)


def _near_units(view: ResultView, recommendations: Sequence[Recommendation]) -> dict[str, set[str]]:
    """Per unit a recommendation targets, the targeted units ``view.related`` to it (itself,
    those above it, those below it): one set per unit instead of a tree walk per pair of
    recommendations (hundreds of thousands of pairs on a large organization)."""
    targeted = {u for rec in recommendations for u in rec.target.unit_ids}
    near = {u: {u, *view.ancestors(u)} for u in targeted}
    for unit in targeted:
        for above in view.ancestors(unit):
            if above in near:
                near[above].add(unit)
    return near


def _feeds(recommendations: Sequence[Recommendation], near: Mapping[str, set[str]]) -> list[int]:
    """Per recommendation, how many others it feeds: those, with another id, whose target
    shares a unit with its reach (the units ``near`` its own); none for or from the
    organization. Each is found through the units it targets rather than by testing every
    pair of recommendations (hundreds of thousands at 200,000 respondents)."""
    targeting: dict[str, set[int]] = {}
    for i, rec in enumerate(recommendations):
        if rec.target.kind != "organization":
            for unit in rec.target.unit_ids:
                targeting.setdefault(unit, set()).add(i)
    out = []
    for rec in recommendations:
        if rec.target.kind == "organization":
            out.append(0)
            continue
        reach = set().union(*(near[a] for a in rec.target.unit_ids))
        fed = set().union(*(targeting.get(u, ()) for u in reach))
        out.append(sum(1 for i in fed if recommendations[i].id != rec.id))
    return out


def _leverage(
    view: ResultView, ruleset: RuleSet, rec: Recommendation, feeds: int
) -> tuple[float, tuple[str, ...]]:
    w = ruleset.first_conversation
    units = set(rec.target.unit_ids)
    facing = rec.lever == "mediation" and any(
        view.function(u) in ruleset.customer_facing for u in units
    )
    score = (
        rec.score
        + w["leverage_weight"] * rec.leverage
        + w["customer_facing_bonus"] * facing
        + w["feeds_bonus"] * min(feeds, w["feeds_cap"])
    )
    reasons = [f"rank:{rec.rank}", f"leverage:{rec.leverage:g}"]
    reasons += ["customer_facing"] if facing else []
    reasons += [f"feeds:{feeds}"] if feeds else []
    return score, tuple(reasons)


def _fill(text: Text, rec: Recommendation) -> Text:
    names = rec.target.names
    values = {"unit": names[0], "partner": names[1] if len(names) > 1 else ""}
    return {lang: phrase.format(**values) for lang, phrase in text.items()}


def _build(
    view: ResultView,
    rec: Recommendation,
    guide: Guide,
    score: float,
    reasons: tuple[str, ...],
    lang: str,
) -> FirstConversation:
    figures = tuple(f for e in rec.evidence for f in e.figures)[:MAX_WHY_FIGURES]
    why = {
        g: " ".join(e.text[g] for e in rec.evidence)
        + " "
        + ("Chiffres : " if g == "fr" else "Figures: ")
        + "; ".join(describe_figure(f, view, g) for f in figures)
        + "."
        for g in LANGS
    }
    return FirstConversation(
        recommendation_id=rec.id,
        rank=rec.rank,
        lever=rec.lever,
        target=rec.target.to_dict(),
        opener=guide.opener,
        participants=_fill(guide.participants, rec),
        about=guide.about,
        why_now=why,
        evidence=figures,
        format=guide.format,
        format_name=FORMATS[guide.format],
        questions=tuple(_fill(q, rec) for q in guide.questions),
        listen_for=guide.listen_for,
        pitfalls=guide.pitfalls,
        closing=guide.closing,
        watch=rec.watch,
        leverage_score=score,
        reasons=reasons,
        lang=lang,
    )


# -- the closing questions --------------------------------------------------------------------
def closing_questions(
    result: Mapping[str, Any],
    lang: str = "fr",
    *,
    rules: RuleSet | None = None,
    overrides: Mapping[str, float] | None = None,
) -> list[str]:
    """Three questions for the organization to ask itself at the end of the report: is sales
    still set apart (from the interfaces that involve sales units), which conversation first,
    and making it the starting point of the year."""
    check_lang(lang)
    return closing_texts(result, rules=rules, overrides=overrides)[lang]


def closing_texts(
    result: Mapping[str, Any],
    *,
    rules: RuleSet | None = None,
    overrides: Mapping[str, float] | None = None,
    first: FirstConversation | None = None,
    recommendations: Sequence[Recommendation] | None = None,
) -> dict[str, list[str]]:
    """The closing questions in both languages (``{"fr": [...], "en": [...]}``)."""
    ruleset = resolve_rules(rules, overrides)
    view = ResultView(result)
    if first is None:
        recs = recommendations if recommendations is not None else recommend(result, rules=ruleset)
        first = first_conversation(result, recs, rules=ruleset)
    sales = _sales_questions(view, ruleset)
    out: dict[str, list[str]] = {}
    for lang in LANGS:
        out[lang] = [sales[lang], *_first_questions(ruleset, first, lang)]
    return out


def _sales_questions(view: ResultView, ruleset: RuleSet) -> dict[str, str]:
    """The question on the sales units' links against the others', per language (the links
    are split once for both)."""
    closing = ruleset.closing
    sales_units = {u for u in view.order if view.function(u) in ruleset.sales}
    if not sales_units:
        return {lang: closing["no_sales"][lang] for lang in LANGS}
    touching: list[Mapping[str, Any]] = []
    rest: list[Mapping[str, Any]] = []
    for e in view.shown_interfaces():
        if not e.get("rollup"):
            sales = e["from"] in sales_units or e["to"] in sales_units
            (touching if sales else rest).append(e)
    if not touching or not rest:
        return {lang: closing["sales_no_data"][lang] for lang in LANGS}
    sales_score, others_score = _weighted(touching), _weighted(rest)
    return {
        lang: closing["sales_apart"][lang].format(
            sales_score=number(sales_score, lang),
            others_score=number(others_score, lang),
            n_sales=len(touching),
        )
        for lang in LANGS
    }


def _weighted(entries: list[Mapping[str, Any]]) -> float:
    total = sum(e["n"] for e in entries)
    return sum(e["score"] * e["n"] for e in entries) / total if total else 0.0


def _first_questions(ruleset: RuleSet, first: FirstConversation | None, lang: str) -> list[str]:
    closing = ruleset.closing
    if first is None:
        return [
            closing["first_conversation_none"][lang],
            closing["starting_point"][lang].format(watch=closing["watch_default"][lang]),
        ]
    title = f"{first.target['label'][lang]} ({first.format_name[lang]})"
    about = first.about[lang]
    conversation = f"{title} — {about[0].lower()}{about[1:]}"
    return [
        closing["first_conversation"][lang].format(conversation=conversation),
        closing["starting_point"][lang].format(watch=_watch_text(ruleset, first, lang)),
    ]


def _watch_text(ruleset: RuleSet, first: FirstConversation, lang: str) -> str:
    texts = list(dict.fromkeys(w.text[lang] for w in first.watch))
    return " ; ".join(texts[:2]) if texts else ruleset.closing["watch_default"][lang]
