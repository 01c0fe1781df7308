"""The people of a sample: unit sizes, roles, tenure, contracts, names, e-mails and phones.

Everything is drawn with numpy over whole columns; the only per-person Python work is joining the
strings of an e-mail address.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

import numpy as np
import pandas as pd
from faker.providers.person.fr_FR import Provider as FrenchNames

from eclaire.core.sample.organization import COMPANY, Organization

__all__ = ["MAX_PEOPLE", "TENURE_BANDS", "CONTRACTS", "min_people", "unit_sizes", "build_roster"]

MAX_PEOPLE = 100_000
TENURE_BANDS = ("lt6m", "6to12m", "1to3y", "3to10y", "gt10y")
CONTRACTS = ("permanent", "fixed_term", "apprentice", "intern", "temp")
MIN_TEAM = 3
CONTAINER_SIZE = {"management": 4}
"""People working in a unit that has teams under it (a director and an assistant or two)."""

TEAM_WEIGHT = {
    "production": 1.5,
    "logistics": 1.3,
    "support": 1.2,
    "sales_admin": 1.0,
    "sales": 0.9,
    "marketing": 0.7,
    "it": 0.7,
    "hr": 0.6,
    "finance": 0.6,
    "management": 0.5,
    "other": 0.8,
}
TENURE_P = {
    "sales": (0.12, 0.12, 0.30, 0.30, 0.16),
    "production": (0.07, 0.07, 0.20, 0.33, 0.33),
    "logistics": (0.14, 0.12, 0.28, 0.28, 0.18),
    "other": (0.08, 0.08, 0.27, 0.35, 0.22),
    "manager": (0.01, 0.03, 0.20, 0.41, 0.35),
}
CONTRACT_P = {
    "sales": (0.84, 0.04, 0.10, 0.02, 0.00),
    "production": (0.82, 0.05, 0.07, 0.01, 0.05),
    "logistics": (0.72, 0.08, 0.03, 0.01, 0.16),
    "other": (0.90, 0.05, 0.025, 0.025, 0.00),
}
CUSTOMER_FACING_P = {
    "sales": 1.0,
    "sales_admin": 1.0,
    "support": 1.0,
    "marketing": 0.15,
    "logistics": 0.10,
}
NO_EMAIL_P = {"production": 0.75, "logistics": 0.70}
"""Share of field staff without a company e-mail, reached by text message instead."""
FICTION_PHONES = (
    "+33 6 39 98",
    "+33 1 99 00",
    "+33 2 61 91",
    "+33 3 53 01",
    "+33 4 65 71",
    "+33 5 36 49",
)
"""Number ranges the French regulator reserves for fiction; each holds 10,000 numbers."""


def _container_size(function: str) -> int:
    return CONTAINER_SIZE.get(function, 3)


def min_people(org: Organization, planted_min: dict[int, int]) -> int:
    """The fewest people that give every team ``MIN_TEAM`` and every planted unit its minimum."""
    total = 0
    for i, function in enumerate(org.units["function"]):
        base = MIN_TEAM if org.is_team[i] else _container_size(function)
        total += max(base, planted_min.get(i, 0))
    return total


def unit_sizes(
    org: Organization, people: int, planted_min: dict[int, int], rng: np.random.Generator
) -> np.ndarray:
    """Head count per unit, summing to ``people``; teams share what the directions leave."""
    functions = org.units["function"].to_numpy()
    sizes = np.array([_container_size(f) for f in functions], dtype=np.int64)
    floor = np.where(org.is_team, MIN_TEAM, sizes)
    for i, n in planted_min.items():
        floor[i] = max(floor[i], n)
    weight = np.array([TEAM_WEIGHT.get(f, 0.8) for f in functions]) * rng.gamma(
        6.0, 1 / 6.0, len(functions)
    )
    weight = np.where(org.is_team, weight, 0.0)
    rest = people - int(np.where(org.is_team, 0, floor).sum())
    share = np.zeros(len(functions))
    pinned = ~org.is_team
    for _ in range(len(functions)):  # water filling: teams below their floor are pinned to it
        free = ~pinned
        budget = rest - floor[pinned & org.is_team].sum()
        share[free] = weight[free] / weight[free].sum() * budget
        below = free & (share < floor)
        if not below.any():
            break
        pinned |= below
    share[pinned] = floor[pinned]
    sizes = np.floor(share).astype(np.int64)
    order = np.argsort(-(share - sizes), kind="stable")
    sizes[order[: people - int(sizes.sum())]] += 1
    return sizes


def build_roster(
    org: Organization, sizes: np.ndarray, rng: np.random.Generator, lang: str
) -> pd.DataFrame:
    """One row per person: person_id, email, phone, unit_id, role, tenure_band, contract,
    customer_facing, language. The first person of every unit is its manager."""
    n = int(sizes.sum())
    unit_idx = np.repeat(np.arange(len(sizes)), sizes)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    manager = np.zeros(n, dtype=bool)
    manager[starts] = True
    function = org.units["function"].to_numpy()[unit_idx]
    tenure = _tenure(function, manager, rng)
    contract = _contract(function, manager, rng)
    tenure = _tenure_for_contract(tenure, contract, rng)
    email, phone = _contacts(function, manager, rng)
    width = max(5, len(str(n)))
    return pd.DataFrame(
        {
            "person_id": [f"P{i + 1:0{width}d}" for i in range(n)],
            "email": email,
            "phone": phone,
            "unit_id": org.units["unit_id"].to_numpy()[unit_idx],
            "role": np.where(manager, "manager", "member"),
            "tenure_band": tenure,
            "contract": contract,
            "customer_facing": _customer_facing(function, rng),
            "language": _language(org.units["name"].to_numpy()[unit_idx], rng, lang),
        }
    )


def _draw(
    keys: np.ndarray,
    table: Mapping[str, tuple[float, ...]],
    values: tuple[str, ...],
    rng: np.random.Generator,
) -> np.ndarray:
    """One value per row, drawn with the probabilities of the row's key (``"other"`` by default)."""
    out = np.empty(len(keys), dtype=object)
    mapped = np.array([k if k in table else "other" for k in keys], dtype=object)
    for key, probs in table.items():
        rows = np.flatnonzero(mapped == key)
        out[rows] = rng.choice(np.array(values, dtype=object), size=len(rows), p=probs)
    return out


