"""Sample organizations with known patterns, for demos, tests and benchmarks.

>>> sample = generate_sample(units=30, people=600, seed=1, instrument=instrument)
>>> write_sample(sample, Path("out"))  # units.csv, roster.csv, responses.csv, truth.json

The company is a mid-size French industrial distributor (head office and field; sales agencies,
ADV, support, marketing, plants, warehouses). ``sample.truth`` names the units behind each planted
pattern: a tense sales → production interface, an over-confident manager on clarity, a unit that
disagrees on priorities, newcomers short of support, a unit whose meetings end without decisions,
and a coherent unit with none of these.
"""

from eclaire.core.sample.generate import Sample, generate_sample
from eclaire.core.sample.writer import write_sample

__all__ = ["Sample", "generate_sample", "write_sample"]
