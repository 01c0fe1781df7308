"""How fast the ``eclaire`` command answers before any work: ``eclaire --help`` as a whole process.

Median wall and CPU time of ``--runs`` runs, next to a bare ``python -c pass`` for scale, and the
heavy modules the command imported (none should be: they are imported inside the commands).
Target: under 0.5 s.

    .venv/bin/python bench/cli_start.py [--runs 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

HEAVY = ("pandas", "numpy", "scipy", "django", "jsonschema", "openpyxl", "yaml")


def _run(argv: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "eclaire --help": [sys.executable, "-m", "eclaire.cli", "--help"],
        "eclaire analyze --help": [sys.executable, "-m", "eclaire.cli", "analyze", "--help"],
    }
    print(
        f"median of {args.runs} runs (load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores)"
    )
    for name, argv in commands.items():
        runs = [_run(argv) for _ in range(args.runs)]
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        print(f"  {name:<24} {wall:.3f} s wall, {cpu:.3f} s CPU")
    probe = f"import sys, eclaire.cli; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    print(f"  heavy modules imported by the command itself: {loaded.stdout.strip() or 'none'}")


if __name__ == "__main__":
    main()
