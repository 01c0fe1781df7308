"""Organizations generated independently of ``eclaire.core.sample``.

This generator exists to test the findings on data the project's own generator did not make. It
knows the instrument's codes and the responses file format (docs/formats.md, docs/conventions.md)
and what each lever is meant for in plain words, nothing of how the rules decide. Its response
model differs on purpose from the sample generator's:

- every answer comes from a latent continuous score cut by item-specific thresholds (a graded,
  ordinal-probit model), not from a rounded normal around a target mean; the items the
  instrument words the other way round (CR3, CP3 … PA3, EX_LOST) are answered on the other side;
- a score is the sum of an organization level, a unit effect, a person effect shared across
  dimensions, a person-by-dimension effect and item noise;
- people answer with response styles: acquiescence (a shift on every agree/disagree item), extreme
  responding (a stretch away from the middle) and midpoint responding (a shrink towards it);
- each person skips 5 to 15 % of the items at random, and about one in twelve drops out part way;
- teams have between 4 and 60 respondents, department heads a handful of direct respondents;
- priorities are ranked by a Plackett-Luce draw around the unit's consensus, some people rank only
  their top three;
- key messages are written by hand-made templates in the way people type (abbreviations, missing
  accents, numbers glued to their units).

``kind`` chooses the organization: ``planted`` has one problem of each kind below on distinct units
and one or more coherent units; ``coherent`` is a healthy organization where every unit is coherent;
``null`` has no effect anywhere (every unit, every function and every manager drawn from one model).

Planted problems and the lever a coach would expect (``truth["problems"]``):

- ``low_trust`` (team coaching of the unit): the team's trust is low and shared;
- ``meetings_without_decisions`` (team coaching): most of the team say meetings often end with no
  decision;
- ``diverging_priorities`` (team coaching): the members of one single-function team rank the
  priorities in unrelated orders;
- ``manager_self_gap`` (individual coaching of the unit's manager): the manager sees clarity far
  higher than the team does;
- ``broken_interface`` (mediation between two units): the two units rate their link badly both ways;
- ``message_contradiction`` (mediation between two units): the two units state incompatible delivery
  promises to customers.

A planted problem that no analysis at the anonymity threshold can see carries
``"undetectable": {"reason", ...}`` (a contradiction one side of which fewer than k members
state); scores count it apart and report it, they do not drop it silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

CLARITY = ("CR", "CP", "CC", "CE", "CN")
PILLARS = ("PT", "PS", "PA")
SYMPTOMS = (
    "SY_MEETINGS",
    "SY_PRIORITIES",
    "SY_INFO",
    "SY_DECISIONS",
    "SY_ONBOARDING",
    "SY_MISUNDERSTANDINGS",
    "SY_COMPENSATION",
)
EXTERNAL = ("EX_CONSISTENT", "EX_PROMISES", "EX_LOST")
INTERFACE_ITEMS = ("IF_CONSTRAINTS", "IF_INFO", "IF_PRIORITIES", "IF_TRUST", "IF_COMMITMENTS")
PRIORITIES = (
    "customer_satisfaction",
    "revenue_growth",
    "margin",
    "quality",
    "on_time_delivery",
    "new_customers",
)
DIMENSION_ITEMS = {code: tuple(f"{code}{i}" for i in (1, 2, 3)) for code in CLARITY + PILLARS}
KINDS = ("planted", "coherent", "null")
ANONYMITY_K = 5
"""The anonymity threshold the results are analysed at (tests/core/levers_independent.py)."""
PROBLEM_LEVERS = {
    "low_trust": "team_coaching",
    "meetings_without_decisions": "team_coaching",
    "diverging_priorities": "team_coaching",
    "manager_self_gap": "individual_coaching",
    "broken_interface": "mediation",
    "message_contradiction": "mediation",
}

# Departments in the order they are built: (id, name, function, site_kind, team names).
_DEPARTMENTS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    (
        "com",
        "Pôle commercial",
        "sales",
        "mixed",
        (
            "Secteur Rhône-Alpes",
            "Secteur Ouest",
            "Secteur Île-de-France",
            "Comptes clés",
            "Secteur Sud-Est",
            "Secteur Nord",
        ),
    ),
    (
        "adv",
        "Service ADV",
        "sales_admin",
        "head_office",
        ("ADV export", "ADV France", "ADV grands comptes"),
    ),
    (
        "sav",
        "Service clients",
        "support",
        "head_office",
        ("Hotline niveau 1", "Hotline niveau 2", "Retours et litiges"),
    ),
    (
        "fab",
        "Site de fabrication",
        "production",
        "field",
        ("Atelier usinage", "Atelier montage", "Contrôle qualité", "Équipe de nuit", "Maintenance"),
    ),
    (
        "log",
        "Plateforme logistique",
        "logistics",
        "field",
        ("Quai expéditions", "Réception", "Transport", "Stock et inventaires"),
    ),
    (
        "mkt",
        "Communication & marketing",
        "marketing",
        "head_office",
        ("Marketing produit", "Web et digital"),
    ),
    ("rh", "Ressources humaines", "hr", "head_office", ("Paie", "Recrutement")),
    ("fin", "Comptabilité", "finance", "head_office", ("Contrôle de gestion", "Recouvrement")),
)
# Directed links people actually work on: which functions each function rates.
_PARTNERS = {
    "sales": ("sales_admin", "support", "logistics", "marketing", "production"),
    "sales_admin": ("sales", "logistics", "production", "finance"),
    "support": ("sales", "sales_admin", "logistics", "production"),
    "production": ("logistics", "sales_admin", "sales"),
    "logistics": ("sales_admin", "production", "sales", "support"),
    "marketing": ("sales", "production"),
    "hr": ("management", "sales"),
    "finance": ("sales_admin", "sales"),
    "management": ("sales", "production", "finance"),
}
# Consensus priority weights per function (a coherent organization still has functions that care
# about different things; what matters is agreement within a team).
_FUNCTION_PRIORITIES = {
    "sales": (1.0, 1.6, 0.4, 0.2, 0.3, 1.3),
    "sales_admin": (1.4, 0.2, 0.5, 0.6, 1.5, 0.1),
    "support": (1.8, 0.0, 0.1, 1.0, 0.9, 0.2),
    "production": (0.6, 0.0, 0.7, 1.8, 1.2, 0.0),
    "logistics": (0.8, 0.0, 0.3, 0.8, 1.9, 0.0),
    "marketing": (1.0, 1.2, 0.3, 0.5, 0.1, 1.7),
    "hr": (1.0, 0.5, 0.4, 0.9, 0.3, 0.3),
    "finance": (0.4, 1.0, 1.9, 0.3, 0.3, 0.5),
    "management": (1.2, 1.0, 1.3, 0.8, 0.7, 0.7),
}

_PROMISE_FAST = (
    "livraison en 48h",
    "Livraison sous 48 h chrono",
    "on livre en 2 jours max",
    "48h pour livrer le client",
    "livraison 48h partout en france",
    "Expédition et livraison en 48 heures",
    "livré en 48h sinon on appelle le client",
)
_PROMISE_SLOW = (
    "livraison sous 5 jours ouvrés",
    "5j ouvrés pour livrer",
    "Délai de livraison : une semaine",
    "on compte 5 jours ouvres en general",
    "livraison en 5 jours ouvrés, pas avant",
    "une semaine entre la commande et la livraison",
)
_PROMISE_OTHER = (
    "Être à l'écoute du client",
    "la qualité avant tout",
    "répondre vite aux demandes",
    "un interlocuteur unique pour chaque client",
    "des produits fiables",
    "tenir nos engagements",
)
_NONNEGOTIABLE = (
    "la sécurité sur le site",
    "pas de remise sans validation du chef des ventes",
    "respect des process qualité",
    "aucune commande sans bon signé",
    "la securite des personnes",
)


@dataclass(frozen=True)
class Generated:
    """One generated organization: the units and responses files and what was planted."""

    units: pd.DataFrame
    responses: pd.DataFrame
    truth: dict[str, Any]
    declared_priorities: tuple[str, ...] = PRIORITIES


@dataclass
class _Unit:
    unit_id: str
    name: str
    parent_id: str | None
    function: str
    site_kind: str
    size: int
    effects: dict[str, float] = field(default_factory=dict)


def generate(seed: int, *, units: int = 12, kind: str = "planted") -> Generated:
    """An organization of about ``units`` units (at least 10) of the given ``kind``."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if units < 10:
        raise ValueError("units must be at least 10")
    rng = np.random.default_rng([seed, units, KINDS.index(kind)])
    tree = _build_tree(rng, units)
    truth: dict[str, Any] = {"generator": "independent", "seed": seed, "kind": kind}
    plan = _plant(rng, tree, kind)
    truth["problems"] = plan["problems"]
    truth["coherent_units"] = plan["coherent_units"]
    plan["closeness"] = _closeness(rng, tree, plan)
    rows = []
    for unit in tree:
        rows.extend(_unit_rows(rng, unit, tree, plan, kind))
    responses = pd.DataFrame(rows)
    responses = _order_columns(responses, tree)
    units_frame = pd.DataFrame(
        {
            "unit_id": [u.unit_id for u in tree],
            "name": [u.name for u in tree],
            "parent_id": [u.parent_id if u.parent_id else np.nan for u in tree],
            "function": [u.function for u in tree],
            "site_kind": [u.site_kind for u in tree],
        }
    )
    truth["respondents"] = int((~responses["self"]).sum())
    _mark_undetectable(truth["problems"], responses, plan)
    return Generated(units=units_frame, responses=responses, truth=truth)


