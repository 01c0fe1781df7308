"""The segment comparisons within departments (``perception_gaps.segment_units``)."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests

from eclaire.core.analysis.analyze import analyze_audited
from eclaire.core.instrument_loader import load_default_instrument

from .test_gaps_section import people
from .test_priorities_section import UNITS  # a root and three departments


@pytest.fixture(scope="module")
def instrument():
    return load_default_instrument()


def rows_of(result, unit, segment="newcomers", code="pillar.support"):
    return [
        r
        for r in result["perception_gaps"]["segment_units"]
        if (r["unit_id"], r["segment"], r["dimension"]) == (unit, segment, code)
    ]


PILLARS = {"PT1": 3.0, "PT2": 4.0, "PT3": 3.0, "PA1": 4.0, "PA2": 3.0, "PA3": 2.0}
"""Trust and autonomy answers: everyone scores the whole pillar family."""


def organization(new_a, old_a, new_b, old_b, *, c=(3, 3, 3, 3, 3, 3, 3, 3, 3, 3)):
    rows = (
        people("A", "lt6m", new_a, extra=PILLARS)
        + people("A", "3to10y", old_a, extra=PILLARS)
        + people("B", "6to12m", new_b, extra=PILLARS)
        + people("B", "gt10y", old_b, extra=PILLARS)
        + people("C", "3to10y", c, extra=PILLARS)
    )
    return pd.DataFrame(rows)


def test_department_with_k_people_on_each_side_gets_its_comparison(instrument):
    new_a, old_a = [1, 2, 2, 3, 1, 2], [4, 5, 4, 3, 5, 4, 4]
    new_b, old_b = [3, 3, 4, 2, 3], [4, 4, 3, 5, 4, 3]
    result, auditor = analyze_audited(
        instrument, UNITS, organization(new_a, old_a, new_b, old_b), messages=False
    )
    assert auditor.audit() == []
    [row] = rows_of(result, "A")
    assert not row["suppressed"]
    assert (row["n_a"], row["n_b"]) == (6, 7)
    assert row["mean_a"] == pytest.approx(np.mean(new_a), abs=1e-4)
    assert row["mean_b"] == pytest.approx(np.mean(old_a), abs=1e-4)
    welch = stats.ttest_ind(new_a, old_a, equal_var=False)
    assert row["t"] == pytest.approx(welch.statistic, abs=1e-4)
    key = "segment_units/A/newcomers/pillar.support"
    assert auditor.figure(key).channel == "dim:pillar.support"


def test_a_side_under_k_gives_no_figure(instrument):
    # C has no newcomer at all; the root is never cut
    result, _ = analyze_audited(
        instrument,
        UNITS,
        organization([1, 2, 2, 3, 1, 2], [4, 5, 4, 3, 5], [3, 3, 4, 2, 3], [4, 4, 3, 5, 4]),
        messages=False,
    )
    [row] = rows_of(result, "C")
    assert row == {
        "unit_id": "C",
        "segment": "newcomers",
        "dimension": "pillar.support",
        "suppressed": True,
        "reason": "below_threshold",
    }
    assert rows_of(result, "R") == []


def test_unit_under_2k_respondents_is_not_cut(instrument):
    frame = organization([1, 2, 2, 3, 1, 2], [4, 5, 4, 3, 5], [3, 3, 4], [4, 4, 3, 5, 4])
    result, _ = analyze_audited(instrument, UNITS, frame, messages=False)
    assert rows_of(result, "B") == []  # 8 respondents < 2k = 10


def test_comparison_that_would_isolate_the_rest_is_hidden(instrument):
    # the organization's newcomers less A's are B's three newcomers (C has none): A's row would
    # give their mean, so it is hidden; the organization-wide row and the unit cells stay
    frame = organization([1, 2, 2, 3, 1, 2], [4, 5, 4, 3, 5], [3, 3, 4], [4, 4, 3, 5, 4, 3, 4])
    result, auditor = analyze_audited(instrument, UNITS, frame, messages=False)
    assert auditor.audit() == []
    [row] = rows_of(result, "A")
    assert row["suppressed"] and row["reason"] == "differencing" and "mean_a" not in row
    org = [
        r
        for r in result["perception_gaps"]["segments"]
        if (r["segment"], r["dimension"]) == ("newcomers", "pillar.support")
    ]
    assert not org[0]["suppressed"]
    assert "pillar.support" in result["units"]["B"]["scores"]


def test_departments_rows_are_their_own_family_for_the_adjustment(instrument):
    rng = np.random.default_rng(11)
    frame = organization(
        rng.integers(1, 4, 8), rng.integers(2, 6, 9), rng.integers(1, 6, 7), rng.integers(2, 6, 8)
    )
    result, _ = analyze_audited(instrument, UNITS, frame, messages=False)
    rows = result["perception_gaps"]["segment_units"]
    shown = [r for r in rows if not r["suppressed"] and r["p"] is not None]  # tested
    # reference: statsmodels multipletests(method="fdr_bh") over the departments' rows only
    expected = multipletests([r["p"] for r in shown], method="fdr_bh")[1]
    assert len(shown) >= 2
    assert [r["p_adjusted"] for r in shown] == pytest.approx(expected.tolist(), abs=1e-3)


def test_levels_hold_only_people_who_scored_the_whole_family(instrument):
    # five of A's longer-tenured skipped trust: they are left out of A's levels on every pillar
    # dimension (a family row singles out those who skip; the levels never cut through them),
    # and the cell less the levels holds five people, so the comparison stays
    old_a = [4, 5, 4, 3, 5, 4, 4, 2, 3, 5, 4, 4]
    frame = organization([1, 2, 2, 3, 1, 2, 2, 3], old_a, [3, 3, 4, 2, 3], [4, 4, 3, 5, 4])
    frame.loc[8:12, ["PT1", "PT2", "PT3"]] = np.nan  # rows 8 to 12: A's first five tenured
    result, auditor = analyze_audited(instrument, UNITS, frame, messages=False)
    assert auditor.audit() == []
    [row] = rows_of(result, "A")
    assert (row["n_a"], row["n_b"]) == (8, 7)
    assert row["mean_b"] == pytest.approx(np.mean(old_a[5:]), abs=1e-4)
