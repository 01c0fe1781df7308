"""The two-level taxonomy of reasons (``data/signals/taxonomy.yaml``): ``family.reason`` codes.

A reason is written ``delivery.late`` (family and reason) or ``delivery`` (the family alone, when
an export says no more); ``other`` is accepted everywhere and reported as a share to keep small.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

__all__ = ["OTHER", "Taxonomy", "default_taxonomy"]

OTHER = "other"


@dataclass(frozen=True)
class Taxonomy:
    """Codes and their French and English labels."""

    labels: dict[str, dict[str, str]]
    """code (``family`` or ``family.reason``) -> {"fr": ..., "en": ...}."""

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.labels)

    def family(self, code: str) -> str:
        return code.split(".", 1)[0]

    def label(self, code: str, lang: str) -> str:
        return self.labels.get(code, {}).get(lang, code)


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    text = (
        resources.files("eclaire").joinpath("data", "signals", "taxonomy.yaml").read_text("utf-8")
    )
    data = yaml.safe_load(text)
    labels: dict[str, dict[str, str]] = {}
    for family, spec in data["families"].items():
        labels[family] = dict(spec["label"])
        for reason, words in (spec.get("reasons") or {}).items():
            labels[f"{family}.{reason}"] = dict(words)
    return Taxonomy(labels)
