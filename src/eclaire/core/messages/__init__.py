"""Message drift: how the key messages change from one unit to the next (docs/result/messages.md).

Pure Python (numpy, pandas, scipy, scikit-learn; spaCy's French word vectors when installed).
"""

from .analyze import analyze_messages
from .commitments import Commitment, extract_commitments
from .contradictions import UnitCommitment, incompatibility
from .embedders import CharNgramEmbedder, DefaultEmbedder, Embedder, StaticVectorEmbedder
from .loading import load_embedder
from .masking import mask_names, vocabulary_tokens

__all__ = [
    "analyze_messages",
    "Commitment",
    "extract_commitments",
    "UnitCommitment",
    "incompatibility",
    "Embedder",
    "CharNgramEmbedder",
    "StaticVectorEmbedder",
    "DefaultEmbedder",
    "load_embedder",
    "mask_names",
    "vocabulary_tokens",
]
