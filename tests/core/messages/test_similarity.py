"""Similarity matrices and consistency from them: the same numbers as from the vectors."""

import numpy as np
import pytest

from eclaire.core.messages.similarity import consistency, similarities, similarity_consistency


def unit_rows(seed: int, n: int, dim: int) -> np.ndarray:
    rows = np.random.default_rng(seed).normal(size=(n, dim))
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_similarities_of_repeated_rows_equal_the_product_of_the_statement_vectors():
    table = unit_rows(1, 7, 12)
    rows = np.array([3, 0, 3, 5, 0, 0, 6, 3])
    expected = table[rows] @ table[rows].T
    np.testing.assert_allclose(similarities(table, rows), expected, atol=1e-12)
    np.testing.assert_allclose(similarities(table, rows, table @ table.T), expected, atol=1e-12)


def test_repeated_statements_get_identical_similarity_rows():
    table = unit_rows(2, 4, 8)
    sims = similarities(table, np.array([1, 2, 1, 3]))
    assert np.array_equal(sims[0], sims[2])
    assert np.array_equal(sims[:, 0], sims[:, 2])


def test_consistency_from_similarities_equals_consistency_from_vectors():
    vectors = unit_rows(3, 9, 16)
    assert similarity_consistency(vectors @ vectors.T) == consistency(vectors)


def test_consistency_rejects_a_non_square_matrix():
    with pytest.raises(ValueError, match="square"):
        similarity_consistency(np.zeros((4, 3)))