def _mark_undetectable(
    problems: list[dict[str, Any]], responses: pd.DataFrame, plan: dict[str, Any]
) -> None:
    """Mark a planted contradiction "undetectable by design" when, in the drawn answers, fewer
    than :data:`ANONYMITY_K` members of a side wrote the side's delivery promise: a result
    cannot show a commitment stated by fewer than k people (the anonymity threshold), so no
    rule can see it. Counted apart, never hidden (docs/levers.md, "What one wave can detect").
    Draws nothing: the data are the same with or without the mark."""
    pair = plan["pairs"].get("message_contradiction")
    if not pair or "text:MSG_PROMISE" not in responses:
        return
    members = responses[~responses["self"].astype(bool)]
    stating = [
        int(members.loc[members["unit_id"] == unit, "text:MSG_PROMISE"].isin(pool).sum())
        for unit, pool in zip(pair, (_PROMISE_FAST, _PROMISE_SLOW), strict=True)
    ]
    if min(stating) >= ANONYMITY_K:
        return
    for problem in problems:
        if problem["kind"] == "message_contradiction":
            problem["undetectable"] = {
                "reason": "fewer than k members of a side state its promise",
                "stating": stating,
                "k": ANONYMITY_K,
            }


def _build_tree(rng: np.random.Generator, count: int) -> list[_Unit]:
    root = _Unit(
        "dg", "Direction générale", None, "management", "head_office", int(rng.integers(2, 6))
    )
    tree = [root]
    budget = count - 1
    departments = list(_DEPARTMENTS)
    teams_left = {d[0]: list(d[4]) for d in departments}
    # Departments first, then teams round robin until the count is reached.
    for dep_id, name, function, site, _teams in departments:
        if budget == 0:
            break
        tree.append(_Unit(dep_id, name, "dg", function, site, 0))
        budget -= 1
    shown = {u.unit_id for u in tree}
    while budget > 0:
        added = False
        for dep_id, _name, function, site, _teams in departments:
            if budget == 0 or dep_id not in shown or not teams_left[dep_id]:
                continue
            team = teams_left[dep_id].pop(0)
            team_id = f"{dep_id}-{sum(1 for u in tree if u.parent_id == dep_id) + 1}"
            team_site = "field" if function == "sales" and "Comptes" not in team else site
            tree.append(_Unit(team_id, team, dep_id, function, team_site, 0))
            budget -= 1
            added = True
        if not added:
            break
    parents = {u.parent_id for u in tree}
    for unit in tree[1:]:
        if unit.unit_id in parents:
            unit.size = int(rng.integers(1, 6))  # department head and assistants
        else:
            unit.size = int(np.clip(np.round(rng.lognormal(np.log(14), 0.6)), 4, 60))
    return tree


