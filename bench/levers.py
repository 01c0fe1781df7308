"""Lever recommender: recall and precision per lever on two generators, and false alarms.

    .venv/bin/python bench/levers.py [--independent 1000-1009] [--sizes 12,36]
                                     [--sample-seeds 5] [--sample-from 1]
                                     [--sample-sizes 40,80] [--null 10] [--verbose]

1. The independent generator (``tests/generators/independent.py``, written without reading the
   rules): ``planted`` organizations scored against ``truth["problems"]``, then ``coherent`` and
   ``null`` organizations, where every recommendation is a false alarm. The rules were tuned on
   seeds 0-29; the default seeds 1000-1009 are held out.
2. ``eclaire.core.sample`` (the project's own generator, 20 people per unit): planted, and its
   coherent variants (``tests/core/levers_samples.py``).
3. The null simulation (``tests/core/levers_null.py``): no effect anywhere, from the instrument.

Everything is analysed at k = 5 (messages section included). What a test can detect at all on
these planted effects: ``bench/levers_power.py``. Figures: docs/levers.md.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "core"))
sys.path.insert(0, str(ROOT))

from levers_independent import independent_result  # noqa: E402
from levers_null import null_result  # noqa: E402
from levers_samples import sample_and_result  # noqa: E402

from eclaire.core.levers import recommend  # noqa: E402
from eclaire.core.levers.evaluation import Scores, lever_table, score_recommendations  # noqa: E402


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
    if scores.undetectable:
        print(
            f"  undetectable by design (not in recall): {scores.undetectable}, of which "
            f"{scores.undetectable_found} found; recall counting them: {scores.recall_all:.3f}"
        )
    print(f"  recommendations touching a coherent unit: {scores.coherent_hits}")
    print(f"  {'lever':<22}{'recall':>8}{'precision':>11}{'expected':>10}{'recommended':>13}")
    for lever, recall, precision, expected, recommended in lever_table(scores):
        print(f"  {lever:<22}{recall:>8.3f}{precision:>11.3f}{expected:>10}{recommended:>13}")
    problems = ", ".join(f"{k} {f}/{e}" for k, (f, e) in sorted(scores.per_problem.items()))
    print(f"  per planted problem: {problems}")
    if verbose:
        for line in scores.missed:
            print(f"  missed: {line}")
        for line in scores.false_positives:
            print(f"  false positive: {line}")


def planted(title: str, runs: Iterable[tuple[str, dict, dict]], verbose: bool) -> None:
    scores = Scores()
    for label, truth, result in runs:
        score_recommendations(recommend(result), truth, result, scores, label)
    report(title, scores, verbose)


def false_alarms(title: str, results: Iterable[tuple[str, dict]], verbose: bool) -> None:
    count = orgs = touched = 0
    for label, result in results:
        recs = recommend(result)
        orgs, count, touched = orgs + 1, count + len(recs), touched + bool(recs)
        for rec in recs if verbose else []:
            print(f"  {label}: {rec.id} {[e.rule_id for e in rec.evidence]}")
    print(
        f"\n== {title}: {orgs} organizations, {count} recommendations, "
        f"{count / max(orgs, 1):.2f} per organization, {touched / max(orgs, 1):.0%} with any"
    )


def seeds_of(text: str) -> range:
    low, _, high = text.partition("-")
    return range(int(low), int(high or low) + 1)


def independent(seeds: range, sizes: list[int], verbose: bool) -> None:
    def runs() -> Iterable[tuple[str, dict, dict]]:
        for units in sizes:
            for seed in seeds:
                generated, result = independent_result(seed, units)
                yield f"{units}u/s{seed}", generated.truth, result
                independent_result.cache_clear()

    span = f"seeds {seeds.start}-{seeds.stop - 1}, {sizes} units"
    planted(f"independent generator, planted ({span})", runs(), verbose)
    for kind in ("coherent", "null"):
        results = ((f"{u}u/s{s}", independent_result(s, u, kind)[1]) for u in sizes for s in seeds)
        false_alarms(f"independent generator, {kind} ({span})", results, verbose)


def sample(seeds: range, sizes: list[int], verbose: bool) -> None:
    def runs(mode: str) -> Iterable[tuple[str, dict, dict]]:
        for units in sizes:
            for seed in seeds:
                drawn, result = sample_and_result(units, seed, mode)
                yield f"{units}u/s{seed}", drawn.truth, result

    span = f"seeds {seeds.start}-{seeds.stop - 1}, {sizes} units"
    planted(f"eclaire sample, planted ({span})", runs("planted"), verbose)
    for mode in ("no_patterns", "all_coherent"):
        results = ((label, result) for label, _, result in runs(mode))
        false_alarms(f"eclaire sample, coherent: {mode} ({span})", results, verbose)


def null(count: int, verbose: bool) -> None:
    results = ((f"24u/s{seed}", null_result(seed, 24)) for seed in range(count))
    title = f"null simulation from the instrument (seeds 0-{count - 1}, 24 units)"
    false_alarms(title, results, verbose)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--independent", default="1000-1009")
    parser.add_argument("--sizes", default="12,36")
    parser.add_argument("--sample-seeds", type=int, default=5)
    parser.add_argument("--sample-from", type=int, default=1, help="first sample seed")
    parser.add_argument("--sample-sizes", default="40,80")
    parser.add_argument("--null", type=int, default=10)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    started = time.perf_counter()
    if args.independent:  # "" skips the independent generator
        sizes = [int(s) for s in args.sizes.split(",")]
        independent(seeds_of(args.independent), sizes, args.verbose)
    if args.sample_seeds:
        sizes = [int(s) for s in args.sample_sizes.split(",")]
        first = args.sample_from
        sample(range(first, first + args.sample_seeds), sizes, args.verbose)
    if args.null:
        null(args.null, args.verbose)
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
