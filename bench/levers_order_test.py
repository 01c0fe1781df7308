"""How often does the priorities' order test raise a false alarm? A calibration by simulation.

    .venv/bin/python bench/levers_order_test.py [--draws 1500] [--spreads 0,0.3,0.6]
                                                [--others-spread 0] [--teams 4,8,8,8]

Each draw is an organization of four functions of four teams (5 to 24 raters, Plackett-Luce
rankings of six options, a quarter ranking only three), every team of a function drawn from its
function's weights times ``exp(N(0, σ))`` (σ: how much teams of one function differ in
concentration). The first team of the first function is tested against the three others, the
spread between teams pooled over the four functions
(:func:`eclaire.core.stats.order_following.order_following_test`). No team has the problem, so
the share of p-values at or under each level is the false-alarm rate at that level. Figures:
docs/result/priorities.md (``order_test``); the same simulation is asserted in
``tests/core/stats/test_order_following.py``.

``--others-spread`` gives the other functions their own σ (the tested function keeps each σ of
``--spreads``) and ``--teams`` the teams per function (the tested one first; fewer functions
when shorter): when the tested function spreads more than the others, the test does not hold
its level (``--spreads 0.6,1 --others-spread 0 --teams 4,8,8,8``, ``--teams 3,8,8,8``,
``--teams 4``), so no lever rule reads it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "core" / "stats"))

from test_order_following import FUNCTIONS, organization  # noqa: E402

from eclaire.core.stats.order_following import group_following, order_following_test  # noqa: E402

LEVELS = (0.05, 0.01, 0.004, 0.001)


def p_values(
    spread: float, draws: int, seed: int, others_spread: float | None, teams: list[int]
) -> np.ndarray:
    rng = np.random.default_rng(seed)
    ps = []
    for _ in range(draws):
        blocks = []
        for f, (base, count) in enumerate(zip(FUNCTIONS, teams, strict=False)):
            sigma = spread if f == 0 or others_spread is None else others_spread
            sizes = rng.integers(5, 25, size=count)
            weights = [1.8 * base * np.exp(rng.normal(0, sigma)) for _ in sizes]
            blocks.append(organization(rng, sizes, weights))
        ranks = np.vstack([r for r, _ in blocks])
        offsets = np.cumsum([0, *[len(r) for r, _ in blocks]])
        rows = [[g + at for g in groups] for (_, groups), at in zip(blocks, offsets, strict=False)]
        others = [group_following(ranks, groups) for groups in rows[1:] if len(groups) >= 2]
        ps.append(order_following_test(ranks, rows[0][0], rows[0][1:], others=others).p)
    return np.array(ps)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=1500)
    parser.add_argument("--spreads", default="0,0.3,0.6")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--others-spread", type=float, default=None)
    parser.add_argument("--teams", default="4,4,4,4")
    args = parser.parse_args()
    teams = [int(t) for t in args.teams.split(",")]
    started = time.process_time()
    print(f"{'σ':>5}" + "".join(f"{f'≤ {a:g}':>10}" for a in LEVELS))
    for spread in (float(s) for s in args.spreads.split(",")):
        ps = p_values(spread, args.draws, args.seed, args.others_spread, teams)
        print(f"{spread:>5g}" + "".join(f"{np.mean(ps <= a):>10.2%}" for a in LEVELS))
    print(f"\n{args.draws} draws per σ, {time.process_time() - started:.0f} s of CPU")


if __name__ == "__main__":
    main()
