"""``others_mean_sd``: the very floats of ``statistics.fmean`` and ``statistics.stdev`` on the
other values, for every value."""

from __future__ import annotations

import random
import statistics

import pytest

from eclaire.core.stats.leave_one_out import others_mean_sd


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize(
    "draw",
    [
        lambda rng: round(rng.random(), 4),  # shares, as a result shows them
        lambda rng: rng.gauss(0, 1) * 10 ** rng.randint(-8, 8),
        lambda rng: rng.choice([0.0, 0.25, 0.5, 1.0, 1]),  # ties, ints among floats
        lambda rng: rng.random() * 1e300,  # squares beyond the float range
        lambda rng: rng.uniform(-1, 1) * 1e-300,
    ],
)
def test_same_floats_as_statistics(seed, draw):
    rng = random.Random(seed)
    for n in (3, 4, 7, 40, 381):
        values = [draw(rng) for _ in range(n)]
        got = others_mean_sd(values)
        for i, (mean, sd) in enumerate(got):
            others = values[:i] + values[i + 1 :]
            assert mean == statistics.fmean(others)
            assert sd == statistics.stdev(others)
            assert type(sd) is float


def test_needs_three_finite_values():
    with pytest.raises(ValueError, match="at least 3"):
        others_mean_sd([0.1, 0.2])
    with pytest.raises(ValueError, match="finite"):
        others_mean_sd([0.1, 0.2, float("nan")])
