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


def test_a_population_gap_reads_in_words_with_how_sure_it_is() -> None:
    from eclaire.core.result.words import Words

    levels = ("newcomers", "longer tenure")
    what, sure = Words("en").segment_gap(levels, ("2.71", "3.60"), 0.0001, -0.9)
    assert what == "lower for newcomers than for longer tenure: 2.71 against 3.60 out of 5"
    assert sure == "Probably real, not noise."
    what, sure = Words("en").segment_gap(levels, ("3.52", "3.41"), 0.77, 0.15)
    assert what.startswith("no clear difference") and sure == "Could well be chance."
    _, sure = Words("fr").segment_gap(levels, ("3,52", "3,41"), 0.01, 0.1)
    assert sure == "Probablement réel, mais trop petit pour compter."


def test_lever_thresholds_have_labels_and_units_in_both_languages() -> None:
    from eclaire.core.levers.rules import default_rules
    from eclaire.core.result.words import Words

    for key in default_rules().override_keys():
        for lang in ("fr", "en"):
            label, unit = Words(lang).lever_threshold(key)
            assert label != key and unit, (key, lang)
            assert Words(lang).lever_rule(key.split(".")[0]) != key.split(".")[0]
    assert Words("fr").lever_threshold("organization_newcomer_support.min_difference")[1] == (
        "points sur l'échelle de 1 à 5"
    )


def test_short_headers_exist_for_every_default_dimension_and_symptom() -> None:
    from eclaire.core.result.words import Words

    assert Words("fr").short("clarity.roles", "x") == "Rôles"
    assert Words("en").short("SY_MEETINGS", "x") == "Meetings"
    assert Words("en").short("unknown.code", "Unknown") == "Unknown"
