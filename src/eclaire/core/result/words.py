"""Plain words of a result in French or English, from one bilingual data file.

``eclaire/data/result/words.yaml`` gives every text in both languages side by side (chosen over
gettext so that :mod:`eclaire.core` stays free of Django, and over two files so a missing
translation shows at a glance). The labels say which way is better (the index's symptom
component is the *absence* of symptoms: 89/100 is good) and the headline sentences live here,
so the web pages, the report and the terminal summary use the same words.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml

from eclaire.core.result.view import finite

__all__ = ["LANGUAGES", "THRESHOLD_UNITS", "Texts", "Words", "check_lang", "load_words"]

LANGUAGES: tuple[str, ...] = ("fr", "en")

THRESHOLD_UNITS: dict[str, str] = {
    "min_gap": "scale_points",
    "min_dimensions": "dimensions",
    "max_mean": "score",
    "min_effect": "scale_points",
    "max_rwg": "zero_one",
    "min_n": "people",
    "max_ratio_to_median": "ratio",
    "min_share": "share",
    "min_difference": "share_points",
    "min_key_messages": "messages",
    "max_score": "score",
    "min_asymmetry": "scale_points",
    "min_modal": "people",
    "min_modal_share": "share",
    "strength_weight": "weight",
    "margin_cap": "std_margin",
    "strong_margin": "std_margin",
    "extra_rule_weight": "weight",
    "customer_facing": "weight",
    "external_mirror": "weight",
    "symptoms": "weight",
    "size": "weight",
    "urgency_high": "urgency",
    "urgency_medium": "urgency",
    "customer_facing_bonus": "weight",
    "feeds_bonus": "weight",
    "feeds_cap": "recommendations",
    "leverage_weight": "weight",
    # a name that means another thing in one rule
    "organization_newcomer_support.min_difference": "scale_points",
}
"""The unit of each lever threshold (a key of ``lever_unit`` in words.yaml), by threshold name
or by full key where one rule reads the name differently."""


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    return lang


@lru_cache(maxsize=1)
def load_words() -> dict[str, Any]:
    """The raw bilingual tree (cached; the file ships with the package)."""
    source = files("eclaire").joinpath("data", "result", "words.yaml")
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("eclaire/data/result/words.yaml is not a mapping")
    return data


class Texts:
    """Texts found by dotted keys (``summary.title``): :meth:`raw` gives the node (each subclass
    says where from), :meth:`t` fills its placeholders, :meth:`get` falls back to a default."""

    what = "text"

    def raw(self, key: str) -> Any:
        raise NotImplementedError

    def t(self, key: str, **values: Any) -> str:
        """The text ``key`` with its placeholders filled."""
        text = self.raw(key)
        if not isinstance(text, str):
            raise KeyError(f"{self.what} {key!r} is not a text")
        return text.format(**values) if values else text

    def get(self, key: str, default: str) -> str:
        try:
            return self.t(key)
        except KeyError:
            return default


class Words(Texts):
    """The texts of one language."""

    what = "result word"

    def __init__(self, lang: str) -> None:
        self.lang = check_lang(lang)

    def raw(self, key: str) -> Any:
        node: Any = load_words()
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise KeyError(f"no result word {key!r}")
            node = node[part]
        if not isinstance(node, dict) or self.lang not in node:
            raise KeyError(f"result word {key!r} has no {self.lang!r} text")
        return node[self.lang]

    def symptom(self, code: str) -> str:
        return self.get(f"symptom.{code}", code)

    def short(self, code: str, default: str) -> str:
        """A short column header for a dimension or item code (``default`` when none); the
        codes hold dots, so they are looked up whole, not as a dotted path."""
        node = (load_words().get("short") or {}).get(code)
        return str(node[self.lang]) if isinstance(node, dict) and self.lang in node else default

    def compared(self, kind: str, direction: str | None, ref: str) -> str:
        """A unit against ``ref`` in words (``kind`` "score" or "share"; ``direction`` from
        :func:`eclaire.core.result.rest.compare_with_rest`); empty without a comparison."""
        if direction is None:
            return ""
        return self.t(f"compare.{kind}.{direction}", ref=ref)

    def lever_rule(self, rule_id: str) -> str:
        """The name of a lever rule (or of "ranking", "first_conversation") for people."""
        node = (load_words().get("lever_rule") or {}).get(rule_id)
        return str(node[self.lang]) if isinstance(node, dict) else rule_id

    def lever_threshold(self, key: str) -> tuple[str, str]:
        """``(label, unit)`` of an override key ``<rule>.<threshold>``, in words."""
        name = key.split(".", 1)[-1]
        node = (load_words().get("lever_threshold") or {}).get(name)
        if not isinstance(node, dict):
            return key, ""
        unit = THRESHOLD_UNITS.get(key, THRESHOLD_UNITS.get(name, ""))
        unit_node = (load_words().get("lever_unit") or {}).get(unit) or {}
        return str(node[self.lang]), str(unit_node.get(self.lang, ""))

    def segment_gap(
        self, levels: tuple[str, str], means: tuple[str, str], p_adjusted: object, g: object
    ) -> tuple[str, str]:
        """Two populations on one dimension: ``(what, how sure)`` in words.

        Called a difference when the adjusted p is below 0.05 and ``|g| ≥ 0.2`` (the rule of
        ``perception_gaps.segments[].significant``); below 0.05 with a smaller g it is "probably
        real, but too small to matter"; otherwise "could well be chance".
        """
        a, b = levels
        values = {"a": a, "b": b, "mean_a": means[0], "mean_b": means[1]}
        tested = finite(p_adjusted) and float(p_adjusted) < 0.05  # type: ignore[arg-type]
        relevant = finite(g) and abs(float(g)) >= 0.2  # type: ignore[arg-type]
        if not tested:
            return self.t("segment_read.same", **values), self.t("segment_read.chance")
        if not relevant:
            return self.t("segment_read.same", **values), self.t("segment_read.small")
        key = "segment_read.lower" if float(g) < 0 else "segment_read.higher"  # type: ignore[arg-type]
        return self.t(key, **values), self.t("sure.real")

    def component(self, code: str) -> str:
        return self.get(f"component.{code}", code)

    def segment_levels(self, segment: str) -> tuple[str, str]:
        try:
            a, b = self.raw(f"segment.{segment}")
        except (KeyError, ValueError):
            return (f"{segment} (a)", f"{segment} (b)")
        return str(a), str(b)

    def band(self, band: object, firm: object = True) -> str:
        name = self.get(f"band.{band}", str(band))
        return name if firm is not False else self.t("band.borderline", band=name)

    def effect(self, g: object) -> str:
        """Cohen's (1988) conventions for a standardized difference: 0.2, 0.5, 0.8."""
        if not finite(g):
            return self.t("none")
        size = abs(float(g))  # type: ignore[arg-type]
        cuts = ((0.2, "negligible"), (0.5, "small"), (0.8, "medium"))
        return self.t("effect." + next((k for cut, k in cuts if size < cut), "large"))

    def w_words(self, w: object) -> str:
        """Kendall's W in words; the cut points are a reading aid, not a convention of the field."""
        if not finite(w):
            return self.t("none")
        cuts = ((0.1, "none"), (0.3, "weak"), (0.5, "moderate"), (0.7, "strong"))
        value = float(w)  # type: ignore[arg-type]
        return self.t("wwords." + next((k for cut, k in cuts if value < cut), "very_strong"))
