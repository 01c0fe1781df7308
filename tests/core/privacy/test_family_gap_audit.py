"""``perception_gaps.families`` beside the unit's dimension cells: the team value gives nothing.

A family row's team value is the mean of the unit's published cells of the family,
``F = (1/m)·Σ_j mean_j``. Before, it was the mean of each person's family score, whose sum with
the cells' sums gave ``m·F·n − Σ_j D_j = Σ v(p)`` over the people who skipped some of the
family's dimensions (``v(p) = (m/m_p − 1)·S_p``): one person skipping one dimension gave their
family score. Now that combination is one of the cells' own, and the row stays.
"""

from __future__ import annotations

import numpy as np
import pytest
from tests.core.privacy.gap_attacker import (
    ALONE,
    combination,
    joint_isolated,
    small_organization,
)
from tests.core.privacy.gap_attacker import (
    SMALL_UNITS as UNITS,
)

from eclaire.core.analysis.analyze import _run, analyze_audited
from eclaire.core.analysis.disclosure import protect_result, register_result
from eclaire.core.analysis.gaps_section import gaps_section
from eclaire.core.analysis.scoring import score_dimensions
from eclaire.core.analysis.units_section import units_section
from eclaire.core.instrument_loader import load_default_instrument


@pytest.fixture(scope="module")
def instrument():
    return load_default_instrument()


@pytest.fixture(scope="module")
def one_skipper(instrument):
    """The sections before the audit, in a unit of 8 where one person skipped clarity.roles."""
    result, ctx = _run(
        instrument, UNITS, small_organization(instrument, skippers=1), messages=False
    )
    result.update(units=units_section(ctx), perception_gaps=gaps_section(ctx))
    return result, ctx


def _clarity_row(gaps: dict) -> dict | None:
    found = [f for f in gaps["families"] if f["unit_id"] == "A" and f["family"] == "clarity"]
    return found[0] if found else None


def _inside(ctx):
    units = ctx.responses["unit_id"].astype(str).to_numpy()
    return lambda unit: units == unit if unit != "P" else np.ones(units.size, dtype=bool)


def test_the_team_value_is_the_mean_of_the_units_published_cells(one_skipper):
    result, _ = one_skipper
    row = _clarity_row(result["perception_gaps"])
    assert row is not None and row["n_team"] == 8
    cells = result["units"]["A"]["scores"]
    assert cells["clarity.roles"]["n"] == 7  # who is incomplete shows
    cell_mean = np.mean([cells[code]["mean"] for code in row["dimensions"]])
    assert row["team"] == pytest.approx(cell_mean, abs=1e-4)
    lo, hi = row["team_ci95"]
    assert (lo + hi) / 2 == pytest.approx(row["team"], abs=1e-4), "the interval is about F"


def test_the_old_attack_no_longer_reads_the_incomplete_persons_score(instrument, one_skipper):
    """``m·F·n − Σ_j mean_j·n_j`` is now ``Σ_j (n/n_j − 1)·D_j``: the complete people's scores
    no longer cancel, and the skipper's family score is not what it gives."""
    result, ctx = one_skipper
    row = _clarity_row(result["perception_gaps"])
    assert row is not None
    m = len(row["dimensions"])
    cells = [result["units"]["A"]["scores"][code] for code in row["dimensions"]]
    attack = m * row["team"] * row["n_team"] - sum(c["mean"] * c["n"] for c in cells)
    scores = score_dimensions(instrument, ctx.responses)[row["dimensions"]]
    assert scores.iloc[ALONE].notna().sum() == m - 1
    own = scores.iloc[ALONE].mean()  # the family score of the person who skipped a dimension
    others = sum((row["n_team"] / c["n"] - 1) * c["mean"] * c["n"] for c in cells)
    assert attack == pytest.approx(others, abs=0.01)
    assert attack != pytest.approx(own, abs=0.01)


def test_a_joint_attacker_finds_nobody(one_skipper):
    """Every figure over the clarity dimensions at once, the family row read as its cells'
    combination (it adds no row): nobody is isolated, and the value checks out."""
    result, ctx = one_skipper
    row = _clarity_row(result["perception_gaps"])
    assert row is not None
    auditor = register_result(ctx, result)
    assert auditor.audit() == []
    groups: dict[str, list[np.ndarray]] = {}
    for figure in auditor.figures:
        if figure.channel.startswith("dim:"):
            groups.setdefault(figure.channel[4:], []).extend(figure.groups)
    scores = score_dimensions(load_default_instrument(), ctx.responses)
    weights = combination(_inside(ctx), scores, result, row)
    assert joint_isolated(len(ctx.responses), scores, row["dimensions"], groups, [weights]) == []


def test_a_row_with_one_incomplete_person_stays_after_the_audit(instrument):
    result, auditor = analyze_audited(
        instrument, UNITS, small_organization(instrument, skippers=1), messages=False
    )
    assert _clarity_row(result["perception_gaps"]) is not None
    assert result["units"]["A"]["scores"]["clarity.roles"]["n"] == 7, "the cells stay"
    assert auditor.audit() == []


def test_the_spread_group_is_registered_nested_with_sums_of_squares(instrument):
    result, ctx = _run(
        instrument, UNITS, small_organization(instrument, skippers=5), messages=False
    )
    assert _clarity_row(result["perception_gaps"]) is not None
    auditor = register_result(ctx, result)
    figure = auditor.figure("families/A/clarity")
    assert figure.channel == "family:clarity" and figure.nested
    assert figure.moments == ("sumsq",)
    assert figure.groups[0].size == 8
    assert not any(f.channel.startswith("family-rest") for f in auditor.figures)


def test_a_family_row_leaves_when_the_audit_hides_one_of_its_units_cells(instrument):
    """A's manager skipped clarity.roles: no manager row takes the family row with it. With the
    four other cells shown, ``F`` gives the hidden cell's mean back."""
    responses = small_organization(instrument, skippers=0)
    responses.loc[responses["self"], [f"CR{j}" for j in (1, 2, 3)]] = np.nan
    result, ctx = _run(instrument, UNITS, responses, messages=False)
    assert not any(r["dimension"] == "clarity.roles" for r in result["perception_gaps"]["managers"])
    assert _clarity_row(result["perception_gaps"]) is not None
    result["units"]["A"]["scores"].pop("clarity.roles")  # as the audit hides a cell
    protect_result(ctx, result)
    assert _clarity_row(result["perception_gaps"]) is None
    assert any(f["family"] == "pillar" for f in result["perception_gaps"]["families"])
    assert register_result(ctx, result).audit() == []
