"""Name masking on labelled comments: recall of person names, ordinary words masked.

    .venv/bin/python bench/masking.py [--split holdout|tune|all]

Data: tests/data/masking/comments.jsonl (638 French and English comments, most written by
developers who had not read the rules; see its README) and the roster vocabularies beside it. Scoring:
eclaire.core.masking.evaluation. Targets (issue on key messages): recall >= 0.95, ordinary
words masked <= 1 %. Rules are tuned on "tune"; report "holdout".
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from eclaire.core.masking import Vocabulary, mask_texts
from eclaire.core.masking.evaluation import load_labelled, score_masking

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "masking"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="holdout", choices=["holdout", "tune", "all"])
    args = parser.parse_args()
    items = load_labelled(DATA, None if args.split == "all" else args.split)
    for lang in ("fr", "en"):
        names = (DATA / f"roster_vocabulary_{lang}.txt").read_text(encoding="utf-8").split()
        s = score_masking(items, names, lang)
        print(
            f"{lang} ({args.split}, {s.comments} comments): person-name tokens found "
            f"{s.found}/{s.name_tokens} = {s.recall:.3f}; ordinary words masked "
            f"{s.wrongly_masked}/{s.ordinary_tokens} = {s.false_rate:.2%}"
        )
    throughput()


def throughput(runs: int = 3) -> None:
    """Texts masked per second on 2,000 distinct French texts that each name someone."""
    texts = [
        f"Réponse {i} : le délai promis est de 48 h mais Marc dit une semaine." for i in range(2000)
    ]
    vocabulary = Vocabulary(names=frozenset({"marc"}), keep=frozenset())
    mask_texts(texts[:5], vocabulary)  # the model and the word lists load once
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        mask_texts(texts, vocabulary)
        times.append(time.perf_counter() - start)
    print(f"throughput: 2,000 texts in {statistics.median(times):.2f} s (median of {runs})")


if __name__ == "__main__":
    main()
