"""How long reading and validating a large responses CSV takes (default instrument).

    .venv/bin/python bench/interchange_read.py [ROWS]

Prints the rows, columns and seconds for a valid file and for one with errors in every 7th row.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.interchange import ImportProblems, read_responses

UNITS = ["DCO", "VTE", "ADV", "SUP", "MKT", "ROANNE", "MACON", "RH"]


def make_frame(rows: int, seed: int = 1) -> pd.DataFrame:
    instrument = load_default_instrument("coherence")
    rng = np.random.default_rng(seed)
    data: dict[str, object] = {
        "unit_id": rng.choice(UNITS, rows),
        "role": rng.choice(["member", "manager"], rows, p=[0.9, 0.1]),
        "tenure_band": rng.choice(["lt6m", "6to12m", "1to3y", "3to10y", "gt10y"], rows),
        "customer_facing": rng.choice(["oui", "non"], rows),
    }
    for item in instrument.respondent_items:
        data[item.code] = rng.integers(1, 6, rows)
    for to in ("ADV", "MACON"):
        for item in instrument.interface_items:
            data[f"if:{to}:{item.code}"] = np.where(
                rng.random(rows) < 0.3, rng.integers(1, 6, rows), 0
            )
    frame = pd.DataFrame(data)
    for to in ("ADV", "MACON"):  # nobody rates their own unit
        own = frame["unit_id"] == to
        for item in instrument.interface_items:
            frame.loc[own, f"if:{to}:{item.code}"] = 0
    ranks = np.argsort(rng.random((rows, 6)), axis=1) + 1
    for j, option in enumerate(instrument.ranking.options if instrument.ranking else ()):
        frame[f"rank:{option.code}"] = ranks[:, j]
    frame["text:MSG_PROMISE"] = rng.choice(["Livraison sous 48 h", "Une semaine", ""], rows)
    return frame.astype(str).replace("0", "")


def timed(path: Path) -> tuple[float, str]:
    instrument = load_default_instrument("coherence")
    start = time.perf_counter()
    try:
        table = read_responses(path, instrument, UNITS)
        outcome = f"{table.frame.shape[1]} columns read"
    except ImportProblems as problems:
        outcome = f"{problems.total} problems"
    return time.perf_counter() - start, outcome


def main(rows: int) -> None:
    frame = make_frame(rows)
    with tempfile.TemporaryDirectory() as tmp:
        good, bad = Path(tmp) / "good.csv", Path(tmp) / "bad.csv"
        frame.to_csv(good, index=False, sep=";")
        frame.loc[::7, "CP2"] = "7"
        frame.to_csv(bad, index=False)
        for name, path in (("valid", good), ("with errors", bad)):
            seconds, outcome = timed(path)
            print(f"{name:12} {rows:>8} rows  {seconds:6.2f} s  {outcome}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
