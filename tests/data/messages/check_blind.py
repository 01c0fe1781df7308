"""Check the blind corpus: valid JSON, unique ids, alternating splits, labels consistent with
the specification in BLIND.md, every subject present at least 25 times per language.

Run: python tests/data/messages/check_blind.py   (exit status 1 and a list of problems if any)
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent
ROLES = {"sales", "sales_admin", "support", "logistics", "production", "marketing", "management"}
KEYS = {"kind", "subject", "value", "low", "unit", "bound", "business_days", "negated", "condition"}
UNITS = {  # subject -> {kind: allowed units}
    "delivery": {"delay": {"h"}},
    "production": {"delay": {"h"}},
    "response": {"delay": {"h"}},
    "resolution": {"delay": {"h"}},
    "order_confirmation": {"delay": {"h"}},
    "availability": {"delay": {"h"}, "percent": {"%"}},
    "discount": {"discount": {"%", "EUR"}},
    "price": {"price": {"EUR", "USD"}},
    "warranty": {"warranty": {"months"}},
    "minimum_order": {"quantity": {"pcs", "pallet", "box", "EUR"}},
}
MIN_PER_SUBJECT = 25


def check_commitment(c: dict[str, object], text: str) -> list[str]:
    errs = []
    if set(c) != KEYS:
        return [f"keys {sorted(c)}"]
    kinds = UNITS.get(str(c["subject"]))
    if kinds is None or c["kind"] not in kinds:
        return [f"kind {c['kind']} for subject {c['subject']}"]
    if c["bound"] not in {"max", "min", "exact"}:
        errs.append(f"bound {c['bound']}")
    if c["negated"] is True:
        if c["value"] is not None or c["unit"] is not None:
            errs.append("negated with a value")
    elif c["negated"] is not False:
        errs.append("negated not a bool")
    else:
        if not isinstance(c["value"], int | float) or c["value"] <= 0:
            errs.append(f"value {c['value']}")
        if c["unit"] not in kinds[str(c["kind"])]:
            errs.append(f"unit {c['unit']} for {c['kind']}/{c['subject']}")
    low = c["low"]
    if low is not None and (
        not isinstance(low, int | float) or c["value"] is None or low >= c["value"]
    ):
        errs.append(f"low {low} not below value {c['value']}")
    if not isinstance(c["business_days"], bool) or (c["business_days"] and c["kind"] != "delay"):
        errs.append("business_days")
    cond = c["condition"]
    if cond is not None and (not isinstance(cond, str) or cond != cond.strip() or cond not in text):
        errs.append(f"condition {cond!r} not written as such in the text")
    return errs


def check_statements(rows: list[dict[str, object]]) -> list[str]:
    errs = []
    ids = Counter(str(r["id"]) for r in rows)
    errs += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    per_lang: dict[str, Counter[str]] = {"fr": Counter(), "en": Counter()}
    for r in rows:
        rid, lang = str(r["id"]), str(r["lang"])
        if lang not in per_lang or not rid.startswith(f"b{lang}"):
            errs.append(f"{rid}: lang {lang}")
            continue
        split = "tune" if int(rid[3:]) % 2 else "holdout"
        if r["split"] != split:
            errs.append(f"{rid}: split {r['split']} should be {split}")
        if r["role"] not in ROLES:
            errs.append(f"{rid}: role {r['role']}")
        if not isinstance(r["text"], str) or not r["text"].strip():
            errs.append(f"{rid}: empty text")
        for c in r["commitments"]:  # type: ignore[attr-defined]
            errs += [f"{rid}: {e}" for e in check_commitment(c, str(r["text"]))]
            per_lang[lang][str(c.get("subject"))] += 1
    for lang, counts in per_lang.items():
        for subject in UNITS:
            if counts[subject] < MIN_PER_SUBJECT:
                errs.append(f"{lang}: {subject} only {counts[subject]} times")
    return errs


def check_cases(rows: list[dict[str, object]]) -> list[str]:
    errs = []
    ids = Counter(str(r["id"]) for r in rows)
    errs += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    for r in rows:
        rid = str(r["id"])
        split = "tune" if int(rid[2:]) % 2 else "holdout"
        if r["split"] != split:
            errs.append(f"{rid}: split")
        units = r["units"]
        if not isinstance(units, dict) or len(units) != 2:
            errs.append(f"{rid}: two units expected")
            continue
        for unit, says in units.items():
            if len(says) != 5 or not all(isinstance(s, str) and s for s in says):
                errs.append(f"{rid}: unit {unit} needs 5 statements")
        for flag in r["flags"]:  # type: ignore[attr-defined]
            kind, subject = flag
            if subject not in UNITS or kind not in UNITS[subject]:
                errs.append(f"{rid}: flag {flag}")
    return errs


def load(name: str) -> list[dict[str, object]]:
    with open(HERE / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def summary(rows: list[dict[str, object]], cases: list[dict[str, object]]) -> str:
    lines = []
    for lang in ("fr", "en"):
        mine = [r for r in rows if r["lang"] == lang]
        subj = Counter(c["subject"] for r in mine for c in r["commitments"])  # type: ignore[attr-defined]
        split = Counter(str(r["split"]) for r in mine)
        empty = sum(1 for r in mine if not r["commitments"])
        two = sum(1 for r in mine if len(r["commitments"]) > 1)  # type: ignore[arg-type]
        lines.append(
            f"{lang}: {len(mine)} statements ({dict(split)}), {empty} without commitment, "
            f"{two} with two; per subject {dict(sorted(subj.items()))}"
        )
        lc = [c for c in cases if c["lang"] == lang]
        lines.append(
            f"{lang}: {len(lc)} cases, {sum(1 for c in lc if not c['flags'])} without a true "
            f"contradiction, splits {dict(Counter(str(c['split']) for c in lc))}"
        )
    return "\n".join(lines)


def main() -> int:
    rows, cases = load("commitments_blind.jsonl"), load("contradictions_blind.jsonl")
    errs = check_statements(rows) + check_cases(cases)
    print(summary(rows, cases))
    for e in errs:
        print("ERROR", e)
    print("ok" if not errs else f"{len(errs)} problems")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
