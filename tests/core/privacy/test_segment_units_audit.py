"""The departments' segment rows beside the manager's family rows, on two organizations of the
random-organization attacker where departments cut beside a family row first isolated a pair
across channels (a family row and the unit cells give the sum over those who skip some of the
family's dimensions): seed 52 with levels mixing skippers and whole-family scorers, seed 28 with
whole-family levels, where the department's own skippers were differenced with the
organization's. A department that meets a unit with a family row is now not cut on the family's
dimensions."""

import numpy as np
import pytest
from tests.core.privacy.gap_attacker import with_managers
from tests.core.privacy.test_adversarial import _attack, random_units, random_wave

from eclaire.core.analysis.analyze import analyze_audited
from eclaire.core.instrument_loader import load_default_instrument


@pytest.mark.parametrize("seed", [28, 52])
def test_no_pair_is_isolated_across_the_family_and_the_departments_rows(seed):
    instrument = load_default_instrument()
    rng = np.random.default_rng(seed)
    units = random_units(rng)
    first = random_wave(instrument, units, rng)
    second = random_wave(instrument, units, rng)
    managers = np.random.default_rng([seed, 1])
    assert managers.random() < 0.5  # these organizations have manager self-assessments
    first = with_managers(instrument, units, first, managers)
    second = with_managers(instrument, units, second, managers)
    before, _ = analyze_audited(instrument, units, first, messages=False)
    result, auditor = analyze_audited(instrument, units, second, messages=False, previous=before)
    families = {r["family"] for r in result["perception_gaps"]["families"]}
    assert families  # the root has a family row: no department is cut on those families
    family_of = {d.code: d.family for d in instrument.dimensions}
    rows = result["perception_gaps"]["segment_units"]
    assert not any(family_of[r["dimension"]] in families for r in rows)
    _attack(instrument, units, second, result, auditor)  # every check of the attacker
