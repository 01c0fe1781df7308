"""A small instrument and an organization of six units, the default instrument and generated
samples of it, shared by the interchange tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from eclaire.core.instrument import Dimension, Instrument, Item, Option, Scale
from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.sample import generate_sample, write_sample


def _item(code: str, **kwargs: object) -> Item:
    return Item(code, {"fr": code, "en": code}, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def instrument() -> Instrument:
    """Likert, frequency, choice, interface, ranking and text: one of each kind, or two."""
    return Instrument(
        id="mini",
        version=1,
        languages=("fr", "en"),
        scales={"agree5": Scale("agree5", 1, 5), "freq5": Scale("freq5", 1, 5)},
        dimensions=(
            Dimension(
                "clarity.roles",
                {"fr": "Rôles"},
                "clarity",
                (
                    _item("CR1", scale="agree5"),
                    _item("CR2", scale="agree5", not_applicable=True),
                ),
            ),
            Dimension(
                "symptoms",
                {"fr": "Symptômes"},
                "symptom",
                (_item("SY_INFO", kind="frequency", scale="freq5"),),
            ),
            Dimension(
                "interface",
                {"fr": "Interfaces"},
                "interface",
                (
                    _item("IF_INFO", kind="interface", scale="agree5", not_applicable=True),
                    _item("IF_TRUST", kind="interface", scale="agree5"),
                ),
            ),
        ),
        questions=(
            _item(
                "CHANNEL",
                kind="choice",
                options=(
                    Option("email", {"fr": "courriel"}),
                    Option("meeting", {"fr": "réunion"}),
                ),
            ),
            _item(
                "PRIO",
                kind="ranking",
                options=(
                    Option("growth", {"fr": "croissance"}),
                    Option("delivery", {"fr": "délais"}),
                    Option("quality", {"fr": "qualité"}),
                ),
            ),
            _item("MSG_PROMISE", kind="text"),
        ),
        interface_max_units=2,
    )


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write text to a file in tmp_path: ``write("units.csv", "a,b\\n1,2\\n")``."""

    def _write(name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return _write


@pytest.fixture(scope="session")
def coherence() -> Instrument:
    return load_default_instrument("coherence")


@pytest.fixture(scope="session")
def generated_sample(
    tmp_path_factory: pytest.TempPathFactory, coherence: Instrument
) -> Callable[[int], Path]:
    """The folder of a generated organization (12 units, 240 people) of the given seed."""
    folders: dict[int, Path] = {}

    def folder(seed: int) -> Path:
        if seed not in folders:
            folders[seed] = tmp_path_factory.mktemp(f"sample{seed}")
            sample = generate_sample(units=12, people=240, seed=seed, instrument=coherence)
            write_sample(sample, folders[seed])
        return folders[seed]

    return folder
