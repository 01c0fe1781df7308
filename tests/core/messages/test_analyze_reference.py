"""analyze_messages gives the same key-message figures as the straightforward code it replaced.

``tests/data/messages/analyze_reference.json`` was produced by the code of commit e7d137c (again after
the privacy and commitment changes merged before this one),
which computed every unit's similarities, Ward tree and cosine distances from its statement
vectors one statement at a time (no shared similarity matrix, no weighted consensus). The
result is rounded to 4 decimals, so the comparison is exact.
"""

import json

import pytest

from eclaire.core.analysis.tree import parents_of
from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.messages import analyze_messages
from eclaire.core.sample import generate_sample

from .test_commitments import DATA


@pytest.fixture(scope="module")
def sample():
    return generate_sample(units=30, people=900, seed=3, instrument=load_default_instrument())


def test_key_messages_equal_the_reference_of_the_slow_path(sample):
    reference = json.loads((DATA / "analyze_reference.json").read_text("utf-8"))
    cols = [c for c in sample.responses.columns if c.startswith("text:MSG")]
    result = analyze_messages(
        sample.responses, "unit_id", cols, parents=parents_of(sample.units), k=5, comment_k=10
    )
    got = json.loads(json.dumps(result["key_messages"], ensure_ascii=False))
    assert sum("themes" in u for m in got.values() for u in m["units"].values()) >= 30
    assert got == reference["key_messages"]
