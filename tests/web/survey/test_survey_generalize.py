"""Attribute generalization at collection: no stored combination matches fewer than k people."""

from __future__ import annotations

import random

import pytest

from eclaire.web.survey.generalize import ATTRIBUTE_ORDER, generalize_attributes


def person(
    role: str = "member", cf: str = "yes", tenure: str = "1to3y", contract: str = "permanent"
) -> dict[str, str]:
    return {"role": role, "customer_facing": cf, "tenure_band": tenure, "contract": contract}


def test_only_manager_of_a_unit_is_stored_without_role() -> None:
    roster = [person("manager")] + [person() for _ in range(6)]
    kept = generalize_attributes(person("manager"), roster, 5)
    assert kept["role"] == ""


def test_members_lose_role_too_when_the_blank_would_point_at_the_manager() -> None:
    """Blank = manager if members kept theirs: the suppressed levels must hold 0 or k people."""
    roster = [person("manager")] + [person() for _ in range(6)]
    assert generalize_attributes(person(), roster, 5)["role"] == ""


def test_large_enough_levels_are_kept() -> None:
    roster = [person("manager") for _ in range(5)] + [person() for _ in range(8)]
    assert generalize_attributes(person(), roster, 5) == person()


def test_rare_contract_is_blanked_inside_the_kept_cell() -> None:
    roster = [person() for _ in range(9)] + [person(contract="apprentice")]
    kept = generalize_attributes(person(contract="apprentice"), roster, 5)
    assert kept["contract"] == "" and kept["tenure_band"] == "1to3y"


def test_a_level_nobody_in_the_roster_has_is_blanked() -> None:
    roster = [person() for _ in range(10)]
    assert generalize_attributes(person(tenure="gt10y"), roster, 5)["tenure_band"] == ""


def test_unit_smaller_than_k_keeps_nothing() -> None:
    roster = [person() for _ in range(4)]
    assert set(generalize_attributes(person(), roster, 5).values()) == {""}


def test_refuses_k_below_three() -> None:
    with pytest.raises(ValueError):
        generalize_attributes(person(), [person()], 2)


def test_no_stored_combination_matches_fewer_than_k_roster_people_on_random_units() -> None:
    """Joining a stored row to the roster (blank = any value) finds k people or more; and the
    roster, generalized the same way, holds every stored combination k times or more."""
    rng = random.Random(7)
    levels = {
        "role": ["manager", "member", "member", ""],
        "customer_facing": ["yes", "no", ""],
        "tenure_band": ["lt6m", "6to12m", "1to3y", "3to10y", "gt10y", ""],
        "contract": ["permanent", "permanent", "fixed_term", "apprentice", ""],
    }
    for _ in range(300):
        size, k = rng.randint(1, 60), rng.choice([3, 5])
        roster = [{a: rng.choice(levels[a]) for a in ATTRIBUTE_ORDER} for _ in range(size)]
        stored = [generalize_attributes(p, roster, k) for p in roster]
        for row in stored:
            matching = [q for q in roster if all(not v or q[a] == v for a, v in row.items())]
            same = [other for other in stored if other == row]
            if size >= k:
                assert len(matching) >= k and len(same) >= k, (roster, row)
            else:
                assert set(row.values()) == {""}
