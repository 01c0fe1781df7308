"""Fit the default embedder's weights on the STS train split; report the dev split.

    .venv/bin/python bench/fit_similarity.py [--write] [--lams 1e-4,3e-4,1e-3]

Data: tests/data/stsb-fr/ (stsb-multi-mt, May, 2021: the STS Benchmark, Cer et al., 2017, with
French machine translations; scores CC BY-SA 4.0). Everything is fitted on the train splits;
lambda and the character weight are chosen by 5-fold cross-validation on the French train split;
the dev splits are only scored. ``--write`` stores the weights in
src/eclaire/data/messages/similarity.npz (what the default embedder loads).
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr

from eclaire.core.messages.embedders import (
    CharNgramEmbedder,
    DefaultEmbedder,
    StaticVectorEmbedder,
    normalize_rows,
)
from eclaire.core.messages.trained import (
    DEFAULT_PATH,
    TrainedSimilarity,
    cross_validate,
    file_digest,
    fit_idf,
    fit_projection,
    principal_directions,
    save_trained,
)

ROOT = Path(__file__).resolve().parents[1]
STS = ROOT / "tests" / "data" / "stsb-fr"
N_FEATURES = 4096
N_COMPONENTS = 8
WEIGHTS = np.round(np.arange(0.4, 0.91, 0.05), 2)


def read(name: str) -> tuple[list[str], list[str], np.ndarray]:
    with (STS / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return [r[0] for r in rows], [r[1] for r in rows], np.array([float(r[2]) for r in rows])


def rho(x: np.ndarray, y: np.ndarray) -> float:
    return float(spearmanr(x, y).statistic)


def rowdot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.einsum("ij,ij->i", a, b)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--lams", default="1e-4,3e-4,1e-3")
    args = parser.parse_args()
    lams = [float(x) for x in args.lams.split(",")]
    splits = {
        f"{lang}-{part}": read(f"stsb-{lang}-{part}.csv")
        for lang in ("fr", "en")
        for part in ("train", "dev")
    }
    start = time.perf_counter()
    raw = CharNgramEmbedder(N_FEATURES)
    idf = {
        lang: fit_idf(raw.counts(splits[f"{lang}-train"][0] + splits[f"{lang}-train"][1]))
        for lang in ("fr", "en")
    }
    chars = CharNgramEmbedder(N_FEATURES, idf=idf)
    a_tr, b_tr, y_tr = splits["fr-train"]
    char_tr = rowdot(chars.embed(a_tr, "fr"), chars.embed(b_tr, "fr"))
    sif = StaticVectorEmbedder()
    left, right = sif.averages(a_tr), sif.averages(b_tr)

    def sif_scores(lam: float, train: np.ndarray, test: np.ndarray) -> np.ndarray:
        comps = principal_directions(np.vstack([left[train], right[train]]), N_COMPONENTS)
        strip = lambda x: normalize_rows(x - (x @ comps.T) @ comps)  # noqa: E731
        m = fit_projection(strip(left[train]), strip(right[train]), y_tr[train], lam=lam)
        return rowdot(
            normalize_rows(strip(left[test]) @ m.T), normalize_rows(strip(right[test]) @ m.T)
        )

    print(f"(cross-validation on the French train split, {len(y_tr)} pairs, 5 folds)")
    best = (-1.0, 0.0, 0.0)
    for lam in lams:
        oof = cross_validate(lambda tr, te, lam=lam: sif_scores(lam, tr, te), len(y_tr))
        for w in WEIGHTS:
            score = rho(w * char_tr + (1 - w) * oof, y_tr)
            best = max(best, (score, lam, float(w)))
        print(f"  lambda {lam:g}: best weight so far {best[2]:.2f}, CV rho {best[0]:.4f}")
    _, lam, weight = best
    comps = principal_directions(np.vstack([left, right]), N_COMPONENTS)
    strip = lambda x: normalize_rows(x - (x @ comps.T) @ comps)  # noqa: E731
    m = fit_projection(strip(left), strip(right), y_tr, lam=lam)
    trained = TrainedSimilarity(
        n_features=N_FEATURES,
        char_idf=idf,
        sif_components=comps,
        sif_map=m,
        char_weight=weight,
        provenance={
            "fitted_on": {
                f"stsb-{lang}-train.csv": file_digest(STS / f"stsb-{lang}-train.csv")
                for lang in ("fr", "en")
            },
            "lambda": lam,
            "components": N_COMPONENTS,
            "chosen_by": "5-fold cross-validation on stsb-fr-train.csv",
        },
    )
    print(
        f"chosen: lambda {lam:g}, character weight {weight:.2f} ({time.perf_counter() - start:.0f} s)"
    )
    if args.write:
        save_trained(trained, DEFAULT_PATH)
        print(f"wrote {DEFAULT_PATH.relative_to(ROOT)}")
    report(splits, trained)


def report(
    splits: dict[str, tuple[list[str], list[str], np.ndarray]], trained: TrainedSimilarity
) -> None:
    fixed = DefaultEmbedder(
        char_weight=trained.char_weight,
        chars=CharNgramEmbedder(trained.n_features, idf=trained.char_idf),
        words=StaticVectorEmbedder(components=trained.sif_components, projection=trained.sif_map),
    )
    models = {
        "character n-grams, IDF of the call (before)": CharNgramEmbedder(),
        "0.8 char + 0.2 SIF, fitted on the call (before)": DefaultEmbedder(
            char_weight=0.8, chars=CharNgramEmbedder(), words=StaticVectorEmbedder()
        ),
        "fitted on train (now)": fixed,
    }
    print("Spearman rho on the dev splits (1,500 pairs each; never fitted on)")
    for lang in ("fr", "en"):
        a, b, y = splits[f"{lang}-dev"]
        for label, model in models.items():
            both = model.embed(a + b, lang)
            print(f"  {lang} {label:50s} {rho(rowdot(both[: len(a)], both[len(a) :]), y):.4f}")


if __name__ == "__main__":
    main()
