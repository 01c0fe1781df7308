"""Small results for the reader's tests: an organization of three units (185, 58 and 17 people)."""

from __future__ import annotations

from typing import Any

DIMS = [
    {
        "code": "clarity.priorities",
        "family": "clarity",
        "name": {"fr": "Priorités", "en": "Priorities"},
    },
    {"code": "pillar.trust", "family": "pillar", "name": {"fr": "Confiance", "en": "Trust"}},
]


def cell(mean: float, n: int, half: float) -> dict[str, Any]:
    return {"n": n, "mean": mean, "sd": 0.8, "ci95": [mean - half, mean + half]}


def small_result(**sections: Any) -> dict[str, Any]:
    """A small organization: the top (185 people), Agence Nantes (17), Direction commerciale (58)."""
    units = {
        "ORG": {
            "n": 185,
            "suppressed": False,
            "scores": {
                "clarity.priorities": cell(3.4, 185, 0.1),
                "pillar.trust": cell(3.6, 185, 0.1),
            },
        },
        "NAN": {
            "n": 17,
            "suppressed": False,
            "scores": {
                "clarity.priorities": cell(2.8, 17, 0.3),
                "pillar.trust": cell(3.0, 17, 0.3),
            },
        },
        "DCO": {
            "n": 58,
            "suppressed": False,
            "scores": {
                "clarity.priorities": cell(3.6, 58, 0.2),
                "pillar.trust": cell(3.5, 58, 0.2),
            },
        },
    }
    return {
        "min_group": 5,
        "n_responses": 185,
        "dimensions": DIMS,
        "tree": [
            {"unit_id": "ORG", "name": "Direction générale", "parent_id": None, "depth": 0},
            {"unit_id": "DCO", "name": "Direction commerciale", "parent_id": "ORG", "depth": 1},
            {"unit_id": "NAN", "name": "Agence Nantes", "parent_id": "DCO", "depth": 2},
        ],
        "units": units,
        **sections,
    }


def manager_gap(unit: str, gap: float, n: int, half: float, small: bool) -> dict[str, Any]:
    team = 3.0
    return {
        "unit_id": unit,
        "dimension": "clarity.priorities",
        "manager": team + gap,
        "team": team,
        "team_ci95": [team - half, team + half],
        "n_team": n,
        "gap": gap,
        "outside_team_ci": True,
        "team_pi95": [team - 1.0, team + 1.0],
        "outside_team_pi95": gap > 1.0,
        "p_above": 0.001 if gap > 1.0 else 0.2,
        "small_sample": small,
    }
