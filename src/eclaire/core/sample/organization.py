"""The fictional company of a sample: a mid-size French industrial distributor.

The structure depends on the number of units only (never on the seed), so unit ids are stable:
``U001`` is the direction générale, ``U002``–``U010`` the departments, then regional directions,
plants and teams. Small organizations keep their staff in the departments; larger ones add agencies,
workshops and teams, and an intermediate level (regional directions, plants) where it is natural.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["COMPANY", "MIN_UNITS", "MAX_UNITS", "Organization", "build_organization"]

COMPANY = {"name": "Mérandal Distribution", "domain": "merandal.fr"}
MIN_UNITS = 12
MAX_UNITS = 999

# (function, name, site_kind) of the departments under the direction générale.
DEPARTMENTS: tuple[tuple[str, str, str], ...] = (
    ("sales", "Direction commerciale", "mixed"),
    ("sales_admin", "Administration des ventes (ADV)", "head_office"),
    ("support", "Support client", "head_office"),
    ("marketing", "Marketing", "head_office"),
    ("production", "Production", "field"),
    ("logistics", "Logistique", "field"),
    ("hr", "Ressources humaines", "head_office"),
    ("finance", "Finance", "head_office"),
    ("it", "Informatique", "head_office"),
)

# Share of the teams each department gets as the organization grows.
LEAF_SHARE = {
    "sales": 0.32,
    "production": 0.24,
    "logistics": 0.12,
    "support": 0.10,
    "sales_admin": 0.08,
    "marketing": 0.05,
    "hr": 0.03,
    "finance": 0.03,
    "it": 0.03,
}

# Sales teams: (name, region or "" when the team reports to the commercial direction itself).
SALES_TEAMS: tuple[tuple[str, str], ...] = (
    ("Agence Lyon", "Sud-Est"),
    ("Agence Nantes", "Ouest"),
    ("Ventes Grands Comptes", ""),
    ("Agence Lille", "Nord"),
    ("Agence Bordeaux", "Sud-Ouest"),
    ("Agence Marseille", "Sud-Est"),
    ("Agence Strasbourg", "Est"),
    ("Agence Toulouse", "Sud-Ouest"),
    ("Agence Rennes", "Ouest"),
    ("Agence Grenoble", "Sud-Est"),
    ("Agence Dijon", "Est"),
    ("Télévente", ""),
    ("Agence Rouen", "Nord"),
    ("Agence Tours", "Ouest"),
    ("Agence Metz", "Est"),
    ("Agence Montpellier", "Sud-Ouest"),
    ("Agence Nice", "Sud-Est"),
    ("Agence Orléans", "Île-de-France"),
    ("Agence Paris Nord", "Île-de-France"),
    ("Agence Paris Sud", "Île-de-France"),
    ("Agence Reims", "Est"),
    ("Agence Caen", "Nord"),
    ("Agence Limoges", "Sud-Ouest"),
    ("Agence Angers", "Ouest"),
    ("Agence Brest", "Ouest"),
    ("Agence Pau", "Sud-Ouest"),
    ("Agence Annecy", "Sud-Est"),
    ("Agence Besançon", "Est"),
    ("Agence Amiens", "Nord"),
    ("Ventes Export", ""),
    ("Agence Clermont-Ferrand", "Sud-Est"),
    ("Agence Poitiers", "Ouest"),
    ("Agence Le Mans", "Ouest"),
    ("Agence Valence", "Sud-Est"),
    ("Agence Nancy", "Est"),
    ("Agence Mulhouse", "Est"),
    ("Agence Saint-Étienne", "Sud-Est"),
    ("Agence Toulon", "Sud-Est"),
    ("Agence La Rochelle", "Ouest"),
    ("Agence Bayonne", "Sud-Ouest"),
    ("Agence Versailles", "Île-de-France"),
)
REGIONS = ("Nord", "Est", "Ouest", "Sud-Est", "Sud-Ouest", "Île-de-France")
PLANTS = ("Usine de Roanne", "Usine de Vierzon", "Usine de Cholet", "Usine de Montbéliard")
WORKSHOPS = (
    "atelier usinage",
    "ligne d'assemblage",
    "contrôle qualité",
    "maintenance",
    "méthodes et industrialisation",
    "atelier peinture",
    "atelier soudure",
    "ordonnancement",
    "ligne de conditionnement",
    "équipe de nuit",
    "magasin pièces",
    "atelier tôlerie",
)
TEAMS: dict[str, tuple[str, ...]] = {
    "logistics": (
        "Entrepôt de Mâcon",
        "Transport",
        "Entrepôt de Mâcon — préparation de commandes",
        "Entrepôt de Mâcon — expéditions",
        "Plateforme de Vénissieux",
        "Entrepôt de Mâcon — réception",
        "Transport — affrètement",
        "Plateforme de Vénissieux — préparation",
        "Gestion des stocks",
        "Plateforme de Vénissieux — quai et chargement",
    ),
    "support": (
        "Support client niveau 1",
        "Support client niveau 2",
        "SAV pièces détachées",
        "Hotline technique",
        "Interventions sur site",
        "Réclamations clients",
    ),
    "sales_admin": (
        "ADV Régions",
        "ADV Grands Comptes",
        "ADV Export",
        "Facturation clients",
        "Gestion des litiges",
        "ADV Nord",
        "ADV Sud",
    ),
    "marketing": (
        "Marketing produit",
        "Communication",
        "Marketing digital",
        "Études et veille",
        "Salons et événements",
    ),
    "hr": ("Paie et administration du personnel", "Recrutement et formation", "Relations sociales"),
    "finance": (
        "Comptabilité",
        "Contrôle de gestion",
        "Crédit client et recouvrement",
        "Trésorerie",
    ),
    "it": (
        "Applications métier (ERP)",
        "Infrastructure et postes",
        "Support utilisateurs",
        "Données et BI",
    ),
}
SITE_KIND = {
    "sales": "field",
    "production": "field",
    "logistics": "field",
    "support": "head_office",
    "sales_admin": "head_office",
    "marketing": "head_office",
    "hr": "head_office",
    "finance": "head_office",
    "it": "head_office",
}


@dataclass(frozen=True)
class Organization:
    """The units frame plus what the generator needs to know about each unit."""

    units: pd.DataFrame
    """unit_id, name, parent_id, function, site_kind (the interchange columns)."""
    is_team: np.ndarray
    """True for a team (a leaf); False for the direction générale, departments, regions, plants."""


def build_organization(n_units: int) -> Organization:
    """The company with exactly ``n_units`` units (``MIN_UNITS`` ≤ n ≤ ``MAX_UNITS``)."""
    if not MIN_UNITS <= n_units <= MAX_UNITS:
        raise ValueError(f"units must be between {MIN_UNITS} and {MAX_UNITS}, got {n_units}")
    free = n_units - 1 - len(DEPARTMENTS)
    n_regions, n_plants = _groups(_allocate(free))
    leaves = _allocate(free - n_regions - n_plants)
    rows: list[tuple[str, str, str, str, bool]] = []  # name, parent name, function, site, team
    rows.append(("Direction générale", "", "management", "head_office", False))
    for function, name, site in DEPARTMENTS:
        rows.append((name, "Direction générale", function, site, leaves[function] == 0))
    rows += _sales_rows(leaves["sales"], n_regions)
    rows += _production_rows(leaves["production"], n_plants)
    for function, _, _ in DEPARTMENTS:
        if function not in ("sales", "production"):
            parent = _department_name(function)
            for name in _team_names(TEAMS[function], leaves[function]):
                rows.append((name, parent, function, SITE_KIND[function], True))
    return _frame(rows)


def _allocate(n_leaves: int) -> dict[str, int]:
    """Largest-remainder split of ``n_leaves`` teams over the departments."""
    quotas = {f: LEAF_SHARE[f] * n_leaves for f in LEAF_SHARE}
    counts = {f: int(q) for f, q in quotas.items()}
    order = sorted(LEAF_SHARE, key=lambda f: (-(quotas[f] - counts[f]), -LEAF_SHARE[f]))
    for f in order[: n_leaves - sum(counts.values())]:
        counts[f] += 1
    return counts


def _groups(leaves: dict[str, int]) -> tuple[int, int]:
    """Regional directions and plants, once there are enough agencies and workshops."""
    n_regions = len(REGIONS) if leaves["sales"] >= 18 else 0
    n_plants = min(len(PLANTS), -(-leaves["production"] // 8)) if leaves["production"] >= 10 else 0
    return n_regions, n_plants


def _department_name(function: str) -> str:
    return next(name for f, name, _ in DEPARTMENTS if f == function)


def _team_names(base: tuple[str, ...], n: int, unit: str = "équipe") -> list[str]:
    """The first ``n`` names of ``base``, then numbered second and third teams."""
    names = [base[i % len(base)] for i in range(n)]
    return [
        name if i < len(base) else f"{name} — {unit} {i // len(base) + 1}"
        for i, name in enumerate(names)
    ]


def _sales_rows(n: int, n_regions: int) -> list[tuple[str, str, str, str, bool]]:
    rows: list[tuple[str, str, str, str, bool]] = []
    head = _department_name("sales")
    if n_regions:
        rows += [(f"Direction régionale {r}", head, "sales", "field", False) for r in REGIONS]
    names = _team_names(tuple(name for name, _ in SALES_TEAMS), n, "secteur")
    regions = dict(SALES_TEAMS)
    for name in names:
        region = regions[name.split(" — ")[0]]
        parent = f"Direction régionale {region}" if n_regions and region else head
        site = "field" if region else "mixed"
        rows.append((name, parent, "sales", site, True))
    return rows


def _production_rows(n: int, n_plants: int) -> list[tuple[str, str, str, str, bool]]:
    head = _department_name("production")
    rows = [(plant, head, "production", "field", False) for plant in PLANTS[:n_plants]]
    plants = PLANTS[: max(n_plants, 1)]
    per_plant = [len(range(p, n, len(plants))) for p in range(len(plants))]
    for p, plant in enumerate(plants):
        parent = plant if n_plants else head
        for workshop in _team_names(WORKSHOPS, per_plant[p]):
            rows.append((f"{plant} — {workshop}", parent, "production", "field", True))
    return rows


def _frame(rows: list[tuple[str, str, str, str, bool]]) -> Organization:
    width = 3 if len(rows) < 1000 else 4
    ids = [f"U{i + 1:0{width}d}" for i in range(len(rows))]
    id_of = {name: uid for uid, (name, *_rest) in zip(ids, rows, strict=True)}
    if len(id_of) != len(rows):
        raise ValueError("unit names must be unique")  # a bug in the tables above, not user input
    units = pd.DataFrame(
        {
            "unit_id": ids,
            "name": [r[0] for r in rows],
            "parent_id": [id_of.get(r[1]) for r in rows],
            "function": [r[2] for r in rows],
            "site_kind": [r[3] for r in rows],
        }
    )
    return Organization(units=units, is_team=np.array([r[4] for r in rows], dtype=bool))
