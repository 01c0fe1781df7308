"""The null organization: no effect anywhere, drawn from the instrument alone.

Every answer of every person, manager or not, in every unit, comes from one model: a person's
latent opinion (shared across items) plus item noise, cut into the item's scale by fixed
thresholds, reverse-keyed items answered on the reversed latent. Interface ratings, symptoms
and priority rankings follow the same single model for everyone (rankings: one consensus order
plus each person's noise). There is no unit effect, no function effect and no manager effect,
so every recommendation made on such an organization is a false alarm.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from eclaire.core import analyze
from eclaire.core.instrument_loader import load_default_instrument

THRESHOLDS = np.array([-1.6, -0.6, 0.3, 1.3])
PERSON_SD, ITEM_SD = 0.6, 0.8
FUNCTIONS = ("sales", "sales_admin", "support", "production", "logistics", "marketing", "hr")


@cache
def instrument() -> Any:
    return load_default_instrument()


def null_units(units: int, rng: np.random.Generator) -> pd.DataFrame:
    """A root, departments of one function each, and teams under them (``units`` in all)."""
    departments = max(2, (units - 1) // 4)
    rows = [("N00", "Direction", None, "management")]
    for d in range(departments):
        rows.append((f"N{d + 1:02d}", f"Service {d + 1}", "N00", FUNCTIONS[d % len(FUNCTIONS)]))
    for t in range(units - 1 - departments):
        parent = rows[1 + int(rng.integers(departments))]
        rows.append((f"T{t + 1:02d}", f"Équipe {t + 1}", parent[0], parent[3]))
    frame = pd.DataFrame(rows, columns=["unit_id", "name", "parent_id", "function"])
    frame["site_kind"] = "head_office"
    return frame


def _answer(rng: np.random.Generator, latent: np.ndarray, reverse: bool) -> np.ndarray:
    values = (-latent if reverse else latent) + ITEM_SD * rng.normal(size=latent.shape)
    return 1.0 + (values[:, None] > THRESHOLDS).sum(axis=1)


def _people(rng: np.random.Generator, unit: str, n: int, manager: bool) -> pd.DataFrame:
    inst = instrument()
    latent = 0.4 + PERSON_SD * rng.normal(size=n)
    data: dict[str, Any] = {
        "unit_id": unit,
        "role": "manager" if manager else "employee",
        "tenure_band": rng.choice(["lt6m", "6to12m", "1to3y", "3to10y"], size=n),
        "contract": "permanent",
        "customer_facing": "no",
        "self": manager,
    }
    for item in inst.respondent_items:
        if item.dimension is not None:
            data[item.code] = _answer(rng, latent, item.reverse)
    return pd.DataFrame(data)


def _interfaces(rng: np.random.Generator, frame: pd.DataFrame, units: pd.DataFrame) -> dict:
    """Each person rates about a third of the other units (at most the instrument's limit is
    enforced by the analysis), all from the same model."""
    columns = {}
    for rated in units["unit_id"]:
        raters = (rng.random(len(frame)) < 0.3) & (frame["unit_id"] != rated).to_numpy()
        latent = 0.4 + PERSON_SD * rng.normal(size=len(frame))
        for item in instrument().interface_items:
            column = _answer(rng, latent, item.reverse)
            columns[f"if:{rated}:{item.code}"] = np.where(raters, column, np.nan)
    return columns


def _rankings(rng: np.random.Generator, n: int) -> dict:
    codes = [o.code for o in instrument().ranking.options]
    scores = np.arange(len(codes))[None, :] + 1.5 * rng.normal(size=(n, len(codes)))
    ranks = scores.argsort(axis=1).argsort(axis=1) + 1.0
    return {f"rank:{code}": ranks[:, j] for j, code in enumerate(codes)}


def null_organization(seed: int, units: int = 24) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The units and responses tables of a null organization (module docstring)."""
    rng = np.random.default_rng(seed)
    tree = null_units(units, rng)
    parts = []
    for unit in tree["unit_id"]:
        parts.append(_people(rng, unit, int(rng.integers(5, 31)), manager=False))
        parts.append(_people(rng, unit, 1, manager=True))
    frame = pd.concat(parts, ignore_index=True)
    missing = rng.random(frame.shape) < 0.08
    scored = [
        c
        for c in frame.columns
        if c not in ("unit_id", "role", "tenure_band", "contract", "customer_facing", "self")
    ]
    frame[scored] = frame[scored].mask(pd.DataFrame(missing, columns=frame.columns)[scored])
    extra = {**_interfaces(rng, frame, tree), **_rankings(rng, len(frame))}
    return tree, pd.concat([frame, pd.DataFrame(extra, index=frame.index)], axis=1)


@cache
def null_result(seed: int, units: int = 24) -> dict:
    """The diagnostic result of :func:`null_organization` at k = 5 (cached)."""
    tree, frame = null_organization(seed, units)
    return analyze(instrument(), tree, frame, min_group=5)
