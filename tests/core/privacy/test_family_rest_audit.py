"""``perception_gaps.families`` beside the unit's dimension cells: the rest-group is audited.

A family row publishes the team's sum of family scores (mean × ``n_team``), the unit's cells the
sums of each dimension. With ``m`` dimensions, ``m·F − Σ_j D_j`` cancels every complete
respondent and leaves ``Σ v(p)`` over the roll-up's respondents who scored some but not all of
the family's dimensions: ``v(p) = (m/m_p − 1)·S_p`` (``m_p`` dimensions scored, ``S_p`` their
sum) with a family score, ``−S_p`` without. When one person skipped one dimension, that is
``S_p/(m − 1)``: their family score. Channels audited apart did not see it.
"""

from __future__ import annotations

import numpy as np
import pytest
from tests.core.privacy.gap_attacker import (
    ALONE,
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


def _attack(units: dict, row: dict) -> float:
    """``m·F − Σ_j D_j`` from the published means and counts (4 decimals)."""
    m = len(row["dimensions"])
    cells = [units["A"]["scores"][code] for code in row["dimensions"]]
    return m * row["team"] * row["n_team"] - sum(c["mean"] * c["n"] for c in cells)


def _clarity_row(gaps: dict) -> dict | None:
    found = [f for f in gaps["families"] if f["unit_id"] == "A" and f["family"] == "clarity"]
    return found[0] if found else None


def test_the_family_row_and_the_cells_give_the_incomplete_persons_family_score(instrument):
    """The attack, on the sections as computed before the audit."""
    result, ctx = _run(
        instrument, UNITS, small_organization(instrument, skippers=1), messages=False
    )
    units, gaps = units_section(ctx), gaps_section(ctx)
    row = _clarity_row(gaps)
    assert row is not None and row["n_team"] == 8
    assert units["A"]["scores"]["clarity.roles"]["n"] == 7  # who is incomplete shows
    team = ctx.responses
    scores = score_dimensions(instrument, team)[row["dimensions"]]
    own = scores.iloc[ALONE].mean()  # the family score of the person who skipped a dimension
    assert scores.iloc[ALONE].notna().sum() == len(row["dimensions"]) - 1
    assert _attack(units, row) == pytest.approx(own, abs=0.01)


def test_the_auditor_and_a_joint_attacker_both_find_the_person_before_the_audit(instrument):
    """On the sections as computed: the auditor finds the rest of one (its own channel), and an
    attacker that solves every figure over the clarity dimensions at once finds the same
    person, without being told about rests."""
    result, ctx = _run(
        instrument, UNITS, small_organization(instrument, skippers=1), messages=False
    )
    result.update(units=units_section(ctx), perception_gaps=gaps_section(ctx))
    auditor = register_result(ctx, result)
    leaks = auditor.audit()
    assert [(leak.channel, leak.size) for leak in leaks] == [("family-rest:clarity", 1)]
    row = _clarity_row(result["perception_gaps"])
    assert row is not None
    groups: dict[str, list[np.ndarray]] = {}
    for figure in auditor.figures:
        if figure.channel.startswith("dim:"):
            groups.setdefault(figure.channel[4:], []).extend(figure.groups)
    cells = list(auditor.figure("families/A/clarity").groups)
    scores = score_dimensions(instrument, ctx.responses)
    assert joint_isolated(len(ctx.responses), scores, row["dimensions"], groups, cells) == [
        (ALONE,)
    ]


def test_the_audit_hides_a_family_row_whose_rest_is_one_person(instrument):
    result, auditor = analyze_audited(
        instrument, UNITS, small_organization(instrument, skippers=1), messages=False
    )
    assert _clarity_row(result["perception_gaps"]) is None, "the family row gives a score away"
    assert any(f["family"] == "pillar" for f in result["perception_gaps"]["families"])
    assert result["units"]["A"]["scores"]["clarity.roles"]["n"] == 7, "the cells stay"
    assert auditor.audit() == []


def test_the_rest_group_is_registered_nested_in_the_familys_rest_channel(instrument):
    result, ctx = _run(
        instrument, UNITS, small_organization(instrument, skippers=5), messages=False
    )
    row = _clarity_row(result["perception_gaps"])
    assert row is not None, "five people skipped: their rest sum hides nobody"
    figure = register_result(ctx, result).figure("families/A/clarity/rest")
    assert figure.channel == "family-rest:clarity" and figure.nested
    assert figure.groups[0].tolist() == list(range(ALONE, ALONE + 5))


def test_a_complete_unit_registers_no_rest_group(instrument):
    result, ctx = _run(
        instrument, UNITS, small_organization(instrument, skippers=0), messages=False
    )
    assert _clarity_row(result["perception_gaps"]) is not None
    keys = {f.key for f in register_result(ctx, result).figures}
    assert "families/A/clarity/rest" not in keys


def test_a_family_row_leaves_when_the_audit_hides_one_of_its_units_cells(instrument):
    """A's manager skipped clarity.roles: no manager row takes the family row with it. With the
    four other cells shown, ``m·F − Σ`` gives the hidden cell's sum back (A is complete), and
    with the figure it was hidden against (say a finer cut), one person's score."""
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
