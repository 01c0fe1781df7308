"""``load_embedder(spec)``: the default embedder, or a stronger model from the user's disk.

``spec`` (a setting the caller reads; core never reads the environment):

- ``None``, ``""`` or ``"default"``: :class:`~eclaire.core.messages.embedders.DefaultEmbedder`;
- ``"char"``: the character n-gram part alone (no word vectors, fastest);
- ``"sentence-transformers:<dir>"`` or ``"model2vec:<dir>"``: that library loads the local
  directory (it must be installed; nothing is fetched: ``local_files_only`` / offline);
- ``"<dir>"``: a directory holding ``modules.json`` is read as sentence-transformers, one with
  ``model.safetensors`` and ``tokenizer.json`` but no ``modules.json`` as model2vec.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .embedders import CharNgramEmbedder, DefaultEmbedder, Embedder, normalize_rows

__all__ = ["load_embedder", "LibraryEmbedder"]

_LIBRARIES = {"sentence-transformers": "sentence_transformers", "model2vec": "model2vec"}


class LibraryEmbedder:
    """Wraps a loaded sentence-transformers or model2vec model behind :class:`Embedder`."""

    def __init__(self, model: Any, name: str) -> None:
        self.model = model
        self.name = name

    def embed(self, texts: Sequence[str], lang: str) -> np.ndarray:
        if isinstance(texts, str):
            raise ValueError("texts must be a sequence of strings, not one string")
        docs = ["" if t is None else str(t) for t in texts]
        if not docs:
            return np.zeros((0, 1))
        vectors = np.asarray(self.model.encode(docs), dtype=np.float64)
        if vectors.ndim != 2 or vectors.shape[0] != len(docs):
            raise ValueError(f"{self.name} returned an array of shape {vectors.shape}")
        return normalize_rows(vectors)


def _import(library: str) -> Any:
    module = _LIBRARIES[library]
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ValueError(
            f"the embedder setting names a {library} model, but {library} is not installed "
            f"(pip install {library}), or use the default embedder"
        ) from exc


def _guess_library(path: Path) -> str:
    if (path / "modules.json").is_file():
        return "sentence-transformers"
    if (path / "model.safetensors").is_file() and (path / "tokenizer.json").is_file():
        return "model2vec"
    raise ValueError(
        f"{path} is neither a sentence-transformers directory (modules.json) nor a model2vec "
        "one (model.safetensors and tokenizer.json); prefix the setting with "
        "'sentence-transformers:' or 'model2vec:'"
    )


def _from_library(library: str, path: Path) -> LibraryEmbedder:
    if not path.is_dir():
        raise ValueError(f"embedder directory not found: {path}")
    module = _import(library)
    if library == "sentence-transformers":
        model = module.SentenceTransformer(str(path), device="cpu", local_files_only=True)
    else:
        model = module.StaticModel.from_pretrained(str(path))
    return LibraryEmbedder(model, f"{library}:{path.name}")


def load_embedder(spec: str | None = None) -> Embedder:
    """The embedder a setting names (see the module docstring); ``ValueError`` when it cannot."""
    if spec is None or not spec.strip() or spec.strip() == "default":
        return DefaultEmbedder()
    spec = spec.strip()
    if spec == "char":
        return CharNgramEmbedder()
    for library in _LIBRARIES:
        if spec.startswith(library + ":"):
            return _from_library(library, Path(spec[len(library) + 1 :]).expanduser())
    path = Path(spec).expanduser()
    if not path.exists():
        raise ValueError(
            f"unknown embedder setting {spec!r}: use 'default', 'char', a model directory, "
            "or 'sentence-transformers:<dir>' / 'model2vec:<dir>'"
        )
    return _from_library(_guess_library(path), path)
