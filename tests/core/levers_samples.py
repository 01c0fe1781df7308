"""Samples for the lever recommender: planted ones, and coherent organizations built here.

The generator always plants its patterns. A coherent organization is drawn by patching, for the
duration of one call and in this test code only, the generator's plan (every pattern off) and,
for ``mode="all_coherent"``, its unit climates (every unit drawn like the coherent unit).
``mode="no_patterns"`` keeps the natural variation between units. Coherent organizations also
drop the open answers, in which the generator always plants the same drifting promises.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any
from unittest import mock

from eclaire.core import analyze
from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.sample import Sample, generate_sample
from eclaire.core.sample import generate as generate_module
from eclaire.core.sample import responses as responses_module
from eclaire.core.sample.patterns import EFFECTS, Plan

PEOPLE_PER_UNIT = 20


@cache
def instrument() -> Any:
    return load_default_instrument()


def _null_plan(plan: Plan) -> Plan:
    return replace(
        plan,
        tense_from=None,
        tense_to=None,
        manager_gap=None,
        dispersed=None,
        meetings=None,
        newcomers=False,
    )


def _coherent_climate(original: Any) -> Any:
    def draw(*args: Any, **kwargs: Any) -> Any:
        climate = original(*args, **kwargs)
        climate.general[:] = EFFECTS.coherent_climate
        climate.by_dimension[:] = 0.0
        return climate

    return draw


def draw_sample(units: int, seed: int, mode: str = "planted") -> Sample:
    """``mode``: ``planted`` (the generator as is), ``no_patterns`` or ``all_coherent``."""
    if mode not in ("planted", "no_patterns", "all_coherent"):
        raise ValueError(f"unknown mode {mode!r}")
    kwargs = {
        "units": units,
        "people": units * PEOPLE_PER_UNIT,
        "seed": seed,
        "instrument": instrument(),
    }
    if mode == "planted":
        return generate_sample(**kwargs)
    choose = generate_module.choose_plan
    with mock.patch.object(
        generate_module, "choose_plan", lambda org, inst: _null_plan(choose(org, inst))
    ):
        if mode == "no_patterns":
            return generate_sample(**kwargs)
        with mock.patch.object(
            responses_module, "draw_climate", _coherent_climate(responses_module.draw_climate)
        ):
            return generate_sample(**kwargs)


@cache
def sample_and_result(units: int, seed: int, mode: str = "planted") -> tuple[Sample, dict]:
    """A sample and its diagnostic result at k = 5 (cached per arguments)."""
    sample = draw_sample(units, seed, mode)
    if mode != "planted":  # the generator writes the same drifting promises in every sample
        texts = [c for c in sample.responses.columns if c.startswith("text:")]
        sample.responses[texts] = None
    result = analyze(
        instrument(),
        sample.units,
        sample.responses,
        min_group=5,
        declared_priorities=sample.truth["declared_priorities"],
    )
    return sample, result
