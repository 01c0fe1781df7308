"""The departments' segment rows beside the manager's family rows, on the two organizations of
the random-organization attacker where they first isolated a pair across channels (a family row
and the unit cells give the sum over those who skip some of the family's dimensions):

- seed 52: levels cutting through the skippers (now: levels hold whole-family scorers only);
- seed 28: a department's own skippers, given by its cell less its levels, differenced with the
  organization's (now: registered in ``family-rest:<family>``, the audit hides the rows).
"""

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
    assert any(not r["suppressed"] for r in result["perception_gaps"]["segment_units"])
    _attack(instrument, units, second, result, auditor)  # every check of the attacker
