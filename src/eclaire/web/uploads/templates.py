"""The example files offered as templates to fill in (the same as docs/examples/)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

TEMPLATES = ("units.csv", "units.xlsx", "roster.csv", "roster.xlsx")


def template_path(name: str) -> Path:
    if name not in TEMPLATES:
        raise ValueError(f"no template {name!r}")
    return Path(str(resources.files("eclaire") / "data" / "examples" / name))