def _leaves(tree: list[_Unit], min_size: int) -> list[_Unit]:
    parents = {u.parent_id for u in tree}
    return [u for u in tree if u.unit_id not in parents and u.size >= min_size]


def _plant(rng: np.random.Generator, tree: list[_Unit], kind: str) -> dict[str, Any]:
    if kind != "planted":
        coherent = [u.unit_id for u in tree] if kind == "coherent" else []
        return {"problems": [], "coherent_units": coherent, "by_unit": {}, "pairs": {}}
    candidates = _leaves(tree, 8)
    rng.shuffle(candidates)  # type: ignore[arg-type]
    problems: list[dict[str, Any]] = []
    by_unit: dict[str, str] = {}
    pairs: dict[str, tuple[str, str]] = {}
    taken: set[str] = set()

    def take(pred: Any) -> _Unit | None:
        for unit in candidates:
            if unit.unit_id not in taken and pred(unit):
                taken.add(unit.unit_id)
                return unit
        return None

    # Mediation problems between units of different functions that work together.
    front = ("sales", "sales_admin")
    for problem, back in (
        ("broken_interface", ("support", "logistics")),
        ("message_contradiction", ("logistics", "production")),
    ):
        a = take(lambda u: u.function in front)
        b = take(lambda u, f=back: u.function in f)
        if a is None or b is None:
            continue
        pairs[problem] = (a.unit_id, b.unit_id)
        problems.append(
            {"kind": problem, "lever": PROBLEM_LEVERS[problem], "units": [a.unit_id, b.unit_id]}
        )
    for problem in (
        "low_trust",
        "meetings_without_decisions",
        "diverging_priorities",
        "manager_self_gap",
    ):
        unit = take(lambda u: True)
        if unit is not None:
            by_unit[unit.unit_id] = problem
            problems.append(
                {"kind": problem, "lever": PROBLEM_LEVERS[problem], "unit": unit.unit_id}
            )
    coherent = [u.unit_id for u in candidates if u.unit_id not in taken][:2]
    return {"problems": problems, "coherent_units": coherent, "by_unit": by_unit, "pairs": pairs}


