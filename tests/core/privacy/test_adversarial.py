"""An attacker against whole results: hundreds of random organizations, nothing isolated.

The organizations come from a generator of their own (not ``eclaire.core.sample``): random
trees with many small units, N/A answers, tenure, contract, customer-facing and site segments,
interface ratings, two waves, and in about half of them manager self-assessments with people
who skip whole dimensions. The attacker rebuilds each published figure's group from the
result and what a colleague knows (who sits in which unit, who is a newcomer...), stacks every
group of a channel in one matrix and asks, in floating point and independently of the auditor,
whether any single person or pair of people lies in its row space. The manager's gaps are
attacked too, across channels for the family rows (:mod:`tests.core.privacy.gap_attacker`).
The ICC inversion needs an ICC that depends on more than the shown cells: each published ICC
is recomputed from the groups the shown cells give, and must be the same number.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from tests.core.privacy.gap_attacker import (
    combination,
    family_groups,
    joint_isolated,
    manager_groups,
    with_managers,
)

from eclaire.core.analysis.analyze import analyze_audited
from eclaire.core.analysis.scoring import score_dimensions
from eclaire.core.instrument_loader import load_default_instrument
from eclaire.core.stats.agreement import icc1_icc2

TENURE = ["lt6m", "6to12m", "1to3y", "3to10y", "gt10y", None]
CONTRACT = ["apprentice", "intern", "permanent", "permanent", "fixed_term", None]
SIZES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 14]


@pytest.fixture(scope="module")
def instrument():
    return load_default_instrument()


def random_units(rng: np.random.Generator) -> pd.DataFrame:
    n = int(rng.integers(4, 11))
    parents: list[str | None] = [None]
    for i in range(1, n):
        parents.append(f"u{int(rng.integers(0, i))}")
    return pd.DataFrame(
        {
            "unit_id": [f"u{i}" for i in range(n)],
            "name": [f"Unit {i}" for i in range(n)],
            "parent_id": parents,
            "function": rng.choice(["sales", "support", "production", "hr"], n),
            "site_kind": rng.choice(["field", "head_office", "mixed"], n),
        }
    )


def random_wave(instrument, units: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    members = [u for u in units["unit_id"] for _ in range(int(rng.choice(SIZES)))]
    members += list(rng.choice(units["unit_id"], 5))  # nobody is alone in a unit by design
    items = [i.code for i in instrument.respondent_items if i.scale]
    answers = rng.integers(1, 6, size=(len(members), len(items))).astype(float)
    answers[rng.random(answers.shape) < 0.06] = np.nan  # not applicable / skipped
    frame = pd.DataFrame(answers, columns=items)
    frame.insert(0, "unit_id", members)
    frame["tenure_band"] = rng.choice(np.array(TENURE, dtype=object), len(members))
    frame["contract"] = rng.choice(np.array(CONTRACT, dtype=object), len(members))
    frame["customer_facing"] = rng.choice(np.array(["yes", "no", None], dtype=object), len(members))
    codes = [i.code for i in instrument.interface_items]
    for unit in rng.choice(units["unit_id"], min(3, len(units)), replace=False):
        raters = rng.random(len(members)) < 0.35
        for code in codes:
            values = rng.integers(1, 6, len(members)).astype(float)
            values[~raters | (rng.random(len(members)) < 0.1)] = np.nan
            frame[f"if:{unit}:{code}"] = values
    return frame


def _parents(units: pd.DataFrame) -> dict[str, str | None]:
    return {
        u: p if isinstance(p, str) else None
        for u, p in zip(units["unit_id"], units["parent_id"], strict=True)
    }


def _descendants(units: pd.DataFrame) -> dict[str, set[str]]:
    parents = _parents(units)
    out = {u: {u} for u in parents}
    for u in parents:
        p = parents[u]
        while p is not None:
            out[p].add(u)
            p = parents[p]
    return out


def _effective(units: pd.DataFrame, result) -> dict[str, str | None]:
    """Where a unit's people count: up past hidden and pooled units (the documented rule)."""
    parents = _parents(units)
    out: dict[str, str | None] = {}
    for unit in parents:
        node = unit
        while node is not None and (
            result["units"][node]["suppressed"] or result["units"][node].get("pooled")
        ):
            node = parents[node]
        out[unit] = node
    return out


def roll_ups(units, responses, result):
    """Per unit, the mask of its roll-up's respondents as the attacker sees it."""
    below = _descendants(units)
    effective = _effective(units, result)
    home = np.array([effective[u] or u for u in responses["unit_id"]], dtype=object)
    return lambda unit: np.isin(home, list(below[unit]))


