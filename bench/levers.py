"""Lever recommender: does it find every planted problem, with the right lever and target?

    .venv/bin/python bench/levers.py [--seeds 20] [--sizes 40,80] [--verbose]

For each size (units; 20 people per unit) and seed, a sample is generated
(``eclaire.core.sample``), analysed at k = 5 and passed to ``recommend``. Recall: planted problems
found with the right lever and target (docs/levers.md, "Validation"), problems hidden by the
privacy rules left out and counted apart. Precision: recommendations that match a planted
problem, over all recommendations. Then coherent organizations (every pattern off; natural
variation between units, and every unit drawn like the coherent unit): every recommendation
there is a false alarm.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "core"))

from levers_samples import sample_and_result  # noqa: E402

from eclaire.core.levers import recommend  # noqa: E402
from eclaire.core.levers.evaluation import Scores, lever_table, score_recommendations  # noqa: E402


def planted(sizes: list[int], seeds: range, verbose: bool) -> Scores:
    total = Scores()
    for units in sizes:
        scores = Scores()
        for seed in seeds:
            sample, result = sample_and_result(units, seed)
            recs = recommend(result)
            score_recommendations(recs, sample.truth, result, scores, f"{units}u/s{seed}")
            score_recommendations(recs, sample.truth, result, total, f"{units}u/s{seed}")
        report(f"planted, {units} units, seeds {seeds.start}-{seeds.stop - 1}", scores, verbose)
    report("planted, all sizes", total, verbose)
    return total


def report(title: str, scores: Scores, verbose: bool) -> None:
    print(f"\n== {title}")
    print(
        f"  recall    {scores.recall:.3f}  ({scores.found}/{scores.expected} found; "
        f"{scores.hidden} hidden by privacy, not counted)"
    )
    print(
        f"  precision {scores.precision:.3f}  ({scores.true_positive}/{scores.recommended} "
        "recommendations match a planted problem)"
    )
    print(f"  recommendations touching the coherent unit: {scores.coherent_hits}")
    print(f"  {'lever':<22}{'recall':>8}{'precision':>11}{'expected':>10}{'recommended':>13}")
    for lever, recall, precision, expected, recommended in lever_table(scores):
        print(f"  {lever:<22}{recall:>8.3f}{precision:>11.3f}{expected:>10}{recommended:>13}")
    if verbose:
        for line in scores.missed:
            print(f"  missed: {line}")
        for line in scores.false_positives:
            print(f"  false positive: {line}")


def coherent(sizes: list[int], seeds: range, verbose: bool) -> None:
    for mode in ("no_patterns", "all_coherent"):
        count, strong, orgs = 0, 0, 0
        for units in sizes:
            for seed in seeds:
                _, result = sample_and_result(units, seed, mode)
                recs = recommend(result)
                orgs += 1
                count += len(recs)
                strong += sum(r.strength == "strong" for r in recs)
                if verbose:
                    for rec in recs:
                        print(f"  {mode} {units}u/s{seed}: {rec.id} {rec.strength}")
        print(
            f"\n== coherent organizations ({mode}): {orgs} organizations, "
            f"{count} recommendations ({strong} strong), {count / orgs:.2f} per organization"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--sizes", default="40,80")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    seeds = range(1, args.seeds + 1)
    started = time.perf_counter()
    planted(sizes, seeds, args.verbose)
    coherent(sizes, seeds, args.verbose)
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
