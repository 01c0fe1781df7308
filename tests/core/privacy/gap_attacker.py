"""The random-organization attacker's side of the manager's gaps (``perception_gaps``).

Rebuilt from the result and who sits where, independently of the registration: the team cell
of each manager row (the unit's cell of the dimension again), the team cell of each family row
(the roll-up's members with a family score: at least half of the family's dimensions scored)
and its *rest* (the members who scored some but not all of them). Two cross-channel attacks on
a family: the combination ``m·F − Σ_j D_j`` of a family row and its unit's cells, checked
against the published figures and the answers, whose support is the rest; and a joint system
over each person's dimension scores, where every dimension's groups and the family rows are
rows, and a person is isolated when some combination reads their scores alone.
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
    one clarity or pillar dimension (the people a family row's rest is made of)."""
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


def family_groups(
    inside: Inside, scores: pd.DataFrame, result: dict[str, Any]
) -> dict[str, tuple[list[np.ndarray], list[np.ndarray]]]:
    """Per family, the team cells of its rows (checked against ``n_team``) and their rests."""
    out: dict[str, tuple[list[np.ndarray], list[np.ndarray]]] = {}
    for row in result["perception_gaps"]["families"]:
        codes = row["dimensions"]
        scored = scores[codes].notna().sum(axis=1).to_numpy()
        mask = inside(row["unit_id"])
        group = np.flatnonzero(mask & (scored >= math.ceil(len(codes) / 2)))
        assert group.size == row["n_team"], (row["unit_id"], row["family"], group.size)
        rest = np.flatnonzero(mask & (scored > 0) & (scored < len(codes)))
        cells, rests = out.setdefault(row["family"], ([], []))
        cells.append(group)
        if rest.size:
            rests.append(rest)
    return out


def combination(
    inside: Inside, scores: pd.DataFrame, result: dict[str, Any], row: dict[str, Any]
) -> np.ndarray:
    """The attack ``m·F − Σ_j D_j`` on one family row, from the published means and counts;
    checked against ``Σ v(p)`` computed from the answers (complete people cancel), it returns
    the people it sums over: the rest."""
    codes = row["dimensions"]
    m = len(codes)
    cells = result["units"][row["unit_id"]]["scores"]
    hidden = [code for code in codes if code not in cells]
    assert not hidden, (row["unit_id"], hidden, "a family row gives its hidden cell back")
    published = m * row["team"] * row["n_team"] - sum(
        cells[c]["mean"] * cells[c]["n"] for c in codes
    )
    own = scores[codes][inside(row["unit_id"])]
    scored, total = own.notna().sum(axis=1), own.sum(axis=1)
    family = scored >= math.ceil(m / 2)
    value = np.where(family, (m / scored.clip(lower=1) - 1) * total, -total)
    tolerance = 5e-5 * (m * row["n_team"] + sum(cells[c]["n"] for c in codes))  # 4 decimals
    assert abs(published - value[scored > 0].sum()) <= tolerance + 1e-9, (row, published)
    rest = own.index.to_numpy()[(scored > 0).to_numpy() & (scored < m).to_numpy()]
    return rest


def joint_isolated(
    n: int,
    scores: pd.DataFrame,
    codes: list[str],
    dim_groups: dict[str, list[np.ndarray]],
    family_cells: list[np.ndarray],
) -> list[tuple[int, ...]]:
    """Single people and pairs some combination of every figure over the family's dimensions
    isolates, in floating point: the dimensions' groups sum ``x[p, j]``, a family cell sums
    ``x[p, j] / m_p`` over each member's scored dimensions. A set of people is isolated when
    the row space meets the coordinates of their scores: the projector onto the row space,
    restricted to them, has an eigenvalue 1."""
    scored = scores[codes].notna().to_numpy()
    column = np.full(scored.shape, -1)
    column[scored] = np.arange(int(scored.sum()))
    rows = []
    for j, code in enumerate(codes):
        for group in dim_groups.get(code, []):
            vec = np.zeros(int(scored.sum()))
            vec[column[group, j]] = 1.0
            rows.append(vec)
    m_p = scored.sum(axis=1)
    for group in family_cells:
        vec = np.zeros(int(scored.sum()))
        for p in group:
            vec[column[p, scored[p]]] = 1.0 / m_p[p]
        rows.append(vec)
    if not rows:
        return []
    _, sing, basis = np.linalg.svd(np.array(rows), full_matrices=False)
    top = basis[: int((sing > 1e-9).sum())]
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
