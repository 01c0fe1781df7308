"""Embedders: normalised rows, the STS floor on a sample, and loading by setting."""

import sys
import types

import numpy as np
import pytest

from eclaire.core.messages import CharNgramEmbedder, DefaultEmbedder, load_embedder
from eclaire.core.messages.loading import LibraryEmbedder
from eclaire.core.messages.masking import mask_names, vocabulary_tokens
from eclaire.core.messages.trained import load_trained


def test_rows_are_unit_length_and_similar_texts_closer():
    vectors = DefaultEmbedder().embed(
        ["livraison sous 48h", "livraison en 48 h", "la sécurité au quai"], "fr"
    )
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_english_uses_the_character_part_with_its_fitted_idf():
    model = DefaultEmbedder()
    trained = load_trained()
    texts = ["delivery within 48 hours", "we deliver in 48h"]
    chars = CharNgramEmbedder(trained.n_features, idf=trained.char_idf).embed(texts, "en")
    assert np.allclose(model.embed(texts, "en"), chars)
    assert np.allclose(np.linalg.norm(chars, axis=1), 1.0)


def test_rejects_unknown_language_and_a_single_string():
    with pytest.raises(ValueError, match="lang"):
        CharNgramEmbedder().embed(["x"], "de")
    with pytest.raises(ValueError, match="not one string"):
        CharNgramEmbedder().embed("x", "fr")


def test_load_embedder_default_and_char():
    assert isinstance(load_embedder(None), DefaultEmbedder)
    assert isinstance(load_embedder("char"), CharNgramEmbedder)


def test_load_embedder_unknown_setting_or_directory(tmp_path):
    with pytest.raises(ValueError, match="unknown embedder setting"):
        load_embedder("/nowhere/model")
    with pytest.raises(ValueError, match="neither a sentence-transformers"):
        load_embedder(str(tmp_path))


def test_load_embedder_without_the_library_says_so(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    (tmp_path / "modules.json").write_text("[]")
    with pytest.raises(ValueError, match="sentence-transformers is not installed"):
        load_embedder(str(tmp_path))


def test_load_embedder_wraps_a_model2vec_directory(tmp_path, monkeypatch):
    class Static:
        @classmethod
        def from_pretrained(cls, path):
            return cls()

        def encode(self, texts):
            return np.array([[len(t), 1.0] for t in texts])

    monkeypatch.setitem(sys.modules, "model2vec", types.SimpleNamespace(StaticModel=Static))
    model = load_embedder(f"model2vec:{tmp_path}")
    assert isinstance(model, LibraryEmbedder)
    assert np.allclose(np.linalg.norm(model.embed(["ab", "c"], "fr"), axis=1), 1.0)


def test_masks_vocabulary_names_titles_emails_and_phones():
    vocab = vocabulary_tokens(["Marc Lefort", "Jean-Pierre Durand", "Claire Petit"])
    text = (
        "Voir avec Marc ou JEAN-PIERRE, M. Martin, marc@exemple.fr, 06 12 34 56 78; "
        "la consigne n'est pas claire"
    )
    masked = mask_names(text, vocab)
    for name in ("Marc ", "JEAN-PIERRE", "Martin", "marc@", "06 12"):
        assert name not in masked
    assert "M. […]" in masked  # the title stays: someone is meant, not who
    assert masked.endswith("la consigne n'est pas claire")


def test_key_messages_and_comments_share_one_masking_policy():
    from eclaire.core.masking import Vocabulary, mask_texts

    vocab = vocabulary_tokens(["Lucie Grand"])
    for text in ("Livraison sous 48h", "Grand merci à Lucie", "Zéro erreur de préparation"):
        (comment,) = mask_texts(
            [text], Vocabulary(names=vocab, keep=frozenset()), placeholder="[…]"
        )
        assert mask_names(text, vocab) == comment
    assert mask_names("Livraison sous 48h", vocab) == "Livraison sous 48h"
    assert mask_names("Grand merci à Lucie", vocab) == "Grand merci à […]"
