"""The French and English message files hold the same keys."""

from __future__ import annotations

from typing import Any

from eclaire.report.catalogue import load_messages


def _keys(tree: dict[str, Any], prefix: str = "") -> set[str]:
    out: set[str] = set()
    for key, value in tree.items():
        out |= _keys(value, f"{prefix}{key}.") if isinstance(value, dict) else {prefix + str(key)}
    return out


def test_french_and_english_have_the_same_keys() -> None:
    assert _keys(load_messages("fr")) == _keys(load_messages("en"))


def test_lists_have_the_same_length() -> None:
    fr, en = load_messages("fr"), load_messages("en")
    assert len(fr["questions"]["always"]) == len(en["questions"]["always"])
    assert len(fr["glossary"]["terms"]) == len(en["glossary"]["terms"])
    assert len(fr["method"]["anonymity_text"]) == len(en["method"]["anonymity_text"])
