"""The report's texts in French and English: one YAML file per language in ``eclaire/data/report``.

Keys are dotted paths (``summary.title``); placeholders in braces are filled with
:meth:`Catalogue.t`. Dimension names come from the result itself (``dimensions[].name``), so a
custom instrument is named as its author wrote it. The words a result shares with the web pages
(symptoms, populations, bands, headline findings) come from :mod:`eclaire.core.result.words`.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml

from eclaire.core.result.words import LANGUAGES, Texts, Words, check_lang

__all__ = ["LANGUAGES", "Catalogue", "check_lang", "load_messages"]


@lru_cache(maxsize=4)
def load_messages(lang: str) -> dict[str, Any]:
    """The raw message tree of ``lang`` (cached; the files ship with the package)."""
    source = files("eclaire").joinpath("data", "report", f"messages.{check_lang(lang)}.yaml")
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"report messages for {lang!r} are not a mapping")
    return data


class Catalogue(Texts):
    """Texts of one language, and the names of the result's dimensions in that language."""

    what = "report message"

    def __init__(self, lang: str, dimensions: list[Mapping[str, Any]] | None = None) -> None:
        self.lang = check_lang(lang)
        self._tree = load_messages(lang)
        self._dims = {d["code"]: d.get("name", {}) for d in dimensions or []}

    def raw(self, key: str) -> Any:
        node: Any = self._tree
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise KeyError(f"no report message {key!r} in {self.lang!r}")
            node = node[part]
        return node

    def dim(self, code: str) -> str:
        """A dimension's name in this language, falling back to the other one, then the code."""
        names = self._dims.get(code) or {}
        return str(names.get(self.lang) or next(iter(names.values()), code))

    def symptom(self, code: str) -> str:
        return Words(self.lang).symptom(code)

    def segment_levels(self, segment: str) -> tuple[str, str]:
        return Words(self.lang).segment_levels(segment)
