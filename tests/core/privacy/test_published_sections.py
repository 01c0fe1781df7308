"""The reliability section and the coherence index go through the audit; the trend adds nothing.

Each test builds the published figures an attacker reads and attacks them; each attack worked
on the result as it was before these sections were audited.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from eclaire.core.analysis.analyze import analyze, analyze_audited
from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.privacy.auditor import Auditor

CODE = "clarity.roles"  # items CR1, CR2, CR3: a score needs 2 of them


@pytest.fixture(scope="module")
def instrument():
    return load_default_instrument()


def _answers(instrument, units: list[str], rng) -> pd.DataFrame:
    items = [i.code for i in instrument.respondent_items if i.scale]
    frame = pd.DataFrame(
        rng.integers(1, 6, size=(len(units), len(items))).astype(float), columns=items
    )
    frame.insert(0, "unit_id", units)
    return frame


ONE_UNIT = pd.DataFrame({"unit_id": ["ORG"], "parent_id": [None]})


def test_reliability_is_over_the_organizations_cell_and_audited(instrument):
    """A respondent who answered one item of three has no score but used to enter alpha:
    reliability's group was the organization's cell plus that one person. Alpha reveals its
    group's sums of squares (the auditor's rule for any non-linear statistic), so the two
    figures together isolated them; registered as it was, the auditor finds the person."""
    responses = _answers(instrument, ["ORG"] * 12, np.random.default_rng(3))
    responses.loc[0, ["CR2", "CR3"]] = np.nan  # CR1 only
    result, auditor = analyze_audited(instrument, ONE_UNIT, responses, messages=False)
    cell = result["units"]["ORG"]["scores"][CODE]
    entry = result["reliability"][CODE]
    assert cell["n"] == 11 and entry["n"] == 11  # was 12: one more person than the cell
    assert auditor.audit() == []
    assert f"reliability/{CODE}" in set(auditor.keys())

    # the attack, on the figures as they were registered before: 12 people under alpha
    old = Auditor(12, 5)
    old.add("organization", "dim", np.arange(1, 12), nested=True)
    old.add("reliability", "dim", np.arange(12), nested=True)
    leak = old.leak("dim")
    assert leak is not None and leak.size == 1 and leak.members.tolist() == [0]


def test_reliability_hidden_with_the_organizations_cell(instrument):
    """Four people have a score (under k = 5), a fifth answered one item: the cell is hidden,
    and so is alpha (it used to show, over 5 people of whom 4 give every covariance)."""
    responses = _answers(instrument, ["ORG"] * 5, np.random.default_rng(4))
    responses.loc[0, ["CR2", "CR3"]] = np.nan
    result = analyze(instrument, ONE_UNIT, responses, messages=False)
    assert CODE not in result["units"]["ORG"].get("scores", {})
    assert result["reliability"][CODE]["suppressed"] is True
    assert "alpha" not in result["reliability"][CODE]


def test_the_coherence_index_is_registered_and_combines_shown_cells_only(instrument):
    units = pd.DataFrame({"unit_id": ["P", "A", "B"], "parent_id": [None, "P", "P"]})
    responses = _answers(instrument, ["P"] * 2 + ["A"] * 6 + ["B"] * 7, np.random.default_rng(5))
    result, auditor = analyze_audited(instrument, units, responses, messages=False)
    assert auditor.audit() == []
    index = result["coherence_index"]
    shown = {u for u, e in index["units"].items() if not e["suppressed"]}
    assert {f"coherence/{u}" for u in shown} <= auditor.keys()
    for unit in shown:  # the clarity component is the mean of the unit's shown clarity means
        scores = result["units"][unit].get("scores", {})
        means = [c["mean"] for d, c in scores.items() if d.startswith("clarity.")]
        component = index["units"][unit]["components"].get("clarity")
        if means:
            assert component["value"] == pytest.approx(100 * (np.mean(means) - 1) / 4, abs=1e-3)
        else:
            assert component is None


def _wave(instrument, rows: list[str], answers: np.ndarray) -> pd.DataFrame:
    items = [i.code for i in instrument.respondent_items if i.scale]
    frame = pd.DataFrame(answers, columns=items)
    frame.insert(0, "unit_id", rows)
    return frame


def test_the_trend_repeats_only_cells_each_wave_published(instrument):
    """Unit A: the same 6 people in both waves, with the same answers, and one newcomer. Each
    wave's own result already shows A's cell; 7·after − 6·before is the newcomer's score under
    that assumption (docs/privacy.md, Trend). Hiding the trend entry would not stop it, so the
    trend must only repeat cells both waves show, with their n, and add nothing else."""
    units = pd.DataFrame({"unit_id": ["P", "A", "B"], "parent_id": [None, "P", "P"]})
    rng = np.random.default_rng(6)
    items = [i.code for i in instrument.respondent_items if i.scale]
    first = rng.integers(1, 6, size=(6 + 8, len(items))).astype(float)
    newcomer = rng.integers(1, 6, size=(1, len(items))).astype(float)
    wave1 = _wave(instrument, ["A"] * 6 + ["B"] * 8, first)
    wave2 = _wave(instrument, ["A"] * 6 + ["B"] * 8 + ["A"], np.vstack([first, newcomer]))
    before = analyze(instrument, units, wave1, messages=False)
    after = analyze(instrument, units, wave2, messages=False, previous=before)
    for unit, cells in after["trend"]["units"].items():
        for code, entry in cells.items():
            b, a = before["units"][unit]["scores"][code], after["units"][unit]["scores"][code]
            assert (entry["before"], entry["n_before"]) == (b["mean"], b["n"])
            assert (entry["after"], entry["n_after"]) == (a["mean"], a["n"])
    assert CODE in after["trend"]["units"]["A"]
    assert "hidden_by_audit" not in after["trend"]


def test_rwg_of_a_cell_is_over_the_cells_own_group(instrument):
    """r_wg (a non-linear statistic: sums of squares) used every member who answered an item,
    one more person than the cell's n when someone answered 1 item of 3."""
    from eclaire.core.stats.agreement import rwg_j

    responses = _answers(instrument, ["ORG"] * 12, np.random.default_rng(8))
    responses.loc[0, ["CR2", "CR3"]] = np.nan
    result = analyze(instrument, ONE_UNIT, responses, messages=False)
    cell = result["units"]["ORG"]["scores"][CODE]
    items = responses.loc[1:, ["CR1", "CR2", "CR3"]].astype(float)
    expected = rwg_j(items, pd.Series("ORG", index=items.index), 5)["rwg_j"].iloc[0]
    assert cell["n"] == 11
    assert cell["rwg"] == pytest.approx(expected, abs=1e-4)


def test_the_family_gaps_team_cells_are_registered_with_the_auditor(instrument):
    """``perception_gaps.families`` publishes a team mean over the respondents with a family
    score: each row is a figure of the auditor (channel ``family:<family>``), and a row the
    auditor hides leaves the result."""
    units = pd.DataFrame({"unit_id": ["P", "A", "B"], "parent_id": [None, "P", "P"]})
    rng = np.random.default_rng(9)
    responses = _answers(instrument, ["P"] * 2 + ["A"] * 8 + ["B"] * 7, rng)
    responses.insert(1, "self", False)
    manager = _answers(instrument, ["A"], rng)
    manager.insert(1, "self", True)
    responses = pd.concat([responses, manager], ignore_index=True)
    result, auditor = analyze_audited(instrument, units, responses, messages=False)
    rows = result["perception_gaps"]["families"]
    assert {(r["unit_id"], r["family"]) for r in rows} == {("A", "clarity"), ("A", "pillar")}
    assert {f"families/A/{f}" for f in ("clarity", "pillar")} <= set(auditor.keys())
    assert auditor.audit() == []
    figures = {r["family"]: r for r in rows}
    assert figures["clarity"]["n_team"] == 8
