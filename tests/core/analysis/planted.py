"""Samples with planted patterns, shared by the section tests (generated once per seed)."""

from functools import cache

from eclaire.core.analysis.context import AnalysisContext, build_context
from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.sample import Sample, generate_sample

PLANTED_SEEDS = (1, 4, 5)
"""Seeds whose planted units are all shown at k = 5 (with 60 units and 6,000 people, the tree
rule hides some planted units by complementary suppression under other seeds)."""


@cache
def planted(seed: int) -> tuple[Sample, AnalysisContext]:
    instrument = load_default_instrument()
    sample = generate_sample(units=60, people=6000, seed=seed, instrument=instrument)
    ctx = build_context(
        instrument,
        sample.units,
        sample.responses,
        min_group=5,
        declared_priorities=sample.truth["declared_priorities"],
    )
    return sample, ctx
