"""Time the report: render_html + render_pdf for 20,000 respondents in 400 units (median of 3).

Generates the organization with the sample generator, analyzes it once (not timed; the result is
cached in --cache), then times HTML and PDF together. Target: under 20 s. Prints wall and
CPU time: on a shared, loaded machine the CPU time is the figure to compare with the target.

How the report stays readable at 400 units (eclaire.report.view_map): the map and the symptom
grid show the top of the chart and the units with the lowest index (40 rows at most); lists
(weakest links, asymmetries, gaps, priorities) show their top 10–15; every unit, with its
intervals, is in the landscape appendix table.

    .venv/bin/python bench/report.py [--runs 3] [--respondents 20000] [--cache /tmp/eclaire-bench-report.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any

UNITS = 400


def _result(respondents: int, cache: Path) -> dict[str, Any]:
    if cache.exists():
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data.get("n_responses", 0) >= respondents * 0.98 and len(data["tree"]) == UNITS:
            return data
    from eclaire.core import analyze
    from eclaire.core.instrument_loader import load_default_instrument
    from eclaire.core.sample import generate_sample

    instrument = load_default_instrument()
    sample = generate_sample(
        units=UNITS, people=int(respondents / 0.75) + UNITS, seed=1, instrument=instrument
    )
    responses = sample.responses
    team = responses.loc[~responses["self"].astype(bool)].head(respondents)
    selves = responses.loc[responses["self"].astype(bool)]
    import pandas as pd

    data = analyze(
        instrument,
        sample.units,
        pd.concat([team, selves], ignore_index=True),
        declared_priorities=sample.truth["declared_priorities"],
    )
    cache.write_text(json.dumps(data), encoding="utf-8")
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--respondents", type=int, default=20_000)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/eclaire-bench-report.json"))
    parser.add_argument("--lang", default="fr")
    args = parser.parse_args()

    from eclaire.report import render_html, render_pdf

    result = _result(args.respondents, args.cache)
    rows, cpu = [], []
    for _ in range(args.runs):
        start, cpu_start = time.perf_counter(), time.process_time()
        html = render_html(result, lang=args.lang, org_name="Bench", campaign_name="Wave 1")
        middle = time.perf_counter()
        pdf = render_pdf(html)
        rows.append((middle - start, time.perf_counter() - middle))
        cpu.append(time.process_time() - cpu_start)
    totals = [h + p for h, p in rows]
    print(
        json.dumps(
            {
                "respondents": result["n_responses"],
                "units": len(result["tree"]),
                "html_s": round(statistics.median(h for h, _ in rows), 2),
                "pdf_s": round(statistics.median(p for _, p in rows), 2),
                "median_total_s": round(statistics.median(totals), 2),
                "runs_s": [round(t, 2) for t in totals],
                "median_cpu_s": round(statistics.median(cpu), 2),
                "html_kb": len(html) // 1024,
                "pdf_kb": len(pdf) // 1024,
                "target_s": 20,
            }
        )
    )


if __name__ == "__main__":
    main()
