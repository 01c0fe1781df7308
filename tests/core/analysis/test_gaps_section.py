import jsonschema
import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests

from eclaire.core.analysis.context import build_context
from eclaire.core.analysis.gaps_section import differencing_risk, gaps_section
from eclaire.core.analysis.units_section import units_section
from eclaire.core.instrument_loader import load_default_instrument

from .planted import PLANTED_SEEDS, planted
from .schema_fragments import fragment_schema

UNITS = pd.DataFrame(
    {
        "unit_id": ["R", "A", "B"],
        "name": ["Root", "Sales", "Plant"],
        "parent_id": [None, "R", "R"],
        "function": ["management", "sales", "production"],
        "site_kind": ["head_office", "field", "field"],
    }
)


@pytest.fixture(scope="module")
def instrument():
    return load_default_instrument()


def support_items(score):
    """Answers giving a support score of ``score`` (PS3 is reverse-keyed: 6 − x)."""
    return {"PS1": float(score), "PS2": float(score), "PS3": 6.0 - float(score)}


def people(unit, tenure, support, *, extra=None):
    """Rows whose support score is ``support`` (one value per person)."""
    return [
        {
            "unit_id": unit,
            "self": False,
            "tenure_band": tenure,
            "customer_facing": "yes",
            **support_items(v),
            **(extra or {}),
        }
        for v in support
    ]


def support_row(out, segment="newcomers"):
    return next(
        r for r in out["segments"] if r["segment"] == segment and r["dimension"] == "pillar.support"
    )


def test_segment_gap_matches_scipy_welch_and_pingouin_hedges(instrument):
    rng = np.random.default_rng(3)
    new, old = rng.integers(1, 4, 25), rng.integers(2, 6, 40)
    rows = (
        people("A", "lt6m", new[:12])
        + people("B", "lt6m", new[12:])
        + people("A", "3to10y", old[:20])
        + people("B", "gt10y", old[20:])
    )
    out = gaps_section(build_context(instrument, UNITS, pd.DataFrame(rows), min_group=5))
    row = support_row(out)
    welch = stats.ttest_ind(new, old, equal_var=False)
    assert (row["n_a"], row["n_b"]) == (25, 40)
    assert row["difference"] == pytest.approx(new.mean() - old.mean(), abs=1e-4)
    assert row["t"] == pytest.approx(welch.statistic, abs=1e-4)
    assert row["df"] == pytest.approx(welch.df, abs=1e-4)
    assert row["hedges_g"] == pytest.approx(pg.compute_effsize(new, old, eftype="hedges"), abs=1e-4)
    ci = welch.confidence_interval(0.95)
    assert row["difference_ci95"] == pytest.approx([ci.low, ci.high], abs=1e-4)


def test_p_values_are_adjusted_across_every_comparison_of_the_section():
    _, ctx = planted(PLANTED_SEEDS[0])
    tested = [r for r in gaps_section(ctx)["segments"] if not r["suppressed"]]
    raw = []
    for row in tested:
        # the levels as published: a few people may be left out of a level for privacy
        a, b = ctx.scratch["segments"][(row["segment"], row["dimension"])]
        level, score = ctx.segment(row["segment"]), ctx.scores[row["dimension"]]
        assert (level.iloc[a] == "a").all() and (level.iloc[b] == "b").all()
        assert (a.size, b.size) == (row["n_a"], row["n_b"])
        assert a.size > 0.9 * int(((level == "a") & score.notna()).sum())
        welch = stats.ttest_ind(score.iloc[a], score.iloc[b], equal_var=False)
        raw.append(welch.pvalue)
    # reference: statsmodels multipletests(method="fdr_bh") over all the section's tests
    expected = multipletests(raw, method="fdr_bh")[1]
    assert [r["p_adjusted"] for r in tested] == pytest.approx(expected.tolist(), abs=1e-4)
    assert [r["p"] for r in tested] == pytest.approx(raw, abs=1e-4)
    assert len(tested) > 10


def test_significance_needs_a_small_effect_at_least(instrument):
    # 4,000 people, difference 0.08 points: p is tiny but |g| < 0.2, so not a gap
    rng = np.random.default_rng(7)
    a = np.clip(np.rint(rng.normal(3.08, 1.0, 2000)), 1, 5)
    b = np.clip(np.rint(rng.normal(3.0, 1.0, 2000)), 1, 5)
    rows = people("A", "lt6m", a) + people("B", "3to10y", b)
    row = support_row(gaps_section(build_context(instrument, UNITS, pd.DataFrame(rows))))
    assert abs(row["hedges_g"]) < 0.2 and not row["significant"]


