"""Placement of free-text comments: each text once, at the lowest shown roll-up (docs/privacy.md)."""

from __future__ import annotations

import pytest

from eclaire.core.comments import place_comments, shuffled

# P has 1 direct writer, A 10 and B 12 (k = 10): P − A − B = 1 would reveal one text.
PARENTS = {"P": None, "A": "P", "B": "P"}


def _texts(unit: str, n: int) -> list[str]:
    return [f"{unit}{i}" for i in range(n)]


def test_groups_below_threshold_show_nothing_of_their_own():
    placement = place_comments(
        {"A": None, "B": None}, {"A": _texts("A", 12), "B": _texts("B", 3)}, 10
    )
    assert set(placement.groups) == {None}  # B < 10 hidden, so A is hidden too (complementary)
    assert sorted(placement.groups[None]) == sorted(_texts("A", 12) + _texts("B", 3))


def test_each_text_is_placed_once_never_at_an_ancestor():
    texts = {"P": _texts("P", 1), "A": _texts("A", 10), "B": _texts("B", 12)}
    placement = place_comments(PARENTS, texts, 10)
    placed = [t for group in placement.groups.values() for t in group]
    assert sorted(placed) == sorted(t for ts in texts.values() for t in ts)
    assert len(placed) == len(set(placed))


def test_residual_groups_hold_at_least_k_texts():
    texts = {"P": _texts("P", 1), "A": _texts("A", 10), "B": _texts("B", 12)}
    placement = place_comments(PARENTS, texts, 10)
    assert "A" not in placement.groups  # suppressed to protect P's single direct writer
    assert sorted(placement.groups["B"]) == sorted(texts["B"])
    assert all(len(group) >= 10 for group in placement.groups.values())


def test_nothing_is_shown_when_the_whole_organization_is_below_k():
    placement = place_comments(PARENTS, {"A": _texts("A", 9)}, 10)
    assert placement.groups == {}


def test_threshold_below_three_is_refused():
    with pytest.raises(ValueError, match="at least 3"):
        place_comments(PARENTS, {}, 2)


def test_texts_of_unknown_units_are_refused():
    with pytest.raises(ValueError, match="not in the tree"):
        place_comments(PARENTS, {"Z": ["x"]}, 10)


def test_shuffle_depends_on_the_seed_not_on_input_order():
    items = [f"t{i}" for i in range(30)]
    once = shuffled(items, "campaign-1")
    assert shuffled(list(reversed(items)), "campaign-1") == once
    assert sorted(once) == sorted(items)
    assert once != sorted(items)
    assert shuffled(items, "campaign-2") != once
