"""Tests for eclaire.core.privacy (tree, cuts, interfaces): threshold, differencing, cuts, interfaces.

The adversarial part at the end re-implements an analyst independently of the module: from the
shown groups only (and the public unit tree and counts), it derives every group it can by
subtraction, or more generally by any linear combination of shown aggregates, and checks that none
of them holds between 1 and k - 1 respondents.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping

import numpy as np
import pytest

from eclaire.core.privacy import (
    BELOW_THRESHOLD,
    COMPLEMENTARY,
    DEFAULT_MIN_GROUP,
    MIN_GROUP_FLOOR,
    UNKNOWN_LEVEL,
    cell_visible,
    check_min_group,
    rollup_counts,
    suppress_interfaces,
    suppress_partition,
    suppress_tree,
)
from eclaire.core.privacy.cuts import suppress_cuts

# --- threshold -------------------------------------------------------------------------------


def test_default_and_floor():
    assert DEFAULT_MIN_GROUP == 5
    assert MIN_GROUP_FLOOR == 3


@pytest.mark.parametrize("k", [3, 5, 10, np.int64(4)])
def test_accepts_integer_thresholds_from_three(k):
    assert check_min_group(k) == int(k)


@pytest.mark.parametrize("k", [2, 1, 0, -5])
def test_refuses_threshold_below_three(k):
    with pytest.raises(ValueError, match="at least 3"):
        check_min_group(k)


@pytest.mark.parametrize("k", [5.0, 4.5, "5", None, True])
def test_refuses_non_integer_threshold(k):
    with pytest.raises(ValueError, match="integer"):
        check_min_group(k)


def test_every_entry_point_refuses_a_low_threshold():
    with pytest.raises(ValueError):
        suppress_tree({"A": None}, {"A": 10}, k=2)
    with pytest.raises(ValueError):
        suppress_partition({"a": 10}, k=2)
    with pytest.raises(ValueError):
        cell_visible(10, k=2)


def test_cell_visible_hides_items_answered_by_fewer_than_k():
    assert not cell_visible(4, 5)
    assert cell_visible(5, 5)
    assert cell_visible(3, 3)
    with pytest.raises(ValueError, match="non-negative"):
        cell_visible(-1, 5)


# --- the unit tree ---------------------------------------------------------------------------


def test_rollup_adds_descendants_to_direct_respondents():
    parents = {"P": None, "A": "P", "B": "P", "A1": "A"}
    assert rollup_counts(parents, {"P": 1, "A": 2, "A1": 3, "B": 4}) == {
        "P": 10,
        "A": 5,
        "A1": 3,
        "B": 4,
    }


def test_suppresses_units_below_threshold():
    result = suppress_tree({"P": None, "A": "P"}, {"P": 2, "A": 3})
    assert result.suppressed == {"A"}
    assert result.reasons == {"A": BELOW_THRESHOLD}
    assert result.counts == {"P": 5, "A": 3}  # counts stay public
    assert result.shows("P") and not result.shows("A") and result.shows(None)


def test_parent_with_one_direct_member_triggers_complementary_suppression():
    # P - A - B would isolate P's one direct member.
    result = suppress_tree({"P": None, "A": "P", "B": "P"}, {"P": 1, "A": 6, "B": 7})
    assert result.suppressed == {"A"}
    assert result.reasons == {"A": COMPLEMENTARY}


def test_complementary_suppression_breaks_ties_by_id():
    result = suppress_tree({"P": None, "B": "P", "A": "P"}, {"P": 1, "B": 6, "A": 6})
    assert result.suppressed == {"A"}


def test_suppressed_sibling_triggers_suppression_of_the_smallest_shown_sibling():
    # B is below k; P - A - C would reveal B.
    parents = {"P": None, "A": "P", "B": "P", "C": "P"}
    result = suppress_tree(parents, {"A": 8, "B": 2, "C": 6})
    assert result.reasons == {"B": BELOW_THRESHOLD, "C": COMPLEMENTARY}


def test_shown_grandchild_under_suppressed_child_counts_in_the_residual():
    # After hiding A, its child A1 (all of A) is still subtractable: P - B - A1 = 2.
    parents = {"P": None, "A": "P", "A1": "A", "B": "P"}
    result = suppress_tree(parents, {"P": 2, "A1": 5, "B": 6})
    assert result.suppressed == {"A", "A1"}
    assert result.reasons == {"A": COMPLEMENTARY, "A1": COMPLEMENTARY}


def test_complementary_suppression_cascades_down_several_levels():
    # Org total: R2 (3) is hidden; R1 = R1a = R1a1 (5) must all go before the residual reaches k.
    parents = {"R1": None, "R1a": "R1", "R1a1": "R1a", "R2": None, "R3": None}
    result = suppress_tree(parents, {"R1a1": 5, "R2": 3, "R3": 9})
    assert result.suppressed == {"R1", "R1a", "R1a1", "R2"}
    assert result.shows("R3") and result.shows(None)


def test_repairs_at_every_level_reach_a_fixed_point():
    # G has two children; each has one direct member, and G itself has one direct member.
    parents = {"G": None, "P": "G", "Q": "G"}
    parents |= {"P1": "P", "P2": "P", "Q1": "Q", "Q2": "Q"}
    direct = {"G": 1, "P": 1, "Q": 1, "P1": 6, "P2": 7, "Q1": 8, "Q2": 9}
    result = suppress_tree(parents, direct)
    # P and Q are hidden rather than a team of theirs: their residuals (1 each) pool at G with
    # G's own member (3 < k), so G, a root, gives up its smallest shown descendant, P1.
    assert result.suppressed == {"P", "Q", "P1"}
    assert result.reasons == {"P": COMPLEMENTARY, "Q": COMPLEMENTARY, "P1": COMPLEMENTARY}
    _assert_residuals_safe(parents, result.counts, result.suppressed, result.total, 5)


def test_department_with_one_direct_member_is_hidden_rather_than_its_teams():
    # D's manager would be isolated by D - T1 - T2; hiding D (not a team) pools that one person
    # with the organization's own members, where the residual reaches k.
    parents = {"ORG": None, "D": "ORG", "T1": "D", "T2": "D", "E": "ORG"}
    result = suppress_tree(parents, {"ORG": 4, "D": 1, "T1": 12, "T2": 9, "E": 8})
    assert result.suppressed == {"D"}
    assert result.shows("T1") and result.shows("T2") and result.shows("ORG")
    _assert_residuals_safe(parents, result.counts, result.suppressed, result.total, 5)


def test_unit_without_shown_descendant_is_not_suppressed_for_its_own_sake():
    result = suppress_tree({"P": None, "A": "P"}, {"P": 4, "A": 3})
    assert result.suppressed == {"A"}  # P's residual is its whole n = 7 >= k


def test_forest_treats_the_organization_as_the_top_rollup():
    # X and Y are two roots; the organization total minus X would reveal Y.
    result = suppress_tree({"X": None, "Y": None}, {"X": 6, "Y": 2})
    assert result.total == 8 and result.shows(None)
    assert result.reasons == {"X": COMPLEMENTARY, "Y": BELOW_THRESHOLD}


def test_organization_below_threshold_hides_everything():
    result = suppress_tree({"X": None, "Y": None}, {"X": 2, "Y": 2})
    assert result.total_suppressed and result.suppressed == {"X", "Y"}


def test_also_suppress_hides_requested_units_and_protects_them():
    # Hiding B alone leaves B1 shown: P - A - B1 would isolate B's one direct member.
    parents = {"P": None, "A": "P", "B": "P", "B1": "B"}
    result = suppress_tree(parents, {"A": 20, "B": 1, "B1": 6}, also_suppress=["B"])
    assert result.reasons == {"B": "requested", "B1": COMPLEMENTARY}


@pytest.mark.parametrize(
    ("parents", "direct", "message"),
    [
        ({"A": "Z"}, {"A": 5}, "not a unit"),
        ({"A": "B", "B": "A"}, {}, "cycle"),
        ({"A": "A"}, {}, "own parent"),
        ({"A": None}, {"B": 5}, "not a unit"),
        ({"A": None}, {"A": -1}, "non-negative"),
        ({"A": None}, {"A": 2.5}, "non-negative integer"),
        ({"": None}, {}, "non-empty"),
    ],
)
def test_refuses_bad_trees_and_counts(parents, direct, message):
    with pytest.raises(ValueError, match=message):
        suppress_tree(parents, direct)


# --- segment cuts ----------------------------------------------------------------------------


def test_partition_hides_small_level_and_the_smallest_shown_level():
    counts = {"newcomer": 6, "tenured": 12, UNKNOWN_LEVEL: 2}
    assert suppress_partition(counts, 5) == {UNKNOWN_LEVEL, "newcomer"}


def test_partition_keeps_levels_when_hidden_levels_reach_k():
    counts = {"newcomer": 3, "tenured": 12, UNKNOWN_LEVEL: 2}
    assert suppress_partition(counts, 5) == {"newcomer", UNKNOWN_LEVEL}


def test_partition_with_nothing_hidden_shows_every_level():
    assert suppress_partition({"field": 7, "head_office": 9, UNKNOWN_LEVEL: 0}) == {UNKNOWN_LEVEL}


def test_partition_of_a_small_group_hides_every_level():
    assert suppress_partition({"a": 2, "b": 1}, 5) == {"a", "b"}


def test_cuts_of_a_suppressed_unit_are_suppressed():
    parents = {"P": None, "A": "P"}
    result = suppress_cuts(parents, {"P": {"a": 6, "b": 6}, "A": {"a": 2, "b": 1}})
    assert not result.tree.shows("A")
    assert not result.shows("A", "a") and not result.shows("A", "b")
    assert result.shows("P", "a") and result.shows("P", "b")


def test_cut_inside_a_leaf_unit_follows_the_partition_rule():
    levels = {"A": {"newcomer": 6, "tenured": 12, UNKNOWN_LEVEL: 2}}
    result = suppress_cuts({"A": None}, levels, groups=["A"])
    assert result.suppressed == {("A", UNKNOWN_LEVEL), ("A", "newcomer")}
    assert result.shows("A", "tenured")


def test_cut_crossing_a_shown_sub_unit_is_hidden():
    # P.newcomer - A.newcomer - B.newcomer would isolate P's one direct newcomer; more generally
    # a cut of P crosses A and B (both mix levels), so only A's and B's own cuts are shown.
    parents = {"P": None, "A": "P", "B": "P"}
    levels = {
        "P": {"newcomer": 1, "tenured": 5},
        "A": {"newcomer": 5, "tenured": 5},
        "B": {"newcomer": 6, "tenured": 5},
    }
    result = suppress_cuts(parents, levels)
    assert result.crossing == {None, "P"}
    assert not result.shows("P", "newcomer") and not result.shows(None, "tenured")
    assert result.shows("A", "newcomer") and result.shows("B", "tenured")


def test_sub_unit_inside_a_shown_level_is_protected_like_a_child():
    # Unit attribute: P (head office, 2 direct), F1 all field, H1 all head office.
    # P.head_office - H1 would isolate P's 2 direct members, so H1 is hidden.
    parents = {"P": None, "F1": "P", "H1": "P"}
    levels = {"P": {"head_office": 2}, "F1": {"field": 6}, "H1": {"head_office": 6}}
    result = suppress_cuts(parents, levels, groups=["P"])
    assert result.tree.reasons == {"H1": COMPLEMENTARY}
    assert result.shows("P", "head_office") and result.shows("P", "field")


def test_site_kind_cut_at_the_organization():
    parents = {"HQ": None, "F1": None, "F2": None}
    levels = {"HQ": {"head_office": 10}, "F1": {"field": 6}, "F2": {"field": 7}}
    result = suppress_cuts(parents, levels, groups=[None])
    assert result.counts == {(None, "field"): 13, (None, "head_office"): 10}
    assert not result.suppressed and not result.tree.suppressed


def test_cuts_refuse_unknown_groups():
    with pytest.raises(ValueError, match="not a unit"):
        suppress_cuts({"A": None}, {"A": {"a": 6}}, groups=["Z"])


# --- interfaces ------------------------------------------------------------------------------


def test_interface_raters_follow_the_tree_rule():
    parents = {"P": None, "A": "P", "B": "P", "T": None}
    raters = {"T": {"P": 1, "A": 6, "B": 7}, "A": {"B": 3, "T": 8}}
    result = suppress_interfaces(parents, raters)
    assert result["T"].suppressed == {"A", "T"}  # T rates nobody: 0 raters
    assert result["T"].reasons["A"] == COMPLEMENTARY
    assert result["A"].reasons["B"] == BELOW_THRESHOLD  # fewer than k raters at the leaf


def test_interface_target_must_be_a_unit():
    with pytest.raises(ValueError, match="target"):
        suppress_interfaces({"A": None}, {"Z": {"A": 6}})


# --- speed -----------------------------------------------------------------------------------


def _big_tree(size: int, seed: int) -> tuple[dict[str, str | None], dict[str, int]]:
    rng = random.Random(seed)
    parents: dict[str, str | None] = {}
    for i in range(size):
        parents[f"u{i}"] = None if i < 3 else f"u{rng.randrange(max(1, i // 2), i)}"
    direct = {unit: rng.choice([0, 1, 1, 2, 3, 4, 6, 9]) for unit in parents}
    return parents, direct


@pytest.mark.parametrize("size", [400, 5000])
def test_suppress_tree_leaves_safe_residuals_on_large_trees(size):
    # Its speed is measured in bench/suppress_tree.py, not here.
    parents, direct = _big_tree(size, seed=size)
    result = suppress_tree(parents, direct)
    _assert_residuals_safe(parents, result.counts, result.suppressed, result.total, 5)


# --- the adversary ---------------------------------------------------------------------------


def _assert_residuals_safe(parents, counts, suppressed, total, k):
    """Every shown roll-up minus its nearest shown descendants is 0 or at least k."""
    shown = [u for u in parents if u not in suppressed]
    covered = {u: 0 for u in shown} | {None: 0}
    for unit in shown:
        above = parents[unit]
        while above is not None and above in suppressed:
            above = parents[above]
        covered[above] += counts[unit]
    for unit in shown:
        assert counts[unit] - covered[unit] == 0 or counts[unit] - covered[unit] >= k, unit
    if total >= k:
        assert total - covered[None] == 0 or total - covered[None] >= k


def _random_people(rng: random.Random, size: int, levels: list[str]):
    parents: dict[str, str | None] = {}
    for i in range(size):
        uid = f"u{i:02d}"
        parents[uid] = None if i == 0 or rng.random() < 0.2 else f"u{rng.randrange(i):02d}"
    weights = [rng.random() + 0.05 for _ in levels]
    people = []  # (unit, level) per respondent
    for unit in parents:
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 4, 5, 6, 8, 11])):
            people.append((unit, rng.choices(levels, weights)[0]))
    return parents, people


def _members(parents, people) -> dict[str | None, frozenset[int]]:
    """Respondent ids inside each unit's roll-up, and the organization's (None)."""
    out: dict[str | None, set[int]] = {unit: set() for unit in parents} | {None: set()}
    for pid, (unit, _) in enumerate(people):
        out[None].add(pid)
        while unit is not None:
            out[unit].add(pid)
            unit = parents[unit]
    return {node: frozenset(ids) for node, ids in out.items()}


def _subtraction_attack(shown: Mapping[str | None, frozenset[int]], parents, k):
    """The analyst of the brief: a shown roll-up minus any set of disjoint shown descendants."""
    for top, members in shown.items():
        below = [u for u in shown if u is not None and u != top and shown[u] <= members]
        for size in range(1, len(below) + 1):
            for combo in itertools.combinations(below, size):
                parts = [shown[u] for u in combo]
                if sum(map(len, parts)) != len(frozenset().union(*parts)):
                    continue  # overlapping: not a plain subtraction
                left = len(members) - sum(map(len, parts))
                assert not 0 < left < k, (top, combo, left)


def _span_attack(shown_groups: list[frozenset[int]], k: int) -> None:
    """Any group whose total is a linear combination of shown totals is derivable; none may hold
    1 to k - 1 respondents. Respondents with the same membership pattern (an *atom*) cannot be
    told apart, so derivable groups are unions of atoms whose indicator lies in the row space."""
    if not shown_groups:
        return
    patterns: dict[tuple[bool, ...], int] = {}
    for pid in frozenset().union(*shown_groups):
        key = tuple(pid in g for g in shown_groups)
        patterns[key] = patterns.get(key, 0) + 1
    atoms = list(patterns)
    matrix = np.array([[float(a[i]) for a in atoms] for i in range(len(shown_groups))])
    _, sing, vt = np.linalg.svd(matrix)
    null = vt[int((sing > 1e-9).sum()) :]
    small = [j for j, a in enumerate(atoms) if patterns[a] < k]
    for size in range(1, k):
        for combo in itertools.combinations(small, size):
            n = sum(patterns[atoms[j]] for j in combo)
            if n >= k:
                continue
            union = np.zeros(len(atoms))
            union[list(combo)] = 1.0
            derivable = null.size == 0 or np.abs(null @ union).max() < 1e-7
            assert not derivable, f"a group of {n} is derivable"


@pytest.mark.parametrize("k", [3, 5])
def test_adversary_cannot_isolate_small_groups_in_random_trees(k):
    for seed in range(300):
        rng = random.Random(seed)
        parents, people = _random_people(rng, rng.randint(1, 9), ["x"])
        direct = {u: sum(1 for p in people if p[0] == u) for u in parents}
        result = suppress_tree(parents, direct, k)
        members = _members(parents, people)
        shown = {u: m for u, m in members.items() if u is not None and result.shows(u)}
        if result.shows(None):
            shown[None] = members[None]
        _subtraction_attack(shown, parents, k)
        _span_attack(list(shown.values()), k)


def _random_cut(rng: random.Random):
    levels = ["a", "b", UNKNOWN_LEVEL][: rng.choice([2, 3])]
    parents, people = _random_people(rng, rng.randint(1, 8), levels)
    if rng.random() < 0.4:  # a unit attribute (site kind): one level per unit
        of_unit = {unit: rng.choice(levels) for unit in parents}
        people = [(unit, of_unit[unit]) for unit, _ in people]
    direct_levels = {unit: {level: 0 for level in levels} for unit in parents}
    for unit, level in people:
        direct_levels[unit][level] += 1
    groups = None if rng.random() < 0.5 else [g for g in [None, *parents] if rng.random() < 0.5]
    return parents, people, direct_levels, groups


@pytest.mark.parametrize("k", [3, 4, 5])
def test_adversary_cannot_isolate_small_groups_with_segment_cuts(k):
    for seed in range(400):
        rng = random.Random(1000 * k + seed)
        parents, people, direct_levels, groups = _random_cut(rng)
        result = suppress_cuts(parents, direct_levels, k, groups=groups)
        members = _members(parents, people)
        shown = {u: m for u, m in members.items() if result.tree.shows(u)}
        cells, own = [], {}
        for unit, level in result.counts:
            if result.shows(unit, level):
                assert result.tree.shows(unit)
                cell = frozenset(p for p in members[unit] if people[p][1] == level)
                cells.append(cell)
                own.setdefault(unit, []).append(cell)
        for group in [*cells, *shown.values()]:
            assert len(group) == 0 or len(group) >= k
        # the brief's analyst: a shown group minus any of its shown levels
        for unit, levels_shown in own.items():
            for size in range(1, len(levels_shown) + 1):
                for combo in itertools.combinations(levels_shown, size):
                    assert not 0 < len(members[unit]) - sum(map(len, combo)) < k
        _span_attack([*shown.values(), *cells], k)


def test_pooling_keeps_a_department_shown_over_its_teams():
    # D has 2 direct members above teams of 14 and 16: hidden without pooling, shown with it
    parents = {"R": None, "D": "R", "A": "D", "B": "D"}
    direct = {"R": 6, "D": 2, "A": 14, "B": 16}
    assert suppress_tree(parents, direct).reasons == {"D": "complementary"}
    pooled = suppress_tree(parents, direct, pool=True)
    assert not pooled.suppressed and pooled.pooled == {"D"}
    assert pooled.home("D") == "R" and pooled.home("A") == "A"


def test_pooling_carries_hidden_sub_units_up_and_never_pools_a_root():
    parents = {"R": None, "D": "R", "A": "D", "H": "D"}
    pooled = suppress_tree(parents, {"R": 6, "D": 2, "A": 14, "H": 2}, pool=True)
    assert pooled.suppressed == {"H"} and dict(pooled.homes) == {"D": "R", "H": "R"}
    top = suppress_tree({"R": None, "A": "R", "B": "R"}, {"R": 1, "A": 6, "B": 7}, pool=True)
    assert top.pooled == frozenset() and top.reasons == {"A": "complementary"}
