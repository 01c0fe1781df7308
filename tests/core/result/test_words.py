"""The bilingual words file: every text in both languages, with the same placeholders."""

from __future__ import annotations

import string
from typing import Any

from eclaire.core.result.words import LANGUAGES, Words, load_words


def _leaves(node: dict[str, Any], path: str = "") -> list[tuple[str, dict[str, Any]]]:
    if set(node) == set(LANGUAGES):
        return [(path, node)]
    out = []
    for key, child in node.items():
        out.extend(_leaves(child, f"{path}.{key}" if path else key))
    return out


def _fields(text: Any) -> set[str]:
    texts = text if isinstance(text, list) else [text]
    return {name for t in texts for _, name, _, _ in string.Formatter().parse(t) if name}


def test_every_text_has_french_and_english_with_the_same_placeholders() -> None:
    leaves = _leaves(load_words())
    assert len(leaves) > 50
    for path, texts in leaves:
        assert texts["fr"] and texts["en"], path
        assert _fields(texts["fr"]) == _fields(texts["en"]), path


def test_the_symptom_component_is_named_for_what_its_number_measures() -> None:
    # The index's symptom component is 100 × (1 − share seeing symptoms often): high is good.
    assert Words("fr").component("symptoms") == "Absence de symptômes"
    assert Words("en").component("symptoms") == "Absence of symptoms"
    assert "moins" not in Words("fr").component("symptoms")
