"""Time ``eclaire analyze`` as a whole command, side by side with a plain pandas + pingouin script.

For each size (respondents in 400 units, default instrument), the sample files are generated once
(``eclaire sample``; above 75,000 respondents, samples of the same unit tree with other seeds are
stacked), then three whole processes read the SAME units.csv and responses.csv, in turn, ``--runs``
times each:

- ``reference``: a straightforward script that imports pandas and pingouin, reads the files with
  ``pd.read_csv`` and computes the unit means per dimension, Cronbach's alpha per dimension
  (``pingouin.cronbach_alpha``) and the interface means (rated unit × item, per rating unit),
  and writes them as JSON. It does far less than the diagnostic: no checks of the file, no
  privacy rules, no roll-up of the tree, no intervals;
- ``eclaire analyze --no-messages``: the whole diagnostic without the message-drift section;
- ``eclaire analyze``: the whole diagnostic (the message section has its own budget, see
  bench/messages.py).

Printed per size: the median wall time and the peak memory (max RSS, or the summed proportional
set size of the process and the child it forks, whichever is larger) of each process, and the
ratio of ``eclaire analyze --no-messages`` to the reference, in wall time and in CPU time (user +
system, steadier than wall time on a loaded machine). Then one in-process breakdown of the
command (imports, reading, analysis, writing). Targets on the 2-core machine: 20,000 respondents
at most 0.33x the reference and under 4 s; 200,000 under 20 s within 2 GB.

    .venv/bin/python bench/analyze.py [--runs 3] [--sizes 20000 200000] [--data DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

UNITS = 400
PER_PART = 75_000
RESPONSE_RATE = 0.75
ECLAIRE = [sys.executable, "-m", "eclaire.cli"]


def reference(units_file: Path, responses_file: Path, dims_file: Path, out: Path) -> None:
    """The plain script (run in its own process): pandas + pingouin, nothing of Éclaire."""
    import pandas as pd
    import pingouin as pg

    dimensions: dict[str, list[str]] = json.loads(dims_file.read_text(encoding="utf-8"))
    units = pd.read_csv(units_file)
    responses = pd.read_csv(responses_file, low_memory=False)
    team = responses[responses["self"] != "yes"]
    scores = pd.DataFrame({d: team[items].mean(axis=1) for d, items in dimensions.items()})
    unit_means = scores.groupby(team["unit_id"]).mean()
    alphas = {d: float(pg.cronbach_alpha(data=team[items])[0]) for d, items in dimensions.items()}
    rated = [c for c in team.columns if c.startswith("if:")]
    interfaces = team.groupby("unit_id")[rated].mean().stack().rename("mean").reset_index()
    result = {
        "units": len(units),
        "unit_means": unit_means.round(4).to_dict(orient="index"),
        "alpha": alphas,
        "interfaces": interfaces.round(4).to_dict(orient="records"),
    }
    out.write_text(json.dumps(result), encoding="utf-8")


Run = tuple[float, float, float]
"""Wall seconds, CPU seconds (user + system) and peak memory (MB) of one whole process."""


def _tree_pss_mb(pid: int) -> float:
    """Proportional set size of a process and its descendants (MB): memory shared between a
    parent and its forked child counts once, split between them."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:  # ended meanwhile
            continue
        total += next(int(line.split()[1]) for line in rollup.splitlines() if line[:4] == "Pss:")
        stack += [int(c) for c in children]
    return total / 1024


