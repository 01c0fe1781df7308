"""Time the tree suppression (``core.privacy.suppress_tree``) on random trees of several sizes.

Random trees as in the privacy tests: each unit hangs under an earlier one, direct counts drawn from
0–9. For each size, the median over the runs of one call (after a warm-up call), in milliseconds.

    .venv/bin/python bench/suppress_tree.py [--runs 7]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from eclaire.core.privacy import suppress_tree


def _tree(size: int, seed: int) -> tuple[dict[str, str | None], dict[str, int]]:
    rng = random.Random(seed)
    parents: dict[str, str | None] = {}
    for i in range(size):
        parents[f"u{i}"] = None if i < 3 else f"u{rng.randrange(max(1, i // 2), i)}"
    direct = {unit: rng.choice([0, 1, 1, 2, 3, 4, 6, 9]) for unit in parents}
    return parents, direct


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    for size in (400, 5000, 20000):
        parents, direct = _tree(size, seed=size)
        suppress_tree(parents, direct)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            suppress_tree(parents, direct)
            times.append(time.perf_counter() - start)
        print(
            f"{size:>6} units: median {statistics.median(times) * 1000:8.1f} ms over {args.runs} runs"
        )


if __name__ == "__main__":
    main()
