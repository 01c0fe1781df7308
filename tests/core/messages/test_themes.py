"""Themes and distinct-text embedding: the fast paths give the results of the plain ones."""

import unicodedata

import numpy as np
import pytest
from sklearn.cluster import AgglomerativeClustering
from sklearn.metrics import silhouette_score
from sklearn.metrics.pairwise import cosine_distances

from eclaire.core.messages import CharNgramEmbedder, DefaultEmbedder
from eclaire.core.messages.embedders import distinct_texts, embed_distinct, fold
from eclaire.core.messages.themes import (
    _clusters,
    _cuts,
    _silhouette,
    document_frequencies,
    terms_of,
    vector_classes,
)

TEXTS = [
    "Livraison sous 48h",
    "livraison en 48 h",
    "Livraison sous 48h",
    "la sécurité au quai",
    "Expédition sous 5 jours ouvrés",
    "la sécurité au quai",
    "Livraison sous 48h",
]


def same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    pairs = set(zip(a.tolist(), b.tolist(), strict=True))
    return len(pairs) == len(set(a.tolist())) == len(set(b.tolist()))


def unit_vectors(seed: int) -> np.ndarray:
    """A unit's statements: a few distinct vectors, most of them repeated."""
    rng = np.random.default_rng(seed)
    base = rng.standard_normal((int(rng.integers(3, 12)), 64))
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    return base[rng.integers(0, len(base), int(rng.integers(6, 45)))]


def test_distinct_texts_keep_first_appearance_order():
    distinct, rows = distinct_texts(TEXTS)
    assert distinct == ["Livraison sous 48h", "livraison en 48 h", "la sécurité au quai"] + [
        "Expédition sous 5 jours ouvrés"
    ]
    assert [distinct[r] for r in rows] == TEXTS


@pytest.mark.parametrize("model", [CharNgramEmbedder(), DefaultEmbedder()])
def test_embedding_distinct_texts_gives_every_text_its_vector(model):
    table, rows = embed_distinct(model, TEXTS, "fr")
    assert table.shape[0] == 4
    assert np.allclose(table[rows], model.embed(TEXTS, "fr"), atol=1e-12)


def test_idf_counts_repeated_texts():
    once = CharNgramEmbedder().embed(["livraison sous 48h", "la sécurité"], "fr")
    repeated = CharNgramEmbedder().embed(["livraison sous 48h"] * 3 + ["la sécurité"], "fr")
    assert not np.allclose(once[0], repeated[0])


def test_fold_lowers_and_removes_accents_one_character_for_one():
    def one(char: str) -> str:  # the per-character definition the translation table caches
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        low = (base[:1] or char).lower()
        return low if len(low) == 1 else char

    chars = "".join(chr(c) for c in [*range(0x20, 0x250), 0x1E9E, 0x2019, 0x202F, 0xFB01, 0x2460])
    assert fold(chars) == "".join(one(c) for c in chars)
    assert fold("Élève À l'ŒUVRE") == "eleve a l'œuvre"


def test_document_frequencies_count_repeated_statements():
    df, n = document_frequencies(TEXTS)
    assert n == len(TEXTS)
    assert df["livraison"] == sum("livraison" in terms_of(t) for t in TEXTS) == 4


@pytest.mark.parametrize("seed", range(40))
def test_cuts_and_silhouettes_match_scikit_learn(seed):
    vectors = unit_vectors(seed)
    n = len(vectors)
    distinct = len(np.unique(np.round(vectors, 8), axis=0))
    sizes = range(2, min(4, n // 3, distinct) + 1)
    if not sizes:
        return
    from scipy.cluster.hierarchy import ward

    cuts = _cuts(ward(vectors), n, sizes)
    distances = cosine_distances(vectors)
    for c in sizes:
        labels = AgglomerativeClustering(n_clusters=c, linkage="ward").fit_predict(vectors)
        assert same_partition(cuts[c], labels)
        # The last bits of a sum depend on the CPU's vector instructions: equal to 1e-12.
        expected = silhouette_score(vectors, labels, metric="cosine")
        assert _silhouette(distances, cuts[c]) == pytest.approx(expected, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("seed", range(10))
def test_known_distinct_count_changes_nothing(seed):
    vectors = unit_vectors(seed)
    classes = vector_classes(vectors)
    assert same_partition(_clusters(vectors), _clusters(vectors, len(np.unique(classes))))


def test_sparse_table_holds_the_dense_values_block_by_block(monkeypatch):
    from eclaire.core.messages import embedders, themes
    from eclaire.core.messages.embedders import dense, embed_table

    model = DefaultEmbedder()
    texts = TEXTS * 3 + [f"{t} n° {i}" for i, t in enumerate(TEXTS)]
    whole, rows = embed_distinct(model, texts, "fr")
    one_block, _ = embed_table(model, texts, "fr")
    assert np.array_equal(dense(one_block), whole)  # the dense values, not rounded
    monkeypatch.setattr(embedders, "BLOCK", 3)
    monkeypatch.setattr(themes, "BLOCK", 3)
    table, same_rows = embed_table(model, texts, "fr")
    assert table.format == "csr" and table.shape == whole.shape
    assert np.array_equal(rows, same_rows)
    # Block by block, a product over fewer rows may round its last bit otherwise.
    assert np.allclose(dense(table), whole, rtol=0, atol=1e-15)
    sparse_classes, dense_classes = themes.vector_classes(table), themes.vector_classes(whole)
    same = sparse_classes[:, None] == sparse_classes[None, :]
    assert np.array_equal(same, dense_classes[:, None] == dense_classes[None, :])