def test_level_below_k_is_listed_with_counts_only(instrument):
    rows = (
        people("A", "lt6m", [1, 2, 1])
        + people("A", "3to10y", [4] * 10)
        + people("B", "3to10y", [4] * 10)
    )
    row = support_row(gaps_section(build_context(instrument, UNITS, pd.DataFrame(rows))))
    assert row == {
        "segment": "newcomers",
        "dimension": "pillar.support",
        "suppressed": True,
        "reason": "below_threshold",
        "n_a": 3,
        "n_b": 20,
    }


def test_small_unknown_level_hides_the_comparison(instrument):
    # organization − newcomers − tenured would give the two people of unknown tenure
    rows = people("A", "lt6m", [2] * 8) + people("B", "3to10y", [4] * 9) + people("B", None, [1, 5])
    row = support_row(gaps_section(build_context(instrument, UNITS, pd.DataFrame(rows))))
    assert row["suppressed"] and "mean_a" not in row


def test_level_packed_in_one_unit_is_a_differencing_risk():
    # all 6 newcomers sit in unit A of 7: A − newcomers is one person
    atoms = np.array(["A"] * 7 + ["B"] * 20)
    levels = np.array(["a"] * 6 + ["b"] + ["b"] * 20)
    assert differencing_risk(atoms, levels, 5)
    spread = np.array(["a", "b"] * 3 + ["b"] + ["a", "b"] * 10)
    assert not differencing_risk(atoms, spread, 5)


def test_manager_gap_is_self_minus_the_units_cell(instrument):
    team = people("A", "3to10y", [2, 3, 2, 3, 2, 2, 3], extra={"CR1": 2.0, "CR2": 3.0, "CR3": 4.0})
    manager = [
        {"unit_id": "A", "self": True, "CR1": 5.0, "CR2": 5.0, "CR3": 1.0, **support_items(4.0)}
    ]
    others = people("B", "3to10y", [3] * 6)
    ctx = build_context(instrument, UNITS, pd.DataFrame(team + manager + others), min_group=5)
    gaps = {(g["unit_id"], g["dimension"]): g for g in gaps_section(ctx)["managers"]}
    cell = units_section(ctx)["A"]["scores"]["clarity.roles"]
    roles = gaps[("A", "clarity.roles")]
    # CR3 is reverse-keyed: (1 + 5) − 1 = 5, so the manager scores 5; the team 2, 3, 2 → 7/3
    assert roles["manager"] == 5.0
    assert (roles["team"], roles["team_ci95"], roles["n_team"]) == (
        cell["mean"],
        cell["ci95"],
        cell["n"],
    )
    assert roles["gap"] == pytest.approx(5.0 - 7 / 3, abs=1e-4) and roles["outside_team_ci"]
    support = gaps[("A", "pillar.support")]
    assert support["gap"] == pytest.approx(4.0 - np.mean([2, 3, 2, 3, 2, 2, 3]), abs=1e-4)
    assert ("B", "clarity.roles") not in gaps  # no self-assessment there


def clarity_items(score):
    """Answers giving ``score`` on every clarity dimension (the third item is reverse-keyed)."""
    out = {}
    for code in ("CR", "CP", "CC", "CE", "CN"):
        out.update({f"{code}1": float(score), f"{code}2": float(score), f"{code}3": 6.0 - score})
    return out


def test_family_gap_is_one_prediction_t_on_each_persons_mean_over_the_family(instrument):
    rng = np.random.default_rng(11)
    team = []
    for _ in range(9):
        row = {"unit_id": "A", "self": False, "tenure_band": "3to10y", **support_items(3.0)}
        row.update({k: float(rng.integers(1, 6)) for k in clarity_items(3.0)})
        row["CN1"] = np.nan  # a skipped item: the dimension is still scored on the others
        team.append(row)
    manager = [{"unit_id": "A", "self": True, **clarity_items(5.0), **support_items(4.0)}]
    others = people("B", "3to10y", [3] * 6)
    ctx = build_context(instrument, UNITS, pd.DataFrame(team + manager + others), min_group=5)
    section = gaps_section(ctx)
    row = next(g for g in section["families"] if g["unit_id"] == "A" and g["family"] == "clarity")
    scores = ctx.scores[row["dimensions"]]
    person = scores[(ctx.responses["unit_id"] == "A").to_numpy()].mean(axis=1).to_numpy()
    assert len(row["dimensions"]) == 5 and row["n_team"] == 9
    assert row["team"] == pytest.approx(person.mean(), abs=1e-4)
    assert row["manager"] == 5.0 and row["gap"] == pytest.approx(5.0 - person.mean(), abs=1e-4)
    sd = person.std(ddof=1)
    t = (5.0 - person.mean()) / (sd * np.sqrt(1 + 1 / 9))
    assert row["p_above"] == pytest.approx(stats.t.sf(t, 8), abs=1e-4)
    half = stats.t.ppf(0.975, 8) * sd * np.sqrt(1 + 1 / 9)
    assert row["team_pi95"] == pytest.approx([person.mean() - half, person.mean() + half], abs=1e-3)
    # one score over the family is steadier than each dimension's: a narrower interval
    widths = [
        g["team_pi95"][1] - g["team_pi95"][0]
        for g in section["managers"]
        if g["unit_id"] == "A" and g["dimension"] in row["dimensions"]
    ]
    assert row["team_pi95"][1] - row["team_pi95"][0] < np.mean(widths)
    jsonschema.validate(section, fragment_schema("perception_gaps"))