def _closeness(
    rng: np.random.Generator, tree: list[_Unit], plan: dict[str, Any]
) -> dict[tuple[str, str], float]:
    """How much each unit works with each other unit (the weight of picking it to rate)."""
    pairs = {frozenset(p) for p in plan["pairs"].values()}
    out = {}
    for a in tree:
        for b in tree:
            close = frozenset((a.unit_id, b.unit_id)) in pairs
            out[(a.unit_id, b.unit_id)] = 12.0 if close else float(rng.lognormal(0, 0.8))
    return out


def _unit_levels(
    unit: _Unit, plan: dict[str, Any], kind: str, rng: np.random.Generator
) -> dict[str, float]:
    """Latent unit effects per dimension code, symptom and external item."""
    codes = CLARITY + PILLARS
    if kind == "null":
        levels = dict.fromkeys(codes, 0.3)
        levels.update(dict.fromkeys(SYMPTOMS, -0.2))
        levels.update(dict.fromkeys(EXTERNAL, 0.3))
        return levels
    base = 0.9 if kind == "coherent" or unit.unit_id in plan["coherent_units"] else 0.45
    spread = 0.12 if kind == "coherent" else 0.25
    levels = {c: base + rng.normal(0, spread) for c in codes}
    levels.update({s: -0.5 - (base - 0.45) + rng.normal(0, spread) for s in SYMPTOMS})
    levels.update({e: base + rng.normal(0, spread) for e in EXTERNAL})
    problem = plan["by_unit"].get(unit.unit_id)
    if problem == "low_trust":
        levels["PT"] = -1.9
    elif problem == "meetings_without_decisions":
        levels["SY_MEETINGS"] = 0.8
    elif problem == "manager_self_gap":
        for c in CLARITY:
            levels[c] -= 0.6
    return levels


def _answer(
    rng: np.random.Generator, latent: np.ndarray, style: dict[str, float], reverse: bool = False
) -> np.ndarray:
    """Five-point answers from latent scores: style, noise, then fixed thresholds."""
    z = latent + style["acquiescence"] * (-1 if reverse else 1)
    z = z * style["stretch"] + rng.normal(0, 0.75, size=latent.shape)
    cuts = np.array([-1.6, -0.6, 0.35, 1.4]) + style["cut_jitter"]
    return (np.searchsorted(cuts, z) + 1).astype(float)


def _dimension_answers(
    rng: np.random.Generator, code: str, level: float, style: dict[str, float]
) -> dict[str, float]:
    """The three items of a dimension; the third is worded the other way round (reverse-keyed
    in the instrument: agreeing with it means less of the dimension), so it is answered on the
    opposite side and acquiescence pushes it up like the others."""
    first, second, third = DIMENSION_ITEMS[code]
    straight = _answer(rng, np.full(2, level), style)
    reverse = 6.0 - _answer(rng, np.array([level]), style, reverse=True)[0]
    return {first: straight[0], second: straight[1], third: reverse}


