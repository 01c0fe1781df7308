"""The default embedder's weights: fitted on the STS train split only, batch-independent scores.

Data: tests/data/stsb-fr (stsb-multi-mt, May, 2021; STS Benchmark, Cer et al., 2017; CC BY-SA 4.0).
"""

import csv
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import spearmanr

from eclaire.core.messages import CharNgramEmbedder, DefaultEmbedder
from eclaire.core.messages.trained import (
    _cosine_loss,
    file_digest,
    fit_idf,
    fit_projection,
    load_trained,
)

STS = Path(__file__).resolve().parents[2] / "data" / "stsb-fr"


def pairs(name: str) -> tuple[list[str], list[str], np.ndarray]:
    with (STS / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return [r[0] for r in rows], [r[1] for r in rows], np.array([float(r[2]) for r in rows])


def dev_rho(lang: str) -> float:
    a, b, gold = pairs(f"stsb-{lang}-dev.csv")
    model = DefaultEmbedder()
    left, right = model.embed(a, lang), model.embed(b, lang)
    return float(spearmanr(np.einsum("ij,ij->i", left, right), gold).statistic)


def test_french_dev_spearman_reaches_080_without_fitting_on_dev() -> None:
    # bench/fit_similarity.py: 0.7820 for the former batch-fitted default on the same pairs.
    assert dev_rho("fr") >= 0.80


def test_english_dev_spearman_is_at_least_the_character_baseline() -> None:
    a, b, gold = pairs("stsb-en-dev.csv")
    chars = CharNgramEmbedder()
    both = chars.embed(a + b, "en")
    baseline = float(
        spearmanr(np.einsum("ij,ij->i", both[: len(a)], both[len(a) :]), gold).statistic
    )
    assert dev_rho("en") >= baseline - 0.005


def test_a_pair_scores_the_same_alone_and_in_any_batch() -> None:
    model = DefaultEmbedder()
    pair = ["Livraison sous 48h", "on livre en deux jours"]
    crowd = [f"la sécurité d'abord, consigne {i}" for i in range(40)] + ["remise de 15 %"] * 30
    alone = model.embed(pair, "fr")
    mixed = model.embed(crowd[:20] + pair + crowd[20:], "fr")[20:22]
    assert np.allclose(alone, mixed, atol=1e-12)
    assert alone[0] @ alone[1] == pytest.approx(mixed[0] @ mixed[1], abs=1e-12)


def test_shipped_weights_were_fitted_on_the_train_splits_only() -> None:
    trained = load_trained()
    fitted_on = trained.provenance["fitted_on"]
    assert isinstance(fitted_on, dict)
    assert set(fitted_on) == {"stsb-fr-train.csv", "stsb-en-train.csv"}
    for name, digest in fitted_on.items():
        assert digest == file_digest(STS / name)
    a, b, _ = pairs("stsb-fr-train.csv")
    idf = fit_idf(CharNgramEmbedder(trained.n_features).counts(a + b))
    assert np.allclose(trained.char_idf["fr"], idf, atol=1e-5)


def test_projection_gradient_matches_finite_differences() -> None:
    rng = np.random.default_rng(3)
    left, right = rng.normal(size=(30, 4)), rng.normal(size=(30, 4))
    target = rng.uniform(0, 1, 30)
    flat = (np.eye(4) + rng.normal(0, 0.1, (4, 4))).ravel()
    _, grad = _cosine_loss(flat, left, right, target, 0.01)
    step = 1e-6
    numeric = np.array(
        [
            (
                _cosine_loss(flat + step * e, left, right, target, 0.01)[0]
                - _cosine_loss(flat - step * e, left, right, target, 0.01)[0]
            )
            / (2 * step)
            for e in np.eye(16)
        ]
    )
    assert np.allclose(grad, numeric, atol=1e-6)


def test_projection_fit_improves_the_train_fit() -> None:
    rng = np.random.default_rng(5)
    left, right = rng.normal(size=(200, 6)), rng.normal(size=(200, 6))
    hidden = np.diag([3.0, 1.0, 0.2, 0.2, 0.2, 0.2])
    cos = np.einsum("ij,ij->i", left @ hidden, right @ hidden) / (
        np.linalg.norm(left @ hidden, axis=1) * np.linalg.norm(right @ hidden, axis=1)
    )
    scores = 5 * cos
    fitted = fit_projection(left, right, scores, lam=1e-4)
    before = _cosine_loss(np.eye(6).ravel(), left, right, scores / 5, 0.0)[0]
    after = _cosine_loss(fitted.ravel(), left, right, scores / 5, 0.0)[0]
    assert after < before / 5


def test_unknown_weights_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="similarity weights not found"):
        load_trained(str(tmp_path / "missing.npz"))
