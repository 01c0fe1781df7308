"""Time the full analysis: 20,000 then 200,000 respondents in 400 units, default instrument.

Prints, for each size, the median wall time of several runs and the peak memory of the process
(each size runs in its own process, so peaks do not mix), next to a straightforward pandas
implementation of the unit roll-ups (one boolean mask per unit, no privacy rules) as a yardstick.

Targets on the 2-core machine: 20,000 in under 2 s, 200,000 in under 20 s, memory under 2 GB.

    .venv/bin/python bench/analyze.py [--runs 5] [--sizes 20000 200000]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time

import pandas as pd

UNITS = 400


def _responses(respondents: int):
    """Team responses of a 400-unit organization (people are invited at a 75 % response rate);
    above 100,000 people, samples of the same tree with other seeds are stacked."""
    from eclaire.core.instrument_loader import load_default_instrument
    from eclaire.core.sample import generate_sample

    instrument = load_default_instrument()
    parts, units, declared = [], None, []
    people = int(respondents / 0.75) + UNITS
    per_part = min(people, 100_000)
    seed = 1
    while sum(int((~p["self"].astype(bool)).sum()) for p in parts) < respondents:
        sample = generate_sample(units=UNITS, people=per_part, seed=seed, instrument=instrument)
        parts.append(sample.responses)
        units, declared = sample.units, sample.truth["declared_priorities"]
        seed += 1
    responses = pd.concat(parts, ignore_index=True)
    team = responses.loc[~responses["self"].astype(bool)].head(respondents)
    selves = responses.loc[responses["self"].astype(bool)]
    return instrument, units, pd.concat([team, selves], ignore_index=True), declared


def _naive_rollups(instrument, units, responses) -> float:
    """Per unit and dimension: mean of the respondents under the unit, one mask at a time."""
    from eclaire.core.analysis.scoring import score_dimensions
    from eclaire.core.analysis.tree import ancestry, parents_of

    start = time.perf_counter()
    scores = score_dimensions(instrument, responses)
    chains = ancestry(parents_of(units))
    for unit in chains:
        members = [u for u, chain in chains.items() if unit in chain]
        mask = responses["unit_id"].isin(members)
        scores[mask].agg(["mean", "std", "count"])
    return time.perf_counter() - start


def child(respondents: int, runs: int) -> None:
    from eclaire.core import analyze

    instrument, units, responses, declared = _responses(respondents)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        analyze(instrument, units, responses, declared_priorities=declared)
        times.append(time.perf_counter() - start)
    naive = _naive_rollups(instrument, units, responses)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"respondents": respondents, "units": UNITS, "median_s": statistics.median(times),
                      "runs": times, "peak_mb": peak_mb, "naive_rollups_s": naive}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.runs)
        return
    print(f"analysis of the default instrument, {UNITS} units, median of {args.runs} runs")
    for people in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--child", str(people), "--runs", str(args.runs)],
                             capture_output=True, text=True, check=True)
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"  {figures['respondents']:>7,} respondents: median {figures['median_s']:.2f} s "
              f"(runs {', '.join(f'{t:.2f}' for t in figures['runs'])}), peak memory "
              f"{figures['peak_mb']:.0f} MB (generation included); a straightforward pandas roll-up of "
              f"the unit means alone takes {figures['naive_rollups_s']:.2f} s")


if __name__ == "__main__":
    main()
