"""Name masking on labelled comments: recall of person names, ordinary words masked.

    .venv/bin/python bench/masking.py [--split holdout|tune|all]

Data: tests/data/masking/comments.jsonl (213 French and English comments written before any
rule was tuned on them; see its README) and the roster vocabularies beside it. Token level: a
person-name token counts as found when the masked text no longer shows it; an ordinary word
counts as masked when it is gone. Targets (issue on key messages): recall >= 0.95, ordinary
words masked <= 1 %.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
from pathlib import Path

from eclaire.core.masking import PLACEHOLDERS, Vocabulary, mask_texts, normalise

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "masking"
TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*\.?", re.UNICODE)


def tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def masked_tokens(original: str, masked: str) -> set[int]:
    """Indices of the original's tokens that the masked text no longer shows."""
    before = [t[2] for t in tokens(original)]
    after = [t[2] for t in tokens(masked)]
    gone: set[int] = set()
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            gone.update(range(i1, i2))
    return gone


def person_tokens(text: str, persons: list[str]) -> set[int]:
    spans = []
    for person in persons:
        start = text.find(person)
        spans.append((start, start + len(person)))
    return {
        i for i, (s, e, _) in enumerate(tokens(text)) if any(s < pe and e > ps for ps, pe in spans)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="holdout", choices=["holdout", "tune", "all"])
    args = parser.parse_args()
    items = [json.loads(line) for line in (DATA / "comments.jsonl").open(encoding="utf-8")]
    items = [i for i in items if args.split == "all" or i["split"] == args.split]
    for lang in ("fr", "en"):
        subset = [i for i in items if i["lang"] == lang]
        names = {normalise(w) for w in (DATA / f"roster_vocabulary_{lang}.txt").read_text().split()}
        vocabulary = Vocabulary(names=frozenset(names), keep=frozenset())
        masked = mask_texts(
            [i["text"] for i in subset],
            vocabulary,
            placeholder=PLACEHOLDERS[lang],
            default_language=lang,
        )
        found = total = wrong = ordinary = opening = 0
        for item, text in zip(subset, masked, strict=True):
            gone = masked_tokens(item["text"], text)
            person = person_tokens(item["text"], item["persons"])
            found += len(gone & person)
            total += len(person)
            wrong += len(gone - person)
            ordinary += len(tokens(item["text"])) - len(person)
            opening += 0 in (gone - person)
        print(
            f"{lang} ({args.split}, {len(subset)} comments): person-name tokens found "
            f"{found}/{total} = {found / max(total, 1):.3f}; ordinary words masked "
            f"{wrong}/{ordinary} = {wrong / max(ordinary, 1):.2%}; comments whose first word "
            f"was wrongly masked: {opening}"
        )


if __name__ == "__main__":
    main()