def _person_style(rng: np.random.Generator) -> dict[str, float]:
    roll = rng.random()
    stretch = 1.6 if roll < 0.12 else (0.45 if roll < 0.22 else 1.0)
    return {
        "acquiescence": rng.normal(0.15, 0.3),
        "stretch": stretch,
        "cut_jitter": rng.normal(0, 0.1),
    }


def _segments(rng: np.random.Generator, unit: _Unit) -> dict[str, Any]:
    tenure = rng.choice(
        ["lt6m", "6to12m", "1to3y", "3to10y", "gt10y"], p=[0.12, 0.1, 0.25, 0.33, 0.2]
    )
    young = unit.function in ("sales", "production", "logistics")
    contract = rng.choice(
        ["permanent", "fixed_term", "apprentice", "intern", "temp"],
        p=[0.72, 0.08, 0.12, 0.03, 0.05] if young else [0.86, 0.07, 0.04, 0.03, 0.0],
    )
    facing = unit.function in ("sales", "sales_admin", "support") or rng.random() < 0.1
    return {
        "role": "member",
        "tenure_band": tenure if rng.random() > 0.04 else np.nan,
        "contract": contract,
        "customer_facing": "yes" if facing else "no",
    }


def _unit_rows(
    rng: np.random.Generator, unit: _Unit, tree: list[_Unit], plan: dict[str, Any], kind: str
) -> list[dict[str, Any]]:
    levels = _unit_levels(unit, plan, kind, rng)
    problem = plan["by_unit"].get(unit.unit_id)
    agreement = 0.3 if problem == "low_trust" else 0.55
    rows = []
    for _ in range(unit.size):
        row: dict[str, Any] = {"unit_id": unit.unit_id, **_segments(rng, unit), "self": False}
        style = _person_style(rng)
        person = rng.normal(0, agreement)
        for code in CLARITY + PILLARS:
            level = levels[code] + person + rng.normal(0, 0.35)
            row.update(_dimension_answers(rng, code, level, style))
        clarity = np.mean([levels[c] for c in CLARITY]) + person
        for item in SYMPTOMS:
            latent = np.array([levels[item] - 0.5 * (clarity - 0.45) + rng.normal(0, 0.45)])
            row[item] = _answer(rng, latent, {**style, "acquiescence": 0.0})[0]
        for item in EXTERNAL:
            latent = np.array([levels[item] + person * 0.5])
            value = _answer(rng, latent, style, reverse=item == "EX_LOST")[0]
            row[item] = 6.0 - value if item == "EX_LOST" else value
        row.update(_interface_answers(rng, unit, tree, plan, style, kind))
        row.update(_ranks(rng, unit, problem, kind))
        row.update(_texts(rng, unit, plan, kind))
        rows.append(_with_missing(rng, row))
    if unit.size >= 4:
        rows.append(_self_row(rng, unit, levels, problem, kind))
    return rows


def _interface_answers(
    rng: np.random.Generator,
    unit: _Unit,
    tree: list[_Unit],
    plan: dict[str, Any],
    style: dict[str, float],
    kind: str,
) -> dict[str, float]:
    partners = [
        u
        for u in tree
        if u.function in _PARTNERS.get(unit.function, ())
        and u.unit_id != unit.unit_id
        and u.size >= 4
    ]
    if not partners or rng.random() < 0.15:
        return {}
    broken = plan["pairs"].get("broken_interface")
    weights = np.array([plan["closeness"][(unit.unit_id, u.unit_id)] for u in partners])
    count = min(len(partners), int(rng.integers(1, 5)))
    chosen = list(rng.choice(len(partners), size=count, replace=False, p=weights / weights.sum()))
    out: dict[str, float] = {}
    for index in chosen:
        to = partners[index]
        level = 0.3 if kind == "null" else 0.55
        if broken and {unit.unit_id, to.unit_id} == set(broken):
            level = -1.7
        latent = np.full(len(INTERFACE_ITEMS), level + rng.normal(0, 0.5))
        answers = _answer(rng, latent, style)
        for item, value in zip(INTERFACE_ITEMS, answers, strict=True):
            out[f"if:{to.unit_id}:{item}"] = value
    return out


