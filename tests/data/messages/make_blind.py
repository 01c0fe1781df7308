"""Compose the blind corpus (commitments_blind.jsonl, contradictions_blind.jsonl) from blind_phrases.

Run: python tests/data/messages/make_blind.py  (seeded: the output is reproducible)
"""

from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from blind_cases import CASES, FILLERS  # noqa: E402
from blind_phrases import ROLES, commitment  # noqa: E402

HERE = Path(__file__).parent
SUBJECTS = list(ROLES)
PER_LANG = 340
NONE_PER_LANG = 85
TWO_PER_LANG = 45

SMS = {
    "fr": {
        "c'est": "c",
        "tout": "tt",
        "tous": "tt",
        "quand": "qd",
        "rendez-vous": "rdv",
        "pour": "pr",
        "toujours": "tjs",
        "beaucoup": "bcp",
        "commande": "cde",
        "commandes": "cdes",
        "client": "clt",
        "avec": "ac",
        "rien": "rien",
        "vous": "vs",
        "aujourd'hui": "auj",
        "quelque": "qq",
    },
    "en": {
        "you": "u",
        "please": "pls",
        "are": "r",
        "and": "&",
        "with": "w/",
        "before": "b4",
        "customers": "custs",
        "customer": "cust",
        "tomorrow": "tmrw",
        "because": "bc",
        "thanks": "thx",
    },
}
# Words that carry the meaning of a commitment: never mistyped (accents may still go).
PROTECT = re.compile(
    r"ouvr|busin|work|jour|day|heure|hour|sem|week|mois|month|an$|ans$|year|remise|discount|"
    r"garanti|warrant|guarant|max|min|sous|within|sauf|unless|hors|except|pas|never|jamais|"
    r"aucun|moins|least|plus|stock|dispo|lendemain|même|same|next|under|approv|valid|accord|sign|livr|deliv|"
    r"ship|fab|produ|manufact|resol|répon|respon|confirm|availab|commande|order|répar|repair|"
    r"réclam|claim|ticket|devis|quote|rappel|call|réassort|réappro|restock|replen|agree|without|direct",
    re.I,
)

PREFIX = {
    "fr": [
        "",
        "",
        "",
        "pour moi ",
        "le + important: ",
        "promesse client: ",
        "bah ",
        "clairement ",
        "non négo: ",
    ],
    "en": [
        "",
        "",
        "",
        "for me ",
        "key thing: ",
        "our promise: ",
        "honestly ",
        "top priority: ",
        "non-negotiable: ",
    ],
}
SUFFIX = {
    "fr": [
        "",
        "",
        "",
        " !!",
        " c non négociable",
        " point.",
        " svp",
        " (hotline 24h/24)",
        ", on est ouverts 7j/7",
        ", standard de 9h à 18h",
        " faut tenir",
    ],
    "en": [
        "",
        "",
        "",
        "!!",
        ", period",
        " pls",
        " (hotline 24/7)",
        ", we're open 9-5",
        " no excuses",
        ", phones open 8am-6pm",
        " asap",
    ],
}
JOIN = {"fr": [", ", " et ", " / ", ". ", " + "], "en": [", ", " and ", " / ", ". ", " + "]}


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def typo(word: str, r: random.Random) -> str:
    i = r.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def noise(text: str, lang: str, r: random.Random) -> str:
    """Phone typing: SMS words, missing accents, lower case, one swapped pair of letters."""
    sms = SMS[lang]
    use_sms = r.random() < 0.45

    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        if use_sms and w.lower() in sms and r.random() < 0.7:
            return sms[w.lower()]
        return w

    text = re.sub(r"[A-Za-zÀ-ÿ'-]+", word, text)
    if r.random() < 0.3:
        words = [w for w in re.findall(r"[A-Za-zÀ-ÿ]{6,}", text) if not PROTECT.search(w)]
        if words:
            w = r.choice(words)
            text = text.replace(w, typo(w, r), 1)
    if lang == "fr" and r.random() < 0.4:
        text = strip_accents(text)
    if r.random() < 0.5:
        text = text.lower()
    elif r.random() < 0.5:
        text = text[0].upper() + text[1:]
    return text


def finish(text: str, labels: list[dict[str, object]], lang: str, r: random.Random) -> str:
    """Noise the text, then read each condition back as written and drop the markers."""
    text = noise(text, lang, r)
    conds = re.findall("\x01(.*?)\x02", text)
    with_cond = [lb for lb in labels if lb.pop("_cond", False)]
    for lb, c in zip(with_cond, conds, strict=True):
        lb["condition"] = c.strip()
    return text.replace("\x01", "").replace("\x02", "")


def one(lang: str, subject: str, r: random.Random) -> tuple[str, dict[str, object]]:
    text, lb = commitment(lang, subject, r)
    if "\x01" in text:
        lb["_cond"] = True
    return text, lb


def statements(lang: str, r: random.Random) -> list[dict[str, object]]:
    n_with = PER_LANG - NONE_PER_LANG
    plan: list[list[str]] = []
    subj = (SUBJECTS * 40)[: n_with + TWO_PER_LANG]
    r.shuffle(subj)
    singles, extra = subj[:n_with], subj[n_with:]
    for i, s in enumerate(singles):
        pair = [s]
        if i < TWO_PER_LANG:
            other = extra[i]
            if other == s:
                other = SUBJECTS[(SUBJECTS.index(s) + 3) % len(SUBJECTS)]
            pair.append(other)
        plan.append(pair)
    plan += [[] for _ in range(NONE_PER_LANG)]
    r.shuffle(plan)
    fillers = list(FILLERS[lang])
    r.shuffle(fillers)
    out = []
    for k, subjects in enumerate(plan):
        if not subjects:
            text = fillers[k % len(fillers)]
            if k >= len(fillers) or r.random() < 0.15:
                text = f"{text}{r.choice(JOIN[lang])}{r.choice(fillers)}"
            role = r.choice(
                [
                    "sales",
                    "sales_admin",
                    "support",
                    "logistics",
                    "production",
                    "marketing",
                    "management",
                ]
            )
            out.append({"text": noise(text, lang, r), "role": role, "commitments": []})
            continue
        parts = [one(lang, s, r) for s in subjects]
        text = r.choice(JOIN[lang]).join(p[0] for p in parts)
        text = r.choice(PREFIX[lang]) + text + r.choice(SUFFIX[lang])
        labels = [p[1] for p in parts]
        text = finish(text, labels, lang, r)
        out.append({"text": text, "role": r.choice(ROLES[subjects[0]]), "commitments": labels})
    return out


def main() -> None:
    r = random.Random(20261203)
    rows = []
    for lang in ("fr", "en"):
        for i, st in enumerate(statements(lang, r), start=1):
            rows.append(
                {
                    "id": f"b{lang}{i:03d}",
                    "lang": lang,
                    "role": st["role"],
                    "text": st["text"],
                    "split": "tune" if i % 2 else "holdout",
                    "commitments": st["commitments"],
                }
            )
    with open(HERE / "commitments_blind.jsonl", "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    with open(HERE / "contradictions_blind.jsonl", "w", encoding="utf-8") as f:
        for n, case in enumerate(CASES, start=1):
            units = {u: [noise(t, case["lang"], r) for t in ts] for u, ts in case["units"].items()}
            row = {
                "id": f"cb{n:02d}",
                "lang": case["lang"],
                "split": "tune" if n % 2 else "holdout",
                "units": units,
                "flags": case["flags"],
            }
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
