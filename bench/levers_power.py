"""What recall can a test reach on the independent generator's planted problems? A power analysis.

    .venv/bin/python bench/levers_power.py [--draws 2000] [--seed 7]

For each planted problem kind of ``tests/generators/independent.py`` this draws the planted team
(and, for comparison, a team of the same organization without the problem) from the generator's
own response model, many times, and applies the best test one could run on the respondents'
answers themselves (an *oracle*: it knows the respondent-level data and the null model, which the
recommender, reading only the published result, does not). Its power at a per-test level ``α``
bounds the recall of any rule at that level. Benjamini-Hochberg at the false discovery rate
``q`` = 20 % rejects a test when ``p ≤ q·R/m`` (``m`` tests in the organization, ``R``
rejections): about ``α = 0.015`` in an organization of 12 units (m ≈ 80, R ≈ 6) and
``α = 0.004`` in one of 36 units (m ≈ 290, R ≈ 6) on these organizations.

Figures and reading: docs/levers.md, "What one wave can detect".
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy import stats

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.generators import independent as gen  # noqa: E402

ALPHAS = (0.05, 0.015, 0.004)
K = 5  # the anonymity threshold the results are analysed at (tests/core/levers_independent.py)


def team_size(rng: np.random.Generator) -> int:
    """A planted team's size: the generator's draw, kept when it is a candidate (≥ 8)."""
    while True:
        size = int(np.clip(np.round(rng.lognormal(np.log(14), 0.6)), 4, 60))
        if size >= 8:
            return size


def answered(rng: np.random.Generator, n: int) -> np.ndarray:
    """Which of ``n`` respondents answer a given item (5-15 % skipped, some drop-outs)."""
    rate = rng.uniform(0.05, 0.15, size=n)
    return rng.random(n) > rate + 0.08 * 0.5


def clarity_mean(rng: np.random.Generator, levels: dict[str, float], person: float) -> float:
    style = gen._person_style(rng)
    values = []
    for code in gen.CLARITY:
        level = levels[code] + person + rng.normal(0, 0.35)
        values.extend(keyed(gen._dimension_answers(rng, code, level, style)))
    return float(np.mean(values))


def keyed(answers: dict[str, float]) -> list[float]:
    """A dimension's three answers on one direction: the third item is worded the other way
    round (reverse-keyed), as the analysis scores it."""
    first, second, third = answers.values()
    return [first, second, 6.0 - third]


def manager_gap(rng: np.random.Generator, planted: bool) -> tuple[float, int, float]:
    """Prediction t of the manager's clarity (pooled over the 15 items) against one more
    team member's: the best a rule can do with one self-assessment."""
    n = team_size(rng)
    base = {c: 0.45 + rng.normal(0, 0.25) - (0.6 if planted else 0.0) for c in gen.CLARITY}
    team = np.array([clarity_mean(rng, base, rng.normal(0, 0.55)) for _ in range(n)])
    self_levels = {c: 2.6 if planted else base[c] + 0.25 + rng.normal(0, 0.55) for c in base}
    manager = clarity_mean(rng, self_levels, 0.0)
    gap = manager - team.mean()
    t = gap / (team.std(ddof=1) * np.sqrt(1 + 1 / n))
    return float(stats.t.sf(t, n - 1)), n, float(gap)


def low_trust(rng: np.random.Generator, planted: bool) -> tuple[float, int, float]:
    n = team_size(rng)
    level = -1.9 if planted else 0.45 + rng.normal(0, 0.25)
    spread = 0.3 if planted else 0.55
    scores = []
    for _ in range(n):
        style = gen._person_style(rng)
        answers = gen._dimension_answers(rng, "PT", level + rng.normal(0, spread), style)
        scores.append(np.mean(keyed(answers)))
    x = np.array(scores)
    p = float(stats.ttest_1samp(x, 3.0, alternative="less").pvalue)
    return p, n, float(x.mean() - 3.0)


def _meeting_shares(rng: np.random.Generator, level: np.ndarray, n: int) -> np.ndarray:
    """Shares answering often / very often in teams of ``n`` whose latent symptom level is
    ``level`` (one per team), vectorized from the generator's model (``_unit_rows``,
    ``_answer``, ``_person_style``: no acquiescence on symptoms, stretch 1.6 / 0.45 / 1 for
    12 % / 10 % / 78 % of people, item noise 0.75, cut 0.35 jittered by 0.1, the person's
    clarity entering at −0.5), each item skipped by about 14 % of people."""
    shape = (len(level), n)
    person = rng.normal(0, 0.55, shape)
    latent = level[:, None] - 0.5 * person + rng.normal(0, 0.45, shape)
    roll = rng.random(shape)
    stretch = np.where(roll < 0.12, 1.6, np.where(roll < 0.22, 0.45, 1.0))
    z = latent * stretch + rng.normal(0, 0.75, shape)
    often = z > 0.35 + rng.normal(0, 0.1, shape)
    answered = rng.random(shape) > 0.14
    return (often & answered).sum(axis=1) / np.maximum(answered.sum(axis=1), 1)


