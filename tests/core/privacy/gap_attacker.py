"""The random-organization attacker's side of the manager's gaps (``perception_gaps``).

Rebuilt from the result and who sits where, independently of the registration: the team cell
of each manager row (the unit's cell of the dimension again) and the group of each family row's
spread (the roll-up's members with a family score: at least half of the family's dimensions
scored). A family row's team value is the mean of its unit's published cells: the attacker
reads it as that combination of the cells (checked against the published figures and the
answers), and solves every figure over each person's dimension scores at once, the family rows
included, where a person is isolated when some combination reads their scores alone; the
family rows must add nothing to the cells' row space.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from eclaire.core.analysis.gaps_section import GAP_FAMILIES
from eclaire.core.analysis.scoring import scored_dimensions

Inside = Callable[[str], np.ndarray]
"""Per unit, the boolean mask of its roll-up's respondents (as the attacker rebuilds it)."""


def with_managers(
    instrument, units: pd.DataFrame, frame: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    """``frame`` with manager self-assessments for about half of the units (``self`` true, the
    self-assessment items answered), and about one respondent in seven skipping every item of
    one clarity or pillar dimension (people whose family score is not the mean of the cells')."""
    dims = [d for d in scored_dimensions(instrument) if d.family in GAP_FAMILIES]
    team = frame.copy()
    for row in np.flatnonzero(rng.random(len(team)) < 0.15):
        dim = dims[int(rng.integers(len(dims)))]
        team.loc[row, [i.code for i in dim.items]] = np.nan
    team["self"] = False
    items = [i.code for d in dims for i in d.items if i.self_text is not None]
    managed = [u for u in units["unit_id"] if rng.random() < 0.5]
    answers = rng.integers(1, 6, size=(len(managed), len(items))).astype(float)
    answers[rng.random(answers.shape) < 0.06] = np.nan
    own = pd.DataFrame(answers, columns=items)
    own.insert(0, "unit_id", managed)
    own["self"] = True
    return pd.concat([team, own], ignore_index=True)


def manager_groups(inside: Inside, scores: pd.DataFrame, result: dict[str, Any]) -> dict:
    """Per dimension, the team cells of its manager rows, checked against their ``n_team``."""
    out: dict[str, list[np.ndarray]] = {}
    for row in result["perception_gaps"]["managers"]:
        unit, code = row["unit_id"], row["dimension"]
        group = np.flatnonzero(inside(unit) & scores[code].notna().to_numpy())
        assert group.size == row["n_team"], (unit, code, group.size, row["n_team"])
        out.setdefault(code, []).append(group)
    return out


def family_groups(inside: Inside, scores: pd.DataFrame, result: dict[str, Any]) -> dict:
    """Per family, the groups of its rows' spread (sd, intervals), checked against ``n_team``."""
    out: dict[str, list[np.ndarray]] = {}
    for row in result["perception_gaps"]["families"]:
        codes = row["dimensions"]
        scored = scores[codes].notna().sum(axis=1).to_numpy()
        group = np.flatnonzero(inside(row["unit_id"]) & (scored >= math.ceil(len(codes) / 2)))
        assert group.size == row["n_team"], (row["unit_id"], row["family"], group.size)
        out.setdefault(row["family"], []).append(group)
    return out


Weights = dict[str, tuple[np.ndarray, float]]
"""Per dimension, a group of respondents and the weight of its sum in a linear figure."""


def combination(
    inside: Inside, scores: pd.DataFrame, result: dict[str, Any], row: dict[str, Any]
) -> Weights:
    """A family row's team value as the attacker reads it: ``F = (1/m)·Σ_j D_j/n_j`` over the
    unit's ``m`` published cells of the family (none may be hidden: ``F`` would give it back).
    Each cell's group is rebuilt from who sits where and checked against its ``n``, ``F``
    against the published means and against the answers (4 decimals); returns the cells'
    groups with their weights ``1/(m·n_j)``."""
    codes = row["dimensions"]
    m = len(codes)
    cells = result["units"][row["unit_id"]]["scores"]
    hidden = [code for code in codes if code not in cells]
    assert not hidden, (row["unit_id"], hidden, "a family row gives its hidden cell back")
    published = sum(cells[c]["mean"] for c in codes) / m
    assert abs(row["team"] - published) <= 1e-4 + 1e-9, (row, published)
    out: Weights = {}
    for code in codes:
        group = np.flatnonzero(inside(row["unit_id"]) & scores[code].notna().to_numpy())
        assert group.size == cells[code]["n"], (row["unit_id"], code, group.size)
        out[code] = (group, 1.0 / (m * group.size))
    value = sum(w * scores[code].to_numpy()[g].sum() for code, (g, w) in out.items())
    assert abs(row["team"] - value) <= 5e-5 + 1e-9, (row, value)
    return out


def joint_isolated(
    n: int,
    scores: pd.DataFrame,
    codes: list[str],
    dim_groups: dict[str, list[np.ndarray]],
    family_rows: list[Weights],
) -> list[tuple[int, ...]]:
    """Single people and pairs some combination of every linear figure over the family's
    dimensions isolates, in floating point: the dimensions' groups sum ``x[p, j]``, a family
    row's team value weighs each cell's sum (:func:`combination`) and must lie in the row space
    of the dimensions' groups (it adds no row). A set of people is isolated when the row space
    meets the coordinates of their scores: the projector onto the row space, restricted to
    them, has an eigenvalue 1."""
    scored = scores[codes].notna().to_numpy()
    column = np.full(scored.shape, -1)
    column[scored] = np.arange(int(scored.sum()))
    rows = []
    for j, code in enumerate(codes):
        for group in dim_groups.get(code, []):
            vec = np.zeros(int(scored.sum()))
            vec[column[group, j]] = 1.0
            rows.append(vec)
    if not rows:
        return []
    _, sing, basis = np.linalg.svd(np.array(rows), full_matrices=False)
    top = basis[: int((sing > 1e-9).sum())]
    for weights in family_rows:
        vec = np.zeros(int(scored.sum()))
        for code, (group, weight) in weights.items():
            vec[column[group, codes.index(code)]] += weight
        residual = vec - top.T @ (top @ vec)
        assert np.abs(residual).max() < 1e-9, "a family row adds a linear figure of its own"
    own = {p: column[p, scored[p]] for p in range(n) if np.abs(top[:, column[p, scored[p]]]).any()}

    def alone(at: np.ndarray) -> bool:
        return bool(np.linalg.eigvalsh(top[:, at].T @ top[:, at])[-1] > 1 - 1e-8)

    found: list[tuple[int, ...]] = [(p,) for p, at in own.items() if alone(at)]
    singles = {p for (p,) in found}
    for p, q in itertools.combinations([p for p in own if p not in singles], 2):
        if alone(np.concatenate([own[p], own[q]])):
            found.append((p, q))
    return found


SMALL_UNITS = pd.DataFrame({"unit_id": ["P", "A", "B"], "parent_id": [None, "P", "P"]})
CLARITY = ["CR", "CP", "CC", "CE", "CN"]  # item prefixes of the five clarity dimensions
ALONE = 2  # the position of A's first incomplete respondent


def small_organization(instrument: Any, skippers: int = 0, seed: int = 9) -> pd.DataFrame:
    """P: 2 direct respondents, A: 8, B: 7, all complete but ``skippers`` people of A, each of
    whom skipped one clarity dimension (clarity.roles first, then the next ones); one
    self-assessment by A's manager."""
    rng = np.random.default_rng(seed)
    items = [i.code for i in instrument.respondent_items if i.scale]

    def answers(units: list[str], own: bool) -> pd.DataFrame:
        frame = pd.DataFrame(
            rng.integers(1, 6, size=(len(units), len(items))).astype(float), columns=items
        )
        frame.insert(0, "unit_id", units)
        frame.insert(1, "self", own)
        return frame

    team = answers(["P"] * 2 + ["A"] * 8 + ["B"] * 7, False)
    for i in range(skippers):
        team.loc[ALONE + i, [f"{CLARITY[i]}{j}" for j in (1, 2, 3)]] = np.nan
    return pd.concat([team, answers(["A"], True)], ignore_index=True)