def _timed(argv: list[str]) -> Run:
    """One whole process: wall and CPU seconds (its forked children included), and its peak
    memory: the largest of its own and its children's max RSS, or on Linux the peak of the
    summed proportional set size of the process tree, sampled every 20 ms, if larger."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_pss = 0.0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if sys.platform.startswith("linux"):
            peak_pss = max(peak_pss, _tree_pss_mb(process.pid))
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{process.stderr.read().decode()}")  # type: ignore[union-attr]
    process.stderr.close()  # type: ignore[union-attr]
    return seconds, usage.ru_utime + usage.ru_stime, max(usage.ru_maxrss / 1024, peak_pss)


def generate(respondents: int, folder: Path) -> float:
    """units.csv and responses.csv of about ``respondents`` team responses; seconds taken."""
    start = time.perf_counter()
    parts = -(-respondents // PER_PART)
    people = int(respondents / parts / RESPONSE_RATE) + UNITS
    for seed in range(1, parts + 1):
        part = folder / f"part{seed}"
        args = ["sample", "--units", str(UNITS), "--people", str(people), "--seed", str(seed)]
        subprocess.run([*ECLAIRE, *args, "--out", str(part)], check=True, capture_output=True)
    units = (folder / "part1" / "units.csv").read_bytes()
    with (folder / "responses.csv").open("wb") as out:
        for seed in range(1, parts + 1):
            part = folder / f"part{seed}"
            if (part / "units.csv").read_bytes() != units:
                raise SystemExit(f"seed {seed} made another unit tree: cannot stack the samples")
            lines = (part / "responses.csv").read_bytes().splitlines(keepends=True)
            out.writelines(lines if seed == 1 else lines[1:])
    (folder / "units.csv").write_bytes(units)
    return time.perf_counter() - start


def _dimensions(path: Path) -> None:
    from eclaire.core.instrument_loader import load_default_instrument

    instrument = load_default_instrument()
    rated = {i.code for i in instrument.interface_items}
    dims = {
        d.code: [i.code for i in d.items]
        for d in instrument.dimensions
        if d.items and not rated & {i.code for i in d.items}
    }
    path.write_text(json.dumps(dims), encoding="utf-8")


def breakdown(units_file: Path, responses_file: Path, out: Path) -> dict[str, float]:
    """Where the command's time goes, in one process (run as a child: imports are cold)."""
    start = time.process_time()
    from eclaire.core.analysis.analyze import analyze
    from eclaire.core.analysis.runner import load_instrument_ref
    from eclaire.core.interchange import read_responses, read_units

    imported = time.process_time()
    instrument = load_instrument_ref("coherence")
    units = read_units(units_file)
    options = [o.code for o in instrument.ranking.options] if instrument.ranking else []
    table = read_responses(responses_file, instrument, set(units["unit_id"]), options or None)
    read = time.process_time()
    result = analyze(instrument, units, table.frame, declared_priorities=options, messages=False)
    analyzed = time.process_time()
    out.write_text(json.dumps(result, ensure_ascii=False, separators=(",", ":")), "utf-8")
    written = time.process_time()
    return {
        "imports_s": imported - start,
        "read_s": read - imported,
        "analyze_s": analyzed - read,
        "write_s": written - analyzed,
    }


def _measure(folder: Path, runs: int, messages: bool) -> dict[str, list[Run]]:
    units, responses = folder / "units.csv", folder / "responses.csv"
    files = ["--units", str(units), "--responses", str(responses)]
    commands = {
        "reference": [sys.executable, __file__, "--reference", str(folder)],
        "eclaire analyze --no-messages": [
            *ECLAIRE,
            "analyze",
            *files,
            "--out",
            str(folder / "r.json"),
            "--no-messages",
        ],
        "eclaire analyze": [*ECLAIRE, "analyze", *files, "--out", str(folder / "m.json")],
    }
    if not messages:
        del commands["eclaire analyze"]
    figures: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(runs):  # interleaved, so that a burst of load hits all three alike
        for name, argv in commands.items():
            figures[name].append(_timed(argv))
    return figures


def _print_size(people: int, made_s: float, figures: dict[str, list[Run]]) -> None:
    wall = {n: statistics.median(r[0] for r in runs) for n, runs in figures.items()}
    cpu = {n: statistics.median(r[1] for r in runs) for n, runs in figures.items()}
    made = f"generated apart in {made_s:.0f} s" if made_s else "generated by an earlier run"
    print(f"  {people:,} respondents (files {made}):")
    for name, runs in figures.items():
        times = ", ".join(f"{r[0]:.1f}" for r in runs)
        peak = max(r[2] for r in runs)
        print(
            f"    {name:<31} median {wall[name]:6.2f} s wall (runs {times}), "
            f"{cpu[name]:6.2f} s CPU, peak {peak:.0f} MB"
        )
    mine = "eclaire analyze --no-messages"
    print(
        f"    {mine} / reference: {wall[mine] / wall['reference']:.2f}x wall, "
        f"{cpu[mine] / cpu['reference']:.2f}x CPU"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument(
        "--skip-messages", action="store_true", help="leave out the run with the message section"
    )
    parser.add_argument(
        "--data",
        type=Path,
        help="keep the generated files in DATA/<size>/ and reuse them on the next run",
    )
    parser.add_argument("--reference", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--breakdown", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.reference:
        folder = args.reference
        reference(
            folder / "units.csv", folder / "responses.csv", folder / "dims.json", folder / "p.json"
        )
        return
    if args.breakdown:
        folder = args.breakdown
        figures = breakdown(folder / "units.csv", folder / "responses.csv", folder / "b.json")
        print(json.dumps(figures))
        return
    print(
        f"eclaire analyze and a plain pandas + pingouin script, whole processes, {UNITS} units, "
        f"median of {args.runs} runs (load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores at the start)"
    )
    for people in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = args.data / str(people) if args.data else Path(tmp)
            made_s = 0.0
            if not (folder / "responses.csv").exists():
                folder.mkdir(parents=True, exist_ok=True)
                made_s = generate(people, folder)
            _dimensions(folder / "dims.json")
            _print_size(people, made_s, _measure(folder, args.runs, not args.skip_messages))
            out = subprocess.run(
                [sys.executable, __file__, "--breakdown", str(folder)],
                capture_output=True,
                text=True,
                check=True,
            )
            parts = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                "    in one process, CPU: "
                + ", ".join(f"{k[:-2]} {v:.2f} s" for k, v in parts.items())
            )
    print(f"  load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