def unit_groups(units, responses, result, code) -> list[np.ndarray]:
    """The attacker's groups for the unit cells of one dimension, checked against their n."""
    inside = roll_ups(units, responses, result)
    answered = responses[code].notna().to_numpy() if code in responses else None
    groups = []
    for unit, entry in result["units"].items():
        cell = entry.get("scores", {}).get(code)
        if cell is None:
            continue
        group = np.flatnonzero(inside(unit) & (answered if answered is not None else True))
        assert group.size == cell["n"], (unit, code, group.size, cell["n"])
        groups.append(group)
    return groups


def isolated(n: int, groups: list[np.ndarray], k: int) -> list[tuple[int, ...]]:
    """Single people and pairs whose indicator is in the row space (least squares)."""
    if not groups:
        return []
    matrix = np.zeros((len(groups), n))
    for i, g in enumerate(groups):
        matrix[i, g] = 1.0
    basis = np.linalg.svd(matrix, full_matrices=False)[2]
    rank = int((np.linalg.svd(matrix, compute_uv=False) > 1e-9).sum())
    projector = basis[:rank].T @ basis[:rank]
    found = [(i,) for i in range(n) if abs(projector[i, i] - 1) < 1e-8]
    covered = np.flatnonzero(matrix.any(axis=0))
    for i, j in itertools.combinations(covered.tolist(), 2):
        vec = projector[:, i] + projector[:, j]
        target = np.zeros(n)
        target[[i, j]] = 1
        if np.abs(vec - target).max() < 1e-8 and k > 2:
            found.append((i, j))
    return found


def icc_from_shown_cells(units, frame, result, code, k):
    """ICC(1) recomputed from groups an analyst derives from the shown cells alone (a shown
    roll-up less its shown sub-units): the published ICC must be this, or it says more."""
    parents = _parents(units)
    effective = _effective(units, result)
    shown = {u for u, e in result["units"].items() if code in e.get("scores", {})}

    def nearest(unit):
        while unit is not None and unit not in shown:
            unit = parents[unit]
        return unit

    group = frame["unit_id"].map(lambda u: nearest(effective[u] or u))
    scored = frame[code].notna() & group.notna()
    sizes = group[scored].value_counts()
    keep = scored & group.isin(sizes.index[sizes >= k])
    return icc1_icc2(frame.loc[keep, code], group[keep]).icc1


def _attack(instrument, units, responses, result, auditor) -> None:
    assert auditor.audit() == [], "the auditor itself must find nothing"
    own = responses["self"].astype(bool) if "self" in responses else responses["unit_id"].isna()
    team = responses[~own].reset_index(drop=True)  # the managers' rows are not respondents
    k = result["min_group"]
    scored = {f.key: f for f in auditor.figures}
    scores = score_dimensions(instrument, team)
    inside = roll_ups(units, team, result)
    managers = manager_groups(inside, scores, result)
    channels: dict[str, list[np.ndarray]] = {}
    for code in scores.columns:
        frame = team.assign(**{code: scores[code]})
        groups = unit_groups(units, frame, result, code) + managers.get(code, [])
        groups += [
            g
            for key, f in scored.items()
            if key.startswith("segments/") and key.endswith(f"/{code}")
            for g in f.groups
        ]
        groups += [g for key, f in scored.items() if key == f"agreement/{code}" for g in f.groups]
        groups += department_segment_groups(result, scored, code)
        channels[code] = groups
        assert isolated(len(team), groups, k) == [], code
        assert exact_isolated(len(team), groups, k) == [], code  # triples, any combination
        icc = result["agreement"][code]["icc1"]
        if icc is not None:  # the ICC inversion of issue 12 needs an ICC that says more
            assert icc == pytest.approx(
                icc_from_shown_cells(units, frame, result, code, k), abs=2e-4
            )
    _attack_families(team, scores, inside, result, channels)


def department_segment_groups(result, figures, code) -> list[np.ndarray]:
    """The two sides of each shown department comparison of ``code``, as registered, checked
    against the counts the result publishes."""
    out = []
    for row in result["perception_gaps"].get("segment_units") or []:
        if row["dimension"] != code or row["suppressed"]:
            continue
        a, b = figures[f"segment_units/{row['unit_id']}/{row['segment']}/{code}"].groups
        assert (a.size, b.size) == (row["n_a"], row["n_b"]), row
        out += [a, b]
    return out


def _attack_families(team, scores, inside, result, channels) -> None:
    """Each family's spread groups alone (with differencing between units), each row's team
    value read as the mean of its unit's cells, and every linear figure over the family's
    dimensions at once (the rows add none)."""
    k = result["min_group"]
    rows = result["perception_gaps"]["families"]
    for family, cells in family_groups(inside, scores, result).items():
        assert isolated(len(team), cells, k) == [], family
        assert exact_isolated(len(team), cells, k) == [], family
        mine = [r for r in rows if r["family"] == family]
        weights = [combination(inside, scores, result, row) for row in mine]
        codes = mine[0]["dimensions"]
        assert joint_isolated(len(team), scores, codes, channels, weights) == [], family


