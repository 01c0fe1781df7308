"""The independent generator writes files the readers accept and plants what its truth says."""

from pathlib import Path

import pytest
from tests.generators.independent import PROBLEM_LEVERS, generate

from eclaire.core import load_default_instrument
from eclaire.core.interchange import read_responses, read_units, write_table


def test_is_deterministic() -> None:
    first, second = generate(4, units=12), generate(4, units=12)
    assert first.responses.equals(second.responses)
    assert first.truth == second.truth


@pytest.mark.parametrize("kind", ["planted", "coherent", "null"])
def test_files_read_back_through_the_importers(tmp_path: Path, kind: str) -> None:
    generated = generate(1, units=24, kind=kind)
    write_table(generated.units, tmp_path / "units.csv")
    write_table(generated.responses, tmp_path / "responses.csv")
    units = read_units(tmp_path / "units.csv")
    table = read_responses(
        tmp_path / "responses.csv",
        load_default_instrument("coherence"),
        set(units["unit_id"]),
        priority_codes=list(generated.declared_priorities),
    )
    assert len(table.frame) == len(generated.responses)


def test_plants_every_kind_of_problem_on_a_larger_organization() -> None:
    truth = generate(2, units=36).truth
    assert {p["kind"] for p in truth["problems"]} == set(PROBLEM_LEVERS)
    targets = [p.get("unit") or tuple(p["units"]) for p in truth["problems"]]
    assert len(targets) == len(set(targets))
    assert truth["coherent_units"]


def test_low_trust_unit_is_low_and_team_sizes_stay_in_range() -> None:
    generated = generate(5, units=36)
    frame = generated.responses[~generated.responses["self"]]
    sizes = frame.groupby("unit_id").size()
    assert sizes.max() <= 60
    unit = next(p["unit"] for p in generated.truth["problems"] if p["kind"] == "low_trust")
    trust = frame[["PT1", "PT2", "PT3"]].mean(axis=1)
    assert trust[frame["unit_id"] == unit].mean() < 2.8 < trust[frame["unit_id"] != unit].mean()


def test_reverse_keyed_items_are_answered_the_other_way_round() -> None:
    from eclaire.core.analysis.scoring import score_dimensions

    generated = generate(6, units=36)
    frame = generated.responses[~generated.responses["self"]]
    straight, reverse = frame[["CR1", "CR2"]].mean(axis=1), frame["CR3"]
    assert straight.corr(reverse) < -0.15
    scores = score_dimensions(load_default_instrument("coherence"), generated.responses)
    assert scores is not None


@pytest.mark.parametrize(("seed", "units"), [(0, 12), (2, 36), (3, 12), (4, 36)])
def test_a_contradiction_is_undetectable_exactly_when_a_side_has_fewer_than_k_stating(
    seed: int, units: int
) -> None:
    """Counted from the drawn answers: who of each side wrote a promise of the side's pool."""
    from tests.generators import independent

    generated = generate(seed, units=units)
    problem = next(p for p in generated.truth["problems"] if p["kind"] == "message_contradiction")
    members = generated.responses[~generated.responses["self"].astype(bool)]
    pools = (independent._PROMISE_FAST, independent._PROMISE_SLOW)
    stating = [
        int(members.loc[members["unit_id"] == unit, "text:MSG_PROMISE"].isin(pool).sum())
        for unit, pool in zip(problem["units"], pools, strict=True)
    ]
    below = min(stating) < independent.ANONYMITY_K
    assert bool(problem.get("undetectable")) == below
    if below:
        assert problem["undetectable"]["stating"] == stating
    other = [p for p in generated.truth["problems"] if p["kind"] != "message_contradiction"]
    assert not any("undetectable" in p for p in other)


def test_the_mark_draws_nothing() -> None:
    """Marking reads the answers only: the data equal a draw made without reading them."""
    from tests.generators import independent

    marked = generate(0, units=12)
    original = independent._mark_undetectable
    try:
        independent._mark_undetectable = lambda *args: None
        plain = generate(0, units=12)
    finally:
        independent._mark_undetectable = original
    assert marked.responses.equals(plain.responses)
    assert any("undetectable" in p for p in marked.truth["problems"])
    assert not any("undetectable" in p for p in plain.truth["problems"])