def _ranks(
    rng: np.random.Generator, unit: _Unit, problem: str | None, kind: str
) -> dict[str, float]:
    if rng.random() < 0.1:
        return {}
    if kind == "null":
        weights = np.full(len(PRIORITIES), 0.9) + np.arange(len(PRIORITIES))[::-1] * 0.25
    else:
        weights = (
            np.array(_FUNCTION_PRIORITIES.get(unit.function, _FUNCTION_PRIORITIES["management"]))
            * 1.8
        )
    if problem == "diverging_priorities":
        weights = rng.normal(0, 1.5, size=len(PRIORITIES))  # each person their own order
    gumbel = rng.gumbel(size=len(PRIORITIES))
    order = np.argsort(-(weights + gumbel))
    depth = 3 if rng.random() < 0.25 else len(PRIORITIES)
    return {f"rank:{PRIORITIES[i]}": float(rank + 1) for rank, i in enumerate(order[:depth])}


def _texts(
    rng: np.random.Generator, unit: _Unit, plan: dict[str, Any], kind: str
) -> dict[str, str]:
    out: dict[str, str] = {}
    contradiction = plan["pairs"].get("message_contradiction")
    if rng.random() < 0.55:
        if contradiction and unit.unit_id in contradiction:
            # The two sides of the pair each state their own delivery promise; in a planted
            # organization nobody else speaks of delivery times, so the pair is the contradiction.
            pool = _PROMISE_FAST if unit.unit_id == contradiction[0] else _PROMISE_SLOW
            out["text:MSG_PROMISE"] = str(
                rng.choice(pool if rng.random() < 0.85 else _PROMISE_OTHER)
            )
        elif kind != "planted" and rng.random() < 0.6:
            out["text:MSG_PROMISE"] = str(rng.choice(_PROMISE_FAST))
        else:
            out["text:MSG_PROMISE"] = str(rng.choice(_PROMISE_OTHER))
    if rng.random() < 0.35:
        out["text:MSG_NONNEGOTIABLE"] = str(rng.choice(_NONNEGOTIABLE))
    return out


def _with_missing(rng: np.random.Generator, row: dict[str, Any]) -> dict[str, Any]:
    answers = [
        k
        for k in row
        if k not in ("unit_id", "role", "tenure_band", "contract", "customer_facing", "self")
    ]
    rate = rng.uniform(0.05, 0.15)
    for key in answers:
        if rng.random() < rate:
            row[key] = np.nan
    if rng.random() < 0.08:  # drop-out part way: everything after a point is missing
        cut = int(rng.integers(len(answers) // 3, len(answers)))
        for key in answers[cut:]:
            row[key] = np.nan
    return row


def _self_row(
    rng: np.random.Generator, unit: _Unit, levels: dict[str, float], problem: str | None, kind: str
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "unit_id": unit.unit_id,
        "role": "manager",
        "tenure_band": "3to10y",
        "contract": "permanent",
        "customer_facing": "no",
        "self": True,
    }
    style = _person_style(rng)
    optimism = 0.0 if kind == "null" else 0.25
    for code in CLARITY + PILLARS:
        level = levels[code] + optimism + rng.normal(0, 0.55)
        if problem == "manager_self_gap" and code in CLARITY:
            level = 2.6
        row.update(_dimension_answers(rng, code, level, style))
    return row


def _order_columns(frame: pd.DataFrame, tree: list[_Unit]) -> pd.DataFrame:
    segments = ["unit_id", "role", "tenure_band", "contract", "customer_facing", "self"]
    items = (
        [i for c in CLARITY + PILLARS for i in DIMENSION_ITEMS[c]] + list(SYMPTOMS) + list(EXTERNAL)
    )
    interfaces = [f"if:{u.unit_id}:{i}" for u in tree for i in INTERFACE_ITEMS]
    ranks = [f"rank:{p}" for p in PRIORITIES]
    texts = ["text:MSG_PROMISE", "text:MSG_NONNEGOTIABLE"]
    for column in items + interfaces + ranks:
        if column not in frame:
            frame[column] = np.nan
    for column in texts:
        if column not in frame:
            frame[column] = pd.Series(np.nan, index=frame.index, dtype=object)
    interfaces = [c for c in interfaces if frame[c].notna().any()]
    ordered = frame[segments + items + interfaces + ranks + texts].copy()
    ordered["self"] = ordered["self"].astype(bool)
    for column in items + interfaces + ranks:
        ordered[column] = ordered[column].astype(float)
    return ordered.reset_index(drop=True)