def meetings(rng: np.random.Generator, planted: bool) -> tuple[float, int, float]:
    """The team's share against 4,000 teams of the same size drawn like the other teams of a
    planted organization (symptom level −0.5, a unit effect of 0.25, the unit's clarity
    spread entering at −0.5): the rank p-value, which includes the natural spread between
    teams that no test of one team against the rest can remove."""
    n = team_size(rng)

    def natural(count: int) -> np.ndarray:
        unit = rng.normal(0, 0.25, count) - 0.5 * rng.normal(0, 0.25 / np.sqrt(5), count)
        return -0.5 + unit

    level = np.array([0.8]) if planted else natural(1)
    mine = float(_meeting_shares(rng, level, n)[0])
    null = _meeting_shares(rng, natural(4000), n)
    p = (1 + np.sum(null >= mine)) / (1 + len(null))
    return float(p), n, mine - float(np.median(null))


def _rbar(ranks: np.ndarray) -> float:
    """Mean Spearman correlation between the rankers (complete rankings)."""
    r = np.corrcoef(ranks)
    m = len(ranks)
    return float((r.sum() - m) / (m * (m - 1)))


def _team_ranks(rng: np.random.Generator, function: str, n: int, planted: bool) -> np.ndarray:
    problem = "diverging_priorities" if planted else None
    unit = gen._Unit("x", "x", None, function, "office", n)
    rows = [gen._ranks(rng, unit, problem, "planted") for _ in range(n)]
    out = []
    for row in rows:
        if not row:
            continue
        ranks = np.full(len(gen.PRIORITIES), (len(row) + 1 + len(gen.PRIORITIES)) / 2)
        for i, code in enumerate(gen.PRIORITIES):
            ranks[i] = row.get(f"rank:{code}", ranks[i])
        out.append(ranks)
    return np.array(out)


def priorities(function: str) -> Callable[[np.random.Generator, bool], tuple[float, int, float]]:
    def test(rng: np.random.Generator, planted: bool) -> tuple[float, int, float]:
        """The team's mean Spearman correlation against the null distribution of a team of
        the same function and size (simulated, 200 draws)."""
        n = team_size(rng)
        mine = _rbar(_team_ranks(rng, function, n, planted))
        null = [_rbar(_team_ranks(rng, function, n, False)) for _ in range(200)]
        p = stats.norm.cdf(mine, np.mean(null), np.std(null, ddof=1))  # p-value beyond 1/200
        return float(p), n, float(mine - np.median(null))

    return test


def contradiction(rng: np.random.Generator, planted: bool) -> tuple[float, int, float]:
    """Not a test: whether both sides have at least k members stating a delivery promise (the
    anonymity threshold below which the result cannot show a side). p = 0 when they do."""
    sizes = [team_size(rng), team_size(rng)]
    stating = [
        int((answered(rng, n) & (rng.random(n) < 0.55) & (rng.random(n) < 0.85)).sum())
        for n in sizes
    ]
    return (0.0 if min(stating) >= K else 1.0), min(sizes), float(min(stating))


KINDS: dict[str, Callable[[np.random.Generator, bool], tuple[float, int, float]]] = {
    "manager_self_gap": manager_gap,
    "low_trust": low_trust,
    "meetings_without_decisions": meetings,
    **{f"diverging_priorities ({f})": priorities(f) for f in gen._FUNCTION_PRIORITIES},
    "message_contradiction (both sides ≥ k stating)": contradiction,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    head = "".join(f"{'power@' + str(a):>13}" for a in ALPHAS)
    print(f"{'planted kind':<48}{'n (median)':>11}{'effect (median)':>17}{head}{'null@0.015':>12}")
    for name, draw in KINDS.items():
        draws = max(args.draws // (5 if "priorities" in name else 1), 20)
        planted = [draw(rng, True) for _ in range(draws)]
        null = [draw(rng, False) for _ in range(draws)]
        ps = np.array([p for p, _, _ in planted])
        powers = "".join(f"{np.mean(ps <= a):>13.2f}" for a in ALPHAS)
        n = np.median([d[1] for d in planted])
        effect = np.median([d[2] for d in planted])
        false = np.mean(np.array([p for p, _, _ in null]) <= 0.015)
        print(f"{name:<48}{n:>11.0f}{effect:>17.2f}{powers}{false:>12.2f}")


if __name__ == "__main__":
    main()
