"""Organizations from the independent generator (``tests/generators/independent.py``) and
their diagnostic results, for the lever tests and ``bench/levers.py``.

Only the generator's API and truth are used: ``generate(seed, units=, kind=)`` with ``.units``,
``.responses``, ``.declared_priorities`` and ``.truth``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from tests.generators.independent import Generated, generate

from eclaire.core import analyze
from eclaire.core.instrument_loader import load_default_instrument

MIN_GROUP = 5


@cache
def instrument() -> Any:
    return load_default_instrument()


@cache
def independent_result(seed: int, units: int, kind: str = "planted") -> tuple[Generated, dict]:
    """One generated organization and its diagnostic result at k = 5 (cached)."""
    generated = generate(seed, units=units, kind=kind)
    result = analyze(
        instrument(),
        generated.units,
        generated.responses,
        min_group=MIN_GROUP,
        declared_priorities=list(generated.declared_priorities),
    )
    return generated, result