def test_family_team_value_is_the_mean_of_the_cells_and_its_spread_each_persons(instrument):
    """With someone who skipped a whole dimension, the mean of the cells and the mean of the
    family scores differ: the row shows the first (the cells' own combination) with the
    second's sd and ``n`` (the spread one more member's score has)."""
    rng = np.random.default_rng(12)
    team = []
    for _ in range(9):
        row = {"unit_id": "A", "self": False, "tenure_band": "3to10y", **support_items(3.0)}
        row.update({k: float(rng.integers(1, 6)) for k in clarity_items(3.0)})
        team.append(row)
    team[0].update(CR1=np.nan, CR2=np.nan, CR3=np.nan)  # clarity.roles skipped whole
    manager = [{"unit_id": "A", "self": True, **clarity_items(5.0), **support_items(4.0)}]
    ctx = build_context(
        instrument,
        UNITS,
        pd.DataFrame(team + manager + people("B", "3to10y", [3] * 6)),
        min_group=5,
    )
    row = next(
        g for g in gaps_section(ctx)["families"] if g["unit_id"] == "A" and g["family"] == "clarity"
    )
    cells = units_section(ctx)["A"]["scores"]
    scores = ctx.scores[row["dimensions"]][(ctx.responses["unit_id"] == "A").to_numpy()]
    person = scores.mean(axis=1).to_numpy()
    value = np.mean([cells[code]["mean"] for code in row["dimensions"]])
    assert abs(value - person.mean()) > 1e-3, "the example must tell the two means apart"
    assert row["team"] == pytest.approx(value, abs=1e-4) and row["n_team"] == 9
    sd = person.std(ddof=1)
    half = stats.t.ppf(0.975, 8) * sd / 3
    assert row["team_ci95"] == pytest.approx([value - half, value + half], abs=2e-4)
    t = (5.0 - value) / (sd * np.sqrt(1 + 1 / 9))
    assert row["p_above"] == pytest.approx(stats.t.sf(t, 8), abs=1e-4)
    assert row["standardized_gap"] == pytest.approx((5.0 - value) / sd, abs=1e-3)


def test_manager_of_a_hidden_unit_gets_no_gap(instrument):
    team = people("A", "3to10y", [2, 3, 2])
    manager = [{"unit_id": "A", "self": True, **support_items(5.0)}]
    ctx = build_context(
        instrument, UNITS, pd.DataFrame(team + manager + people("B", "1to3y", [3] * 9))
    )
    section = gaps_section(ctx)
    assert all(g["unit_id"] != "A" for g in section["managers"] + section["families"])


@pytest.mark.parametrize("seed", PLANTED_SEEDS)
def test_planted_manager_has_a_large_positive_clarity_gap(seed):
    sample, ctx = planted(seed)
    unit = sample.truth["patterns"]["manager_gap"]["unit_id"]
    coherent = sample.truth["patterns"]["coherent_unit"]["unit_id"]
    gaps = gaps_section(ctx)["managers"]
    clarity = [g for g in gaps if g["unit_id"] == unit and g["dimension"].startswith("clarity.")]
    assert len(clarity) == 5
    assert all(g["gap"] > 1.0 and g["outside_team_ci"] for g in clarity)
    others = [
        g["gap"] for g in gaps if g["unit_id"] != unit and g["dimension"].startswith("clarity.")
    ]
    assert np.mean([g["gap"] for g in clarity]) > np.quantile(others, 0.95)
    calm = [
        g["gap"] for g in gaps if g["unit_id"] == coherent and g["dimension"].startswith("clarity.")
    ]
    assert not calm or np.mean(calm) < 0.6


@pytest.mark.parametrize("seed", PLANTED_SEEDS)
def test_newcomers_are_significantly_lower_on_support(seed):
    _, ctx = planted(seed)
    row = support_row(gaps_section(ctx))
    assert row["significant"] and row["difference"] < -0.5 and row["hedges_g"] < -0.5


def test_output_matches_its_schema():
    _, ctx = planted(PLANTED_SEEDS[0])
    jsonschema.validate(gaps_section(ctx), fragment_schema("perception_gaps"))
