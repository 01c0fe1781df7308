"""Time the full analysis: 20,000 then 200,000 respondents in 400 units, default instrument.

For each size, one process generates the sample and pickles it to a temporary file, then a
fresh process loads it and runs ``eclaire.core.analyze`` several times. Printed per size: the
median wall time of the runs, the peak memory of the analysis process (the loaded responses
frame included) and, apart, the time and peak memory of the generation; next to them a
straightforward pandas implementation of the unit roll-ups (one boolean mask per unit, no
privacy rules) as a yardstick.

The message-drift section (text analysis, timed by bench/messages.py) is left out unless
``--messages`` is given: it is a separate model with its own budget.

Targets on the 2-core machine: 20,000 in under 2 s, 200,000 in under 20 s, memory under 2 GB.

    .venv/bin/python bench/analyze.py [--runs 5] [--sizes 20000 200000] [--messages]
"""

from __future__ import annotations

import argparse
import json
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

UNITS = 400


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _responses(respondents: int) -> tuple[Any, pd.DataFrame, pd.DataFrame, list[str]]:
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


def _naive_rollups(instrument: Any, units: pd.DataFrame, responses: pd.DataFrame) -> float:
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


def generate(respondents: int, path: Path) -> None:
    start = time.perf_counter()
    _, units, responses, declared = _responses(respondents)
    seconds = time.perf_counter() - start
    with path.open("wb") as out:
        pickle.dump((units, responses, declared), out, protocol=pickle.HIGHEST_PROTOCOL)
    print(json.dumps({"generate_s": seconds, "generate_peak_mb": _peak_mb()}))


def child(path: Path, runs: int, messages: bool) -> None:
    from eclaire.core import analyze
    from eclaire.core.instrument_loader import load_default_instrument

    instrument = load_default_instrument()
    with path.open("rb") as source:
        units, responses, declared = pickle.load(source)
    loaded_mb = _peak_mb()
    team = int((~responses["self"].astype(bool)).sum())
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        analyze(instrument, units, responses, declared_priorities=declared, messages=messages)
        times.append(time.perf_counter() - start)
    peak_mb = _peak_mb()
    naive = _naive_rollups(instrument, units, responses)
    print(
        json.dumps(
            {
                "respondents": team,
                "median_s": statistics.median(times),
                "runs": times,
                "loaded_mb": loaded_mb,
                "peak_mb": peak_mb,
                "naive_rollups_s": naive,
            }
        )
    )


def _run(*args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument("--messages", action="store_true", help="include the message section")
    parser.add_argument("--generate", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--sample", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(args.generate, args.sample)
        return
    if args.child:
        child(args.child, args.runs, args.messages)
        return
    print(
        f"analysis of the default instrument, {UNITS} units, median of {args.runs} runs"
        f"{'' if args.messages else ' (message section off)'}"
    )
    for people in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "sample.pickle"
            made = _run("--generate", str(people), "--sample", str(path))
            extra = ["--messages"] if args.messages else []
            figures = _run("--child", str(path), "--runs", str(args.runs), *extra)
        print(
            f"  {figures['respondents']:>7,} respondents: median {figures['median_s']:.2f} s "
            f"(runs {', '.join(f'{t:.2f}' for t in figures['runs'])}), peak memory "
            f"{figures['peak_mb']:.0f} MB ({figures['loaded_mb']:.0f} MB with the responses "
            f"loaded, before the analysis); a straightforward pandas roll-up of the unit means "
            f"alone takes {figures['naive_rollups_s']:.2f} s"
        )
        print(
            f"  {'':>7}  generating the sample apart: {made['generate_s']:.1f} s, peak memory "
            f"{made['generate_peak_mb']:.0f} MB"
        )


if __name__ == "__main__":
    main()