@pytest.mark.slow
@pytest.mark.parametrize("chunk", range(10))
def test_no_person_or_pair_is_isolated_in_random_organizations(instrument, chunk):
    for seed in range(chunk * 20, chunk * 20 + 20):
        rng = np.random.default_rng(seed)
        units = random_units(rng)
        first = random_wave(instrument, units, rng)
        second = random_wave(instrument, units, rng)
        managers = np.random.default_rng([seed, 1])  # the waves above stay as they were
        if managers.random() < 0.5:
            first = with_managers(instrument, units, first, managers)
            second = with_managers(instrument, units, second, managers)
        before, _ = analyze_audited(instrument, units, first, messages=False)
        result, auditor = analyze_audited(
            instrument, units, second, messages=False, previous=before
        )
        _attack(instrument, units, second, result, auditor)


# -- exact attacker: any set of 1 to k - 1 people, by rational linear algebra -------------------


def _nullspace(rows: list[list[int]], width: int) -> list[list[Fraction]]:
    """A basis of {x : A·x = 0} over the rationals (Gauss–Jordan, exact)."""
    matrix = [[Fraction(v) for v in row] for row in rows]
    pivots: list[int] = []
    r = 0
    for c in range(width):
        pivot = next((i for i in range(r, len(matrix)) if matrix[i][c] != 0), None)
        if pivot is None:
            continue
        matrix[r], matrix[pivot] = matrix[pivot], matrix[r]
        lead = matrix[r][c]
        matrix[r] = [v / lead for v in matrix[r]]
        for i in range(len(matrix)):
            if i != r and matrix[i][c] != 0:
                f = matrix[i][c]
                matrix[i] = [a - f * b for a, b in zip(matrix[i], matrix[r], strict=True)]
        pivots.append(c)
        r += 1
    basis = []
    for free in (c for c in range(width) if c not in pivots):
        vec = [Fraction(0)] * width
        vec[free] = Fraction(1)
        for i, c in enumerate(pivots):
            vec[c] = -matrix[i][free]
        basis.append(vec)
    return basis


def exact_isolated(n: int, groups: list[np.ndarray], k: int) -> list[tuple[int, ...]]:
    """Every set of 1 to k − 1 people whose indicator is a rational combination of the groups.

    People who are in exactly the same groups (an *atom*) are treated alike by every
    combination, so an isolated set is a union of atoms; with the nullspace ``N`` of the
    atom matrix, a union ``T`` is isolated iff ``Σ_{a∈T} N[a] = 0``. Atoms of fewer than k
    people are combined by up to two against up to two (meet in the middle: every union of
    at most 4 atoms, enough for k ≤ 5 when each atom holds at least one person)."""
    if not groups:
        return []
    member = np.zeros((len(groups), n), dtype=np.int8)
    for i, g in enumerate(groups):
        member[i, g] = 1
    covered = np.flatnonzero(member.any(axis=0))
    columns, atom_of = np.unique(member[:, covered], axis=1, return_inverse=True)
    atom_of = np.asarray(atom_of).ravel()
    sizes = np.bincount(atom_of, minlength=columns.shape[1])
    basis = _nullspace(columns.tolist(), columns.shape[1])
    key = [tuple(vec[a] for vec in basis) for a in range(columns.shape[1])]
    zero = tuple(Fraction(0) for _ in basis)
    small = [a for a in range(len(sizes)) if sizes[a] < k]
    found: list[tuple[int, ...]] = []
    sums: dict[tuple, list[tuple[int, ...]]] = {}
    for size in (1, 2):
        for combo in itertools.combinations(small, size):
            if sizes[list(combo)].sum() < k:
                total = tuple(sum(parts) for parts in zip(*(key[a] for a in combo), strict=True))
                sums.setdefault(total, []).append(combo)
    for total, combos in sums.items():
        if total == zero:
            found += combos
        negative = tuple(-v for v in total)
        for left in combos:
            for right in sums.get(negative, []):
                union = set(left) | set(right)
                if len(union) == len(left) + len(right) and sizes[list(union)].sum() < k:
                    found.append(tuple(sorted(union)))
    people = []
    for atoms in dict.fromkeys(found):
        people.append(tuple(covered[np.isin(atom_of, atoms)].tolist()))
    return people


def test_the_exact_attacker_finds_triples_and_combinations():
    """A triple isolated only through a combination of four groups, and a clean system."""
    groups = [np.arange(0, 10), np.arange(3, 10), np.arange(0, 6), np.arange(6, 10)]
    assert (0, 1, 2) in exact_isolated(10, groups, 5)  # {0..9} − {3..9}
    crossing = [np.array([0, 1, 2, 3, 4, 5]), np.array([3, 4, 5, 6, 7, 8]), np.arange(9)]
    assert (6, 7, 8) in exact_isolated(9, crossing, 5)  # all − first
    safe = [np.arange(10), np.arange(5)]
    assert exact_isolated(10, safe, 5) == []
