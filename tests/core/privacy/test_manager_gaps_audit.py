"""``perception_gaps.managers`` goes through the audit: each row's team cell is a figure.

A manager row shows the team's mean, interval and ``n`` on a dimension beside the manager's own
score: the unit's cell again. It was not registered with the auditor, so when the audit hid the
unit's cell, the row still published the same team sum, and the figure the cell was hidden
against could be subtracted from it. Each test attacks the result as it was built before.
"""

from __future__ import annotations

import pytest
from tests.core.privacy.gap_attacker import SMALL_UNITS as UNITS
from tests.core.privacy.gap_attacker import small_organization

from eclaire.core.analysis.analyze import _run, analyze_audited
from eclaire.core.analysis.disclosure import protect_result, register_result
from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.privacy.auditor import DisclosureError

CODE = "clarity.roles"


@pytest.fixture(scope="module")
def instrument():
    return load_default_instrument()


def _rows(result, unit: str) -> list[dict]:
    return [r for r in result["perception_gaps"]["managers"] if r["unit_id"] == unit]


def test_each_manager_row_is_the_units_cell_registered_in_its_channel(instrument):
    result, auditor = analyze_audited(
        instrument, UNITS, small_organization(instrument), messages=False
    )
    rows = _rows(result, "A")
    assert rows, "A's manager answered: there are manager rows"
    assert auditor.audit() == []
    for row in rows:
        code = row["dimension"]
        figure = auditor.figure(f"managers/A/{code}")
        cell = auditor.figure(f"units/A/{code}")
        assert figure.channel == cell.channel == f"dim:{code}"
        assert figure.nested
        assert figure.groups[0].tolist() == cell.groups[0].tolist()
        assert figure.groups[0].size == row["n_team"] == result["units"]["A"]["scores"][code]["n"]


def test_a_cell_the_audit_hides_takes_the_manager_row_with_it(instrument):
    """The attack: one more figure over A's team less one person (as a finer cut would be)
    makes the audit hide A's cell. The manager row showed the same team mean, so the mean
    times ``n_team`` less the other figure's sum gave that one person's score."""
    result, ctx = _run(instrument, UNITS, small_organization(instrument), messages=False)
    assert any(r["dimension"] == CODE for r in _rows(result, "A"))
    auditor = register_result(ctx, result)
    team = auditor.figure(f"units/A/{CODE}").groups[0]
    auditor.add("a finer cut", f"dim:{CODE}", team[1:], nested=True)  # cannot be hidden
    hidden = auditor.protect()
    assert f"units/A/{CODE}" in hidden
    assert CODE not in result["units"]["A"].get("scores", {})
    assert not any(r["dimension"] == CODE for r in _rows(result, "A")), "team mean still shown"
    assert auditor.audit() == []


def test_the_managers_score_leaves_with_the_team_row(instrument):
    """The manager's family score is the mean of their dimension scores: with the other rows of
    the family it gives a hidden row's manager score back, so the family row leaves too."""
    result, ctx = _run(instrument, UNITS, small_organization(instrument), messages=False)
    gaps = result["perception_gaps"]
    assert any(f["unit_id"] == "A" and CODE in f["dimensions"] for f in gaps["families"])
    result["units"]["A"]["scores"].pop(CODE)  # as the audit hides a cell
    protect_result(ctx, result)
    assert not any(r["dimension"] == CODE for r in _rows(result, "A"))
    assert not any(f["unit_id"] == "A" and CODE in f["dimensions"] for f in gaps["families"])
    assert _rows(result, "A"), "the other dimensions' rows stay"
    assert register_result(ctx, result).audit() == []


def test_a_manager_row_over_another_group_than_the_cell_is_refused(instrument):
    """A team figure over the cell's group plus or minus a few people isolates them: the
    registration refuses a row whose ``n_team`` is not the cell's group."""
    result, ctx = _run(instrument, UNITS, small_organization(instrument), messages=False)
    row = _rows(result, "A")[0]
    row["n_team"] -= 1
    with pytest.raises(DisclosureError, match="n_team"):
        register_result(ctx, result)