def _tenure(function: np.ndarray, manager: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    keys = np.where(manager, "manager", function.astype(str))
    return _draw(keys, TENURE_P, TENURE_BANDS, rng)


def _contract(function: np.ndarray, manager: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    contract = _draw(function.astype(str), CONTRACT_P, CONTRACTS, rng)
    contract[manager] = "permanent"
    return contract


def _tenure_for_contract(
    tenure: np.ndarray, contract: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Apprentices stay up to three years; interns and temps are recent arrivals."""
    out = tenure.copy()
    apprentice = np.flatnonzero(contract == "apprentice")
    out[apprentice] = rng.choice(
        np.array(TENURE_BANDS[:3], dtype=object), len(apprentice), p=(0.35, 0.3, 0.35)
    )
    short = np.flatnonzero((contract == "intern") | (contract == "temp"))
    out[short] = rng.choice(np.array(TENURE_BANDS[:2], dtype=object), len(short), p=(0.7, 0.3))
    return out


def _customer_facing(function: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    p = np.array([CUSTOMER_FACING_P.get(f, 0.0) for f in function])
    return np.where(rng.random(len(function)) < p, "yes", "no")


def _language(unit_names: np.ndarray, rng: np.random.Generator, lang: str) -> np.ndarray:
    other = "en" if lang == "fr" else "fr"
    p_other = np.where(np.char.find(unit_names.astype(str), "Export") >= 0, 0.25, 0.03)
    return np.where(rng.random(len(unit_names)) < p_other, other, lang)


def _ascii_slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return plain.lower().replace(" ", "-").replace("'", "")


def _contacts(
    function: np.ndarray, manager: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """E-mails ``prenom.nom@domain`` (numbered when two people share a name); fictional mobile
    numbers for field staff without a company address."""
    n = len(function)
    firsts = np.array(
        [_ascii_slug(x) for x in FrenchNames.first_names_male + FrenchNames.first_names_female]
    )
    lasts = np.array([_ascii_slug(x) for x in FrenchNames.last_names])
    local = pd.Series(
        np.char.add(
            np.char.add(firsts[rng.integers(0, len(firsts), n)], "."),
            lasts[rng.integers(0, len(lasts), n)],
        )
    )
    rank = local.groupby(local).cumcount().to_numpy()
    local = local.where(rank == 0, local + (rank + 1).astype(str))
    email = (local + "@" + COMPANY["domain"]).to_numpy(dtype=object)
    p_none = np.array([NO_EMAIL_P.get(f, 0.0) for f in function])
    no_email = (rng.random(n) < p_none) & ~manager
    email[no_email] = None
    phone = np.full(n, None, dtype=object)
    slots = rng.choice(10_000 * len(FICTION_PHONES), size=int(no_email.sum()), replace=False)
    prefix = np.array(FICTION_PHONES)[slots // 10_000]
    digits = slots % 10_000
    phone[no_email] = [
        f"{p} {d // 100:02d} {d % 100:02d}" for p, d in zip(prefix, digits, strict=True)
    ]
    return email, phone
